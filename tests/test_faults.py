"""A fault of the program reaches the user as one line saying where its details were
logged — never as a traceback, never with the exception's text (issue 15)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from isoqms import faults
from isoqms.cli import main, one_line
from isoqms.db.engine import Database
from isoqms.domain.errors import ValidationError
from tests.helpers import run_cli

PW = {"ISOQMS_PASSWORD": "demo"}
#: What a database error's text holds: a citizen's name, ID number and phone.
PRIVATE = "Nguyễn Thị Hoa 001099012345 0912345678"


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "du-lieu"
    monkeypatch.setenv("ISOQMS_DATA_DIR", str(folder))
    return folder


def test_a_fault_is_one_line_and_its_details_go_to_the_log(
    demo_db: Database, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isoqms.services import calendar

    def broken(_db: Database) -> None:
        raise RuntimeError(f"INSERT … parameters: {PRIVATE}")

    monkeypatch.setattr(calendar, "load_calendar", broken)
    url = demo_db.url.render_as_string(hide_password=False)
    result = run_cli("--db", url, "calendar", "days", "--year", "2026")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert PRIVATE not in result.stderr + result.stdout
    [line] = result.stderr.strip().splitlines()
    log = data_folder / faults.LOG_NAME
    assert line.startswith("isoqms: Lỗi chương trình (mã sự cố ") and str(log) in line
    number = line.split("mã sự cố ")[1][:8]
    written = log.read_text(encoding="utf-8")
    assert f"fault {number} in calendar days" in written
    assert "Traceback" in written and PRIVATE in written


@pytest.mark.skipif(os.name != "posix", reason="file modes exist on POSIX systems only")
def test_the_log_and_its_folder_are_private(data_folder: Path) -> None:
    faults.report(RuntimeError("hỏng"))
    assert (data_folder.stat().st_mode & 0o777) == 0o700
    assert ((data_folder / faults.LOG_NAME).stat().st_mode & 0o777) == 0o600


def test_a_log_that_cannot_be_written_still_gives_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "tep"
    blocked.write_text("không phải thư mục", encoding="utf-8")
    monkeypatch.setenv("ISOQMS_DATA_DIR", str(blocked / "du-lieu"))
    errors = io.StringIO()
    monkeypatch.setattr(sys, "stderr", errors)
    text = faults.report(RuntimeError(PRIVATE))
    assert text.startswith("Lỗi chương trình (mã sự cố ") and PRIVATE not in text
    assert errors.getvalue() == ""  # logging did not print its own traceback


def test_a_reader_that_goes_away_ends_the_command_quietly(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Gone(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError

    errors = io.StringIO()
    monkeypatch.setattr(sys, "stdout", Gone())
    monkeypatch.setattr(sys, "stderr", errors)
    url = demo_db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "calendar", "days", "--year", "2026"]) == 1
    assert errors.getvalue() == ""


def test_a_message_is_printed_on_one_line_without_control_characters() -> None:
    assert one_line("Không có hồ sơ mã “a\x00b\nc\x1b[2J”.") == (
        "Không có hồ sơ mã “a\\x00b c\\x1b[2J”."
    )
    assert one_line("Đã ghi “Lê Văn An”.") == "Đã ghi “Lê Văn An”."


def test_a_value_the_database_refuses_is_a_refusal_without_the_value(db: Database) -> None:
    """The last guard (the services check first): PostgreSQL's error, whose text holds
    the statement's values, becomes a refusal in words."""
    if db.backend != "postgresql":
        pytest.skip("SQLite stores any length and any character")
    from sqlalchemy import text

    session = db.write_session()
    try:
        with pytest.raises(ValidationError) as refused:
            session.execute(
                text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
                {"key": PRIVATE * 5, "value": "x"},
            )
    finally:
        session.rollback()
        session.close()
    assert PRIVATE not in refused.value.message
    session = db.write_session()
    try:
        with pytest.raises(ValidationError):
            session.execute(
                text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
                {"key": "k", "value": f"{PRIVATE}\x00"},
            )
    finally:
        session.rollback()
        session.close()
