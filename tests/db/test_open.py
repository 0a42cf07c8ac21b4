"""Which SQLite files the program opens (issue 15): a mistyped ``--db`` grows no folders
and no empty database; a file that is not an isoqms database is refused and left as it
was; what the program creates is readable by its user only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from isoqms.db import engine
from isoqms.db.engine import Database
from isoqms.domain.errors import DatabaseUnavailable
from tests.helpers import run_cli

POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes exist on POSIX systems only")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_folder_that_does_not_exist_is_refused_and_not_made(tmp_path: Path) -> None:
    target = tmp_path / "go-nham" / "isoqms.sqlite3"
    with pytest.raises(DatabaseUnavailable, match="Không có thư mục"):
        Database.open(str(target))
    result = run_cli("--db", str(target), "init")
    assert result.returncode == 1 and "Không có thư mục" in result.stderr
    assert not target.parent.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"my-computer\n", b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["empty", "text", "damaged"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "hostname"
    target.write_bytes(content)
    before = target.stat().st_mtime_ns
    result = run_cli("--db", str(target), "unit", "show")
    assert result.returncode == 1 and "không phải cơ sở dữ liệu isoqms" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == content and target.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostname"]


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    target = tmp_path / "khac.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
    conn.commit()
    conn.close()
    content = target.read_bytes()
    result = run_cli("--db", str(target), "init")
    assert result.returncode == 1 and "chương trình khác" in result.stderr
    assert target.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khac.db"]  # no -wal, no -shm


def test_a_folder_is_refused(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path), "unit", "show")
    assert result.returncode == 1 and "là một thư mục" in result.stderr


@POSIX
def test_a_new_database_is_private_to_its_user(tmp_path: Path) -> None:
    target = tmp_path / "moi.sqlite3"
    db = Database.open(str(target))
    try:
        with db.write_session() as session:  # the -wal and -shm files exist while open
            session.execute(text("SELECT count(*) FROM setting"))
            present = sorted(p.name for p in tmp_path.iterdir())
            modes = {p.name: mode(p) for p in tmp_path.iterdir()}
    finally:
        db.dispose()
    assert present == ["moi.sqlite3", "moi.sqlite3-shm", "moi.sqlite3-wal"]
    assert set(modes.values()) == {0o600}, modes


@POSIX
def test_the_default_database_and_its_folder_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "share" / "isoqms"
    monkeypatch.setenv("ISOQMS_DATA_DIR", str(folder))
    monkeypatch.delenv(engine.ENV_URL, raising=False)
    db = Database.open()
    db.dispose()
    assert mode(folder) == 0o700
    assert mode(folder / "isoqms.sqlite3") == 0o600


def test_a_new_database_that_cannot_be_set_up_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(_self: Database) -> None:
        raise DatabaseUnavailable("Không mở được cơ sở dữ liệu.")

    monkeypatch.setattr(Database, "migrate", fails)
    with pytest.raises(DatabaseUnavailable):
        Database.open(str(tmp_path / "moi.sqlite3"))
    assert list(tmp_path.iterdir()) == []


def test_an_isoqms_database_opens_as_before(tmp_path: Path) -> None:
    target = tmp_path / "isoqms.sqlite3"
    Database.open(str(target)).dispose()
    again = run_cli("--db", str(target), "unit", "show")
    assert again.returncode == 0, again.stderr


def test_a_path_with_a_nul_is_refused() -> None:
    result = run_cli("--db", "/tmp/a\x00b.sqlite3", "unit", "show")
    assert result.returncode == 1 and "ký tự điều khiển" in result.stderr
