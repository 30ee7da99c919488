"""好差评 (issue 17 §6): the applicant rates the service after the verdict and after the hand-over. Five large
buttons, best first (the clerk may press the level's digit for an applicant who says it); a 差评 (不满意 / 非常不满意)
asks what it is about and why before it can be submitted — the domain's rule, checked as the applicant types. With
a second monitor the window opens full screen on the one facing the applicant (设置 → 好差评窗口位置); the hall's
online-rating link, where set, is shown as a QR code to rate later from a phone (seed 001 线上评价)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.rating import FIELDS_ZH, RatingLevel, rating_problems, rating_rules
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_error
from yibao_desk.journal.case_actions import why_not
from yibao_desk.journal.case_rating import why_not_rate

BAD = "color: #b00020;"


def qr_pixmap(text: str, size: int) -> QPixmap:
    """The QR code of `text` (python-qrcode's matrix, drawn module by module with a quiet zone)."""
    import qrcode

    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    image = QImage(n, n, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(x, y, 1, 1), QColor("black"))
    painter.end()
    scaled = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
    return QPixmap.fromImage(scaled)


class RatingDialog(QDialog):
    """What the applicant chose: `level` (None until chosen), and for a 差评 `aspect` and `reason()`."""

    def __init__(self, case: dict[str, Any], served_by: str, online_url: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ratingDialog")
        self.setWindowTitle("服务评价（好差评）")
        self.rules = rating_rules()
        self.level: int | None = None
        title = QLabel("请您对本次服务作出评价")
        title.setObjectName("ratingTitle")
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        about = QLabel(f"{case.get('service_name', '')}　办件编号 {case.get('case_number', '')}　工作人员：{served_by}")
        about.setAlignment(Qt.AlignmentFlag.AlignCenter)
        about.setWordWrap(True)
        levels = QHBoxLayout()
        self.level_buttons: dict[int, QPushButton] = {}
        for lv in self.rules.levels:
            b = QPushButton(f"{lv.text}\n（{lv.value}）")
            b.setObjectName(f"rating_{lv.value}")
            b.setCheckable(True)
            b.setAutoDefault(False)  # Enter in the reason must never press a level (it would rate 非常满意)
            b.setMinimumSize(120, 84)
            b.setStyleSheet("font-size: 18px;" + (BAD if lv.bad else ""))
            b.clicked.connect(lambda _checked=False, level=lv: self.choose(level))
            # the digit chooses at once (a button's own shortcut clicks it only after its press animation)
            key = QShortcut(QKeySequence(str(lv.value)), self)
            key.activated.connect(lambda level=lv: self.choose(level))
            levels.addWidget(b)
            self.level_buttons[lv.value] = b
        self.aspect = QComboBox()
        self.aspect.setObjectName("ratingAspect")
        self.aspect.addItem("请选择", "")
        for a in self.rules.aspects:
            self.aspect.addItem(a, a)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("ratingReason")
        self.reason_edit.setMaxLength(self.rules.reason_max_chars + 1)  # one over: the rule says how many too many
        self.reason_edit.setPlaceholderText("请写下您不满意的原因，我们将认真改进")
        self.bad_box = QWidget()
        bad_form = QFormLayout(self.bad_box)
        bad_form.addRow(FIELDS_ZH["aspect"], self.aspect)
        bad_form.addRow(FIELDS_ZH["reason"], self.reason_edit)
        self.bad_box.setVisible(False)
        self.problem = QLabel("")
        self.problem.setObjectName("ratingProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(BAD)
        self.submit = QPushButton("提交评价")
        self.submit.setObjectName("ratingSubmit")
        self.submit.setVisible(False)
        self.submit.setAutoDefault(False)  # Enter in the reason submits through accept(), which checks first
        self.skip = QPushButton("申请人不评价（Esc）")
        self.skip.setObjectName("ratingSkip")
        self.skip.setAutoDefault(False)
        self.submit.clicked.connect(self.accept)
        self.skip.clicked.connect(self.reject)
        self.aspect.currentIndexChanged.connect(self.check)
        self.reason_edit.textChanged.connect(self.check)
        self.reason_edit.returnPressed.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem, 1)
        bottom.addWidget(self.submit)
        bottom.addWidget(self.skip)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(about)
        layout.addLayout(levels)
        layout.addWidget(self.bad_box)
        if online_url:
            grid = QGridLayout()
            qr = QLabel()
            try:
                qr.setPixmap(qr_pixmap(online_url.replace("{case_number}", str(case.get("case_number", ""))), 132))
                qr.setObjectName("ratingQr")
                said = "也可用手机扫描二维码，在线评价"
            except ValueError:  # more than a QR code holds: the rating goes on without it
                said = "设置中的线上评价网址过长，无法生成二维码（请主管在 设置 → 线上评价网址 中改正）"
            grid.addWidget(qr, 0, 0)
            grid.addWidget(QLabel(said), 0, 1)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
        layout.addLayout(bottom)

    def choose(self, level: RatingLevel) -> None:
        self.level = level.value
        for value, b in self.level_buttons.items():
            b.setChecked(value == level.value)
        if not level.bad:  # a good rating is given with one press
            self.aspect.setCurrentIndex(0)
            self.reason_edit.clear()
            self.accept()
            return
        self.bad_box.setVisible(True)
        self.submit.setVisible(True)
        self.check()
        self.aspect.setFocus()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def chosen_aspect(self) -> str:
        return str(self.aspect.currentData() or "")

    def problems(self) -> dict[str, str]:
        if self.level is None:
            return {"level": "请选择评价等级"}
        return rating_problems(self.level, self.chosen_aspect(), self.reason())

    def check(self) -> None:
        problems = self.problems()
        self.problem.setText("；".join(problems.values()))
        self.submit.setEnabled(not problems)

    def accept(self) -> None:
        if self.problems():  # Enter while a 差评 lacks its aspect or reason: stay open, the problem is on screen
            self.check()
            return
        super().accept()


def applicant_screen(placement: str, own: QWidget | None) -> Any:
    """The screen facing the applicant: another screen than the clerk's, when there is one and the setting allows
    (None: show the window on the clerk's screen)."""
    if placement != "auto":
        return None
    screens = QGuiApplication.screens()
    mine = own.screen() if own is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not mine]
    return others[0] if others else None


def place(dialog: RatingDialog, placement: str, parent: QWidget | None) -> bool:
    """Put the dialog full screen on the applicant's screen; True when it went there."""
    screen = applicant_screen(placement, parent)
    if screen is None:
        return False
    dialog.setScreen(screen)
    dialog.setGeometry(screen.geometry())
    dialog.setWindowState(Qt.WindowState.WindowFullScreen)
    return True


def rating_refused(ctx: AppContext, case: dict[str, Any]) -> str | None:
    """Why this case cannot be rated now by the staff member signed in (None: it can)."""
    if not ctx.region.profile.rating:
        return f"{ctx.region.name}的办事指南未要求“好差评”"
    actor = ctx.actor
    today = ctx.service.clock().astimezone().date()
    return why_not("rate", actor.role if actor else None, case.get("status")) or why_not_rate(case, today)


def ask_rating(ctx: AppContext, case_number: str, parent: QWidget | None, offered: bool = True) -> bool:
    """Show the rating window for the case and journal what the applicant chose; True when a rating was recorded.
    `offered`: the program offers it on its own (after a verdict or hand-over) — where there is nothing to rate it
    stays silent; asked for by the clerk, it says why not."""
    try:
        case = ctx.service.case(case_number)
    except Exception as e:
        report_error(parent, e)
        return False
    refused = rating_refused(ctx, case)
    if refused:
        if not offered:
            show_error(parent, refused)
        return False
    actor = ctx.require_actor()
    settings = ctx.service.settings()
    dialog = RatingDialog(case, f"{actor.name}（{actor.staff_id}）", str(settings.get("rating_online_url", "")), parent)
    place(dialog, str(settings.get("rating_screen", "auto")), parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.level is None:
            return False
        ctx.service.rate(actor.staff_id, case_number, dialog.level, dialog.chosen_aspect(), dialog.reason())
    except Exception as e:
        report_error(parent, e)
        return False
    finally:
        dialog.deleteLater()
    ctx.casesChanged.emit()
    return True
