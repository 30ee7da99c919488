"""The device, staff and settings tables as projections of their events, like `cases`.

`journal verify` and every start recompute them from the chain and compare: a role raised to supervisor, a
password hash copied, a window renamed or a setting changed by editing the database is named. What is not an
event — failed-login counts and lock-outs, which change on every mistyped password — is not compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

STAFF_COMPARED = ("name", "role", "password_hash", "active")


def fold(events: Iterable[Mapping[str, Any]], device_id: str | None) -> dict[str, Any]:
    """`{"device": {...} | None, "staff": {id: {...}}, "settings": {key: value}}` from the events alone."""
    device: dict[str, Any] | None = None
    staff: dict[str, dict[str, Any]] = {}
    settings: dict[str, Any] = {}
    for e in events:
        kind = e["type"]
        if not kind.startswith(("device.", "staff.", "settings.")) or (device_id and e["device_id"] != device_id):
            continue
        p = json.loads(e["payload"])
        if kind in ("device.setup", "device.changed"):
            device = {"id": e["device_id"], "region": p["region"], "window": p["window"]}
        elif kind == "staff.added":
            staff[p["staff_id"]] = {
                "name": p["name"],
                "role": p["role"],
                "password_hash": p.get("password_hash"),  # None in events written before revision 0004
                "active": True,
            }
        elif kind in ("staff.enabled", "staff.disabled") and p["staff_id"] in staff:
            staff[p["staff_id"]]["active"] = kind == "staff.enabled"
        elif kind == "staff.password" and p["staff_id"] in staff:
            staff[p["staff_id"]]["password_hash"] = p["password_hash"]
        elif kind == "settings.changed":
            settings[p["key"]] = p["value"]
    return {"device": device, "staff": staff, "settings": settings}


def differences(expected: Mapping[str, Any], cur: Any) -> list[str]:
    """What the device, staff and settings tables (read with the DB-API cursor `cur`) hold that their events do
    not say."""
    problems: list[str] = []
    row = cur.execute("SELECT id, region, window FROM device LIMIT 1").fetchone()
    want = expected["device"]
    if want is not None and (row is None or (row[1], row[2]) != (want["region"], want["window"])):
        problems.append("设备表（地区、窗口）与其设置事件不符")
    rows = cur.execute("SELECT id, name, role, password_hash, active FROM staff").fetchall()
    actual = {r[0]: {"name": r[1], "role": r[2], "password_hash": r[3], "active": bool(r[4])} for r in rows}
    for staff_id in sorted(set(actual) | set(expected["staff"])):
        got, should = actual.get(staff_id), expected["staff"].get(staff_id)
        if got is None:
            problems.append(f"工作人员 {staff_id} 有事件但在人员表中缺失")
        elif should is None:
            problems.append(f"工作人员 {staff_id} 在人员表中但没有任何添加事件（被直接写入数据库）")
        else:
            diff = [
                k for k in STAFF_COMPARED if got[k] != should[k] and not (k == "password_hash" and should[k] is None)
            ]
            if diff:
                zh = {"name": "姓名", "role": "角色", "password_hash": "密码", "active": "启用状态"}
                problems.append(f"工作人员 {staff_id} 与其事件不符（{'、'.join(zh[k] for k in diff)}被改动）")
    stored = {r[0]: json.loads(r[1]) for r in cur.execute("SELECT key, value_json FROM settings").fetchall()}
    for key in sorted(set(stored) | set(expected["settings"])):
        if stored.get(key) != expected["settings"].get(key):
            problems.append(f"设置项 {key} 与其修改事件不符")
    return problems


def restore(cur: Any, expected: Mapping[str, Any]) -> None:
    """Make the device, staff and settings tables say what their events say (`journal rebuild`)."""
    if expected["device"] is not None:
        d = expected["device"]
        cur.execute("UPDATE device SET region = ?, window = ? WHERE id = ?", (d["region"], d["window"], d["id"]))
    known = expected["staff"]
    for (staff_id,) in cur.execute("SELECT id FROM staff").fetchall():
        if staff_id not in known:
            cur.execute("DELETE FROM staff WHERE id = ?", (staff_id,))
    for staff_id, st in known.items():
        cur.execute(
            "UPDATE staff SET name = ?, role = ?, active = ?, password_hash = coalesce(?, password_hash) WHERE id = ?",
            (st["name"], st["role"], st["active"], st["password_hash"], staff_id),
        )
    cur.execute("DELETE FROM settings")
    for key, value in expected["settings"].items():
        cur.execute(
            "INSERT INTO settings (key, value_json) VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False))
        )
