"""The gallery of every official table the program prints, for docs/forms/: each template blank as PNG, the default
layout under the region whose seed it transcribes and each region variant under its region, with an index page.

Run: .venv/bin/python scripts/forms_gallery.py   (needs pdftoppm, from poppler-utils)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "forms"
DPI = 60


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.printing.official import form_title, render_official
    from yibao_desk.printing.templates import forms_dir, load_template

    catalog = load_catalog()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    rows = []
    for path in sorted(forms_dir().glob("*.yaml")):
        form_id, _, variant = path.stem.partition("@")
        users = [r for r in catalog.regions.values() if any(form_id in s.forms for s in r.services)]
        region = variant or next((r.id for r in users if r.id == "yuanjiang"), users[0].id if users else "yuanjiang")
        pdf = render_official(catalog, region, form_id, {}, mode="blank").pdf
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "f.pdf").write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(Path(tmp) / "f.pdf"), str(OUT / path.stem)],
                check=True,
            )
        title = form_title(catalog, region, form_id, load_template(form_id, region))
        services = sorted({s.code for r in users for s in r.services if form_id in s.forms})
        rows.append(
            f"| `{path.stem}` | {title} | {catalog.regions[region].name} | {'、'.join(services)} | "
            f"![{path.stem}]({path.stem}.png) |"
        )
    (OUT / "README.md").write_text(
        "# The official tables the program prints\n\n"
        f"Every template in `printing/forms/`, blank, as the named region prints it ({DPI} dpi; made by "
        "`scripts/forms_gallery.py`). A template without `@region` is the default layout every region prints "
        "unless it has its own variant.\n\n"
        "| template | title | region | services | page |\n| --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} 张表格 → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
