"""The intake screen: ① service ② scenarios and checklist ③ applicant ④ verdict. Keyboard first.

The page asks the domain for the verdict after every change and shows it; the journal records the draft as soon
as the applicant is known, so nothing a clerk ticked is lost if the program dies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.catalog import Service
from yibao_desk.domain.checklist import Verdict, evaluate
from yibao_desk.domain.contact import phone_required
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.intake.applicant_panel import ApplicantPanel
from yibao_desk.gui.intake.checklist_model import ChecklistModel
from yibao_desk.gui.intake.checklist_view import ChecklistPanel
from yibao_desk.gui.intake.scenario_panel import ScenarioPanel
from yibao_desk.gui.intake.service_picker import ServicePicker
from yibao_desk.gui.intake.verdict_panel import VerdictPanel
from yibao_desk.gui.messages import is_user_error, log, report_error, show_error
from yibao_desk.gui.ops import run_in_background
from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
from yibao_desk.gui.rating_dialog import ask_rating


class IntakePage(QWidget):
    caseFinished = Signal(str, str)  # case number, verdict
    previewReady = Signal(object)  # PrintPreviewDialog (tests and screenshots hook here)
    formFillerOpened = Signal(object)  # FormFillerDialog
    notice = Signal(str)  # a key that cannot act says why (the main window shows it in the status line)
    openCase = Signal(str)  # a scanned receipt of a case that is not continued here: the 办件 page shows it

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service: Service | None = None
        self.case_number: str | None = None
        self.verdict: Verdict | None = None
        self.decided: str | None = None  # the case on screen is decided; only its documents can be (re)printed
        self.picker = ServicePicker()
        self.scenarios = ScenarioPanel()
        self.model = ChecklistModel()
        self.checklist = ChecklistPanel(self.model)
        self.checklist.form_note = self._form_note
        self.applicant = ApplicantPanel()
        self.verdict_panel = VerdictPanel()
        from yibao_desk.gui.intake.card_reader import CardReader
        from yibao_desk.gui.intake.scan_controller import ScanController

        self.scans = ScanController(self)
        checklist_layout = self.checklist.layout()
        assert isinstance(checklist_layout, QVBoxLayout)
        checklist_layout.insertWidget(self.checklist.strip_slot, self.scans.strip)
        self.service_title = QLabel("② 情形（F5）与材料（F4）")
        self.service_title.setObjectName("sectionTitle")
        self.service_title.setWordWrap(True)
        self.case_label = QLabel("")
        self.case_label.setObjectName("caseLabel")
        self.fill_button = QPushButton("填写官方表格…（F6）")
        self.fill_button.setObjectName("fillForm")
        self.fill_button.setEnabled(False)
        self.fill_button.clicked.connect(lambda: self.on_fill_form())

        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.setSpacing(4)
        # the service and the case on the left, the table button beside them: one band above the questions
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.service_title)
        titles.addWidget(self.case_label)
        head = QHBoxLayout()
        head.addLayout(titles, 1)
        head.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignTop)
        ml.addLayout(head)
        ml.addWidget(self.scenarios)
        ml.addWidget(self.checklist, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        # the applicant's fields scroll on a small screen instead of pushing the window past its bottom edge
        applicant_area = QScrollArea()
        applicant_area.setObjectName("applicantArea")
        applicant_area.setWidgetResizable(True)
        applicant_area.setFrameShape(QFrame.Shape.NoFrame)
        applicant_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        applicant_area.setWidget(self.applicant)
        right.addWidget(applicant_area)
        right.addWidget(self.verdict_panel)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.picker)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 6)
        split.setStretchFactor(2, 3)
        split.setSizes([220, 700, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(1200)
        self.draft_timer.timeout.connect(self.save_draft)

        self.picker.serviceChosen.connect(self.on_service)
        self.scenarios.answersChanged.connect(self.on_answers)
        self.model.stateChanged.connect(self.on_state)
        self.applicant.changed.connect(self.recompute)
        self.checklist.view.notice.connect(self.notice)
        self.checklist.view.allComplete.connect(self.on_all_complete)
        self.verdict_panel.accept_button.clicked.connect(self.on_accept)
        self.verdict_panel.supplement_button.clicked.connect(self.on_supplement)
        self.verdict_panel.reject_button.clicked.connect(self.on_reject)
        self.verdict_panel.reprint_button.clicked.connect(self.on_reprint)
        self.shortcuts: list[QShortcut] = []
        for keys, slot in (
            ("F2", self.focus_search),
            ("F3", self.focus_applicant),
            ("F4", self.focus_checklist),
            ("F5", self.focus_scenarios),
            ("Ctrl+Return", self.on_accept),
            ("Ctrl+Enter", self.on_accept),
            ("Ctrl+B", self.on_supplement),
            ("Ctrl+R", self.on_reject),
            ("Ctrl+P", self.on_reprint),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        self.card_reader = CardReader(self)  # F8
        self.applicant.applicant.id_number.returnPressed.connect(self.on_id_field_scanned)

    # -- set-up ----------------------------------------------------------------------------------------------

    def _form_note(self, form_id: str) -> str:
        from yibao_desk.printing.form_source import form_source

        return form_source(self.ctx.catalog, self.ctx.region.id, form_id).note

    def load_region(self) -> None:
        self.picker.set_region(self.ctx.region, self.ctx.service.frequent_services())
        self.card_reader.configure()
        scanning = self.ctx.region.profile.digitising
        self.checklist.set_scanning(scanning)
        self.scans.strip.setVisible(False)  # shown by the scan controller once the material has a scan
        if scanning:
            self.scans.watch()

    def new_case(self) -> None:
        self.draft_timer.stop()
        self.decided = None
        self.verdict_panel.show_decided(None)
        self.case_number = None
        self.service = None
        self.verdict = None
        self.picker.search.clear()
        self.scenarios.set_service(None)
        self.model.set_service(None)
        self.applicant.clear()
        self.applicant.set_mailing(self.ctx.region.profile.mailing)
        self.applicant.set_departments(tuple(self.ctx.region.profile.handoff_departments))
        self.applicant.set_entrusted(False)
        self.service_title.setText("② 情形（F5）与材料（F4）")
        self.case_label.setText("")
        self.fill_button.setEnabled(False)
        self.verdict_panel.show_verdict(None, "")
        self.load_region()
        self.scans.refresh()
        self.focus_search()

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    def focus_applicant(self) -> None:
        self.applicant.applicant.name.setFocus()

    def focus_scenarios(self) -> None:
        if not self.scenarios.boxes:
            self.notice.emit("F5：本事项没有情形问题" if self.service else "F5：请先选择事项（F2）")
            return
        next(iter(self.scenarios.boxes.values())).setFocus()

    def focus_checklist(self) -> None:
        self.checklist.view.setFocus()
        if not self.checklist.view.currentIndex().isValid() and self.model.rowCount():
            self.checklist.view.setCurrentIndex(self.model.index(0, 0))

    # -- changes -----------------------------------------------------------------------------------------

    def on_service(self, service: Service) -> None:
        if self.decided is not None:  # a decided case stays as it is; another service is another case
            self.decided, self.case_number = None, None
            self.verdict_panel.show_decided(None)
            self.case_label.setText("")
        if self.case_number is not None and self.service is not None and service.code != self.service.code:
            # a draft of another service is already journaled: start a new case for the new service
            self.case_number = None
            self.case_label.setText("")
        self.service = service
        self.scenarios.set_service(service)
        self.model.set_service(service, self.scenarios.answers())
        self.applicant.set_entrusted(self.scenarios.answers().get("entrusted") == "是")
        from yibao_desk.printing.form_source import about_a_unit

        self.applicant.set_unit_service(about_a_unit(service, self.ctx.region.id))
        self.scans.refresh()
        self.service_title.setText(f"② {service.name}（{service.code}）　时限：{service.time_limit.text or '未规定'}")
        self.fill_button.setEnabled(bool(self.printable_forms()))
        self.recompute()
        # every question has the common answer as its default, shown above the checklist: the checklist takes the
        # keys, F5 goes to the questions
        self.focus_checklist()
        if service.scenarios:
            self.notice.emit(f"本事项有 {len(service.scenarios)} 个情形问题（F5），已按常见情形预选")

    def on_all_complete(self) -> None:
        """「全部齐全」: the next thing the clerk needs is the applicant (unless it is already there)."""
        if not self.applicant.is_complete():
            self.focus_applicant()
        self.notice.emit("已将全部材料标记为齐全")

    def on_answers(self, answers: dict[str, str]) -> None:
        self.model.set_answers(answers)
        self.applicant.set_entrusted(answers.get("entrusted") == "是")
        self.recompute()
        self.draft_timer.start()

    def on_state(self) -> None:
        self.recompute()
        self.draft_timer.start()

    def recompute(self) -> None:
        if self.service is None:
            self.verdict_panel.show_verdict(None, "")
            return
        from yibao_desk.domain.id_card import document_problems

        data = self.applicant.data()
        self.verdict = evaluate(
            self.service,
            self.scenarios.answers(),
            self.model.applicable_states(),
            dt.date.today(),
            self.ctx.service.calendar,
            document_problems(data.get("applicant"), data.get("agent"), dt.date.today()),  # a card read expired
        )
        self.model.set_problems({p.material_id for p in self.verdict.problems if p.material_id})
        self.applicant.require_phone(phone_required(self.ctx.region.profile.sms_notices))
        issue = "" if self.applicant.ready() else self.applicant.problem() or "请填写申请人姓名和有效的证件号码"
        self.verdict_panel.show_verdict(self.verdict, issue)
        if self.decided is not None:
            self.verdict_panel.show_decided(self.decided)

    def load_case(self, case_number: str) -> None:
        """Continue a journaled draft (or a case waiting for supplements): everything the clerk had is restored."""
        import json

        from yibao_desk.domain.checklist import MaterialState

        case = self.ctx.service.case(case_number)
        if case["status"] not in ("draft", "supplement"):
            show_error(self, "只有草稿或待补正的办件可以继续办理")
            return
        self.new_case()
        service = self.ctx.region.service(case["service_code"])
        self.on_service(service)
        self.scenarios.set_answers(json.loads(case["answers_json"] or "{}"))
        applicant = json.loads(case["applicant_json"] or "{}")
        a = self.applicant.applicant
        a.name.setText(applicant.get("name", ""))
        a.id_type.setCurrentText(applicant.get("id_type", "居民身份证"))
        a.id_number.setText(applicant.get("id_number", ""))
        a.phone.setText(applicant.get("phone", ""))
        if a.address is not None:
            a.address.setText(applicant.get("address", ""))
        a.set_recorded_validity(applicant)  # an expired card read at the first visit stays expired
        self.applicant.set_delivery(case["delivery"], json.loads(case["mail_json"]) if case.get("mail_json") else None)
        self.applicant.set_department(case.get("department", ""))
        states = {k: MaterialState(**v) for k, v in json.loads(case["materials_json"] or "{}").items()}
        self.model.set_states(states)
        self.case_number = case["case_number"]
        self.case_label.setText(f"办件编号：{self.case_number}（继续办理）")
        self.draft_timer.stop()
        self.scans.refresh()
        self.recompute()

    def on_id_field_scanned(self) -> None:
        """A barcode gun types a code and Enter into the ID field: a receipt's QR (the case number) opens that
        case — to continue it when it waits for supplements, else on the 办件 page; a code that is no ID number is
        said (a 医保电子凭证 code needs the national platform to be read)."""
        from yibao_desk.domain.validators import validate_id_number
        from yibao_desk.journal.case_number import looks_like_case_number, normalize

        field = self.applicant.applicant.id_number
        text = field.text().strip()
        if not text or validate_id_number(text).valid:
            return
        if looks_like_case_number(text):
            number = normalize(text)
            field.clear()
            try:
                case = self.ctx.service.case(number)
            except Exception:
                self.notice.emit(f"扫到回执上的办件编号 {number}，但本机没有该办件")
                return
            if case["status"] in ("draft", "supplement") and self.decided is None and self.case_number is None:
                self.load_case(number)
                self.notice.emit(f"扫到回执：已打开办件 {number} 继续办理")
            else:
                self.openCase.emit(number)
                self.notice.emit(f"扫到回执：办件 {number} 已在“办件”页打开")
            return
        if len(text) > 18 and self.applicant.applicant.id_type.currentText() in ("居民身份证", "社会保障卡"):
            field.clear()
            self.notice.emit(
                "扫到的不是身份证号码（医保电子凭证的二维码需经国家医保信息平台核验，本机无法读取）："
                "请读取身份证（F8）或输入证件号码"
            )

    # -- official tables -----------------------------------------------------------------------------------

    def printable_forms(self) -> list[str]:
        from yibao_desk.printing.templates import printable_forms

        if self.service is None:
            return []
        available = set(printable_forms())
        return [f for f in self.service.forms if f in available]

    def on_fill_form(self, form_id: str | None = None) -> None:
        """The service's official table as a form, pre-filled from the applicant panel."""
        from yibao_desk.gui.form_filler import FormFillerDialog
        from yibao_desk.printing.prefill import prefill_values
        from yibao_desk.printing.templates import load_template

        forms = self.printable_forms()
        if self.service is None:
            self.notice.emit("F6：请先选择事项（F2）")
            return
        if not forms:
            self.notice.emit(f"F6：“{self.service.name}”没有可打印的官方表格")
            return
        if form_id is None:
            if len(forms) == 1:
                form_id = forms[0]
            else:
                titles = [self.ctx.region.form_title(f, self.ctx.catalog.forms[f].title) for f in forms]
                chosen, ok = QInputDialog.getItem(self, "填写表格", "选择表格：", titles, 0, False)
                if not ok:
                    return
                form_id = forms[titles.index(chosen)]
        number = None
        if self.applicant.is_complete():
            try:
                number = self._ensure_case()
            except Exception as e:
                report_error(self, e)
                return
        data = self.applicant.data()
        record = prefill_values(
            load_template(form_id, self.ctx.region.id),
            {"applicant": data["applicant"], "agent": data.get("agent"), "unit": data.get("unit")},
            number or "",
        )
        dialog = FormFillerDialog(self.ctx, form_id, self.ctx.region.id, record, number, self)
        self.formFillerOpened.emit(dialog)
        dialog.exec()
        dialog.deleteLater()

    # -- journal -------------------------------------------------------------------------------------------

    def _ensure_case(self) -> str:
        """The journaled case for what is on screen (opened as a draft the first time)."""
        assert self.service is not None
        actor = self.ctx.require_actor()
        data = self.applicant.data()
        if self.case_number is None:
            self.case_number, _w = self.ctx.service.open_case(
                actor.staff_id,
                self.service.code,
                data["applicant"],
                data.get("agent"),
                data.get("unit"),
                self.scenarios.answers(),
                data["delivery"],
                data.get("mail"),
                data.get("department", ""),
            )
            self.case_label.setText(f"办件编号：{self.case_number}（草稿已保存）")
            self.ctx.casesChanged.emit()
        else:
            current = self.ctx.service.case(self.case_number)
            import json

            recorded_mail = json.loads(current["mail_json"]) if current.get("mail_json") else {}
            if (
                json.loads(current["applicant_json"]) != self._normalised_applicant(data["applicant"])
                or current["delivery"] != data["delivery"]
                or ("mail" in data and {k: v for k, v in recorded_mail.items() if k != "tracking"} != data["mail"])
            ):
                self.ctx.service.amend(
                    actor.staff_id, self.case_number, data["applicant"], data["delivery"], data.get("mail")
                )
            if current.get("department", "") != data.get("department", ""):
                self.ctx.service.amend(actor.staff_id, self.case_number, department=data.get("department", ""))
            recorded_agent = json.loads(current["agent_json"]) if current.get("agent_json") else {}
            agent = self._normalised_agent(data.get("agent"))
            whole = not data.get("agent") or not self.applicant.agent.problem()  # a half-typed agent waits
            if whole and recorded_agent != agent:  # 委托办理 answered (or its card read) after the draft was opened
                self.ctx.service.amend(actor.staff_id, self.case_number, agent=data.get("agent") or {})
        return self.case_number

    def _normalised_agent(self, agent: dict[str, str] | None) -> dict[str, str]:
        from yibao_desk.journal.applicant import person

        if not agent:
            return {}
        try:
            return person(agent, "agent", [])
        except Exception:
            return dict(agent)  # half-typed: it differs from what was recorded, and amend says why

    def _normalised_applicant(self, applicant: dict[str, str]) -> dict[str, str]:
        from yibao_desk.journal.applicant import person

        return person(applicant, "applicant", [])

    def save_draft(self) -> None:
        if self.decided or self.service is None or self.ctx.actor is None or not self.applicant.is_complete():
            return
        try:
            number = self._ensure_case()
            self.ctx.service.save_checklist(
                self.ctx.actor.staff_id, number, self.scenarios.answers(), self.model.applicable_states()
            )
        except Exception as e:
            report_error(self, e)

    # -- decisions ---------------------------------------------------------------------------------------------

    def _decide(self) -> str | None:
        if self.service is None or self.ctx.actor is None:
            return None
        if not self.applicant.ready():
            show_error(self, f"请先补全：{self.applicant.problem() or '申请人姓名和有效的证件号码（F3）'}")
            self.focus_applicant()
            return None
        self.draft_timer.stop()
        try:
            number = self._ensure_case()
            decision = self.ctx.service.decide(
                self.ctx.actor.staff_id, number, self.scenarios.answers(), self.model.applicable_states()
            )
        except Exception as e:
            report_error(self, e)
            return None
        self.ctx.casesChanged.emit()
        return decision.verdict.verdict

    def _why_not(self, action: str) -> str | None:
        """Why a decision key cannot act now (None: it can)."""
        if self.decided is not None:
            return f"办件 {self.decided} 已作出结论：可重打文书（Ctrl+P），或新收件（Ctrl+N）"
        if self.service is None:
            return "请先选择事项（F2）"
        if not self.applicant.ready():
            return f"请先补全：{self.applicant.problem() or '申请人姓名和有效的证件号码（F3）'}"
        v = self.verdict
        if action == "accept" and v is not None and v.verdict != "accept":
            return f"不能受理：{v.verdict_zh}（{len(v.problems)} 项问题，见结论栏）" if v.problems else "不能受理"
        if action == "supplement" and v is not None and v.verdict != "supplement":
            return "材料齐全，无需补正：请受理（Ctrl+Enter）" if v.verdict == "accept" else "本办件不予受理（Ctrl+R）"
        return None

    def _printer_missing(self) -> str | None:
        """The settings' default printer, when this PC does not have it (checked before anything is journaled)."""
        from PySide6.QtPrintSupport import QPrinterInfo

        name = str(self.ctx.service.settings().get("default_printer", "") or "")
        if name and name not in QPrinterInfo.availablePrinterNames():
            return name
        return None

    def on_accept(self) -> None:
        if not self.verdict_panel.accept_button.isEnabled():
            self.notice.emit(self._why_not("accept") or "现在不能受理")
            return
        missing = self._printer_missing()
        if missing:
            show_error(
                self,
                f"设置中的默认打印机「{missing}」在本机不存在，文书无法打印；未记录任何办件。"
                "请检查打印机，或由主管在 设置 → 默认打印机 中改正（留空则用系统默认打印机）",
            )
            return
        verdict = self._decide()
        if verdict is not None:
            self._print_and_finish(verdict)

    def on_supplement(self) -> None:
        if not self.verdict_panel.supplement_button.isEnabled():
            self.notice.emit(self._why_not("supplement") or "现在不能出具补正告知单")
            return
        verdict = self._decide()
        if verdict is not None:
            self._print_and_finish(verdict)

    def on_reprint(self) -> None:
        if self.decided is None:
            self.notice.emit("Ctrl+P：屏幕上没有已作出结论的办件；已办件可在办件页重打")
            return
        self._print_and_finish(self.ctx.service.case(self.decided)["status"])

    def on_reject(self) -> None:
        if not self.verdict_panel.reject_button.isEnabled() or self.service is None or self.ctx.actor is None:
            self.notice.emit(self._why_not("reject") or "现在不能不予受理")
            return
        suggested = "；".join(self.verdict.reject_reasons) if self.verdict and self.verdict.reject_reasons else ""
        reason, ok = QInputDialog.getMultiLineText(self, "不予受理", "不予受理的理由（将印在告知书上）：", suggested)
        if not ok:
            return
        self.reject_with(reason)

    def reject_with(self, reason: str) -> None:
        if not reason.strip():
            show_error(self, "请填写不予受理的理由")
            return
        try:
            number = self._ensure_case()
            self.ctx.service.reject(self.ctx.require_actor().staff_id, number, reason)
        except Exception as e:
            report_error(self, e)
            return
        self.ctx.casesChanged.emit()
        self._print_and_finish("reject")

    def _print_and_finish(self, verdict: str) -> None:
        number = self.case_number
        assert number is not None
        svc = self.ctx.service

        def render() -> list[PrintJob]:
            from yibao_desk.gui.case_jobs import case_print_jobs

            return case_print_jobs(svc, number)

        def show(jobs: list[PrintJob]) -> None:
            self.caseFinished.emit(number, verdict)
            dialog = PrintPreviewDialog(
                jobs, self._recorder(number), self, str(svc.settings().get("default_printer", "")), svc.settings()
            )
            self.previewReady.emit(dialog)
            dialog.exec()
            dialog.deleteLater()  # its PDF document and buffers go with it
            ask_rating(self.ctx, number, self)  # 好差评 while the applicant is still at the counter
            self.new_case()

        def failed(error: Exception) -> None:
            # the verdict is journaled: the screen stays on this case, and only its documents can be printed again
            self.decided = number
            self.draft_timer.stop()
            self.verdict_panel.show_decided(number)
            show_error(
                self,
                f"办件 {number} 的结论已记入日志，但文书未能生成：\n{error}\n\n"
                "请勿重新收件。排除问题后按“重打文书”（Ctrl+P）打印；也可在办件页重打。",
                "文书未能生成",
            )
            if not is_user_error(error):
                log.error("documents of %s failed", number, exc_info=error)

        run_in_background(self, render, show, failed, label="正在生成文书…")

    def _recorder(self, number: str) -> Any:
        def record(job: PrintJob, copies: int, printer: str) -> None:
            try:
                self.ctx.service.record_print(self.ctx.require_actor().staff_id, number, job.document, copies, printer)
                self.ctx.casesChanged.emit()
            except Exception as e:
                report_error(self, e)

        return record
