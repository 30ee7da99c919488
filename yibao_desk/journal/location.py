"""Is the journal on a local disk? SQLite's WAL mode needs shared memory on a local file system: on a network
share it can corrupt the file, and a removable drive can vanish mid-write."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "davfs",
    "fuse.davfs2",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "fuse.rclone",
    "ncpfs",
}


def _linux_mount(path: Path) -> tuple[str, str, str] | None:
    """(device, mount point, fs type) of the mount holding `path`."""
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best: tuple[str, str, str] | None = None
    target = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        device, mount, fstype = parts[0], parts[1].replace("\\040", " "), parts[2]
        if (target == mount or target.startswith(mount.rstrip("/") + "/")) and (
            best is None or len(mount) > len(best[1])
        ):
            best = (device, mount, fstype)
    return best


def _linux_removable(device: str) -> bool:
    name = os.path.basename(os.path.realpath(device)) if device.startswith("/dev/") else ""
    if not name:
        return False
    sys_block = Path("/sys/class/block") / name
    for candidate in (sys_block, sys_block.parent if (sys_block / "partition").exists() else sys_block):
        try:
            real = candidate.resolve()
            disk = real.parent if (real / "partition").exists() else real
            if (disk / "removable").read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def storage_warning(db_path: Path) -> str | None:
    """A Chinese warning when the journal is on a network share or a removable drive; None when local."""
    path = db_path.resolve()
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(str(folder))[0]
        if drive.startswith("\\\\"):
            return _NETWORK.format(path=path)
        kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined]
        if kind == 4:
            return _NETWORK.format(path=path)
        if kind == 2:
            return _REMOVABLE.format(path=path)
        return None
    mount = _linux_mount(folder)
    if mount is None:
        return None
    device, mountpoint, fstype = mount
    if fstype in NETWORK_FS or device.startswith("//"):
        return _NETWORK.format(path=path)
    if mountpoint.startswith(("/media/", "/run/media/", "/mnt/usb")) or _linux_removable(device):
        return _REMOVABLE.format(path=path)
    return None


_NETWORK = (
    "办件日志 {path} 位于网络共享目录上。SQLite 的 WAL 模式只能在本机磁盘上安全使用，"
    "网络盘可能导致日志损坏、办件丢失。请将日志放到本机磁盘（默认位置），用备份功能把副本存到网络盘。"
)
_REMOVABLE = (
    "办件日志 {path} 位于可移动磁盘（U 盘、移动硬盘）上。拔出或断电时可能丢失正在写入的办件。"
    "请将日志放到本机磁盘（默认位置）；U 盘只用于备份和离线数据包。"
)
