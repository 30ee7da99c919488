"""The applicant form takes no more than the journal does: the limits come from journal.applicant."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from yibao_desk.gui.intake.applicant_panel import ApplicantPanel
from yibao_desk.journal.applicant import (
    ADDRESS_MAX_LENGTH,
    CREDIT_CODE_MAX_LENGTH,
    ID_NUMBER_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
)


def test_typing_60_characters_into_the_name_keeps_the_limit(qtbot: QtBot) -> None:
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.show()
    name = panel.applicant.name
    name.setFocus()
    qtbot.keyClicks(name, "a" * 60)  # key by key (QTest types ASCII only)
    assert NAME_MAX_LENGTH == 50
    assert name.text() == "a" * NAME_MAX_LENGTH
    name.clear()
    commit = QInputMethodEvent("", [])  # a Chinese input method commits the text whole
    commit.setCommitString("李" * 60)
    QApplication.sendEvent(name, commit)
    assert name.text() == "李" * NAME_MAX_LENGTH
    assert panel.data()["applicant"]["name"] == "李" * NAME_MAX_LENGTH


def test_every_field_of_the_form_reads_its_limit(qtbot: QtBot) -> None:
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    for person in (panel.applicant, panel.agent):
        assert person.name.maxLength() == NAME_MAX_LENGTH
        assert person.id_number.maxLength() == ID_NUMBER_MAX_LENGTH
        assert person.phone.maxLength() == PHONE_MAX_LENGTH
    assert panel.applicant.address is not None and panel.applicant.address.maxLength() == ADDRESS_MAX_LENGTH
    assert panel.unit_name.maxLength() == NAME_MAX_LENGTH
    assert panel.credit_code.maxLength() == CREDIT_CODE_MAX_LENGTH


def test_a_birth_year_before_1900_is_a_warning_beside_the_number(qtbot: QtBot) -> None:
    """110101189001010016 has a right check digit; 136 years is a misreading to check, said next to the field."""
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.keyClicks(panel.applicant.id_number, "110101189001010016")
    note = panel.applicant.id_note.text()
    assert "1890" in note and "136 岁" in note and "请核对证件" in note
