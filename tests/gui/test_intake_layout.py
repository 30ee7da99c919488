"""The intake page is readable for every service of every region on the screens windows have (issue 16): the real
main window at the room a 1366×768 screen leaves (a 40 px task bar) and at what 1920×1080 at 150 % scaling leaves
(1280×720 logical pixels, less the task bar). For each service, with the default answers and with every question
answered the other way (the longest checklists):
- the window keeps the size the screen gives it (nothing forces it taller or wider);
- every scenario question and its answer box are visible, the question on one line (two for the longest);
- the 材料 column holds at least 8 characters a line and its header is whole;
- at least 6 materials (or all of them) are visible without scrolling, and no horizontal scroll bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.working_days import Calendar
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.intake.checklist_model import COL_NAME
from yibao_desk.gui.main_window import MainWindow
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService

SCREENS = {"1366x768": (1366, 728), "1920x1080@150%": (1280, 680)}


@pytest.fixture(params=list(SCREENS), scope="module")
def window(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, calendar: Calendar
) -> Iterator[MainWindow]:
    import os
    import time

    from yibao_desk.gui.app import make_app

    make_app([])
    # the window outlives each test's own home (the autouse fixture): it gets one of its own, and its start-up
    # check is let finish under it — checked later under a test's home, the device key was not found, the
    # journal went read-only and its red banner took 54 px from the checklist (a failure now and then)
    saved = os.environ.get("YIBAO_DESK_HOME")
    os.environ["YIBAO_DESK_HOME"] = str(tmp_path_factory.mktemp("home"))
    service = IntakeService(open_journal(tmp_path_factory.mktemp("j") / "journal.sqlite3"), catalog, calendar)
    service.setup_device("W03", "yiyang-kuayu", "跨域通办一号窗口")
    service.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    service.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")
    ctx = AppContext(service)
    ctx.sign_in(service.login("c01", "secret-c01"))
    w = MainWindow(ctx)
    w.resize(*SCREENS[request.param])
    w.show()
    w.start()
    deadline = time.monotonic() + 30
    while "检查中" in w.status_labels["journal"].text() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    assert "完好" in w.status_labels["journal"].text() and not service.journal.read_only
    yield w
    w.close()
    w.deleteLater()
    service.journal.close()
    if saved is None:
        os.environ.pop("YIBAO_DESK_HOME", None)
    else:
        os.environ["YIBAO_DESK_HOME"] = saved


def _services(catalog: Catalog) -> list[Service]:
    seen: dict[str, Service] = {}
    for region in catalog.regions.values():
        for s in region.services:
            seen.setdefault(f"{region.id}:{s.code}", s)
    return list(seen.values())


def _problems(w: MainWindow, size: tuple[int, int]) -> list[str]:
    out = []
    if (w.width(), w.height()) != size:
        out.append(f"窗口被撑到 {w.width()}×{w.height()}")
    page = w.intake
    for key, box in page.scenarios.boxes.items():
        label = page.scenarios.labels.get(key)
        for widget in (box, label):
            if widget is None or widget.visibleRegion().boundingRect().height() < widget.height():
                out.append(f"情形 {key} 未完整显示")
        if label is not None and label.heightForWidth(label.width()) > label.fontMetrics().height() * 2.6:
            out.append(f"情形 {key} 的问题折成多行")
    view = page.checklist.view
    char = view.fontMetrics().horizontalAdvance("材")
    if view.columnWidth(COL_NAME) < 8 * char:
        out.append(f"材料列只有 {view.columnWidth(COL_NAME) / char:.1f} 个字宽")
    header = view.horizontalHeader()
    if header.sectionSize(COL_NAME) < header.sectionSizeFromContents(COL_NAME).width():
        out.append("材料列标题被截断")
    rows = view.model().rowCount()
    visible = sum(
        1 for r in range(rows) if view.rowViewportPosition(r) >= 0 and view.rowViewportPosition(r) + view.rowHeight(r)
        <= view.viewport().height()
    )  # fmt: skip
    if visible < min(6, rows):
        out.append(f"只能看到 {visible} 行材料（共 {rows} 行）")
    if view.horizontalScrollBar().isVisible():
        out.append("材料表出现横向滚动条")
    return out


def _settle() -> None:
    """As the clerk sees it: the layout done (a table's rows resize to their contents after the columns did, which
    takes more than one pass of the event loop — one pass measured rows still being laid out, now and then)."""
    for _ in range(4):
        QApplication.processEvents()


def test_every_service_is_readable(window: MainWindow, catalog: Catalog, qtbot: QtBot) -> None:
    size = (window.width(), window.height())
    problems: list[str] = []
    for service in _services(catalog):
        window.intake.picker.serviceChosen.emit(service)
        answers = [{}]
        other = {q.id: next(o for o in q.options if o != q.default) for q in service.scenarios if q.default}
        if other:
            answers.append(other)
        for answer in answers:
            window.intake.scenarios.set_answers(answer)
            _settle()
            problems += [f"{service.code} {service.name} {answer or '默认'}：{p}" for p in _problems(window, size)]
    assert problems == [], "\n".join(problems)


def test_the_busiest_service_at_1366x768(window: MainWindow, catalog: Catalog, tmp_path: Path) -> None:
    """The screenshot in docs/screenshots/ (432036011W01 with every question answered 是: 12 materials)."""
    service = catalog.region("yiyang-kuayu").service("432036011W01")
    window.intake.picker.serviceChosen.emit(service)
    window.intake.scenarios.set_answers({q.id: "是" for q in service.scenarios})
    _settle()
    assert window.intake.checklist.view.model().rowCount() >= 12
    assert _problems(window, (window.width(), window.height())) == []
    assert window.grab().save(str(tmp_path / "intake.png"))
