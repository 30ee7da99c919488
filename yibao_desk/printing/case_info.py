"""What the composed documents need to know about a case, built from a journal case row (a plain dict)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from yibao_desk.domain.catalog import Catalog, Region, Service


def mask_id(number: str) -> str:
    """430981198002290034 → 430981********0034 (个人信息保护法: only a supervisor sees more)."""
    n = number.strip()
    return n[:6] + "*" * (len(n) - 10) + n[-4:] if len(n) > 10 else n


def mask_phone(phone: str) -> str:
    digits = phone.replace("-", "")
    return digits[:3] + "****" + digits[-4:] if len(digits) == 11 and digits.startswith("1") else phone


@dataclass
class CaseInfo:
    case_number: str
    region: Region
    service: Service
    applicant: dict[str, str]
    opened: dt.datetime
    clerk: str
    window: str
    agent: dict[str, str] | None = None
    unit: dict[str, str] | None = None
    verdict: dict[str, Any] = field(default_factory=dict)
    materials: dict[str, dict[str, Any]] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    delivery: str = "pickup"
    mail: dict[str, str] = field(default_factory=dict)  # 邮寄: recipient, phone, address, postcode (tracking)


def case_info(row: dict[str, Any], catalog: Catalog, clerk: str, window: str) -> CaseInfo:
    region = catalog.region(row["region"])
    return CaseInfo(
        case_number=row["case_number"],
        region=region,
        service=region.service(row["service_code"]),
        applicant=json.loads(row["applicant_json"] or "{}"),
        agent=json.loads(row["agent_json"]) if row.get("agent_json") else None,
        unit=json.loads(row["unit_json"]) if row.get("unit_json") else None,
        opened=dt.datetime.fromisoformat(row["opened_local"]),
        clerk=clerk,
        window=window,
        verdict=json.loads(row["verdict_json"]) if row.get("verdict_json") else {},
        materials=json.loads(row["materials_json"] or "{}"),
        answers=json.loads(row["answers_json"] or "{}"),
        delivery=row.get("delivery") or "pickup",
        mail=json.loads(row["mail_json"]) if row.get("mail_json") else {},
    )
