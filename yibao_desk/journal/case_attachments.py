"""The intake service's 电子化处理 part (issue 17 §1): a scan or photo attached to one material of a case is stored
by its SHA-256 beside the journal and recorded by `attachment.added` (hash, size, kind, pages, material, case, where
it came from); `attachment.removed` takes a wrong one off. An identity document scanned for the applicant's earlier
case may be reused for a new one (「已有的历史资料经核对后可直接利用」) once the clerk has checked it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from yibao_desk.attachments.store import AttachmentStore, Stored, store_root
from yibao_desk.domain.attachment_rules import AttachmentRefused, attachment_rules
from yibao_desk.journal.case_number import normalize
from yibao_desk.journal.db import Journal
from yibao_desk.journal.events import append
from yibao_desk.journal.models import Case, Event
from yibao_desk.journal.service_base import IntakeError, ServiceBase

ATTACHABLE = frozenset({"draft", "accepted", "supplement", "rejected", "completed", "delivered"})
SOURCES = {"file": "选择文件", "folder": "扫描文件夹", "reuse": "利用历史资料"}
ATTACHMENT_EVENTS = ("attachment.added", "attachment.removed", "attachment.lost")


@dataclass(frozen=True)
class Attachment:
    sha256: str
    material: str
    size: int
    mime: str
    pages: int
    name: str
    source: str
    from_case: str
    utc: str
    staff_id: str
    lost: str = ""  # the reason a supervisor gave when the file could not be found again (`attachment.lost`)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def case_attachments(events: list[tuple[str, str, str, str]]) -> list[Attachment]:
    """The attachments a case holds now, from its (type, payload, utc, staff) attachment events in order."""
    held: dict[tuple[str, str], Attachment] = {}
    for kind, payload, utc, staff in events:
        p = json.loads(payload)
        key = (p.get("material", ""), p["sha256"])
        if kind == "attachment.added":
            held[key] = Attachment(
                p["sha256"],
                p["material"],
                int(p["size"]),
                p["mime"],
                int(p.get("pages", 1)),
                p.get("name", ""),
                p.get("source", "file"),
                p.get("from_case", ""),
                utc,
                staff,
            )
        elif kind == "attachment.removed":
            held.pop(key, None)
        elif kind == "attachment.lost":
            for k, a in held.items():
                if a.sha256 == p["sha256"]:
                    held[k] = replace(a, lost=str(p.get("reason", "")) or "已登记遗失")
    return list(held.values())


class CaseAttachments(ServiceBase):
    @property
    def attachment_store(self) -> AttachmentStore:
        return AttachmentStore(store_root(Path(self.journal.path)))

    def attach(self, staff_id: str, case_number: str, material_id: str, source: Path, how: str = "file") -> Attachment:
        """Store the file and record it on the case's material. `AttachmentRefused`/`IntakeError` say why not."""
        self._precheck(staff_id, case_number, material_id)
        stored = self.attachment_store.put_file(source)  # outside the write lock: the copy of a big scan
        return self._record(staff_id, case_number, material_id, stored, source.name, how, "")

    def attach_bytes(self, staff_id: str, case_number: str, material_id: str, data: bytes, name: str) -> Attachment:
        self._precheck(staff_id, case_number, material_id)
        stored = self.attachment_store.put_bytes(data, name)
        return self._record(staff_id, case_number, material_id, stored, name, "file", "")

    def _record(
        self, staff_id: str, case_number: str, material_id: str, stored: Stored, name: str, how: str, from_case: str
    ) -> Attachment:
        with self.journal.write() as s:
            device = self._device(s)
            actor, case = self._checked(s, staff_id, case_number, material_id)
            if any(a.sha256 == stored.sha256 for a in self._held(s, case.case_number) if a.material == material_id):
                raise IntakeError(f"这份文件已附加在该材料上（{name}），未重复附加")
            payload = {
                "material": material_id,
                "sha256": stored.sha256,
                "size": stored.size,
                "mime": stored.mime,
                "pages": stored.pages,
                "name": name[:120],
                "source": how,
                **({"from_case": from_case} if from_case else {}),
            }
            event = append(s, device.id, actor.staff_id, "attachment.added", payload, case.case_number, self.clock)
        return Attachment(
            stored.sha256,
            material_id,
            stored.size,
            stored.mime,
            stored.pages,
            name[:120],
            how,
            from_case,
            event["utc"],
            actor.staff_id,
        )

    def _precheck(self, staff_id: str, case_number: str, material_id: str) -> None:
        """Before a file is copied into the store: the same checks the write repeats (no orphan file for a case or
        a person that may not take it)."""
        with self.journal.read() as s:
            self._checked(s, staff_id, case_number, material_id)

    def _checked(self, s: Any, staff_id: str, case_number: str, material_id: str) -> tuple[Any, Case]:
        actor = self._require(s, staff_id, "case.attach")
        case = self._case(s, case_number, ATTACHABLE)
        self._check_open(case)
        region = self.catalog.region(case.region)
        if not region.profile.digitising:
            raise IntakeError(
                f"{region.name}的办事指南没有电子化处理（扫描材料）的要求，本地区不附加扫描件"
                "（如需使用，请在地区资料 profile.yaml 中设置 digitising: true）"
            )
        try:
            region.service(case.service_code).material(material_id)
        except KeyError:
            raise IntakeError(f"“{case.service_name}”没有编号为 {material_id} 的材料") from None
        return actor, case

    def _check_open(self, case: Case) -> None:
        if case.archive_json:
            raise IntakeError(f"办件 {case.case_number} 已归档，案卷已定稿，不能再附加或移除扫描件")

    def remove_attachment(self, staff_id: str, case_number: str, material_id: str, sha256: str) -> None:
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.attach")
            case = self._case(s, case_number, ATTACHABLE)
            self._check_open(case)
            if not any(a.sha256 == sha256 and a.material == material_id for a in self._held(s, case.case_number)):
                raise IntakeError("该材料没有这份扫描件")
            payload = {"material": material_id, "sha256": sha256}
            append(s, device.id, actor.staff_id, "attachment.removed", payload, case.case_number, self.clock)

    def declare_lost(self, staff_id: str, case_number: str, sha256: str, reason: str) -> None:
        """A supervisor records that a scan's file is gone for good (no backup holds it, the centre never got it):
        `attachment.lost` lets sync and bundles go on without it, and verify and the case file say so."""
        if not reason.strip():
            raise IntakeError("请写明扫描件遗失的原因（如 硬盘损坏、无备份）")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "journal.manage")
            case = self._case(s, case_number, ATTACHABLE | {"voided"})
            found = [a for a in self._held(s, case.case_number) if a.sha256.startswith(sha256.lower())]
            if not found:
                raise IntakeError(f"办件 {case.case_number} 没有哈希为 {sha256} 的扫描件")
            a = found[0]
            if len({f.sha256 for f in found}) > 1:
                raise IntakeError(f"哈希前缀 {sha256} 对应多个扫描件，请写完整的 SHA-256")
            if a.lost:
                raise IntakeError(f"该扫描件已登记遗失（{a.lost}）")
            if self.attachment_store.problem(a.sha256, a.size) is None:
                raise IntakeError("该扫描件的文件完好，无需登记遗失")
            payload = {"sha256": a.sha256, "material": a.material, "reason": reason.strip()[:200]}
            append(s, device.id, actor.staff_id, "attachment.lost", payload, case.case_number, self.clock)

    def _held(self, s: Any, case_number: str) -> list[Attachment]:
        rows = s.execute(
            select(Event.type, Event.payload, Event.utc, Event.staff_id)
            .where(Event.case_number == case_number, Event.type.in_(ATTACHMENT_EVENTS))
            .order_by(Event.device_id, Event.seq)
        ).all()
        return case_attachments([tuple(r) for r in rows])

    def attachments(self, case_number: str) -> list[Attachment]:
        with self.journal.read() as s:
            return self._held(s, normalize(case_number))

    def attachment_bytes(self, sha256: str) -> bytes:
        return self.attachment_store.read(sha256)

    # -- 已有的历史资料经核对后可直接利用 ----------------------------------------------------------------------------

    def reusable(self, case_number: str, material_id: str) -> list[dict[str, Any]]:
        """Identity-document scans of the applicant's earlier cases that the clerk may reuse for this material,
        newest first: {case_number, opened_local, material_name, **attachment}. Empty for a material that is no
        identity document of the applicant."""
        with self.journal.read() as s:
            case = s.get(Case, normalize(case_number))
            if case is None:
                return []
            region, code, id_number, number = case.region, case.service_code, case.applicant_id_number, case.case_number
            answers = json.loads(case.answers_json or "{}")
        return self.reusable_for(id_number, region, code, material_id, number, answers)

    def reusable_for(
        self,
        id_number: str,
        region: str,
        service_code: str,
        material_id: str,
        case_number: str | None = None,
        answers: Mapping[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """The same, for an applicant on screen whose case may not be journaled yet (`answers`: its scenario
        answers — a spouse's or an heir's application names another person's card)."""
        rules = attachment_rules()
        if not id_number or not self.catalog.region(region).profile.digitising:
            return []
        if not rules.applicant_is_named(answers or {}):
            return []
        try:
            if not rules.is_identity(self.catalog.region(region).service(service_code).material(material_id).name):
                return []
        except KeyError:
            return []
        with self.journal.read() as s:
            held = {a.sha256 for a in self._held(s, case_number)} if case_number else set()
            earlier = s.scalars(
                select(Case)
                .where(Case.applicant_id_number == id_number.strip().upper(), Case.case_number != (case_number or ""))
                .where(Case.status != "voided")
                .order_by(Case.opened_utc.desc())
            ).all()
            found: list[dict[str, Any]] = []
            for other in earlier:
                try:
                    other_service = self.catalog.region(other.region).service(other.service_code)
                    other_answers = json.loads(other.answers_json or "{}")
                except (KeyError, ValueError):
                    continue
                if not rules.applicant_is_named(other_answers):
                    continue  # that case's identity material is the patient's or the deceased's card
                for a in self._held(s, other.case_number):
                    name = next((m.name for m in other_service.materials if m.id == a.material), "")
                    if (
                        a.lost
                        or a.sha256 in held
                        or not rules.is_identity(name)
                        or any(f["sha256"] == a.sha256 for f in found)
                    ):
                        continue
                    found.append(
                        {
                            "case_number": other.case_number,
                            "opened_local": other.opened_local[:10],
                            "material_name": name,
                            **a.as_dict(),
                        }
                    )
        return found

    def reuse_attachment(
        self, staff_id: str, case_number: str, material_id: str, from_case: str, sha256: str, checked: bool
    ) -> Attachment:
        """Attach an earlier case's identity scan, after the clerk confirmed (`checked`) the document is still
        valid: the file is the same one, so nothing is copied; the event names the case it came from."""
        if not checked:
            raise IntakeError("请先核对证件仍在有效期内、与申请人本人一致，再利用历史资料")
        offer = next(
            (
                o
                for o in self.reusable(case_number, material_id)
                if o["sha256"] == sha256 and o["case_number"] == from_case
            ),
            None,
        )
        if offer is None:
            raise IntakeError(f"办件 {from_case} 没有可供本材料利用的证件扫描件")
        if self.attachment_store.problem(sha256, offer["size"]) is not None:
            raise AttachmentRefused(f"办件 {from_case} 的扫描件文件缺失或已损坏，不能利用；请重新扫描")
        stored = Stored(sha256, offer["size"], offer["mime"], offer["pages"])
        return self._record(staff_id, case_number, material_id, stored, offer["name"], "reuse", from_case)


def attachment_problems(journal: Journal, full: bool = True) -> tuple[int, list[str]]:
    """`journal verify`: every recorded attachment's file is in the store beside the journal and has its hash (only
    its size when not `full`: the start-up check). Returns how many files were checked and what is wrong."""
    store = AttachmentStore(store_root(Path(journal.path)))
    with journal.read() as s:
        rows = s.execute(select(Event.case_number, Event.payload).where(Event.type == "attachment.added")).all()
    problems: list[str] = []
    seen: set[str] = set(lost_hashes(journal))  # declared lost by a supervisor: known, not a fault
    for number, payload in rows:
        try:
            p = json.loads(payload)
            sha, size = str(p["sha256"]), int(p["size"])
        except (ValueError, KeyError, TypeError):
            problems.append(f"办件 {number}：一条扫描件记录无法读取（日志内容异常）")
            continue
        if sha in seen:
            continue
        seen.add(sha)
        problem = store.problem(sha, size, full)
        if problem:
            problems.append(f"办件 {number}：{problem}")
    return len(seen), problems


def lost_hashes(journal: Journal) -> set[str]:
    """The scans a supervisor declared lost (`attachment.lost`): sync and bundles go on without their files."""
    with journal.read() as s:
        rows = s.scalars(select(Event.payload).where(Event.type == "attachment.lost")).all()
    found = set()
    for p in rows:
        try:
            found.add(str(json.loads(p)["sha256"]))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def recorded_hashes(journal: Journal) -> list[str]:
    """Every attachment hash the journal's events name (what a backup must carry)."""
    with journal.read() as s:
        rows = s.scalars(select(Event.payload).where(Event.type == "attachment.added")).all()
    return sorted({json.loads(p)["sha256"] for p in rows})
