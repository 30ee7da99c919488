"""Issue 17 §1 in the program, through keys, menus and the scanner's folder (益阳跨域, the guide that asks for
电子化处理): the supervisor names the 高拍仪's folder in 设置; a scan saved there lands on the material under the
cursor, S attaches a PDF through the file dialog, the row and the strip show the thumbnails, V pages through every
page, a file that is no scan is refused in words; the applicant's next case reuses the ID scan with H once the
clerk ticked that the card is valid, and Delete in the strip takes a scan off. A region whose guide says nothing of
scanning shows none of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import decide_and_close, start_program, type_applicant, type_remote_care
from tests.scan_files import jpeg, pdf
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.attachment_viewer import AttachmentViewer
from yibao_desk.gui.intake.checklist_model import COL_SCANS
from yibao_desk.gui.intake.reuse_dialog import ReuseDialog
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _set_scan_folder(person: Person, window: object, folder: Path, message_boxes: list[str]) -> None:
    person.menu(window, "程序", "设置")  # type: ignore[arg-type]
    settings = window.settings  # type: ignore[attr-defined]
    person.qtbot.waitUntil(lambda: window.tabs.currentWidget() is settings)  # type: ignore[attr-defined]
    edit = settings.findChild(QLineEdit, "setting_scan_folder")
    assert edit is not None and edit.isVisible()
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    person.key(K.Key_A, CTRL, count=False)
    person.write(str(folder))
    person.click(settings, "保存设置")
    person.qtbot.waitUntil(lambda: "设置已保存" in message_boxes)
    person.key(K.Key_1, Qt.KeyboardModifier.AltModifier, count=False)


def test_scans_from_the_folder_the_file_dialog_the_viewer_and_reuse(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, message_boxes: list[str]
) -> None:
    folder = tmp_path / "高拍仪"
    folder.mkdir()
    (folder / "昨天.jpg").write_bytes(jpeg(tmp_path / "old.jpg", seed=7).read_bytes())  # there before: left alone
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    intake = window.intake
    strip, model = intake.scans.strip, intake.model
    _set_scan_folder(person, window, folder, message_boxes)
    qtbot.waitUntil(lambda: "正在监视扫描文件夹" in window.statusBar().currentMessage())

    type_remote_care(person, APPLICANT)
    person.key(K.Key_F4, count=False)  # the first material, 患者本人有效身份证号, under the cursor
    assert not strip.isVisible() and not intake.checklist.view.isColumnHidden(COL_SCANS)  # no scan yet: no strip
    jpeg(folder / "0001.jpg", seed=11)  # the 高拍仪 saves its picture
    qtbot.waitUntil(lambda: model.index(0, COL_SCANS).data() == "1", timeout=10_000)
    assert model.index(0, COL_SCANS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert (
        strip.isVisible() and strip.thumbs.count() == 1 and "扫描件：患者本人有效身份证号（1 份）" in strip.title.text()
    )
    assert "已附加 0001.jpg → 患者本人有效身份证号" in window.statusBar().currentMessage()

    scan = pdf(tmp_path / "扫描" / "住院证明.pdf", pages=3)

    def choose(dialog: object) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(scan))
        dialog.accept()

    person.expect(QFileDialog, choose, "file-dialog")
    person.keys("s", count=False)
    person.wait_handled("file-dialog")
    qtbot.waitUntil(lambda: model.index(0, COL_SCANS).data() == "2")
    assert [strip.thumbs.item(i).text() for i in range(2)] == ["0001.jpg", "3 页"]

    pages: list[str] = []

    def view(dialog: object) -> None:
        assert isinstance(dialog, AttachmentViewer)
        pages.append(dialog.where.text())
        for _ in range(3):
            person.key(K.Key_Right, count=False)
            pages.append(dialog.where.text())
        assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()
        person.key(K.Key_Escape, count=False)

    person.expect(AttachmentViewer, view, "viewer")
    person.keys("v", count=False)
    person.wait_handled("viewer")
    assert pages[0].startswith("第 1 / 4 页　0001.jpg") and pages[3] == "第 4 / 4 页　住院证明.pdf（第 3 / 3 页）"

    (folder / "说明.pdf").write_text("不是扫描件", encoding="utf-8")  # a file that is no scan
    qtbot.waitUntil(lambda: any("不是可附加的文件类型" in m for m in message_boxes), timeout=10_000)
    assert model.index(0, COL_SCANS).data() == "2"

    person.expect(PrintPreviewDialog, lambda d: person.click(d, "关闭"), "preview")
    person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), "rating")
    person.key(K.Key_Return, CTRL, count=False)
    person.wait_handled("preview")
    person.wait_handled("rating")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    first = next(c for c in window.ctx.service.cases() if c["status"] == "accepted")["case_number"]
    person.stop()

    # the applicant comes back and the clerk scans the card first: kept until the applicant is typed
    person.key(K.Key_N, CTRL, count=False)
    person.key(K.Key_F2, count=False)
    person.keys("ydjy", count=False)
    person.key(K.Key_Return, count=False)
    jpeg(folder / "0002.jpg", seed=12)
    qtbot.waitUntil(lambda: "填好申请人（F3）后自动附加" in window.statusBar().currentMessage(), timeout=10_000)
    assert model.index(0, COL_SCANS).data() == "—" and intake.case_number is None
    person.key(K.Key_A, count=False)
    type_applicant(person, APPLICANT)
    qtbot.waitUntil(lambda: model.index(0, COL_SCANS).data() == "1", timeout=10_000)
    second = intake.case_number
    assert second is not None and second != first
    decide_and_close(person, qtbot, K.Key_Return, "-2")

    # and a third time: the ID scan of the first case is offered (H) once the card is checked
    person.key(K.Key_N, CTRL, count=False)
    type_remote_care(person, APPLICANT)
    person.key(K.Key_F4, count=False)
    qtbot.waitUntil(lambda: strip.reuse_button.isEnabled())

    def reuse(dialog: object) -> None:
        assert isinstance(dialog, ReuseDialog)
        assert any(second in label.text() for label in dialog.findChildren(QLabel))  # the newest first
        assert not dialog.use.isEnabled()
        person.key(K.Key_Space, count=False)  # 已核对
        assert dialog.use.isEnabled()
        person.key(K.Key_Return, count=False)

    person.expect(ReuseDialog, reuse, "reuse")
    person.keys("h", count=False)
    person.wait_handled("reuse")
    qtbot.waitUntil(lambda: model.index(0, COL_SCANS).data() == "1")
    assert f"利用历史资料（办件 {second}）" in strip.thumbs.item(0).toolTip()
    assert strip.reuse_button.isEnabled()  # the first case's scans of that material are still on offer

    # Delete in the strip takes it off again, after a question
    QTest.mouseClick(
        strip.thumbs.viewport(),
        Qt.MouseButton.LeftButton,
        pos=strip.thumbs.visualItemRect(strip.thumbs.item(0)).center(),
    )
    person.expect(QMessageBox, lambda b: b.button(QMessageBox.StandardButton.Yes).click(), "remove")  # type: ignore[attr-defined]
    person.key(K.Key_Delete, count=False)
    person.wait_handled("remove")
    qtbot.waitUntil(lambda: model.index(0, COL_SCANS).data() == "—")
    assert strip.reuse_button.isEnabled() and "尚无扫描件" in strip.title.text()
    person.stop()


def test_a_region_without_digitising_shows_no_scans(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog
) -> None:
    window = start_program(person, qtbot, "daye", tmp_path / "journal.sqlite3", catalog)
    intake = window.intake
    person.key(K.Key_F2, count=False)
    person.key(K.Key_Return, count=False)
    person.key(K.Key_F4, count=False)
    assert not intake.scans.strip.isVisible() and intake.checklist.view.isColumnHidden(COL_SCANS)
    person.keys("s", count=False)  # nothing happens: S is no key here
    assert QApplication.activeModalWidget() is None
    assert "S 附加扫描件" not in intake.checklist.hint.text()
