"""The README is a contract: every key and menu entry it names is in the real program, and every command line
example runs as written, with the output the README shows.

The README is read, not copied: a key, a menu entry or an example added to it is tested the next run."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import ctx  # noqa: F401  (an AppContext over a set-up journal)
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.main_window import MainWindow

README = Path(__file__).resolve().parents[2] / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
BLOCKS: list[str] = FENCE.findall(TEXT)
PROSE = FENCE.sub("", TEXT)
INLINE: list[str] = re.findall(r"`([^`]+)`", PROSE)

# Window-level keys: F-keys and Ctrl/Alt/Shift combinations.
WINDOW_KEY = re.compile(r"(?:(?:Ctrl|Alt|Shift)\+)+[A-Za-z0-9]+|F\d{1,2}")
# Keys of the material checklist, handled by its keyPressEvent: single letters, Space, Enter, the arrows.
CHECKLIST_KEY = re.compile(r"[A-Z]|Space|Enter|[↑↓←→]+")
# 「程序 → 导出台账 (`Ctrl+E`)」: a menu (or a page) and an entry, optionally with the key the README gives it.
MENU_REF = re.compile(r"([\u4e00-\u9fff]+) → ([\u4e00-\u9fff]+)(?: \(`([^`]+)`\))?")

WINDOW_KEYS = sorted({t for t in INLINE if WINDOW_KEY.fullmatch(t)})
CHECKLIST_KEYS = sorted({t for t in INLINE if CHECKLIST_KEY.fullmatch(t)})
MENU_REFS = sorted(set(MENU_REF.findall(re.sub(r"\s+", " ", PROSE))))

# How the checklist hint writes a key the README spells in English.
HINT_SPELLING = {"Space": ("Space", "空格"), "Enter": ("Enter", "回车")}
# Qt's portable text of a README spelling (QKeySequence("Ctrl+Enter") is the keypad Enter; the main one is Return).
QT_SPELLING = {"Ctrl+Enter": ("Ctrl+Return", "Ctrl+Enter")}


def test_the_readme_is_read() -> None:
    """The parsers below find what the README has (a broken regex would make every other test pass vacuously)."""
    assert {"F2", "F3", "F4", "F6", "Ctrl+Enter", "Ctrl+B", "Ctrl+R", "Ctrl+E", "Ctrl+L"} <= set(WINDOW_KEYS)
    assert {"Space", "Y", "Z", "E", "Enter", "↑↓"} <= set(CHECKLIST_KEYS)
    assert ("程序", "导出台账", "Ctrl+E") in MENU_REFS and ("程序", "与中心同步", "") in MENU_REFS
    assert EXAMPLES and any("due-date" in e.command for e in EXAMPLES)
    assert PROGRAM_MENU[0] == ("新收件", ["Ctrl+N"], ""), PROGRAM_MENU


# -- the program's keys and menus -----------------------------------------------------------------------------


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> Iterator[MainWindow]:  # noqa: F811
    """The real main window with a supervisor signed in (the README's menu entries include supervisors' ones)."""
    ctx.sign_in(ctx.service.login("sup1", "secret-sup"))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.start()
    yield w
    w.close()


def _text(action: QAction) -> str:
    """An entry's visible text: before a tab (a key written into the text), without the & of a mnemonic."""
    return action.text().split("\t")[0].replace("&", "").strip()


def _menu_entries(window: MainWindow) -> dict[str, list[QAction]]:
    """Menu title → its actions, submenus walked (title of a submenu: its path from the menu bar's title)."""
    entries: dict[str, list[QAction]] = {}

    def walk(title: str, menu: QMenu) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(f"{title} → {_text(action)}", sub)
            elif not action.isSeparator():
                entries.setdefault(title, []).append(action)

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(_text(top), menu)
    return entries


def _window_keys(window: MainWindow) -> dict[str, str]:
    """Every key the window answers to (QShortcut anywhere in it, a QAction's shortcuts) → what answers it."""
    keys: dict[str, str] = {}
    for shortcut in window.findChildren(QShortcut):
        for seq in shortcut.keys():  # noqa: SIM118  (QShortcut.keys(), not a dict)
            keys.setdefault(seq.toString(QKeySequence.SequenceFormat.PortableText), "a shortcut")
    actions = [*window.actions(), *(a for acts in _menu_entries(window).values() for a in acts)]
    actions += window.findChildren(QAction)
    for action in actions:
        for seq in action.shortcuts():
            keys.setdefault(seq.toString(QKeySequence.SequenceFormat.PortableText), f"menu entry “{_text(action)}”")
    return keys


def _dialog_keys(window: MainWindow) -> dict[str, str]:
    """The keys of the buttons of the dialogs that have their own keys (短信发件箱; the print preview with a receipt
    for the ESC/POS printer)."""
    from PySide6.QtWidgets import QAbstractButton

    from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
    from yibao_desk.gui.sms_view import SmsDialog

    keys: dict[str, str] = {}
    receipt = PrintJob("receipt", "收件回执", b"%PDF-1.4\n", [], escpos=b"\x1b@")
    for dialog in (SmsDialog(window.ctx, window.sms, window), PrintPreviewDialog([receipt], lambda *_: None, window)):
        for button in dialog.findChildren(QAbstractButton):
            seq = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
            if seq:
                keys.setdefault(seq, f"button “{button.text()}” of {dialog.windowTitle()}")
        dialog.deleteLater()
    return keys


def test_every_key_the_readme_names_is_in_the_program(window: MainWindow) -> None:
    keys = {**_dialog_keys(window), **_window_keys(window)}
    missing = [k for k in WINDOW_KEYS if not any(q in keys for q in QT_SPELLING.get(k, (k,)))]
    assert not missing, (
        f"README.md names keys the program does not have: {missing}\n(the program's window keys: {sorted(keys)})"
    )


def test_every_checklist_key_the_readme_names_is_in_the_hint(window: MainWindow) -> None:
    hint = window.findChild(QLabel, "hint")
    assert hint is not None, "no checklist hint (QLabel 'hint') in the main window"
    text = hint.text()

    def mentioned(key: str) -> bool:
        for spelling in HINT_SPELLING.get(key, (key,)):
            if re.search(rf"(?<![A-Za-z]){re.escape(spelling)}(?![A-Za-z])", text):
                return True
        return False

    missing = [k for k in CHECKLIST_KEYS if not mentioned(k)]
    assert not missing, f"README.md names checklist keys the hint does not mention: {missing}\n(hint: {text})"


def _page_texts(window: MainWindow, title: str) -> list[str] | None:
    """The visible texts (labels, buttons, group titles) of the page whose tab is named `title`, else None."""
    tabs = window.tabs
    for i in range(tabs.count()):
        if re.split(r"[（(]", tabs.tabText(i))[0].strip() == title:
            page = tabs.widget(i)
            assert page is not None
            texts = [w.text() for w in page.findChildren(QLabel)]
            texts += [str(w.property("text")) for w in page.findChildren(QWidget) if w.property("text")]
            texts += [str(w.property("title")) for w in page.findChildren(QWidget) if w.property("title")]
            return texts
    return None


def test_every_menu_entry_the_readme_names_is_in_the_program(window: MainWindow) -> None:
    entries = _menu_entries(window)
    problems: list[str] = []
    for where, name, key in MENU_REFS:
        if where in entries:
            found = [a for a in entries[where] if _text(a) == name]
            if not found:
                problems.append(
                    f"{where} → {name}: no such entry (menu {where} has: {[_text(a) for a in entries[where]]})"
                )
                continue
            action = found[0]
            if not action.isVisible():
                problems.append(f"{where} → {name}: the entry is hidden from a supervisor")
            if key:
                have = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()]
                if not any(q in have for q in QT_SPELLING.get(key, (key,))):
                    problems.append(f"{where} → {name} (`{key}`): the entry's key is {have or 'none'}")
            continue
        texts = _page_texts(window, where)
        if texts is None:
            problems.append(f"{where} → {name}: no menu or page named {where} (menus: {sorted(entries)})")
        elif not any(re.split(r"[（(：:]", t)[0].strip() == name for t in texts):
            problems.append(f"{where} → {name}: the page {where} shows no “{name}”")
    assert not problems, "README.md names menu entries the program does not have:\n" + "\n".join(problems)


def _menu_listing(menu: str) -> list[tuple[str, list[str], str]]:
    """The README's listing of a menu (「- **程序** menu: 新收件 (`Ctrl+N`), …, 退出 (`Ctrl+Q`).」): each entry's
    text, the keys in its parentheses and the rest of them (e.g. 「supervisors」)."""
    found = re.search(rf"^- \*\*{menu}\*\* menu: (.*?)(?=^- |^$|\Z)", PROSE, re.S | re.M)
    if found is None:
        return []
    listing: list[tuple[str, list[str], str]] = []
    for m in re.finditer(r"\s*([^,()]+?) \(([^()]*)\)([,.]|$)", re.sub(r"\s+", " ", found.group(1))):
        inner = m.group(2)
        keys = [k for k in re.findall(r"`([^`]+)`", inner) if WINDOW_KEY.fullmatch(k)]
        listing.append((m.group(1).strip(), keys, re.sub(r"`[^`]+`,?", "", inner).strip(" ,")))
        if m.group(3) != ",":
            break
    return listing


PROGRAM_MENU = _menu_listing("程序")


def test_the_readme_lists_the_program_menu_as_it_is(window: MainWindow, ctx: AppContext) -> None:  # noqa: F811
    """The 程序 menu's listing: the same entries in the same order, each with the keys the README gives it; a
    supervisor sees every entry, a clerk none the README marks 「supervisors」."""
    assert PROGRAM_MENU, "README.md lists no **程序** menu"
    actions = _menu_entries(window).get("程序", [])
    program = [_text(a) for a in actions]
    readme = [name for name, _keys, _rest in PROGRAM_MENU]
    problems: list[str] = []
    if readme != program:
        problems.append(f"the entries differ: README.md {readme}, the program {program}")
    by_text = {_text(a): a for a in actions}
    for name, keys, _rest in PROGRAM_MENU:
        action = by_text.get(name)
        if action is None:
            continue
        have = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()]
        for key in keys:
            if not any(q in have for q in QT_SPELLING.get(key, (key,))):
                problems.append(f"程序 → {name} (`{key}`): the entry's key is {have or 'none'}")
        if not action.isVisible():
            problems.append(f"程序 → {name}: hidden from a supervisor")
    ctx.sign_in(ctx.service.login("c01", "secret-c01"))
    for name, _keys, rest in PROGRAM_MENU:
        action = by_text.get(name)
        if action is not None and "supervisors" in rest and action.isVisible():
            problems.append(f"程序 → {name} (supervisors): a clerk sees it")
    assert not problems, "README.md's **程序** menu and the program's disagree:\n" + "\n".join(problems)


# -- the command line examples --------------------------------------------------------------------------------


class Example:
    """One `$ yibao-desk …` line of the README and the output it shows (a `# → …` comment, the lines below)."""

    def __init__(self, line: str, shown: list[str]) -> None:
        command, _, comment = line.partition("  #")
        self.command = command.strip()
        self.expected = [s.strip() for s in shown if s.strip()]
        if "→" in comment:
            self.expected.append(comment.split("→", 1)[1].split()[0])

    def __repr__(self) -> str:
        return self.command


def _examples() -> list[Example]:
    found: list[Example] = []
    for block in BLOCKS:
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not re.match(r"\$ (?:.*\| *)?yibao-desk\b", line):
                continue
            shown = []
            for after in lines[i + 1 :]:
                if after.startswith("$ "):
                    break
                shown.append(after)
            found.append(Example(line[2:], shown))
    return found


EXAMPLES = _examples()
PROGRAM = f"{shlex.quote(sys.executable)} -m yibao_desk"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "YIBAO_DESK_DB"}
    env.update({"YIBAO_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    return env


def _shell(command: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = re.sub(r"(?<![\w-])yibao-desk(?![\w-])", PROGRAM, command)
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(home),
        cwd=home,
        timeout=300,
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.command for e in EXAMPLES])
def test_every_example_runs_as_written(example: Example, tmp_path: Path) -> None:
    r = _shell(example.command, tmp_path)
    assert "Traceback" not in r.stderr + r.stdout, f"$ {example.command}\nprinted a traceback:\n{r.stderr}"
    assert r.returncode == 0, f"$ {example.command}\nexited {r.returncode}:\n{r.stderr}"
    assert r.stdout.strip(), f"$ {example.command}\nprinted nothing"
    squeezed = re.sub(r"[ \t]+", " ", r.stdout)
    for shown in example.expected:
        assert re.sub(r"[ \t]+", " ", shown) in squeezed, (
            f"$ {example.command}\nREADME.md shows {shown!r}; the program printed:\n{r.stdout}"
        )


def _synopsis(sub_command: str) -> str:
    """The README's synopsis line of a sub-command (`yibao-desk ledger --from YYYY-MM-DD …`)."""
    for block in BLOCKS:
        for line in block.splitlines():
            if line.startswith(f"yibao-desk {sub_command} "):
                return line
    raise AssertionError(f"README.md has no synopsis of `yibao-desk {sub_command}`")


def test_ledger_as_the_synopsis_writes_it(tmp_path: Path) -> None:
    """`ledger --from YYYY-MM-DD -o FILE.xlsx`: every bracketed part left out, a supervisor's journal set up."""
    synopsis = _synopsis("ledger")
    # The required part of the synopsis: everything outside [...] (nested brackets included).
    required = synopsis
    while re.search(r"\[[^\[\]]*\]", required):
        required = re.sub(r"\s*\[[^\[\]]*\]", "", required)
    assert required.split() == ["yibao-desk", "ledger", "--from", "YYYY-MM-DD", "-o", "FILE.xlsx"], required
    for command, stdin in (
        ("yibao-desk setup --device W01 --region yiyang-kuayu --window 窗口", None),
        ("yibao-desk staff add --id s1 --name 张主管 --role supervisor --password-stdin", "secret1\n"),
    ):
        r = _shell(command, tmp_path, stdin)
        assert r.returncode == 0 and "Traceback" not in r.stderr, f"$ {command}\n{r.stderr}"
    out = tmp_path / "台账.xlsx"
    command = required.replace("YYYY-MM-DD", "2026-01-01").replace("FILE.xlsx", shlex.quote(str(out)))
    r = _shell(command, tmp_path)
    assert "Traceback" not in r.stderr, f"$ {command}\nprinted a traceback:\n{r.stderr}"
    assert r.returncode == 0, f"$ {command}\nexited {r.returncode}:\n{r.stderr}"
    assert out.is_file() and out.stat().st_size > 0, f"$ {command}\nwrote no {out.name}"
