"""The applicant (and agent, and organisation): validated as typed, birth date and sex derived from the ID number.
A barcode scanner acting as a keyboard works in the ID field (it types the number and Enter)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.id_card import IdCard, expiry_problem, recorded_expiry_problem
from yibao_desk.domain.validators import validate_credit_code, validate_id_number, validate_phone
from yibao_desk.gui.intake.mail_fields import MailFields
from yibao_desk.journal.applicant import (
    ADDRESS_MAX_LENGTH,
    CREDIT_CODE_MAX_LENGTH,
    ID_NUMBER_MAX_LENGTH,
    ID_TYPES,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
)

OK_STYLE = "color: #1b5e20;"
BAD_STYLE = "color: #b00020;"


def _note() -> QLabel:
    label = QLabel("")
    label.setWordWrap(True)
    return label


class PersonFields(QWidget):
    changed = Signal()

    def __init__(self, prefix: str, with_address: bool = True) -> None:
        super().__init__()
        self.prefix = prefix
        self.name = QLineEdit()
        self.name.setObjectName(f"{prefix}Name")
        self.id_type = QComboBox()
        self.id_type.setObjectName(f"{prefix}IdType")
        self.id_type.addItems(list(ID_TYPES))
        # rarely changed (居民身份证 almost always): no Tab stop between the name and the number; a click changes it
        self.id_type.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.id_number = QLineEdit()
        self.id_number.setObjectName(f"{prefix}IdNumber")
        self.id_number.setPlaceholderText("18 位身份证号，可扫码录入")
        self.id_note = _note()
        self.id_note.setObjectName(f"{prefix}IdNote")
        self.phone = QLineEdit()
        self.phone.setObjectName(f"{prefix}Phone")
        self.phone_note = _note()
        self.phone_note.setObjectName(f"{prefix}PhoneNote")
        self.address = QLineEdit() if with_address else None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("姓名", self.name)
        form.addRow("证件类型", self.id_type)
        form.addRow("证件号码", self.id_number)
        form.addRow("", self.id_note)
        form.addRow("联系电话", self.phone)
        form.addRow("", self.phone_note)
        if self.address is not None:
            self.address.setObjectName(f"{prefix}Address")
            form.addRow("地址", self.address)
        # as long as the journal takes (journal.applicant), no longer: what is typed is what is recorded
        self.name.setMaxLength(NAME_MAX_LENGTH)
        self.id_number.setMaxLength(ID_NUMBER_MAX_LENGTH)
        self.phone.setMaxLength(PHONE_MAX_LENGTH)
        if self.address is not None:
            self.address.setMaxLength(ADDRESS_MAX_LENGTH)
        for w in (self.name, self.id_number, self.phone, *([self.address] if self.address else [])):
            w.textChanged.connect(self._on_change)
        self.id_type.currentTextChanged.connect(self._on_change)
        self.phone.editingFinished.connect(self._tidy_phone)
        self.phone_reason: str | None = None  # why the phone must be filled in (the page asks the domain)
        self.card: IdCard | None = None  # the card read (F8): its validity goes with the number it carries
        self.recorded: tuple[str, str] | None = None  # (number, id_valid_to) a continued case recorded from a card

    def set_recorded_validity(self, person: dict[str, Any]) -> None:
        """A case continued (继续办理): the validity its card gave stays with its number."""
        valid_to = str(person.get("id_valid_to", ""))
        self.recorded = (str(person.get("id_number", "")).upper(), valid_to) if valid_to else None
        self.check()

    def fill_from_card(self, card: IdCard) -> None:
        """The fields the card gives, as the reader read them (the phone stays as typed)."""
        self.card = card
        self.id_type.setCurrentText("居民身份证")
        self.name.setText(card.name)
        self.id_number.setText(card.id_number)
        if self.address is not None and card.address:
            self.address.setText(card.address)
        self.check()
        self.changed.emit()

    def _card_now(self) -> IdCard | None:
        """The card read, while the number on screen is still its number (typed over: a card no longer)."""
        if self.card is not None and self.card.id_number == self.id_number.text().strip().upper():
            return self.card
        return None

    def _tidy_phone(self) -> None:
        """A number typed with spaces or dashes is shown as it is recorded."""
        v = validate_phone(self.phone.text())
        if v.valid and v.normalized and v.normalized != self.phone.text():
            self.phone.setText(v.normalized)

    def problem(self) -> str:
        """What keeps these details from being complete, first thing first ("" when complete)."""
        if not self.name.text().strip():
            return "请填写姓名"
        number = self.id_number.text().strip()
        if not number:
            return "请填写证件号码"
        if self.id_type.currentText() in ("居民身份证", "社会保障卡") and not validate_id_number(number).valid:
            return "证件号码无效"
        phone = self.phone.text().strip()
        if phone and not validate_phone(phone).valid:
            return "联系电话无效"
        if not phone and self.phone_reason:
            return self.phone_reason
        return ""

    def _on_change(self, *_a: Any) -> None:
        self.check()
        self.changed.emit()

    def check(self) -> bool:
        ok = True
        number = self.id_number.text().strip()
        if number and self.id_type.currentText() in ("居民身份证", "社会保障卡"):
            v = validate_id_number(number)
            card = self._card_now()
            expired = expiry_problem(card.valid_to, card.long_term, dt.date.today()) if card else None
            if card is None and self.recorded is not None and self.recorded[0] == number.upper():
                expired = recorded_expiry_problem(self.recorded[1], dt.date.today())
            if v.valid and expired:  # the guides' common mistake: said at once, and a problem in the verdict
                self.id_note.setText(f"✘ 读卡：{expired}")
                self.id_note.setStyleSheet(BAD_STYLE)
            elif v.valid:
                d = v.derived
                extra = "；".join(v.warnings)
                self.id_note.setText(
                    (f"✔ 读卡：有效期 {card.validity_text()}\n" if card else "")
                    + f"✔ 出生 {d['birth_date']}　{d['sex']}　{d['age']} 岁"
                    + (f"　{d['division']}" if d.get("division") else "")
                    + (f"\n{extra}" if extra else "")
                )
                self.id_note.setStyleSheet(OK_STYLE)
            else:
                self.id_note.setText(v.message)
                self.id_note.setStyleSheet(BAD_STYLE)
                ok = False
        else:
            self.id_note.setText("")
        phone = self.phone.text().strip()
        if phone:
            v = validate_phone(phone)
            self.phone_note.setText("" if v.valid else v.message)
            self.phone_note.setStyleSheet(BAD_STYLE)
            ok = ok and v.valid
        elif self.phone_reason:
            self.phone_note.setText(self.phone_reason)
            self.phone_note.setStyleSheet(BAD_STYLE)
            ok = False
        else:
            self.phone_note.setText("")
        return ok and bool(self.name.text().strip()) and bool(number)

    def value(self) -> dict[str, str]:
        out = {
            "name": self.name.text().strip(),
            "id_type": self.id_type.currentText(),
            "id_number": self.id_number.text().strip(),
            "phone": self.phone.text().strip(),
        }
        if self.address is not None:
            out["address"] = self.address.text().strip()
        card = self._card_now()
        if card is not None:
            out["id_valid_to"] = card.as_applicant().get("id_valid_to", "")
        elif self.recorded is not None and self.recorded[0] == out["id_number"].upper():
            out["id_valid_to"] = self.recorded[1]
        return {k: v for k, v in out.items() if v}

    def clear(self) -> None:
        self.card = None
        self.recorded = None
        for w in (self.name, self.id_number, self.phone, *([self.address] if self.address else [])):
            w.clear()
        self.id_type.setCurrentIndex(0)


class ApplicantPanel(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        title = QLabel("③ 申请人（F3）")
        title.setObjectName("sectionTitle")
        self.applicant = PersonFields("applicant")
        self.agent_box = QGroupBox("代办人（委托办理）")
        self.agent = PersonFields("agent", with_address=False)
        QVBoxLayout(self.agent_box).addWidget(self.agent)
        self.agent_box.setVisible(False)
        self.unit_box = QGroupBox("单位（单位事项填写）")
        self.unit_box.setCheckable(True)
        self.unit_box.setChecked(False)
        self.unit_name = QLineEdit()
        self.unit_name.setObjectName("unitName")
        self.credit_code = QLineEdit()
        self.credit_code.setObjectName("creditCode")
        self.unit_name.setMaxLength(NAME_MAX_LENGTH)
        self.credit_code.setMaxLength(CREDIT_CODE_MAX_LENGTH)
        self.credit_note = _note()
        uf = QFormLayout(self.unit_box)
        uf.addRow("单位名称", self.unit_name)
        uf.addRow("统一社会信用代码", self.credit_code)
        uf.addRow("", self.credit_note)
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.addItem("窗口领取", "pickup")
        self.delivery.addItem("邮寄", "mail")
        self.department = QComboBox()  # 承办部门: where the papers go (seed 000 §九), where the region names them
        self.department.setObjectName("department")
        self.department.setToolTip("参保地的医疗保障事务中心：纸质材料按它列入当天的移交清单")
        df = QFormLayout()
        self._departments = df
        df.addRow("承办部门", self.department)
        df.addRow("结果交付", self.delivery)
        self.mail = MailFields()
        self.mail.setVisible(False)
        self._restoring = False  # a journaled case's choice being shown, not the clerk's
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.applicant)
        layout.addWidget(self.agent_box)
        layout.addWidget(self.unit_box)
        layout.addLayout(df)
        layout.addWidget(self.mail)
        layout.addStretch(1)
        self.applicant.changed.connect(self.changed)
        self.agent.changed.connect(self.changed)
        self.credit_code.textChanged.connect(self._check_unit)
        self.unit_name.textChanged.connect(self.changed)
        self.delivery.currentIndexChanged.connect(self._on_delivery)
        self.department.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.mail.changed.connect(self.changed)
        self.set_departments(())

    def mailed(self) -> bool:
        return bool(self.delivery.currentData() == "mail")

    def _on_delivery(self, _index: int = 0) -> None:
        self.mail.setVisible(self.mailed())
        if self.mailed():
            self.mail.start_from(self.applicant.value())
            self.mail.check()
            if not self._restoring:  # the clerk picked 邮寄: on to the first field still to fill, in view
                QTimer.singleShot(0, self._to_mail)
        self.changed.emit()

    def _to_mail(self) -> None:
        edit = self.mail.first_to_fill()
        edit.setFocus()
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(edit)

    def _check_unit(self) -> None:
        code = self.credit_code.text().strip()
        v = validate_credit_code(code) if code else None
        self.credit_note.setText("" if v is None or v.valid else v.message)
        self.credit_note.setStyleSheet(BAD_STYLE)
        self.changed.emit()

    def set_entrusted(self, entrusted: bool) -> None:
        self.agent_box.setVisible(entrusted)

    def set_mailing(self, offered: bool) -> None:
        """邮寄 only where the region's guide offers it (profile `mailing`)."""
        index = self.delivery.findData("mail")
        if offered and index < 0:
            self.delivery.addItem("邮寄", "mail")
        elif not offered and index >= 0:
            if self.mailed():
                self.delivery.setCurrentIndex(0)
            self.delivery.removeItem(index)
        self.delivery.setEnabled(self.delivery.count() > 1)
        self.delivery.setToolTip("" if offered else "本地区办事指南未提供办理结果邮寄")

    def set_departments(self, names: tuple[str, ...]) -> None:
        """The region's 承办部门 (profile handoff_departments); the row is hidden where there are none."""
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem("（请选择参保地）", "")
        for name in names:
            self.department.addItem(name, name)
        self.department.blockSignals(False)
        self._departments.setRowVisible(self.department, bool(names))

    def set_department(self, name: str) -> None:
        self.department.setCurrentIndex(max(0, self.department.findData(name)))

    def set_unit_service(self, is_unit: bool) -> None:
        self.unit_box.setChecked(is_unit)

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"applicant": self.applicant.value(), "delivery": self.delivery.currentData()}
        if self.department.currentData():
            out["department"] = self.department.currentData()
        if self.mailed():
            out["mail"] = self.mail.value()
        if self.agent_box.isVisible():
            out["agent"] = self.agent.value()
        if self.unit_box.isChecked() and self.unit_name.text().strip():
            unit = {"name": self.unit_name.text().strip()}
            if self.credit_code.text().strip():
                unit["credit_code"] = self.credit_code.text().strip()
            out["unit"] = unit
        return out

    def is_complete(self) -> bool:
        ok = self.applicant.check()
        if self.agent_box.isVisible():
            ok = self.agent.check() and ok
        return ok

    def ready(self) -> bool:
        """Complete for a decision: the applicant (and agent) and, for 邮寄, the whole address."""
        return self.is_complete() and not (self.mailed() and self.mail.problems())

    def problem(self) -> str:
        """The first thing missing or wrong, for the status line and the verdict panel ("" when complete)."""
        if p := self.applicant.problem():
            return f"申请人：{p}（F3）"
        if self.agent_box.isVisible() and (p := self.agent.problem()):
            return f"代办人：{p}"
        if self.mailed() and (p := self.mail.problem()):
            return f"邮寄：{p}"
        return ""

    def set_delivery(self, delivery: str, mail: dict[str, str] | None) -> None:
        """A journaled case's choice and address, as it was recorded (continuing a draft)."""
        self.mail.set_value(mail or {})
        if delivery == "mail":  # a case recorded for 邮寄 shows it, whatever the region offers today
            self.set_mailing(True)
        self._restoring = True
        try:
            self.delivery.setCurrentIndex(max(0, self.delivery.findData(delivery)))
            self._on_delivery()
        finally:
            self._restoring = False

    def require_phone(self, reason: str | None) -> None:
        """The applicant's phone is required for `reason` (None: optional)."""
        if reason != self.applicant.phone_reason:
            self.applicant.phone_reason = reason
            self.applicant.check()

    def clear(self) -> None:
        self.applicant.clear()
        self.agent.clear()
        self.unit_name.clear()
        self.credit_code.clear()
        self.mail.clear()
        self.delivery.setCurrentIndex(0)
        self.department.setCurrentIndex(0)
