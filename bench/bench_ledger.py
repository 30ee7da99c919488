"""10,000 cases to the ledger workbook, against a raw openpyxl write-only dump of the same rows in the same run.
Targets (issue 7): <= 2x and < 5 s."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from yibao_desk.ledger.rows import COLUMNS, LedgerQuery, build_rows
from yibao_desk.ledger.workbook import write_ledger

N = 10_000


def cases() -> list[dict[str, object]]:
    out = []
    start = dt.datetime(2026, 11, 20, 8, 30)
    statuses = ["accepted", "supplement", "rejected", "completed", "delivered"]
    for i in range(N):
        status = statuses[i % 5]
        verdict = {
            "problems": [{"material": "医院收费票据", "reason": "未加盖医院财务收费章"}]
            if status == "supplement"
            else [],
            "gaps": [],
            "reject_reasons": ["不属于本窗口收件范围"] if status == "rejected" else [],
        }
        out.append(
            {
                "case_number": f"YYK-W03-20261120-{i + 1:05d}",
                "device_id": "W03",
                "clerk_id": f"c0{i % 4}",
                "opened_local": (start + dt.timedelta(seconds=20 * i)).isoformat(),
                "service_code": "432036011W01",
                "service_name": "城镇职工参保人员医疗（生育）费用手工（零星）报销",
                "applicant_name": "王小明",
                "applicant_id_number": "430981198002290034",
                "applicant_phone": "13800138000",
                "status": status,
                "verdict_json": json.dumps(verdict, ensure_ascii=False),
                "due_date": "2026-11-27",
                "completed_utc": "2026-11-26T02:00:00+00:00" if status in ("completed", "delivered") else None,
                "printed_json": json.dumps([{"document": "receipt"}]),
            }
        )
    return out


def main() -> None:
    data = cases()
    query = LedgerQuery(dt.date(2026, 11, 20), dt.date(2026, 11, 20), today=dt.date(2026, 11, 25))
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        rows = build_rows(data, {"W03": "一号窗口"}, {f"c0{i}": f"收件员{i}" for i in range(4)}, {}, query)
        write_ledger(Path(tmp) / "ledger.xlsx", rows, query, "张主管（sup1）", "本机日志")
        ours = time.perf_counter() - t

        t = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("raw")
        ws.append(COLUMNS)
        for r in rows:
            ws.append(r.values())
        wb.save(Path(tmp) / "raw.xlsx")
        raw = time.perf_counter() - t
    print(
        json.dumps(
            {
                "cases": N,
                "ledger_s": round(ours, 2),
                "raw_dump_s": round(raw, 2),
                "ratio": round(ours / raw, 2),
                "ok": ours / raw <= 2 and ours < 5,
            }
        )
    )


if __name__ == "__main__":
    main()
