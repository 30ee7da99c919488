"""The verdict, always visible: accept / supplement / reject as the domain computes it, every problem listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from yibao_desk.domain.checklist import Verdict

COLORS = {"accept": "#1b5e20", "supplement": "#e65100", "reject": "#b00020"}


class VerdictPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        title = QLabel("④ 结论")
        title.setObjectName("sectionTitle")
        self.headline = QLabel("请选择事项")
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        self.estimate = QLabel("")  # a due date counted through a year without its 放假安排: in red, beside it
        self.estimate.setObjectName("dueDateEstimated")
        self.estimate.setWordWrap(True)
        self.estimate.setStyleSheet("color: #b00020; font-weight: bold;")
        self.estimate.hide()
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setWordWrap(True)
        self.problems.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.accept_button = QPushButton("受理并打印（Ctrl+Enter）")
        self.accept_button.setObjectName("acceptButton")
        self.supplement_button = QPushButton("出具补正告知单（Ctrl+B）")
        self.supplement_button.setObjectName("supplementButton")
        self.reject_button = QPushButton("不予受理（Ctrl+R）")
        self.reject_button.setObjectName("rejectButton")
        self.reprint_button = QPushButton("重打文书（Ctrl+P）")
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.hide()
        # two buttons a row: four in one row made the panel 536 px wide, too wide beside the checklist at 1280
        buttons = QGridLayout()
        for i, b in enumerate((self.accept_button, self.supplement_button, self.reject_button, self.reprint_button)):
            buttons.addWidget(b, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.headline)
        layout.addWidget(self.estimate)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        self.show_verdict(None, "")

    def show_decided(self, case_number: str | None) -> None:
        """The case on screen is decided and journaled, but its documents were not printed: only 重打文书."""
        self.reprint_button.setVisible(case_number is not None)
        if case_number is None:
            return
        for b in (self.accept_button, self.supplement_button, self.reject_button):
            b.setEnabled(False)
        self.headline.setText(f"办件 {case_number} 已记入日志，文书未打印：请重打文书（Ctrl+P）")
        self.headline.setStyleSheet("color: #b00020; font-weight: bold; font-size: 15px;")

    def show_verdict(self, verdict: Verdict | None, applicant_issue: str) -> None:
        self.problems.clear()
        years = verdict.estimated_years if verdict is not None and verdict.verdict == "accept" else ()
        listed = "、".join(str(y) for y in years)
        self.estimate.setText(
            f"承诺办结日期按周一至周五推算：{listed}年节假日安排尚未录入（主管：程序 → 节假日安排）" if years else ""
        )
        self.estimate.setVisible(bool(years))
        if verdict is None:
            self.headline.setText("请先选择事项")
            self.headline.setStyleSheet("")
            for b in (self.accept_button, self.supplement_button, self.reject_button):
                b.setEnabled(False)
            return
        text = {
            "accept": "材料齐全，可以受理",
            "supplement": f"需补正：{len(verdict.problems)} 项问题",
            "reject": "不予受理",
        }[verdict.verdict]
        if verdict.verdict == "accept" and verdict.due_date:
            text += f"　承诺办结：{verdict.due_date:%Y年%m月%d日}（{verdict.time_limit.text}）"
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {COLORS[verdict.verdict]}; font-weight: bold; font-size: 15px;")
        for p in verdict.problems:
            self.problems.addItem(f"{p.material + '：' if p.material else ''}{p.reason}")
        for g in verdict.gaps:
            self.problems.addItem(f"容缺受理：{g.material}，补交期限 {g.deadline or '按规定'}")
        for w in verdict.warnings:
            self.problems.addItem(f"提示：{w}")
        if applicant_issue:  # already says whose (申请人：… / 代办人：… / 邮寄：…)
            self.problems.addItem(applicant_issue)
        ready = not applicant_issue
        self.accept_button.setEnabled(verdict.verdict == "accept" and ready)
        self.supplement_button.setEnabled(verdict.verdict == "supplement" and ready)
        self.reject_button.setEnabled(ready)
