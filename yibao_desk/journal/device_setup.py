"""The intake service's device part: this PC's device number, region and window, and the services it offers."""

from __future__ import annotations

from sqlalchemy import select

from yibao_desk.domain.catalog import Region, Service
from yibao_desk.journal.case_number import DEVICE_ID
from yibao_desk.journal.events import append
from yibao_desk.journal.models import Device
from yibao_desk.journal.service_base import DeviceInfo, IntakeError, ServiceBase


class DeviceSetup(ServiceBase):
    def device(self) -> DeviceInfo | None:
        with self.journal.read() as s:
            d = s.scalars(select(Device)).first()
            return DeviceInfo(d.id, d.region, d.window) if d else None

    def setup_device(self, device_id: str, region_id: str, window: str) -> DeviceInfo:
        device_id = device_id.strip().upper()
        if not DEVICE_ID.match(device_id):
            raise IntakeError("设备编号应为 1-8 位大写字母或数字，例如 W03")
        if region_id not in self.catalog.regions:
            raise IntakeError(f"未知的地区 {region_id!r}；可用：{'、'.join(self.catalog.regions)}")
        if not window.strip():
            raise IntakeError("请填写窗口名称")
        with self.journal.write() as s:
            existing = s.scalars(select(Device)).first()
            if existing is not None and existing.id != device_id:
                raise IntakeError(f"本日志已属于设备 {existing.id}，设备编号不能更改（否则办件编号会重复）")
            if existing is None:
                s.add(Device(id=device_id, region=region_id, window=window.strip(), created_utc=self._utc()))
                append(
                    s, device_id, "-", "device.setup", {"region": region_id, "window": window.strip()}, clock=self.clock
                )
            else:
                existing.region, existing.window = region_id, window.strip()
                append(
                    s,
                    device_id,
                    "-",
                    "device.changed",
                    {"region": region_id, "window": window.strip()},
                    clock=self.clock,
                )
        return DeviceInfo(device_id, region_id, window.strip())

    def region(self) -> Region:
        device = self.device()
        if device is None:
            raise IntakeError("本机尚未初始化：请先设置地区、窗口和设备编号（yibao-desk setup）")
        return self.catalog.region(device.region)

    def service(self, code: str) -> Service:
        region = self.region()
        try:
            return region.service(code)
        except KeyError:
            raise IntakeError(f"地区 {region.name} 没有事项编码 {code}") from None
