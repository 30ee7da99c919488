"""Issue 17 §2 through the CLI: where the region's guide offers it (益阳跨域, seed 000 §八（四）2) a result to be
mailed is taken in with its address (refused without it), printed on the receipt, listed on the day's 寄送清单 (PDF
and xlsx) and labels (A4 sheet and 100×150 mm) once completed, and handed over by mail with its 邮件号 — which then
shows on the list, and takes it off the next day's; the four regions whose guides say nothing of mailing refuse 邮寄
with the reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.acceptance.cli import APPLICANT, Cli, complete_input, in_scope_answers

MAIL = {
    "recipient": "李小红",
    "phone": "139 0013 9000",
    "address": "湖南省长沙市岳麓区麓山南路932号",
    "postcode": "410083",
}
NOT_OFFERED = ("yuanjiang", "daye", "puyang", "shangluo")


def _text(path: Path) -> str:
    return "".join("".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _first_service(pc: Cli, region: str) -> dict[str, object]:
    services = pc.json("services", "--region", region)
    return services[0] if isinstance(services, list) else services["services"][0]


@pytest.mark.parametrize("region", NOT_OFFERED)
def test_where_the_guide_does_not_offer_mailing_it_is_refused(region: str, tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", region, "一号窗口")
    code = str(_first_service(pc, region)["code"])
    materials = pc.json("materials", "--region", region, "--service", code)
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT, "delivery": "mail",
            "mail": MAIL}  # fmt: skip
    refused = pc.run("intake", "--service", code, "--input", "-", "--staff", "c01",
                     stdin=json.dumps(data, ensure_ascii=False), ok=False)  # fmt: skip
    assert refused.returncode == 2 and "本地区办事指南未提供办理结果邮寄" in refused.stderr
    assert pc.json("cases") == []


def test_a_mailed_result_from_intake_to_posting(tmp_path: Path) -> None:
    region = "yiyang-kuayu"
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", region, "一号窗口")
    code = str(_first_service(pc, region)["code"])
    materials = pc.json("materials", "--region", region, "--service", code)
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT, "delivery": "mail"}

    refused = pc.run("intake", "--service", code, "--input", "-", "--staff", "c01",
                     stdin=json.dumps(data, ensure_ascii=False), ok=False)  # fmt: skip
    assert refused.returncode == 2 and "结果邮寄：收件人：请填写收件人姓名" in refused.stderr
    wrong = {**MAIL, "postcode": "435100"}
    refused = pc.run("intake", "--service", code, "--input", "-", "--staff", "c01",
                     stdin=json.dumps({**data, "mail": wrong}, ensure_ascii=False), ok=False)  # fmt: skip
    assert "邮政编码 435100 属湖北，与寄送地址中的湖南不符" in refused.stderr
    assert pc.json("cases") == [] or all(c["status"] != "accepted" for c in pc.json("cases"))

    prints = tmp_path / "prints"
    prints.mkdir()
    case = pc.json("intake", "--service", code, "--input", "-", "--staff", "c01", "--print", str(prints),
                   stdin=json.dumps({**data, "mail": MAIL}, ensure_ascii=False))  # fmt: skip
    assert case["verdict"] == "accept"
    number = str(case["case_number"])
    receipt = next(p for p in prints.iterdir() if "回执" in p.name or "receipt" in p.name)
    assert "寄送：李小红（139****9000）湖南省长沙市岳麓区麓山南路932号邮编410083" in _text(receipt)

    today = dt.date.today()
    out = tmp_path / "list.pdf"
    assert pc.json("mail-list", "--date", today.isoformat(), "-o", str(out))["count"] == 0  # not completed yet
    assert "当日没有需要寄送的办理结果" in _text(out)
    assert "没有待寄送的办理结果，无需打印标签" in pc.run("labels", "-o", str(tmp_path / "l.pdf"), ok=False).stderr

    pc.run("complete", number, "--staff", "c01")
    assert pc.json("mail-list", "-o", str(out))["count"] == 1
    text = _text(out)
    for shown in (number, "李小红", "13900139000", "湖南省长沙市岳麓区麓山南路932号", "410083", "移交人（发证岗位）"):
        assert shown in text, shown
    labels = tmp_path / "labels.pdf"
    assert pc.json("labels", "-o", str(labels))["count"] == 1
    assert len(PdfReader(labels).pages) == 1 and number in _text(labels) and "410083" in _text(labels)
    thermal = tmp_path / "thermal.pdf"
    pc.run("labels", "-o", str(thermal), "--size", "100x150")
    box = PdfReader(thermal).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (100, 150)

    bad = pc.run("deliver", number, "--way", "mail", "--tracking", "EA123456786CN", "--staff", "c01", ok=False)
    assert bad.returncode == 2 and "校验位应为 5" in bad.stderr
    assert pc.json("deliver", number, "--way", "mail", "--tracking", "EA123456785CN", "--staff", "c01")["status"] == (
        "delivered"
    )
    assert "没有待寄送的办理结果" in pc.run("labels", "-o", str(labels), ok=False).stderr  # its label is on it
    book = tmp_path / "list.xlsx"
    pc.run("mail-list", "-o", str(book))
    rows = list(openpyxl.load_workbook(book)["寄送清单"].iter_rows(values_only=True))
    assert rows[3][1] == number and rows[3][3] == "李小红" and rows[3][8] == "EA123456785CN"
    assert rows[3][7] == dt.datetime.combine(today, dt.time())
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert pc.json("mail-list", "--date", tomorrow, "-o", str(out))["count"] == 0  # posted: off the next day's list
    pc.run("ledger", "--from", today.isoformat(), "-o", str(tmp_path / "ledger.xlsx"))
    ledger = list(openpyxl.load_workbook(tmp_path / "ledger.xlsx")["台账明细"].iter_rows(values_only=True))
    assert ledger[1][17] == "结果交付" and ledger[2][17] == "邮寄（邮件号 EA123456785CN）"
    pc.run("journal", "verify")


def test_wrong_outputs_are_refused(tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", "yuanjiang", "一号窗口")
    r = pc.run("mail-list", "-o", str(tmp_path / "list.docx"), ok=False)
    assert r.returncode == 2 and "应以 .pdf 或 .xlsx 结尾" in r.stderr
    r = pc.run("mail-list", "-o", str(tmp_path / "nowhere" / "list.pdf"), ok=False)
    assert r.returncode == 2 and "文件夹不存在" in r.stderr
    r = pc.run("labels", "--date", "2026-13-01", "-o", str(tmp_path / "l.pdf"), ok=False)
    assert r.returncode == 2 and "寄送日期格式不对" in r.stderr
    r = pc.run("labels", "--size", "a5", "-o", str(tmp_path / "l.pdf"), ok=False)
    assert r.returncode == 2 and "用法错误" in r.stderr
