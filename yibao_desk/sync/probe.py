"""Try a sync target before saving it (设置 → 试连接): can this PC reach the centre with it, and is it the address the
centre made for this PC? Reads only; nothing is sent."""

from __future__ import annotations

import psycopg

from yibao_desk.sync.central import connect
from yibao_desk.sync.urls import SyncError, redact


def try_target(url: str, device: str) -> str:
    """What the clerk is told when the target works; SyncError (in Chinese) when it does not."""
    with connect(url) as conn:
        try:
            row = conn.execute("SELECT yibao.current_device()").fetchone()
        except psycopg.Error:
            raise SyncError(
                f"已连接 {redact(url)}，但该数据库不是医保窗口中心库（中心尚未执行 central init），或此地址无权同步"
            ) from None
    registered = str(row[0]) if row and row[0] else None
    if registered == device:
        return f"连接成功：{redact(url)} 是中心为本机（设备 {device}）生成的地址，可以同步"
    if registered is None:
        raise SyncError(
            f"已连接 {redact(url)}，但这不是某台设备的同步地址（可能是中心库所有者的地址）；"
            f"请使用中心用 central add-device {device} 为本机生成的地址"
        )
    raise SyncError(f"已连接 {redact(url)}，但该地址属于设备 {registered}，不是本机（设备 {device}）")
