"""Screenshots of the main states of the real program, for docs/screenshots/ and the README.

Run under a virtual X server:  xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py
It uses a throw-away journal in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    os.environ["YIBAO_DESK_HOME"] = tempfile.mkdtemp()
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.gui.app import make_app
    from yibao_desk.gui.context import AppContext
    from yibao_desk.gui.first_run import FirstRunDialog
    from yibao_desk.gui.login import LoginDialog
    from yibao_desk.gui.main_window import MainWindow
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService

    app = make_app(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    service = IntakeService(open_journal(Path(tempfile.mkdtemp()) / "j.sqlite3"), load_catalog(), load_calendar())

    first = FirstRunDialog(service)
    first.window_name.setText("跨域通办一号窗口")
    first.device_id.setText("W03")
    first.sup_id.setText("sup1")
    first.sup_name.setText("张主管")
    first.show()
    app.processEvents()
    first.grab().save(str(OUT / "01-first-run.png"))
    first.region.setCurrentIndex(first.region.findData("yiyang-kuayu"))
    first.sup_pw.setText("secret-sup")
    first.sup_pw2.setText("secret-sup")
    first.on_done()
    service.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")

    ctx = AppContext(service)
    login = LoginDialog(ctx)
    login.staff_id.setText("c01")
    login.password.setText("secret-c01")
    login.show()
    app.processEvents()
    login.grab().save(str(OUT / "02-login.png"))
    ctx.sign_in(service.login("c01", "secret-c01"))

    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    window.start()
    page = window.intake
    page.picker.search.setText("报销")
    app.processEvents()
    window.grab().save(str(OUT / "03-service-search.png"))

    page.picker.choose_current()
    page.scenarios.boxes["maternity"].setCurrentText("是")
    a = page.applicant.applicant
    a.name.setText("王小明")
    a.id_number.setText("430981198002290034")
    a.phone.setText("13800138000")
    for row in range(4):
        page.model.mark_complete(row)
    page.focus_checklist()
    page.checklist.view.setCurrentIndex(page.model.index(4, 0))
    app.processEvents()
    window.grab().save(str(OUT / "04-intake-supplement.png"))

    for row in range(page.model.rowCount()):
        page.model.mark_complete(row)
    app.processEvents()
    window.grab().save(str(OUT / "05-intake-accept.png"))

    # the busiest checklist (城镇职工报销 with every question answered 是: 12 materials) on a 1366×768 screen
    busiest = service.region().service("432036011W01")
    page.picker.search.setText(busiest.code)
    app.processEvents()
    page.picker.choose_current()
    page.scenarios.set_answers({q.id: "是" for q in busiest.scenarios})
    window.resize(1366, 728)  # what a 1366×768 screen leaves beside a 40 px task bar
    app.processEvents()
    window.grab().save(str(OUT / "11-intake-busiest-1366x768.png"))
    window.resize(1366, 768)
    # the applicant comes in person (no agent) with everything: 受理 prints the table and the receipt
    page.scenarios.set_answers(
        {q.id: "是" if q.id == "maternity" else (q.default or q.options[-1]) for q in busiest.scenarios}
    )
    for row in range(page.model.rowCount()):
        page.model.mark_complete(row)
    app.processEvents()

    def on_preview(dialog: QDialog) -> None:
        def shoot() -> None:
            import time

            dialog.resize(1200, 760)
            for _ in range(30):  # QPdfView renders pages on a worker thread
                app.processEvents()
                time.sleep(0.05)
            dialog.grab().save(str(OUT / "06-print-preview.png"))
            dialog.accept()
            QTimer.singleShot(300, rate)

        QTimer.singleShot(1500, shoot)

    def rate() -> None:  # 好差评 follows the preview (the region asks for it): the window, then a 差评 being given
        from yibao_desk.gui.rating_dialog import RatingDialog

        dialog = app.activeModalWidget()
        if not isinstance(dialog, RatingDialog):
            QTimer.singleShot(100, rate)
            return
        dialog.resize(900, 480)
        app.processEvents()
        dialog.grab().save(str(OUT / "12-rating.png"))
        dialog.choose(dialog.rules.levels[3])  # 不满意
        dialog.aspect.setCurrentIndex(2)
        dialog.reason_edit.setText("等候时间太长，叫号后窗口仍无人")
        app.processEvents()
        dialog.grab().save(str(OUT / "13-rating-bad.png"))
        dialog.accept()

    page.previewReady.connect(on_preview)
    service.change_setting("sup1", "rating_online_url", "https://zwfw.example.gov.cn/hcp?bj={case_number}")
    page.on_accept()
    for _ in range(100):
        app.processEvents()
        if (OUT / "06-print-preview.png").exists() and page.service is None:
            break
        QTimer.singleShot(100, lambda: None)
        app.processEvents()
        import time

        time.sleep(0.1)
    for i in range(3):
        service.intake(
            "c01",
            "432036011W02",
            {
                "applicant": {"name": f"赵{'一二三'[i]}", "id_number": "110101199003074477", "phone": f"1390013900{i}"},
                "materials": {},
            },
        )
    window.tabs.setCurrentIndex(1)
    window.cases.table.selectRow(0)
    app.processEvents()
    window.grab().save(str(OUT / "07-cases.png"))

    from yibao_desk.gui.form_filler import FormFillerDialog
    from yibao_desk.gui.ledger_dialog import LedgerDialog
    from yibao_desk.gui.sync_view import SyncDialog

    cat = load_catalog()
    yj = IntakeService(open_journal(Path(tempfile.mkdtemp()) / "yj.sqlite3"), cat, load_calendar())
    yj.setup_device("W05", "yuanjiang", "医保服务专区 5 号窗口")
    yj.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    yctx = AppContext(yj)
    yctx.sign_in(yj.login("sup1", "secret-sup"))
    filler = FormFillerDialog(
        yctx,
        "remote-care",
        "yuanjiang",
        {
            "name": "王小明",
            "id_number": "430981198002290034",
            "gender": "男",
            "phone1": "13800138000",
            "fill_date": "2026-11-25",
        },
        None,
    )
    filler.resize(760, 720)
    filler.show()
    app.processEvents()
    filler.grab().save(str(OUT / "08-form-filler.png"))
    filler.close()
    sync = SyncDialog(ctx, window.sync, window)
    sync.show()
    app.processEvents()
    sync.grab().save(str(OUT / "09-sync.png"))
    sync.close()
    ledger = LedgerDialog(yctx, window)
    ledger.show()
    app.processEvents()
    ledger.grab().save(str(OUT / "10-ledger-export.png"))
    ledger.close()
    mailing_shots(app, window, service)
    sms_shots(app, window, service)
    archive_shot(service)
    handoff_shots(app, window, service)
    scan_shots(app, window, service)
    window.close()
    app.processEvents()
    print(f"screenshots in {OUT}", flush=True)
    os._exit(0)  # skip the teardown of Qt objects (PySide6 may crash while finalizing)
    _ = Qt
    return 0


def mailing_shots(app: object, window: object, service: object) -> None:
    """邮寄: the address at intake (a postcode of another province named), the hand-over by mail asking the 邮件号,
    the day's 寄送清单."""
    from yibao_desk.gui.case_dialogs import HandoverDialog
    from yibao_desk.gui.mail_dialog import MailDialog

    page = window.intake  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    page.new_case()
    page.picker.search.setText("432036011W02")
    app.processEvents()  # type: ignore[attr-defined]
    page.picker.choose_current()
    a = page.applicant.applicant
    a.name.setText("欧阳文华")
    a.id_number.setText("430981198002290034")
    a.phone.setText("13800138000")
    for row in range(page.model.rowCount()):
        page.model.mark_complete(row)
    page.applicant.delivery.setFocus()  # the clerk picks 邮寄: the address comes into view
    page.applicant.delivery.setCurrentIndex(page.applicant.delivery.findData("mail"))
    app.processEvents()  # type: ignore[attr-defined]
    page.applicant.mail.edits["address"].setText("湖南省长沙市岳麓区麓山南路932号")
    page.applicant.mail.edits["postcode"].setText("435100")
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(OUT / "14-intake-mail.png"))  # type: ignore[attr-defined]
    page.new_case()
    mail = {
        "recipient": "李小红",
        "phone": "13900139000",
        "address": "湖南省长沙市岳麓区麓山南路932号",
        "postcode": "410083",
    }
    numbers = []
    claim = service.region().service("432036011W02")  # type: ignore[attr-defined]
    materials = {
        m.id: {"received": True, "original_checked": True, "copies": m.copies or 1, "stamped": True}
        for m in claim.materials
    }
    for i, who in enumerate(("李小红", "王大明", "欧阳文华")):
        d = service.intake(  # type: ignore[attr-defined]
            "c01",
            "432036011W02",
            {
                "applicant": {"name": who, "id_number": "110101199003074477", "phone": f"1390013900{i}"},
                "materials": materials,
                "delivery": "mail",
                "mail": {**mail, "recipient": who},
            },
        )
        service.complete("c01", d.case_number)  # type: ignore[attr-defined]
        numbers.append(d.case_number)
    service.hand_over("c01", numbers[0], "mail", {"tracking": "EA123456785CN"})  # type: ignore[attr-defined]
    handover = HandoverDialog(window.ctx, service.case(numbers[1]), window)  # type: ignore[attr-defined]
    handover.fields["tracking"].setText("EA12345678")
    handover.show()
    app.processEvents()  # type: ignore[attr-defined]
    handover.grab().save(str(OUT / "15-handover-mail.png"))
    handover.close()
    dialog = MailDialog(window.ctx, window)  # type: ignore[attr-defined]
    dialog.show()
    app.processEvents()  # type: ignore[attr-defined]
    dialog.grab().save(str(OUT / "16-mail-list.png"))
    dialog.close()


def sms_shots(app: object, window: object, service: object) -> None:
    """短信发件箱: the notices the day's cases wrote — one sent by hand, one the gateway refused, the rest waiting."""
    from yibao_desk.gui.sms_view import SmsDialog

    notices = service.sms_outbox()  # type: ignore[attr-defined]
    service.mark_sms_sent("c01", notices[-1].id, "手机上发送")  # type: ignore[attr-defined]
    service.claim_sms("c01", notices[-2].id)  # type: ignore[attr-defined]
    service.sms_result("c01", notices[-2].id, None, "短信网关 sms.example.cn 拒绝：HTTP 503")  # type: ignore[attr-defined]
    window.sms.refresh()  # type: ignore[attr-defined]
    dialog = SmsDialog(window.ctx, window.sms, window)  # type: ignore[attr-defined]
    dialog.show()
    app.processEvents()  # type: ignore[attr-defined]
    dialog.grab().save(str(OUT / "17-sms-outbox.png"))
    dialog.close()
    window.grab().save(str(OUT / "18-status-sms.png"))  # type: ignore[attr-defined]


def archive_shot(service: object) -> None:
    """归档: the cover of a case file (its 卷内目录), as the archive keeps it."""
    import subprocess
    import tempfile
    from pathlib import Path

    from yibao_desk.archive.export import archive_one

    delivered = next(c for c in service.cases(None, "delivered"))  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        done = archive_one(service, "c01", delivered["case_number"], Path(folder))  # type: ignore[arg-type]
        base = Path(folder) / "cover"
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", done["path"], str(base)], check=True)
        cover = next(Path(folder).glob("cover*.png"))
        (OUT / "19-archive-cover.png").write_bytes(cover.read_bytes())


def handoff_shots(app: object, window: object, service: object) -> None:
    """纸质材料移交: the dialog for one 承办部门, and the first page of its 移交清单."""
    import datetime as dt
    import subprocess
    import tempfile
    from pathlib import Path

    from yibao_desk.gui.handoff_dialog import HandoffDialog
    from yibao_desk.handoff.handoff_list import handoff_items
    from yibao_desk.handoff.list_pdf import render_handoff

    dept = "赫山区医疗保障事务中心"
    claim = service.region().service("432036011W02")  # type: ignore[attr-defined]
    materials = {
        m.id: {"received": True, "original_checked": True, "copies": m.copies or 1, "stamped": True}
        for m in claim.materials
    }
    for who in ("刘一", "陈二"):
        applicant = {"name": who, "id_number": "110101199003074477", "phone": "13900139000"}
        data = {"applicant": applicant, "materials": materials, "department": dept}
        service.intake("c01", "432036011W02", data)  # type: ignore[attr-defined]
    dialog = HandoffDialog(window.ctx, window)  # type: ignore[attr-defined]
    dialog.department.setCurrentIndex(dialog.department.findData(dept))
    dialog.show()
    app.processEvents()  # type: ignore[attr-defined]
    dialog.grab().save(str(OUT / "20-handoff.png"))
    dialog.close()
    day = dt.date.today()
    made = render_handoff({dept: handoff_items(service, day, dept)[dept]}, day, service.region(), "跨域通办一号窗口")  # type: ignore[arg-type, attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "list.pdf"
        pdf.write_bytes(made.pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), f"{folder}/p"], check=True)
        (OUT / "21-handoff-list.png").write_bytes(next(Path(folder).glob("p*.png")).read_bytes())


def scan_shots(app: object, window: object, service: object) -> None:
    """电子化处理: the checklist with the scans of the material under the cursor, the viewer, the offer of an
    earlier case's ID scan, and a scan's page in the archived case file."""
    import subprocess
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.scan_files import jpeg, pdf
    from yibao_desk.archive.export import archive_one
    from yibao_desk.gui.attachment_viewer import AttachmentViewer
    from yibao_desk.gui.intake.reuse_dialog import ReuseDialog
    from yibao_desk.gui.thumbnails import THUMB

    page = window.intake  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    folder = Path(tempfile.mkdtemp())

    def open_claim(name: str) -> str:
        page.new_case()
        page.picker.search.setText("432036011W01")
        app.processEvents()  # type: ignore[attr-defined]
        page.picker.choose_current()
        a = page.applicant.applicant
        a.name.setText(name)
        a.id_number.setText("430981198002290034")
        a.phone.setText("13800138000")
        for row in range(page.model.rowCount()):
            page.model.mark_complete(row)
        return str(page._ensure_case())

    number = open_claim("周晓梅")
    service.attach("c01", number, "patient-id", jpeg(folder / "0001.jpg", "ID card front", seed=3), "folder")  # type: ignore[attr-defined]
    service.attach("c01", number, "patient-id", jpeg(folder / "0002.jpg", "ID card back", seed=4), "folder")  # type: ignore[attr-defined]
    service.attach("c01", number, "hospital-invoice", pdf(folder / "收费票据.pdf", pages=3, title="invoice"))  # type: ignore[attr-defined]
    page.scans.refresh()
    page.focus_checklist()
    page.checklist.view.setCurrentIndex(page.model.index(0, 0))
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(OUT / "22-intake-scans.png"))  # type: ignore[attr-defined]
    mine = [a for a in page.scans.held if a.material == "patient-id"]
    viewer = AttachmentViewer("患者本人有效身份证", mine, {a.sha256: page.scans._path(a) for a in mine}, 0, window)  # type: ignore[arg-type]
    viewer.show()
    app.processEvents()  # type: ignore[attr-defined]
    viewer.grab().save(str(OUT / "23-scan-viewer.png"))
    viewer.close()
    service.decide("c01", number, page.scenarios.answers(), page.model.applicable_states())  # type: ignore[attr-defined]
    service.complete("c01", number)  # type: ignore[attr-defined]
    service.hand_over("c01", number, "id-or-receipt", {"collector": "周晓梅"})  # type: ignore[attr-defined]
    open_claim("周晓梅")
    page.checklist.view.setCurrentIndex(page.model.index(0, 0))
    offer = page.scans._offers(page.model.material(0))[0]
    picture = page.scans.thumbs.get(
        offer["sha256"], service.attachment_store.path(offer["sha256"]), offer["mime"], THUMB * 3
    )  # type: ignore[attr-defined]
    dialog = ReuseDialog(offer, picture, "患者本人有效身份证", window)  # type: ignore[arg-type]
    dialog.show()
    app.processEvents()  # type: ignore[attr-defined]
    dialog.grab().save(str(OUT / "24-scan-reuse.png"))
    dialog.close()
    done = archive_one(service, "c01", number, folder / "archive")  # type: ignore[arg-type]
    start = 1
    for c in done["contents"]:
        if c["title"].startswith("扫描件"):
            break
        start += c["pages"]
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", str(start), "-l", str(start), done["path"], str(folder / "scan")],
        check=True,
    )
    (OUT / "25-archive-scan-page.png").write_bytes(next(folder.glob("scan*.png")).read_bytes())


if __name__ == "__main__":
    sys.exit(main())
