"""``isoqms calendar …``: every official 2024–2026 entry through the command line, under
both policies, against an oracle written from the official dates alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from isoqms.cli import main
from isoqms.domain.calendar import DayKind
from isoqms.domain.schedule_file import parse_schedule
from tests.conftest import Templates
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = parse_schedule(
    (ROOT / "resources" / "calendar" / "official-schedule.csv").read_text(encoding="utf-8")
)
OFF = {e.day for e in ENTRIES if e.kind is DayKind.OFF}
WORKED = {e.day for e in ENTRIES if e.kind is DayKind.WORKING}
# Labor Code art. 112 days that fall in 2023–2027 and are not in the schedule file
FIXED = {dt.date(y, m, d) for y in range(2023, 2028) for m, d in ((1, 1), (4, 30), (5, 1), (9, 2))}
GIO_TO = {dt.date(2024, 4, 18), dt.date(2025, 4, 7), dt.date(2026, 4, 26), dt.date(2027, 4, 16)}
MORNING_END, CLOSE = dt.time(11, 30), dt.time(17)


def oracle_working(day: dt.date) -> bool:
    if day in WORKED:
        return True
    if day in OFF or day in FIXED or day in GIO_TO:
        return False
    return day.weekday() < 5


def next_working(day: dt.date, n: int = 1) -> dt.date:
    for _ in range(n):
        day += dt.timedelta(days=1)
        while not oracle_working(day):
            day += dt.timedelta(days=1)
    return day


def previous_working(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not oracle_working(day):
        day -= dt.timedelta(days=1)
    return day


def due(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--db", db, "calendar", "due", *args]) == 0
    return capsys.readouterr().out.strip()


def fmt(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).strftime("%Y-%m-%d %H:%M")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("cal") / "calendar.sqlite3")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.day}-{e.kind}")
def test_every_official_entry_through_the_cli(
    db: str, capsys: pytest.CaptureFixture[str], entry: object
) -> None:
    day = entry.day  # type: ignore[attr-defined]
    before = previous_working(day)
    on_day = f"{day} 09:00"
    start = day if oracle_working(day) else next_working(day)  # effective receipt day

    # received on the day itself
    assert due(db, capsys, "--received", on_day, "--same-day") == fmt(start, CLOSE)
    assert due(db, capsys, "--received", on_day, "--days", "1") == fmt(next_working(start), CLOSE)
    hours_time = dt.time(9) if oracle_working(day) else CLOSE
    hours_day = next_working(start) if oracle_working(day) else start
    assert due(db, capsys, "--received", on_day, "--days", "1", "--policy", "hours") == fmt(
        hours_day, hours_time
    )
    # at lunch on the working day before: the clock starts at 13:30; eight working hours
    # later is the end of the next working day's morning, the earliest such instant
    lunch = f"{before} 12:00"
    assert due(db, capsys, "--received", lunch, "--days", "1") == fmt(next_working(before), CLOSE)
    assert due(db, capsys, "--received", lunch, "--days", "1", "--policy", "hours") == fmt(
        next_working(before), MORNING_END
    )
    # after the cut-off, and after closing, on the working day before
    assert due(
        db, capsys, "--received", f"{before} 15:30", "--same-day", "--cutoff", "15:00"
    ) == fmt(next_working(before), CLOSE)
    assert due(
        db, capsys, "--received", f"{before} 14:59", "--same-day", "--cutoff", "15:00"
    ) == fmt(before, CLOSE)
    assert due(db, capsys, "--received", f"{before} 17:30", "--days", "2") == fmt(
        next_working(before, 3), CLOSE
    )
    assert due(
        db, capsys, "--received", f"{before} 17:30", "--days", "2", "--policy", "hours"
    ) == fmt(next_working(before, 2), CLOSE)


def test_office_hours_option(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        due(
            db,
            capsys,
            "--received",
            "2026-11-20 11:45",
            "--hours",
            "2",
            "--office-hours",
            "08:00-12:00,13:00-17:00",
        )
        == "2026-11-20 14:45"
    )


def test_days_lists_a_year(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "calendar", "days", "--year", "2026", "--json"]) == 0
    days = {d["date"]: d for d in json.loads(capsys.readouterr().out)}
    assert days["2026-01-10"]["working"] is True
    assert days["2026-01-10"]["weekday"] == "Thứ Bảy"
    assert days["2026-01-02"]["working"] is False
    assert days["2026-04-27"]["name"].startswith("Nghỉ bù Giỗ Tổ")
    assert {d for d, v in days.items() if v["working"]} == {"2026-01-10", "2026-08-22"}
    assert main(["--db", db, "calendar", "days", "--year", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2025-04-26  Thứ Bảy   làm việc  Làm bù cho ngày nghỉ 02/05/2025" in lines


def test_contract_as_a_subprocess(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    ok = run_cli("--db", db, "calendar", "due", "--received", "2026-01-09 09:00", "--days", "1")
    assert (ok.returncode, ok.stdout) == (0, "2026-01-10 17:00\n")
    for bad, message in [
        (["--received", "09/01/2026 09:00", "--days", "1"], "YYYY-MM-DD HH:MM"),
        (["--received", "2026-01-09 09:00", "--days", "-2"], "không được là số âm"),
        (
            [
                "--received",
                "2026-01-09 09:00",
                "--days",
                "1",
                "--office-hours",
                "07:00-12:00,11:00-17:00",
            ],
            "chồng lên nhau",
        ),
        (["--received", "2026-01-09 09:00", "--same-day", "--cutoff", "3pm"], "HH:MM"),
    ]:
        result = run_cli("--db", db, "calendar", "due", *bad)
        assert result.returncode == 1 and message in result.stderr, result.stderr
    assert run_cli("--db", db, "calendar", "due", "--received", "2026-01-09 09:00").returncode == 2
    assert (
        run_cli(
            "--db",
            db,
            "calendar",
            "due",
            "--received",
            "2026-01-09 09:00",
            "--days",
            "1",
            "--hours",
            "2",
        ).returncode
        == 2
    )


def test_admin_import_export_by_cli(templates: Templates, tmp_path: Path) -> None:
    # the demo's admin and clerk: a copy of the demo template (init --demo itself is
    # tested in tests/test_cli.py and tests/test_cli_dossier.py)
    path = tmp_path / "admin.sqlite3"
    templates.sqlite_copy("demo_db", path)
    db = str(path)
    pw = {"ISOQMS_PASSWORD": "demo"}
    good = tmp_path / "2027.csv"
    good.write_text(
        "date,kind,name,source\n2027-02-13,working,Làm bù Tết,TB 2027\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind,name\n2027-02-15,nghi le,Tết\n", encoding="utf-8")
    refused = run_cli("--db", db, "--user", "admin", "calendar", "import", str(bad), env=pw)
    assert refused.returncode == 1 and "dòng 2" in refused.stderr
    clerk = run_cli("--db", db, "--user", "clerk", "calendar", "import", str(good), env=pw)
    assert clerk.returncode == 1 and "không có quyền" in clerk.stderr
    imported = run_cli("--db", db, "--user", "admin", "calendar", "import", str(good), env=pw)
    assert imported.returncode == 0 and "1 mục mới" in imported.stdout
    after = run_cli("--db", db, "calendar", "due", "--received", "2027-02-12 09:00", "--days", "1")
    assert after.stdout == "2027-02-13 17:00\n"
    out = tmp_path / "out.csv"
    assert run_cli("--db", db, "calendar", "export", str(out), "--year", "2027").returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdate,kind,name,source")
    removed = run_cli("--db", db, "--user", "admin", "calendar", "remove", "2027-02-13", env=pw)
    assert removed.returncode == 0
