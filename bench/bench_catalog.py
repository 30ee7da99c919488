"""Cold load of all region profiles plus building every checklist, against plain YAML parsing of the same files.

Target (issue 2): < 100 ms total. Prints the median of several runs and the ratio to the baseline measured in
the same run. Each run happens in a fresh interpreter. Two cases: the first load after the data changed (parse,
validate, write the cache) and every later program start (the validated catalog read from the cache). Import
time of the modules is reported apart: it is paid once per process by the program, whatever the data.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

RUNS = 7

CATALOG = r"""
import sys, time
t_import = time.perf_counter()
from pathlib import Path
from yibao_desk.domain.catalog import load_catalog
from yibao_desk.domain.checklist import build_checklist
t0 = time.perf_counter()
import_s = t0 - t_import
cat = load_catalog(cache_dir=Path(sys.argv[1]) if len(sys.argv) > 1 else None)
n = 0
for region in cat.regions.values():
    for svc in region.services:
        n += len(build_checklist(svc, svc.default_answers()))
print(time.perf_counter() - t0, n, import_s)
"""

BASELINE = r"""
import time
import yaml
from yibao_desk.domain.paths import resources_dir
root = resources_dir()
t0 = time.perf_counter()
n = 0
for p in sorted(root.rglob("*.yaml")):
    if "holidays" in p.parts:
        continue
    with p.open("rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
    n += 1
print(time.perf_counter() - t0, n)
"""


def measure(code: str, *args: str, column: int = 0) -> float:
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
        times.append(float(out.split()[column]))
    return statistics.median(times)


def main() -> None:
    base = measure(BASELINE)
    cold = measure(CATALOG)
    with tempfile.TemporaryDirectory() as cache:
        subprocess.run([sys.executable, "-c", CATALOG, cache], check=True, capture_output=True)
        cached = measure(CATALOG, cache)
    imports = measure(CATALOG, column=2)
    result = {
        "baseline_yaml_parse_ms": round(base * 1000, 1),
        "first_load_no_cache_ms": round(cold * 1000, 1),
        "ratio_first_load": round(cold / base, 2),
        "start_load_with_cache_ms": round(cached * 1000, 1),
        "ratio_start_load": round(cached / base, 2),
        "imports_ms": round(imports * 1000, 1),
        "target_ms": 100,
        "ok": cached < 0.100,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
