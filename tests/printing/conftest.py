from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SAMPLES = Path(__file__).with_name("samples")


def sample(form_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / f"{form_id}.yaml").read_text(encoding="utf-8"))
    return data
