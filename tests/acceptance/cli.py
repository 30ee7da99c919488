"""The `yibao-desk` command as a clerk's script would run it: a subprocess per call, judged by exit code and output.

Every call fails the test when the program prints a Python traceback: a person never sees one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APPLICANT = {
    "name": "李建国",
    "id_number": "430981198002290034",
    "phone": "13800138000",
    "address": "湖南省沅江市琼湖街道桔城社区12号",
}
UNIT = {
    "name": "沅江市示范机械有限公司",
    "credit_code": "91430981MA4L1234X8",
    "contact": "王会计",
    "phone": "0737-2712345",
    "address": "沅江市桔城大道88号",
}
AGENT = {"name": "李小红", "id_number": "11010519491231002X", "phone": "13900139000", "relation": "女儿"}


@dataclass
class Cli:
    """One counter PC: its own journal and user data folder."""

    home: Path
    program: list[str] = field(default_factory=lambda: [sys.executable, "-m", "yibao_desk"])
    cwd: Path | None = None  # an installed program runs away from the source tree

    @property
    def db(self) -> Path:
        return self.home / "journal.sqlite3"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({"YIBAO_DESK_HOME": str(self.home), "YIBAO_DESK_DB": str(self.db), "QT_QPA_PLATFORM": "offscreen"})
        return env

    def run(self, *args: str, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
        env = self.env()
        if "--staff" in args and "--password-stdin" not in args:  # a script's way: README「命令行与脚本」
            env["YIBAO_DESK_PASSWORD"] = f"secret-{args[args.index('--staff') + 1]}"
        r = subprocess.run(
            [*self.program, *args], input=stdin, capture_output=True, text=True, env=env, timeout=300, cwd=self.cwd
        )
        assert "Traceback" not in r.stderr, f"{' '.join(args)} printed a traceback:\n{r.stderr}"
        if ok:
            assert r.returncode == 0, f"{' '.join(args)} exited {r.returncode}:\n{r.stderr}"
        return r

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.run(*args, "--json", stdin=stdin).stdout)

    def set_up(self, device: str, region: str, window: str) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.run("setup", "--device", device, "--region", region, "--window", window)
        self.run(
            "staff",
            "add",
            "--id",
            "sup1",
            "--name",
            "张主管",
            "--role",
            "supervisor",
            "--password-stdin",
            stdin="secret-sup1\n",
        )
        self.run(
            "staff",
            "add",
            "--id",
            "c01",
            "--name",
            "李收件",
            "--role",
            "clerk",
            "--by",
            "sup1",
            "--password-stdin",
            stdin="secret-c01\nsecret-sup1\n",
        )


def _about_a_unit(materials: dict[str, Any]) -> bool:
    """The program's own rule (printing/form_source.py): the clerk takes a unit's details for this service."""
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.printing.form_source import about_a_unit

    region = default_catalog().region(materials["service"]["region"])
    return about_a_unit(region.service(materials["service"]["code"]), region.id)


def complete_input(materials: dict[str, Any], answers: dict[str, str]) -> dict[str, Any]:
    """Every material of `materials --json` present as its acceptance point asks: original checked, the copies the
    guide names (one where it names none), the stamp present; the applicant (and a unit and agent) as a clerk types."""
    states = {
        m["id"]: {
            "received": True,
            "original_checked": bool(m["original"]),
            "copies": int(m["copies"] or 0),
            "stamped": bool(m["stamp"]),
        }
        for m in materials["materials"]
    }
    data: dict[str, Any] = {"applicant": APPLICANT, "answers": answers, "materials": states}
    if _about_a_unit(materials):
        data["unit"] = UNIT
    if answers.get("entrusted") == "是":
        data["agent"] = AGENT
    return data


def in_scope_answers(materials: dict[str, Any]) -> dict[str, str]:
    """Each scenario's default, or its first option that does not reject."""
    answers = {}
    for s in materials["scenarios"]:
        rejecting = {r["option"] for r in s["reject"]}
        answers[s["id"]] = (
            s["default"] if s["default"] not in rejecting else next(o for o in s["options"] if o not in rejecting)
        )
    return answers


def rejecting_answers(materials: dict[str, Any]) -> list[tuple[dict[str, str], str]]:
    """For every scenario option that puts the applicant out of scope: the answers and the reason."""
    base = in_scope_answers(materials)
    return [({**base, s["id"]: r["option"]}, r["reason"]) for s in materials["scenarios"] for r in s["reject"]]
