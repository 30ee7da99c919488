"""Issue 17's whole procedure for two applicants at a 益阳跨域 window, through the CLI as a subprocess: accepted
with the result to be mailed (and one to be collected), the materials scanned, the notices sent through an SMS
gateway (a local server), the papers handed to the 承办部门, completed, handed over — by post with the 邮件号, and
by 领证短信 — rated, archived; each archive PDF holds every piece: the receipt, the scans, the 移交 and the whole
history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pypdf import PdfReader

from tests.acceptance.cli import APPLICANT, Cli, complete_input, in_scope_answers
from tests.scan_files import jpeg, pdf
from tests.sms.gateway_server import running_gateway

REGION, CLAIM = "yiyang-kuayu", "432036011W01"
HESHAN = "赫山区医疗保障事务中心"
MAIL = {
    "recipient": "李小红",
    "phone": "139 0013 9000",
    "address": "湖南省长沙市岳麓区麓山南路932号",
    "postcode": "410083",
}
SECOND = {"name": "赵大勇", "id_number": "11010519491231002X", "phone": "13700137000"}


def _text(path: Path) -> list[str]:
    return ["".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def test_scanned_mailed_notified_handed_off_completed_handed_over_rated_archived(tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", REGION, "跨域通办一号窗口")
    materials = pc.json("materials", "--region", REGION, "--service", CLAIM)
    base = {**complete_input(materials, in_scope_answers(materials)), "department": HESHAN}
    by_post = {**base, "applicant": APPLICANT, "delivery": "mail", "mail": MAIL}
    mailed = pc.json("intake", "--service", CLAIM, "--input", "-", "--staff", "c01",
                     stdin=json.dumps(by_post, ensure_ascii=False))  # fmt: skip
    pickup = pc.json("intake", "--service", CLAIM, "--input", "-", "--staff", "c01",
                     stdin=json.dumps({**base, "applicant": SECOND}, ensure_ascii=False))  # fmt: skip
    a, b = str(mailed["case_number"]), str(pickup["case_number"])
    assert mailed["verdict"] == pickup["verdict"] == "accept"

    # 电子化处理: the ID card and the invoices of each case
    for number, seed in ((a, 1), (b, 2)):
        pc.run("attach", number, "--material", "patient-id", str(jpeg(tmp_path / f"id{seed}.jpg", seed=seed)),
               "--staff", "c01")  # fmt: skip
        pc.run("attach", number, "--material", "hospital-invoice",
               str(pdf(tmp_path / f"票据{seed}.pdf", pages=2, title=f"fapiao{seed}")), "--staff", "c01")  # fmt: skip

    with running_gateway() as gw:
        pc.run("settings", "set", "sms_gateway", "http", "--staff", "sup1")
        pc.run("settings", "set", "sms_gateway_url", f"{gw.url}/send", "--staff", "sup1")
        assert len(pc.json("sms", "send", "--staff", "c01")["sent"]) == 2  # 已收件, to each applicant

        # the papers to the 承办部门, signed for
        today = dt.date.today().isoformat()
        pc.run("handoff", "--date", today, "--dept", HESHAN, "-o", str(tmp_path / "移交清单.pdf"), "--staff", "c01")
        pc.json("handoff", "confirm", "--date", today, "--dept", HESHAN, "--receiver", "刘接收", "--by", "c01",
                "--password-stdin", stdin="secret-c01\n")  # fmt: skip

        for number in (a, b):
            pc.run("complete", number, "--staff", "c01")
        assert len(pc.json("sms", "send", "--staff", "c01")["sent"]) == 2  # 已办结待邮寄, 已办结可领取
        phones = [r["body"]["mobile"] for r in gw.received]
        assert phones.count(APPLICANT["phone"]) == 2 and phones.count(SECOND["phone"]) == 2
    pc.run("deliver", a, "--way", "mail", "--tracking", "EA123456785CN", "--staff", "c01")
    pc.run("deliver", b, "--way", "sms-id-phone", "--collector", SECOND["name"], "--id-number", SECOND["id_number"],
           "--phone", SECOND["phone"], "--staff", "c01")  # fmt: skip
    pc.run("rate", a, "--level", "5", "--staff", "c01")
    pc.run("rate", b, "--level", "4", "--staff", "c01")

    out = tmp_path / "档案"
    report = pc.json("archive", "--date", dt.date.today().isoformat(), "-o", str(out), "--staff", "c01")
    files = {c["case_number"]: Path(c["path"]) for c in report["archived"]}
    assert set(files) == {a, b}
    for number, who, seed, delivered in (
        (a, APPLICANT, 1, "EA123456785CN"),
        (b, SECOND, 2, f"领取人：{SECOND['name']}"),
    ):
        pages = _text(files[number])
        whole = "".join(pages)
        cover = pages[0]
        assert f"办件编号{number}" in cover and who["name"] in cover
        assert "纸质材料已于" in cover and f"移交{HESHAN}（接收人：刘接收）" in cover
        assert "扫描件2份，共3页（见卷内）" in cover and "服务评价" in cover
        assert f"扫描件：患者本人有效身份证（id{seed}.jpg）" in cover  # in the 卷内目录
        assert "收件回执" in whole
        assert any(f"患者本人有效身份证扫描件id{seed}.jpg" in p for p in pages)
        assert sum(f"fapiao{seed}page" in p for p in pages) == 2
        history = pages[-1]
        for step in ("收件", "受理", "附加扫描件", "短信已发送", "办结", "交付办理结果", "服务评价"):
            assert step in whole, (number, step)
        assert delivered in whole
        assert all(f"共{len(pages)}页" in p for p in pages)
        assert "办件过程记录" in history
        shown = pc.json("case", number, "--staff", "c01")["case"]
        assert json.loads(shown["archive_json"])["file"].endswith(files[number].name)
