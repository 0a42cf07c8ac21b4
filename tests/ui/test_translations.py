"""Every user-interface string has its Vietnamese translation, and the shipped .qm is current."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from tools.update_translations import LANGUAGES, ROOT, TRANSLATIONS, ui_sources

TS = TRANSLATIONS / "isoqms_vi.ts"
QM = TRANSLATIONS / "isoqms_vi.qm"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    out: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_every_message_is_translated() -> None:
    unfinished = [
        source
        for (_ctx, source), message in messages(TS).items()
        if (
            message.find("translation") is None
            or message.find("translation").get("type") in {"unfinished", "vanished", "obsolete"}
        )  # type: ignore[union-attr]
    ]
    assert unfinished == []


def test_the_code_has_no_string_missing_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [
            "pyside6-lupdate",
            *ui_sources(),
            "-ts",
            str(fresh),
            "-target-language",
            LANGUAGES["vi"],
            "-no-obsolete",
            "-locations",
            "none",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS)), (
        "run: python tools/update_translations.py, then translate the new strings"
    )


def test_the_shipped_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        ["pyside6-lrelease", str(TS), "-qm", str(built)], check=True, capture_output=True
    )
    assert built.read_bytes() == QM.read_bytes()
