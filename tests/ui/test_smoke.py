"""``python main.py --smoke-test`` starts the GUI offscreen, builds every screen, exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_test_builds_every_screen_and_saves_a_screenshot(tmp_path: Path) -> None:
    """(At another date CI starts the window once, on an existing database, below: one
    start of the whole window is enough to show the day does not matter to it.)"""
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
def test_smoke_test_on_an_existing_demo_database_as_another_user_on_the_tab_asked_for(
    tmp_path: Path,
) -> None:
    """A database made by ``init --demo`` opened by the window as the clerk, on the second
    tab of the dossiers: the clerk's areas only, the screenshot of that tab."""
    db, shot = tmp_path / "demo.sqlite3", tmp_path / "ket-qua-cho-tra.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ISOQMS_DATA_DIR": str(tmp_path)}
    env.pop("ISOQMS_DATABASE_URL", None)
    init = subprocess.run(
        [sys.executable, "-m", "isoqms", "--db", str(db), "init", "--demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    args = ["--smoke-test", "--db", str(db), "--screenshot", str(shot), "--user", "clerk"]
    result = subprocess.run(
        [sys.executable, "main.py", *args, "--area", "dossiers:1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "4 areas" in result.stdout  # the clerk's: no ISO cycle, audit or administration
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("area", ["bogus", "admin:x", "admin:", "Hồ sơ"])
def test_an_unknown_area_is_a_usage_error(area: str, capsys: pytest.CaptureFixture[str]) -> None:
    from isoqms.ui.app import parse_args

    with pytest.raises(SystemExit) as stopped:
        parse_args(["--smoke-test", "--area", area])
    assert stopped.value.code == 2
    assert "chọn một khu vực intake, dossiers" in capsys.readouterr().err
    assert parse_args(["--area", "reports:1", "--user", "clerk"]).user == "clerk"


def test_no_display_is_said_plainly_not_by_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    from isoqms.ui import app

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.main(["--lang", "vi"]) == 1  # before Qt is touched
    why = app.missing_display()
    assert why is not None and "DISPLAY" in why and "xvfb-run" in why
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert app.missing_display() is None
    monkeypatch.setattr(app.sys, "platform", "win32")
    monkeypatch.delenv("WAYLAND_DISPLAY")
    assert app.missing_display() is None
