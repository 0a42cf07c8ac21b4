"""``python main.py --smoke-test`` starts the GUI offscreen, builds every screen, exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.other_day
def test_smoke_test_builds_every_screen_and_saves_a_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "main.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ISOQMS_DATA_DIR": str(tmp_path)}
    env.pop("ISOQMS_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "main.py", "--smoke-test", "--screenshot", str(shot)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "6 areas" in result.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.other_day
def test_smoke_test_on_an_existing_demo_database(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ISOQMS_DATA_DIR": str(tmp_path)}
    init = subprocess.run(
        [sys.executable, "-m", "isoqms", "--db", str(db), "init", "--demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    result = subprocess.run(
        [sys.executable, "main.py", "--smoke-test", "--db", str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
