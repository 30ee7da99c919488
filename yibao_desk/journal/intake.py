"""The intake service: the one layer through which the GUI and the CLI act on cases.

Every call checks the staff member (active, role) and writes its events in one transaction. Verdicts come from
the domain's checklist engine; this layer only records them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yibao_desk.domain import serialize
from yibao_desk.domain.catalog import Catalog, Region, Service
from yibao_desk.domain.checklist import CheckInputError, MaterialState, Verdict, evaluate
from yibao_desk.domain.handover import handover_ways
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal import applicant as people
from yibao_desk.journal import staff as staff_mod
from yibao_desk.journal.case_number import DEVICE_ID, next_case_number, normalize
from yibao_desk.journal.db import Journal
from yibao_desk.journal.events import Clock, append, case_dict, event_dict, system_clock
from yibao_desk.journal.models import Case, Device, Event, Staff
from yibao_desk.journal.roles import PermissionDenied, allowed
from yibao_desk.journal.staff import Actor, AuthError

DELIVERY = {"pickup": "窗口领取", "mail": "邮寄"}
MAX_COPIES = 20


class IntakeError(Exception):
    """A case operation refused for a reason the clerk must see (wrong state, unknown case …)."""


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    region: str
    window: str


@dataclass(frozen=True)
class Decision:
    case_number: str
    verdict: Verdict
    warnings: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        out = serialize.verdict_dict(self.verdict)
        out["case_number"] = self.case_number
        out["warnings"] = list(dict.fromkeys([*out["warnings"], *self.warnings]))
        return out


def _states_json(states: Mapping[str, MaterialState]) -> dict[str, Any]:
    return {
        k: {
            "received": s.received,
            "original_checked": s.original_checked,
            "copies": s.copies,
            "stamped": s.stamped,
            "mistake": s.mistake,
        }
        for k, s in states.items()
    }


class IntakeService:
    def __init__(self, journal: Journal, catalog: Catalog, calendar: Calendar, clock: Clock = system_clock) -> None:
        self.journal = journal
        self.catalog = catalog
        self.calendar = calendar
        self.clock = clock

    # -- device and staff -------------------------------------------------------------------------------

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

    def has_supervisor(self) -> bool:
        with self.journal.read() as s:
            return bool(
                s.scalar(
                    select(func.count()).select_from(Staff).where(Staff.role == "supervisor", Staff.active.is_(True))
                )
            )

    def add_staff(self, by: str | None, staff_id: str, name: str, role: str, password: str) -> Actor:
        """Add an account. `by` must be an active supervisor, except for the very first supervisor."""
        staff_mod.check_new_staff(staff_id, name, role, password)
        pw_hash = staff_mod.hash_password(password)  # slow on purpose: outside the write transaction
        with self.journal.write() as s:
            device = self._device(s)
            first = not s.scalar(select(func.count()).select_from(Staff).where(Staff.role == "supervisor"))
            if by is None:
                if not first:
                    raise IntakeError("已有主管账号：新增工作人员需由主管操作（--by 主管工号）")
                if role != "supervisor":
                    raise IntakeError("第一个账号必须是主管（supervisor）")
                actor_id = staff_id
            else:
                actor_id = self._require(s, by, "staff.manage").staff_id
            if s.get(Staff, staff_id) is not None:
                raise IntakeError(f"工号 {staff_id} 已存在")
            s.add(
                Staff(
                    id=staff_id,
                    name=name.strip(),
                    role=role,
                    password_hash=pw_hash,
                    failed_logins=0,
                    active=True,
                    created_utc=self._utc(),
                )
            )
            s.flush()
            append(
                s,
                device.id,
                actor_id,
                "staff.added",
                {"staff_id": staff_id, "name": name.strip(), "role": role, "password_hash": pw_hash},
                clock=self.clock,
            )
        return Actor(staff_id, name.strip(), role)

    def set_staff_active(self, by: str, staff_id: str, active: bool) -> None:
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, by, "staff.manage")
            target = s.get(Staff, staff_id)
            if target is None:
                raise IntakeError(f"没有工号为 {staff_id} 的工作人员")
            if not active and target.id == actor.staff_id:
                raise IntakeError("不能停用自己的账号")
            target.active = active
            append(
                s,
                device.id,
                actor.staff_id,
                "staff.enabled" if active else "staff.disabled",
                {"staff_id": staff_id},
                clock=self.clock,
            )

    def unlock_staff(self, by: str, staff_id: str) -> None:
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, by, "staff.manage")
            target = s.get(Staff, staff_id)
            if target is None:
                raise IntakeError(f"没有工号为 {staff_id} 的工作人员")
            target.locked_until_utc, target.failed_logins = None, 0
            append(s, device.id, actor.staff_id, "staff.unlocked", {"staff_id": staff_id}, clock=self.clock)

    def login(self, staff_id: str, password: str) -> Actor:
        """Check the password. Failures are counted (and committed) even though the login is refused."""
        error: AuthError | None = None
        with self.journal.write(even_if_damaged=True) as s:  # a supervisor logs in to recover a damaged journal
            try:
                actor = staff_mod.authenticate(s, staff_id, password, self.clock().astimezone(dt.UTC))
            except AuthError as e:
                error = e
                staff = s.get(Staff, staff_id)
                device = s.scalars(select(Device)).first()
                just_locked = staff is not None and staff.failed_logins == 0 and bool(staff.locked_until_utc)
                if just_locked and device is not None and "已锁定" in str(e) and not self.journal.read_only:
                    until = staff.locked_until_utc if staff else None
                    append(
                        s, device.id, staff_id, "staff.locked", {"staff_id": staff_id, "until": until}, clock=self.clock
                    )
        if error is not None:
            raise error
        return actor

    def staff_list(self) -> list[dict[str, Any]]:
        with self.journal.read() as s:
            return [
                {
                    "id": st.id,
                    "name": st.name,
                    "role": st.role,
                    "active": st.active,
                    "locked_until": st.locked_until_utc,
                    "failed_logins": st.failed_logins,
                }
                for st in staff_mod.list_staff(s)
            ]

    def require_role(self, staff_id: str, action: str) -> Actor:
        with self.journal.read() as s:
            return self._require(s, staff_id, action)

    # -- cases ------------------------------------------------------------------------------------------

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

    def open_case(
        self,
        staff_id: str,
        service_code: str,
        applicant: Mapping[str, Any],
        agent: Mapping[str, Any] | None = None,
        unit: Mapping[str, Any] | None = None,
        answers: Mapping[str, str] | None = None,
        delivery: str = "pickup",
    ) -> tuple[str, list[str]]:
        service = self.service(service_code)
        warnings: list[str] = []
        payload = self._opening_payload(service, applicant, agent, unit, answers or {}, delivery, warnings)
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.open")
            number = self._open(s, device, actor, payload)
        return number, warnings

    def save_checklist(
        self, staff_id: str, case_number: str, answers: Mapping[str, str], states: Mapping[str, MaterialState]
    ) -> None:
        """Journal the draft state of the checklist, so that a crash loses nothing the clerk ticked."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.checklist")
            case = self._case(s, case_number, {"draft", "supplement"})
            service = self.catalog.region(case.region).service(case.service_code)
            self._evaluate(service, answers, states)  # refuses unknown ids before anything is written
            append(
                s,
                device.id,
                actor.staff_id,
                "case.checklist",
                {"answers": dict(answers), "materials": _states_json(states)},
                case.case_number,
                self.clock,
            )

    def decide(
        self,
        staff_id: str,
        case_number: str,
        answers: Mapping[str, str],
        states: Mapping[str, MaterialState],
        accepted_on: dt.date | None = None,
    ) -> Decision:
        """Record the domain's verdict: accepted (with due date), supplement (every problem) or rejected."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.decide")
            case = self._case(s, case_number, {"draft", "supplement"})
            service = self.catalog.region(case.region).service(case.service_code)
            verdict = self._evaluate(service, answers, states, accepted_on)
            self._record_verdict(s, device, actor, case.case_number, verdict, answers, states, case.delivery)
        return Decision(case_number, verdict, ())

    def reject(self, staff_id: str, case_number: str, reason: str) -> None:
        """不予受理 for a reason the clerk states (e.g. the request is outside this window's scope)."""
        if not reason.strip():
            raise IntakeError("请填写不予受理的理由")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.decide")
            case = self._case(s, case_number, {"draft", "supplement"})
            append(
                s,
                device.id,
                actor.staff_id,
                "case.rejected",
                {"verdict": {"verdict": "reject", "reject_reasons": [reason.strip()], "by_clerk": True}},
                case.case_number,
                self.clock,
            )

    def intake(
        self, staff_id: str, service_code: str, data: Mapping[str, Any], accepted_on: dt.date | None = None
    ) -> Decision:
        """Open a case and decide it in one transaction (the CLI's `intake`)."""
        service = self.service(service_code)
        if not isinstance(data, Mapping):
            raise IntakeError("输入应为 JSON 对象")
        try:
            answers, states = serialize.check_input({k: v for k, v in data.items() if k in ("answers", "materials")})
        except CheckInputError as e:
            raise IntakeError(str(e)) from None
        if "applicant" not in data:
            raise people.IntakeInputError("applicant", "缺少申请人信息（applicant）")
        warnings: list[str] = []
        payload = self._opening_payload(
            service,
            data["applicant"],
            data.get("agent"),
            data.get("unit"),
            answers,
            data.get("delivery", "pickup"),
            warnings,
        )
        verdict = self._evaluate(service, answers, states, accepted_on)
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.open")
            self._require(s, staff_id, "case.decide")
            number = self._open(s, device, actor, payload)
            self._record_verdict(s, device, actor, number, verdict, answers, states, payload["delivery"])
        return Decision(number, verdict, tuple(warnings))

    def record_print(self, staff_id: str, case_number: str, document: str, copies: int = 1, printer: str = "") -> None:
        if not 1 <= copies <= MAX_COPIES:
            raise IntakeError(f"打印份数应为 1 到 {MAX_COPIES}")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.print")
            case = self._case(s, case_number, {"draft", "accepted", "supplement", "rejected", "completed", "delivered"})
            append(
                s,
                device.id,
                actor.staff_id,
                "case.printed",
                {"document": document, "copies": copies, "printer": printer},
                case.case_number,
                self.clock,
            )

    def complete(self, staff_id: str, case_number: str, note: str = "") -> None:
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.complete")
            case = self._case(s, case_number, {"accepted"})
            append(s, device.id, actor.staff_id, "case.completed", {"note": note}, case.case_number, self.clock)

    def hand_over(self, staff_id: str, case_number: str, way: str, detail: Mapping[str, str] | None = None) -> None:
        """办理结果交付: record how the collector proved identity (seed 000 section 十)."""
        from yibao_desk.domain.serialize import text_problem

        detail = dict(detail or {})
        for key, value in detail.items():
            problem = text_problem(value, 50) if isinstance(value, str) else "应为文字"
            if problem or len(detail) > 8:
                raise IntakeError(f"交付信息 {key} {problem or '项目过多'}")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.deliver")
            case = self._case(s, case_number, {"completed"})
            ways = {w.id: w for w in handover_ways(self.catalog.region(case.region))}
            if way not in ways:
                raise IntakeError(f"交付方式应为：{'、'.join(f'{k}（{w.text}）' for k, w in ways.items())}")
            id_matches = normalize(detail.get("id_number", "")) == case.applicant_id_number
            phone_matches = "".join(detail.get("phone", "").split()) == case.applicant_phone.replace("-", "")
            if way == "sms-id-phone" and not (id_matches and phone_matches):
                raise IntakeError("领取人写出的身份证号或手机号码与申办时登记的不一致，不能现场发放")
            if way == "counterpart-guarantee" and not detail.get("guarantor", "").strip():
                raise IntakeError("请填写担保的对口窗口工作人员姓名（需其签字）")
            if way == "id-or-receipt" and not detail.get("collector", "").strip():
                raise IntakeError("请填写领取人姓名")
            append(
                s,
                device.id,
                actor.staff_id,
                "case.delivered",
                {"way": way, "text": ways[way].text, **detail},
                case.case_number,
                self.clock,
            )

    def void(self, staff_id: str, case_number: str, reason: str) -> None:
        if not reason.strip():
            raise IntakeError("请填写作废理由")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.void")
            case = self._case(s, case_number, {"draft", "accepted", "supplement", "rejected", "completed", "delivered"})
            append(
                s, device.id, actor.staff_id, "case.voided", {"reason": reason.strip()}, case.case_number, self.clock
            )

    def amend(
        self, staff_id: str, case_number: str, applicant: Mapping[str, Any] | None = None, delivery: str | None = None
    ) -> list[str]:
        warnings: list[str] = []
        payload: dict[str, Any] = {}
        if applicant is not None:
            payload["applicant"] = people.person(applicant, "applicant", warnings)
        if delivery is not None:
            if not isinstance(delivery, str) or delivery not in DELIVERY:
                raise IntakeError("结果交付方式应为 pickup（窗口领取）或 mail（邮寄）")
            payload["delivery"] = delivery
        if not payload:
            raise IntakeError("没有需要更正的内容")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.amend")
            case = self._case(s, case_number, {"draft", "accepted", "supplement", "completed"})
            append(s, device.id, actor.staff_id, "case.amended", payload, case.case_number, self.clock)
        return warnings

    # -- settings ---------------------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        from yibao_desk.journal import settings as settings_mod

        with self.journal.read() as s:
            return settings_mod.read_all(s)

    def change_setting(self, staff_id: str, key: str, value: Any) -> Any:
        from yibao_desk.journal import settings as settings_mod

        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "settings.change")
            stored = settings_mod.write(s, key, value)
            s.flush()
            append(s, device.id, actor.staff_id, "settings.changed", {"key": key, "value": stored}, clock=self.clock)
        return stored

    def record_export(self, staff_id: str | None, details: Mapping[str, Any]) -> None:
        """Journal a ledger export (who, when, what range, full IDs or not). No staff member: a masked export from
        the command line, journaled under the operating-system user."""
        import getpass

        if self.journal.read_only:
            return  # a damaged journal takes no new event; the export itself is what the supervisor needs
        with self.journal.write() as s:
            device = self._device(s)
            if staff_id is None:
                actor_id, extra = "-", {"os_user": getpass.getuser()}
            else:
                actor_id, extra = staff_mod.active_actor(s, staff_id).staff_id, {}
            append(s, device.id, actor_id, "ledger.exported", {**details, **extra}, clock=self.clock)

    def frequent_services(self, limit: int = 6) -> list[str]:
        """This window's most used services (for the picker's top rows)."""
        with self.journal.read() as s:
            rows = s.execute(
                select(Case.service_code, func.count())
                .group_by(Case.service_code)
                .order_by(func.count().desc())
                .limit(limit)
            )
            return [r[0] for r in rows]

    # -- reading ----------------------------------------------------------------------------------------

    def case(self, case_number: str) -> dict[str, Any]:
        with self.journal.read() as s:
            case = s.get(Case, normalize(case_number))
            if case is None:
                raise IntakeError(f"没有编号为 {case_number} 的办件")
            return case_dict(case)

    def case_events(self, case_number: str) -> list[dict[str, Any]]:
        with self.journal.read() as s:
            rows = s.scalars(select(Event).where(Event.case_number == normalize(case_number)).order_by(Event.seq))
            return [event_dict(e) for e in rows]

    def cases(
        self,
        day: dt.date | None = None,
        status: str | None = None,
        until: dt.date | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        with self.journal.read() as s:
            q = select(Case).order_by(Case.opened_local.desc())
            if day is not None:
                end = until or day
                q = q.where(
                    Case.opened_local >= day.isoformat(), Case.opened_local < (end + dt.timedelta(days=1)).isoformat()
                )
            if status:
                q = q.where(Case.status == status)
            if search:
                term = search.strip()
                q = q.where(
                    Case.case_number.contains(normalize(term))
                    | Case.applicant_id_number.contains(term.upper())
                    | Case.applicant_name.contains(term)
                )
            if limit:
                q = q.limit(limit)
            return [case_dict(c) for c in s.scalars(q)]

    # -- internals ----------------------------------------------------------------------------------------

    def _utc(self) -> str:
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    def _device(self, s: Session) -> Device:
        device = s.scalars(select(Device)).first()
        if device is None:
            raise IntakeError("本机尚未初始化：请先设置地区、窗口和设备编号（yibao-desk setup）")
        return device

    def _require(self, s: Session, staff_id: str, action: str) -> Actor:
        actor = staff_mod.active_actor(s, staff_id)
        if not allowed(actor.role, action):
            raise PermissionDenied(actor.staff_id, actor.role, action)
        return actor

    def _case(self, s: Session, case_number: str, statuses: set[str]) -> Case:
        case = s.get(Case, normalize(case_number))
        if case is None:
            raise IntakeError(f"没有编号为 {case_number} 的办件")
        if case.status not in statuses:
            from yibao_desk.journal.projection import STATUS_ZH

            raise IntakeError(
                f"办件 {case.case_number} 当前状态为“{STATUS_ZH.get(case.status, case.status)}”，不能进行此操作"
            )
        return case

    def _evaluate(
        self,
        service: Service,
        answers: Mapping[str, str],
        states: Mapping[str, MaterialState],
        accepted_on: dt.date | None = None,
    ) -> Verdict:
        try:
            return evaluate(service, answers, states, accepted_on or self.clock().date(), self.calendar)
        except CheckInputError as e:
            raise IntakeError(str(e)) from None

    def _opening_payload(
        self,
        service: Service,
        applicant: Any,
        agent: Any,
        unit: Any,
        answers: Mapping[str, str],
        delivery: str,
        warnings: list[str],
    ) -> dict[str, Any]:
        if not isinstance(delivery, str) or delivery not in DELIVERY:
            raise people.IntakeInputError("delivery", "结果交付方式应为 pickup（窗口领取）或 mail（邮寄）")
        self._evaluate(service, answers, {})  # unknown scenario or option: refused before anything is written
        region = self.region()
        return {
            "region": region.id,
            "service_code": service.code,
            "service_name": service.name,
            "applicant": people.person(applicant, "applicant", warnings),
            "agent": people.person(agent, "agent", warnings) if agent else None,
            "unit": people.unit(unit) if unit else None,
            "answers": dict(answers),
            "delivery": delivery,
        }

    def _open(self, s: Session, device: Device, actor: Actor, payload: dict[str, Any]) -> str:
        region = self.catalog.region(device.region)
        from yibao_desk.journal.checkpoint import read_stored

        stored, _ = read_stored(s.connection().connection.driver_connection.cursor())  # type: ignore[union-attr]
        floor = stored.last_case if stored else ""
        number = next_case_number(s, region.profile.case_prefix, device.id, self.clock().date(), floor)
        append(s, device.id, actor.staff_id, "case.opened", payload, number, self.clock)
        return number

    def _record_verdict(
        self,
        s: Session,
        device: Device,
        actor: Actor,
        number: str,
        verdict: Verdict,
        answers: Mapping[str, str],
        states: Mapping[str, MaterialState],
        delivery: str,
    ) -> None:
        kind = {"accept": "case.accepted", "supplement": "case.supplement", "reject": "case.rejected"}[verdict.verdict]
        vd = serialize.verdict_dict(verdict)
        append(
            s,
            device.id,
            actor.staff_id,
            kind,
            {
                "verdict": vd,
                "due_date": vd["due_date"],
                "answers": dict(answers),
                "materials": _states_json(states),
                "delivery": delivery,
            },
            number,
            self.clock,
        )


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None
