"""归档 (issue 17 §5): a case completed and handed over gets its 档案号 from the region's pattern and one PDF case
file — cover with the 卷内目录, receipt, each 补正材料告知单 as it was given, the 办件过程记录, every page numbered —
recorded by case.archived with the file's SHA-256; a file that cannot be written takes no number; the ledger says
归档."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.journal.conftest import APPLICANT
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.archive.export import ArchiveError, archive_day, archive_one
from yibao_desk.domain.archive_number import format_problem
from yibao_desk.journal.intake import IntakeError, IntakeService
from yibao_desk.journal.verify import rebuild, verify
from yibao_desk.ledger.rows import archive_text

ANSWERS = {"maternity": "否"}
DETAIL = {"collector": "王小明"}


def _text(path: Path) -> list[str]:
    return ["".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _handed_over(service: IntakeService, supplement_first: bool = False) -> str:
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS)
    if supplement_first:
        service.decide("c01", number, ANSWERS, {})
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    service.complete("c01", number)
    service.hand_over("p01", number, "id-or-receipt", DETAIL)
    return number


def test_a_case_file_holds_every_piece(service: IntakeService, tmp_path: Path) -> None:
    number = _handed_over(service, supplement_first=True)
    done = archive_one(service, "p01", number, tmp_path / "归档")
    assert done["number"] == "YYK-DA2026-W03-00001"
    path = Path(done["path"])
    assert path.name == "YYK-DA2026-W03-00001.pdf"
    pages = _text(path)
    assert len(pages) == done["pages"]
    titles = [c["title"] for c in done["contents"]]
    assert titles[0] == "封面及卷内目录" and titles[-1] == "办件过程记录"
    assert "收件回执" in titles and any(t.startswith("补正材料告知单（") for t in titles)
    cover = pages[0]
    assert "档案号YYK-DA2026-W03-00001" in cover and f"办件编号{number}" in cover
    assert "交付办理结果" in cover and "领取人：王小明" in cover and "归档人赵打印（p01）" in cover
    notice = next(p for p in pages if "补正材料告知单" in p and "一次性告知" in p)
    assert number in notice
    history = pages[-1]
    assert "一次性告知补正" in history and "写入短信通知" in history and "交付办理结果" in history
    assert all(f"第{i}页／共{len(pages)}页" in p for i, p in enumerate(pages, 1))
    case = service.case(number)
    recorded = json.loads(case["archive_json"])
    assert recorded["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert recorded["staff_id"] == "p01" and archive_text(case) == "已归档（YYK-DA2026-W03-00001）"
    with pytest.raises(IntakeError, match="已归档，档案号 YYK-DA2026-W03-00001"):
        archive_one(service, "p01", number, tmp_path / "归档")
    before = service.cases()
    rebuild(service.journal)
    assert service.cases() == before and verify(service.journal).ok


def test_only_a_handed_over_case_is_archived_and_a_failed_write_takes_no_number(
    service: IntakeService, tmp_path: Path
) -> None:
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS)
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    service.complete("c01", number)
    with pytest.raises(IntakeError, match="当前状态为“已办结”"):
        archive_one(service, "p01", number, tmp_path / "a")
    assert archive_text(service.case(number)) == ""
    service.hand_over("p01", number, "id-or-receipt", DETAIL)
    assert archive_text(service.case(number)) == "待归档"
    (tmp_path / "a" / "YYK-DA2026-W03-00001.pdf").mkdir(parents=True)  # something in the way of the file
    with pytest.raises(ArchiveError, match="无法写入案卷"):
        archive_one(service, "p01", number, tmp_path / "a")
    assert service.case(number)["archive_json"] is None
    done = archive_one(service, "p01", number, tmp_path / "b")
    assert done["number"] == "YYK-DA2026-W03-00001"  # the failed attempt took none
    second = _handed_over(service)
    report = archive_day(service, "p01", service.clock().date(), tmp_path / "b")
    assert [d["number"] for d in report.written] == ["YYK-DA2026-W03-00002"]
    assert [d["case_number"] for d in report.already] == [number]
    assert report.written[0]["case_number"] == second


def test_archive_number_patterns() -> None:
    assert format_problem("{prefix}-DA{year}-{device}-{serial:05d}") is None
    assert "未知的占位符 {county}" in str(format_problem("{county}-{device}-{serial}"))
    assert "应含 {serial}" in str(format_problem("{prefix}-{year}"))
    assert "{serial:x5}" in str(format_problem("{device}{serial:x5}"))
