"""Refresh the translation sources and build the .qm files.

    python tools/update_translations.py

Runs ``pyside6-lupdate`` over ``isoqms/ui`` (new strings appear in the .ts files as
unfinished; translate them with Qt Linguist or any editor), then ``pyside6-lrelease``.
The source language is English; Vietnamese is the default user-interface language.
A test fails while any string lacks its Vietnamese translation or a .qm is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = {"vi": "vi_VN"}


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "isoqms" / "ui").rglob("*.py"))


def lupdate(ts: Path, language: str) -> None:
    subprocess.run(
        [
            "pyside6-lupdate",
            *ui_sources(),
            "-ts",
            str(ts.relative_to(ROOT)),
            "-target-language",
            language,
            "-no-obsolete",
            "-locations",
            "none",
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def main() -> int:
    for code, language in LANGUAGES.items():
        ts = TRANSLATIONS / f"isoqms_{code}.ts"
        lupdate(ts, language)
        lrelease(ts, TRANSLATIONS / f"isoqms_{code}.qm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
