"""电子化处理 on the intake page (issue 17 §1): the current material's scans in the strip and in the checklist's
扫描件 column; S attaches files, a file the 高拍仪 saves into the scan folder lands on the material under the cursor,
V shows them, H reuses the applicant's identity scan from an earlier case, Delete in the strip removes one. The
journal (case_attachments) decides; this only asks and shows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from yibao_desk.domain.catalog import Material
from yibao_desk.gui.messages import report_error
from yibao_desk.gui.scan_watcher import SUFFIXES, ScanWatcher
from yibao_desk.gui.thumbnails import ROW_ICON, THUMB, ThumbnailCache
from yibao_desk.journal.case_attachments import SOURCES, Attachment

if TYPE_CHECKING:
    from yibao_desk.gui.intake.intake_page import IntakePage

NEED_CASE = "请先填写申请人姓名和有效的证件号码（F3）：办件草稿保存后即可附加扫描件"


class ScanController(QObject):
    def __init__(self, page: IntakePage) -> None:
        super().__init__(page)
        from yibao_desk.gui.intake.scan_strip import ScanStrip

        self.page = page
        self.svc = page.ctx.service
        self.strip = ScanStrip()
        self.thumbs = ThumbnailCache()
        self.held: list[Attachment] = []
        self.watcher = ScanWatcher(self)
        self.watcher.arrived.connect(self.on_scanned)
        page.ctx.settingsChanged.connect(self.watch)
        view = page.checklist.view
        view.selectionModel().currentChanged.connect(lambda *_: self.show_current())
        page.model.modelReset.connect(self.show_current)
        view.scanKey.connect(self.on_key)
        self.strip.attach_button.clicked.connect(self.attach_from_files)
        self.strip.view_button.clicked.connect(self.view)
        self.strip.reuse_button.clicked.connect(self.reuse)
        self.strip.remove_button.clicked.connect(self.remove)
        self.strip.thumbs.removeKey.connect(self.remove)
        self.strip.thumbs.itemActivated.connect(lambda _item: self.view())
        self.watch_status = ""
        self.pending: list[tuple[Path, str]] = []  # scans that came before the applicant: (file, material id)
        page.applicant.changed.connect(self._applicant_changed)
        self._offer_for = ""

    def _applicant_changed(self) -> None:
        """Once the ID number on screen is whole, the H offer is looked up again (not at every keystroke)."""
        ready = self.page.applicant.ready()
        key = self.page.applicant.data()["applicant"].get("id_number", "") if ready else ""
        if key != self._offer_for:
            self._offer_for = key
            self.show_current()
        if ready:
            self._flush_pending()

    # -- the scan folder -------------------------------------------------------------------------------------

    def watch(self) -> None:
        chosen = str(self.svc.settings().get("scan_folder") or "").strip()
        folder = Path(chosen).expanduser() if chosen and self.page.ctx.region.profile.digitising else None
        if folder != self.watcher.folder:
            self.watch_status = self.watcher.set_folder(folder)
            if self.watch_status:
                self.page.notice.emit(self.watch_status)

    def on_scanned(self, path: Path) -> None:
        page = self.page
        if page.ctx.locked or page.ctx.actor is None or not page.isVisible():
            self.page.notice.emit(f"扫描文件夹收到 {path.name}：请在收件页选中材料后按 S 从扫描文件夹附加")
            return
        material = self.current()
        early = page.case_number is None and page.service is not None and not page.applicant.ready()
        if material is not None and early:  # scanned before the applicant is typed: kept for the draft
            self.pending.append((path, material.id))
            page.notice.emit(f"已收到 {path.name}（{material.name}）：填好申请人（F3）后自动附加")
            return
        self.attach([path], "folder")

    def _flush_pending(self) -> None:
        """The scans that came before the applicant, onto their materials once the draft can be opened."""
        if not self.pending or not self.page.applicant.ready() or self.page.service is None:
            return
        waiting, self.pending = self.pending, []
        if self._case() is None:
            self.pending = waiting
            return
        for path, material_id in waiting:
            self._attach_one(path, material_id, "folder")
        self.refresh()

    # -- what is on screen ---------------------------------------------------------------------------------

    def on_key(self, what: str) -> None:
        {"attach": self.attach_from_files, "view": self.view, "reuse": self.reuse}[what]()

    def current(self) -> Material | None:
        index = self.page.checklist.view.currentIndex()
        if not index.isValid() or index.row() >= self.page.model.rowCount():
            return None
        return self.page.model.material(index.row())

    def refresh(self) -> None:
        service = self.page.service
        ids = {m.id for m in service.materials} if service is not None else set()
        self.pending = [(p, m) for p, m in self.pending if m in ids]  # another case or service: not theirs
        number = self.page.case_number
        self.held = self.svc.attachments(number) if number else []
        counts: dict[str, int] = {}
        icons = {}
        for a in self.held:
            counts[a.material] = counts.get(a.material, 0) + 1
            if a.material not in icons:
                icons[a.material] = self.thumbs.get(a.sha256, self._path(a), a.mime, ROW_ICON)
        self.page.model.set_scans(counts, icons)
        self.show_current()

    def _path(self, a: Attachment) -> Path:
        return self.svc.attachment_store.path(a.sha256)

    def _mine(self, material: Material) -> list[Attachment]:
        return [a for a in self.held if a.material == material.id]

    def show_current(self) -> None:
        material = self.current()
        if material is None:
            self.strip.show_scans("", [], False, "")
            self.strip.setVisible(False)
            return
        mine = self._mine(material)
        items = []
        for a in mine:
            caption = f"{a.pages} 页" if a.pages > 1 else (a.name[:10] or "扫描件")
            came = SOURCES.get(a.source, a.source) + (f"（办件 {a.from_case}）" if a.from_case else "")
            items.append((caption, self.thumbs.get(a.sha256, self._path(a), a.mime, THUMB), f"{a.name}\n{came}"))
        reusable = bool(self._offers(material))
        title = f"扫描件：{material.name}" + (f"（{len(mine)} 份）" if mine else "")
        folder = "，或用高拍仪扫描到扫描文件夹" if self.watcher.folder else ""
        self.strip.show_scans(title, items, reusable, f"尚无扫描件（按 S 选择文件{folder}）")
        self.strip.setVisible(self.page.ctx.region.profile.digitising and self.strip.wanted)

    def _offers(self, material: Material) -> list[dict[str, Any]]:
        """The applicant's earlier identity scans for this material (by the ID number on screen)."""
        page = self.page
        if page.service is None or not page.applicant.ready():
            return []
        id_number = page.applicant.data()["applicant"].get("id_number", "")
        region = page.ctx.region.id
        answers = page.scenarios.answers()
        return self.svc.reusable_for(id_number, region, page.service.code, material.id, page.case_number, answers)

    # -- acting -------------------------------------------------------------------------------------------

    def _case(self) -> str | None:
        page = self.page
        if page.case_number is None:
            if page.service is None:
                page.notice.emit("请先选择事项（F2）")
                return None
            if not page.applicant.ready():
                page.notice.emit(NEED_CASE)
                return None
            try:
                page._ensure_case()
            except Exception as e:
                report_error(page, e)
                return None
        return page.case_number

    def attach_from_files(self) -> None:
        material = self.current()
        if material is None:
            self.page.notice.emit("请先在材料清单中选中要附加扫描件的材料（F4）")
            return
        if self._case() is None:
            return
        dialog = QFileDialog(self.page, f"附加“{material.name}”的扫描件")
        dialog.setObjectName("attachFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter("扫描件 (" + " ".join(f"*{s}" for s in sorted(SUFFIXES)) + ");;所有文件 (*)")
        if self.watcher.folder is not None:
            dialog.setDirectory(str(self.watcher.folder))
        chosen = [Path(f) for f in dialog.selectedFiles()] if dialog.exec() else []
        dialog.deleteLater()
        if chosen:
            self.attach(chosen, "file")

    def attach(self, paths: Sequence[Path], how: str) -> None:
        material = self.current()
        if material is None:
            self.page.notice.emit(f"收到 {paths[0].name}：请先在材料清单中选中材料（F4），再按 S 附加")
            return
        number = self._case()
        if number is None:
            return
        done = []
        for path in paths:
            attached = self._attach_one(path, material.id, how)
            if attached is None:
                break
            done.append(attached)
        self.refresh()
        if done:
            names = "、".join(p.name for p in paths[: len(done)])
            self.page.notice.emit(f"已附加 {names} → {material.name}（共 {len(self._mine(material))} 份）")

    def _attach_one(self, path: Path, material_id: str, how: str) -> Attachment | None:
        try:
            return self.svc.attach(self.page.ctx.require_actor().staff_id, self.page.case_number or "", material_id,
                                   path, how)  # fmt: skip
        except Exception as e:
            report_error(self.page, e)
            return None

    def view(self) -> None:
        from yibao_desk.gui.attachment_viewer import AttachmentViewer

        material = self.current()
        mine = self._mine(material) if material else []
        if material is None or not mine:
            self.page.notice.emit("V：该材料还没有扫描件")
            return
        start = max(self.strip.thumbs.currentRow(), 0)
        viewer = AttachmentViewer(material.name, mine, {a.sha256: self._path(a) for a in mine}, start, self.page)
        viewer.exec()
        viewer.deleteLater()

    def reuse(self) -> None:
        from yibao_desk.gui.intake.reuse_dialog import ReuseDialog

        material = self.current()
        if material is None:
            return
        offers = self._offers(material)
        if not offers:
            self.page.notice.emit(f"H：申请人以往的办件没有可用于“{material.name}”的证件扫描件")
            return
        offer = offers[0]
        picture = self.thumbs.get(offer["sha256"], self.svc.attachment_store.path(offer["sha256"]), offer["mime"],
                                  THUMB * 3)  # fmt: skip
        dialog = ReuseDialog(offer, picture, material.name, self.page)
        ok = dialog.exec() and dialog.checked.isChecked()
        dialog.deleteLater()
        number = self._case() if ok else None
        if number is None:
            return
        try:
            staff = self.page.ctx.require_actor().staff_id
            self.svc.reuse_attachment(staff, number, material.id, offer["case_number"], offer["sha256"], True)
        except Exception as e:
            report_error(self.page, e)
            return
        self.refresh()
        self.page.notice.emit(f"已利用办件 {offer['case_number']} 的历史资料 → {material.name}")

    def remove(self) -> None:
        material = self.current()
        mine = self._mine(material) if material else []
        row = self.strip.thumbs.currentRow()
        if material is None or not mine:
            return
        a = mine[row if 0 <= row < len(mine) else 0]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "移除扫描件",
            f"从“{material.name}”移除扫描件 {a.name or a.sha256[:12]}？（日志中留有记录）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.page,
        )
        box.setObjectName("removeScanBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            staff = self.page.ctx.require_actor().staff_id
            self.svc.remove_attachment(staff, self.page.case_number or "", material.id, a.sha256)
        except Exception as e:
            report_error(self.page, e)
            return
        self.refresh()
