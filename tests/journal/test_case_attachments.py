"""电子化处理 (issue 17 §1): scans attached to a case's materials are stored once by their SHA-256 beside the
journal and recorded by events; kinds are read from the bytes, limits come from resources/attachments.yaml;
an identity scan of the applicant's earlier case is offered for reuse; `journal verify` checks the files and a
backup carries them through a restore."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.journal.conftest import APPLICANT
from tests.journal.test_intake import CLAIM
from tests.scan_files import jpeg, pdf, png
from yibao_desk.attachments.store import store_root
from yibao_desk.domain.attachment_rules import AttachmentRefused, attachment_rules
from yibao_desk.journal import backup
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.event_text import event_line
from yibao_desk.journal.intake import IntakeError, IntakeService
from yibao_desk.journal.verify import verify

ANSWERS = {"maternity": "否"}


def _case(service: IntakeService, applicant: dict[str, str] | None = None) -> str:
    number, _ = service.open_case("c01", CLAIM, applicant or APPLICANT, answers=ANSWERS)
    return number


def test_scans_are_stored_by_hash_and_recorded_per_material(service: IntakeService, tmp_path: Path) -> None:
    number = _case(service)
    front = jpeg(tmp_path / "scan" / "0001.jpg")
    invoice = pdf(tmp_path / "scan" / "invoice.pdf", pages=3)
    a = service.attach("c01", number, "patient-id", front, "folder")
    b = service.attach("c01", number, "hospital-invoice", invoice)
    assert a.sha256 == hashlib.sha256(front.read_bytes()).hexdigest()
    assert (a.mime, a.pages, a.source) == ("image/jpeg", 1, "folder")
    assert (b.mime, b.pages) == ("application/pdf", 3)
    stored = store_root(service.journal.path) / a.sha256[:2] / a.sha256
    assert stored.read_bytes() == front.read_bytes()
    held = service.attachments(number.lower())  # the number as a clerk may type it
    assert [(x.material, x.sha256) for x in held] == [("patient-id", a.sha256), ("hospital-invoice", b.sha256)]
    events = [e for e in service.case_events(number) if e["type"] == "attachment.added"]
    assert [json.loads(e["payload"])["size"] for e in events] == [front.stat().st_size, invoice.stat().st_size]
    line = event_line(events[1], {"c01": "李收件"})
    assert "附加扫描件" in line and "hospital-invoice：invoice.pdf（3 页）" in line
    # several pages per material: a second scan on the same material; the same file twice is refused
    service.attach("c01", number, "patient-id", png(tmp_path / "back.png"))
    with pytest.raises(IntakeError, match="已附加在该材料上"):
        service.attach("c01", number, "patient-id", front)
    assert len(service.attachments(number)) == 3
    service.remove_attachment("c01", number, "patient-id", a.sha256)
    assert [x.material for x in service.attachments(number)] == ["hospital-invoice", "patient-id"]
    assert stored.exists()  # files are never removed: the journal's events still name them
    assert verify(service.journal).ok


def test_files_that_cannot_be_attached_are_refused_in_words(service: IntakeService, tmp_path: Path) -> None:
    number = _case(service)
    text = tmp_path / "身份证.jpg"
    text.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(AttachmentRefused, match="不是可附加的文件类型（只接受 JPEG 图片、PNG 图片"):
        service.attach("c01", number, "patient-id", text)
    empty = tmp_path / "0002.jpg"
    empty.write_bytes(b"")
    with pytest.raises(AttachmentRefused, match="空文件"):
        service.attach("c01", number, "patient-id", empty)
    huge = tmp_path / "huge.jpg"
    huge.write_bytes(b"\xff\xd8\xff" + b"\0" * attachment_rules().max_bytes)
    with pytest.raises(AttachmentRefused, match=r"超过附件上限 20 MB"):
        service.attach("c01", number, "patient-id", huge)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(AttachmentRefused, match="不是完好的 PDF 文件"):
        service.attach("c01", number, "hospital-invoice", broken)
    with pytest.raises(AttachmentRefused, match="无法读取"):
        service.attach("c01", number, "patient-id", tmp_path / "gone.jpg")
    with pytest.raises(IntakeError, match="没有编号为 no-such 的材料"):
        service.attach("c01", number, "no-such", jpeg(tmp_path / "x.jpg"))
    with pytest.raises(Exception, match="无权附加或移除材料扫描件"):
        service.attach("p01", number, "patient-id", jpeg(tmp_path / "y.jpg"))
    assert service.attachments(number) == []


def test_an_identity_scan_of_an_earlier_case_is_offered_and_reused_once_checked(
    service: IntakeService, tmp_path: Path
) -> None:
    first = _case(service)
    card = service.attach("c01", first, "patient-id", jpeg(tmp_path / "card.jpg"))
    service.attach("c01", first, "hospital-invoice", jpeg(tmp_path / "invoice.jpg", seed=9))
    other = _case(service, {**APPLICANT, "name": "李四", "id_number": "11010519491231002X"})
    assert service.reusable(other, "patient-id") == []  # another person
    second = _case(service)
    offers = service.reusable(second, "patient-id")
    assert [(o["case_number"], o["sha256"], o["material_name"]) for o in offers] == [
        (first, card.sha256, "患者本人有效身份证")
    ]
    assert service.reusable(second, "hospital-invoice") == []  # an invoice is no identity document
    assert service.reusable(second, "spouse-id") == []  # the spouse's card is not the applicant's
    with pytest.raises(IntakeError, match="请先核对证件仍在有效期内"):
        service.reuse_attachment("c01", second, "patient-id", first, card.sha256, checked=False)
    reused = service.reuse_attachment("c01", second, "patient-id", first, card.sha256, checked=True)
    assert (reused.source, reused.from_case, reused.sha256) == ("reuse", first, card.sha256)
    assert service.reusable(second, "patient-id") == []  # taken: no longer offered
    event = [e for e in service.case_events(second) if e["type"] == "attachment.added"][-1]
    assert f"利用办件 {first} 的历史资料" in event_line(event, {})


def test_verify_names_a_missing_or_changed_scan_and_a_backup_brings_it_back(
    service: IntakeService, tmp_path: Path
) -> None:
    number = _case(service)
    a = service.attach("c01", number, "patient-id", jpeg(tmp_path / "a.jpg"))
    b = service.attach("c01", number, "hospital-invoice", pdf(tmp_path / "b.pdf"))
    folder = tmp_path / "backups"
    made = backup.backup_to(service.journal.path, folder)
    assert (folder / "attachments" / a.sha256[:2] / a.sha256).is_file()
    backup.backup_to(service.journal.path, folder)  # a second backup shares the folder's copies
    assert len(list((folder / "attachments").glob("??/*"))) == 2
    root = store_root(service.journal.path)
    (root / a.sha256[:2] / a.sha256).unlink()
    (root / b.sha256[:2] / b.sha256).write_bytes(b"%PDF-1.4 changed")
    report = verify(service.journal)
    assert report.ok and not report.files_ok  # the journal itself is whole: reported, not halted
    assert any("文件缺失" in p and number in p for p in report.attachment_problems)
    assert any("大小不符" in p for p in report.attachment_problems)
    path = service.journal.path
    service.journal.close()
    shutil.rmtree(root)
    backup.restore(made, path)
    restored = open_journal(path)
    try:
        again = verify(restored)
        assert again.ok and again.files_ok and again.attachments == 2
    finally:
        restored.close()


def test_an_archived_case_takes_no_more_scans(service: IntakeService, tmp_path: Path) -> None:
    from tests.journal.test_case_archive import _handed_over
    from yibao_desk.archive.export import archive_one

    number = _handed_over(service)
    archive_one(service, "p01", number, tmp_path / "归档")
    with pytest.raises(IntakeError, match="已归档"):
        service.attach("c01", number, "patient-id", jpeg(tmp_path / "late.jpg"))


def test_the_case_file_holds_every_scan_and_says_when_one_is_missing(service: IntakeService, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tests.journal.test_case_archive import DETAIL
    from tests.journal.test_intake import complete
    from yibao_desk.archive.export import archive_one

    numbers = []
    for lose in (False, True):
        number = _case(service)
        card = service.attach("c01", number, "patient-id", jpeg(tmp_path / f"card{lose}.jpg", seed=int(lose)))
        service.attach("c01", number, "hospital-invoice", pdf(tmp_path / "发票.pdf", pages=2, title="fapiao"))
        service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
        service.complete("c01", number)
        service.hand_over("p01", number, "id-or-receipt", DETAIL)
        if lose:
            (store_root(service.journal.path) / card.sha256[:2] / card.sha256).unlink()
        numbers.append(number)
    done = archive_one(service, "p01", numbers[0], tmp_path / "归档")
    titles = [c["title"] for c in done["contents"]]
    assert "扫描件：患者本人有效身份证（cardFalse.jpg）" in titles and "扫描件：医院收费票据（发票.pdf）" in titles
    assert titles.index("扫描件：医院收费票据（发票.pdf）") < titles.index("办件过程记录")
    pages = ["".join((p.extract_text() or "").split()) for p in PdfReader(done["path"]).pages]
    assert any("患者本人有效身份证扫描件cardFalse.jpg" in p for p in pages)
    assert sum("fapiaopage" in p for p in pages) == 2
    scan_page = next(i for i, p in enumerate(PdfReader(done["path"]).pages) if "/XObject" in (p["/Resources"] or {}))
    assert scan_page > 0  # the photo itself is on the page, not only its caption
    assert not done["warnings"]
    lost = archive_one(service, "p01", numbers[1], tmp_path / "归档")
    assert any("文件缺失" in w for w in lost["warnings"])
    assert any("扫描件文件缺失" in "".join((p.extract_text() or "").split()) for p in PdfReader(lost["path"]).pages)


def test_a_refused_attach_leaves_no_file_and_a_big_file_is_not_read(
    service: IntakeService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = _case(service)
    with pytest.raises(Exception, match="无权附加或移除材料扫描件"):
        service.attach("p01", number, "patient-id", jpeg(tmp_path / "y.jpg"))
    assert not store_root(service.journal.path).exists()  # checked before the copy: no orphan file
    huge = tmp_path / "录像.mp4.jpg"
    with open(huge, "wb") as f:
        f.write(b"\xff\xd8\xff")
        f.truncate(3 * 1024**3)  # 3 GB, sparse: refused by its size, never read
    read_bytes = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self != huge, "a file over the limit was read whole"
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    with pytest.raises(AttachmentRefused, match="超过附件上限"):
        service.attach("c01", number, "patient-id", huge)


def test_a_tiff_of_several_pages_is_refused(service: IntakeService, tmp_path: Path) -> None:
    from PIL import Image

    number = _case(service)
    pages = [Image.new("RGB", (200, 100), (i * 80, 0, 0)) for i in range(3)]
    multi = tmp_path / "扫描.tif"
    pages[0].save(multi, save_all=True, append_images=pages[1:])
    with pytest.raises(AttachmentRefused, match="是 3 页的 TIFF 图片：请让扫描仪存为 PDF"):
        service.attach("c01", number, "patient-id", multi)
    single = tmp_path / "单页.tif"
    pages[0].save(single)
    assert service.attach("c01", number, "patient-id", single).mime == "image/tiff"


def test_a_damaged_copy_in_the_store_is_mended_by_a_restore_or_a_new_attach(
    service: IntakeService, tmp_path: Path
) -> None:
    number = _case(service)
    card = jpeg(tmp_path / "card.jpg")
    a = service.attach("c01", number, "patient-id", card)
    made = backup.backup_to(service.journal.path, tmp_path / "backups")
    stored = store_root(service.journal.path) / a.sha256[:2] / a.sha256
    flipped = bytearray(stored.read_bytes())
    flipped[100] ^= 0xFF
    stored.write_bytes(bytes(flipped))  # a bit flipped on the disk: same size
    assert any("内容已被改动" in p for p in verify(service.journal).attachment_problems)
    service.attach("c01", _case(service), "patient-id", card)  # the same file attached again mends it
    assert stored.read_bytes() == card.read_bytes()
    stored.write_bytes(bytes(flipped))
    path = service.journal.path
    service.journal.close()
    backup.restore(made, path, accept_loss=True)
    assert stored.read_bytes() == card.read_bytes()


def test_a_scan_lost_for_good_is_declared_by_a_supervisor(service: IntakeService, tmp_path: Path) -> None:
    number = _case(service)
    a = service.attach("c01", number, "patient-id", jpeg(tmp_path / "card.jpg"))
    with pytest.raises(IntakeError, match="文件完好，无需登记遗失"):
        service.declare_lost("sup1", number, a.sha256, "硬盘损坏")
    (store_root(service.journal.path) / a.sha256[:2] / a.sha256).unlink()
    with pytest.raises(Exception, match="无权"):
        service.declare_lost("c01", number, a.sha256, "硬盘损坏")
    with pytest.raises(IntakeError, match="请写明扫描件遗失的原因"):
        service.declare_lost("sup1", number, a.sha256, " ")
    assert not verify(service.journal).files_ok
    service.declare_lost("sup1", number, a.sha256[:12], "硬盘损坏，无备份")
    report = verify(service.journal)
    assert report.ok and report.files_ok
    (held,) = service.attachments(number)
    assert held.lost == "硬盘损坏，无备份"
    assert service.reusable(_case(service), "patient-id") == []  # a lost scan is offered to no one


def test_reuse_skips_cards_that_are_not_the_applicants(service: IntakeService, tmp_path: Path) -> None:
    spouse = {"maternity": "是", "spouse_applies": "是"}
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=spouse)  # the applicant is the spouse
    service.attach("c01", number, "patient-id", jpeg(tmp_path / "patient.jpg"))  # the patient's card
    later = _case(service)
    assert service.reusable(later, "patient-id") == []
    own = service.attach("c01", later, "patient-id", jpeg(tmp_path / "own.jpg", seed=5))
    again, _ = service.open_case("c01", CLAIM, APPLICANT, answers=spouse)
    assert service.reusable(again, "patient-id") == []  # on a spouse's application the card is the patient's
    assert [o["sha256"] for o in service.reusable(_case(service), "patient-id")] == [own.sha256]


def test_verify_reports_a_damaged_scan_record_instead_of_failing(service: IntakeService, tmp_path: Path) -> None:
    import sqlite3

    number = _case(service)
    service.attach("c01", number, "patient-id", jpeg(tmp_path / "card.jpg"))
    with sqlite3.connect(service.journal.path) as conn:  # someone edits the file by hand
        conn.execute("DROP TRIGGER IF EXISTS events_no_update")
        conn.execute("UPDATE events SET payload = '{not json' WHERE type = 'attachment.added'")
    report = verify(service.journal)
    assert not report.ok and report.problems  # the chain names it; nothing raised
