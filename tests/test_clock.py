"""One clock: only ``isoqms/domain/clock.py`` reads the wall clock, and setting it is seen
everywhere (other threads included)."""

from __future__ import annotations

import ast
import datetime as dt
import threading
from pathlib import Path

import pytest

from isoqms.domain import clock
from tests.helpers import PINNED

#: the guard that no code reads the machine's clock: run at the other date too
pytestmark = pytest.mark.other_day

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "isoqms"
CLOCK = PACKAGE / "domain" / "clock.py"

#: ``receiver.attr(...)`` calls that read the wall clock, by the receiver's last name.
WALL_CLOCK_CALLS = {
    "datetime": {"now", "today", "utcnow"},
    "date": {"today"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"},
    "QDate": {"currentDate"},
    "QDateTime": {
        "currentDateTime",
        "currentDateTimeUtc",
        "currentMSecsSinceEpoch",
        "currentSecsSinceEpoch",
    },
    "QTime": {"currentTime"},
}
#: ``from time import time`` and friends would hide the receiver.
WALL_CLOCK_NAMES = {"time": WALL_CLOCK_CALLS["time"]}


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local names of the clock-reading classes and modules: ``from datetime import
    datetime as DT`` makes ``DT`` a ``datetime``."""
    names = {name: name for name in WALL_CLOCK_CALLS}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom | ast.Import):
            for alias in node.names:
                last = alias.name.rsplit(".", 1)[-1]
                if last in WALL_CLOCK_CALLS:
                    names[alias.asname or last] = last
    return names


def _receiver(node: ast.expr, aliases: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        return aliases.get(node.attr)
    return None


def wall_clock_reads(path: Path) -> list[str]:
    """Every ``datetime.now``-like reference — called or handed on
    (``default_factory=dt.datetime.now``) — and ``from time import time``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    aliases = _aliases(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            receiver = _receiver(node.value, aliases)
            if receiver and node.attr in WALL_CLOCK_CALLS[receiver]:
                found.append(f"{where}:{node.lineno} {receiver}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in WALL_CLOCK_NAMES:
            bad = {a.name for a in node.names} & WALL_CLOCK_NAMES[node.module]
            found.extend(f"{where}:{node.lineno} from {node.module} import {b}" for b in bad)
    return found


def scanned_files() -> list[Path]:
    """The program, and the tests, tools and benchmarks too: a test that reads the real
    date passes or fails by the day the suite runs."""
    folders = (PACKAGE, ROOT / "tests", ROOT / "tools", ROOT / "benchmarks")
    files = [ROOT / "main.py", *(f for d in folders for f in sorted(d.rglob("*.py")))]
    return [f for f in files if f != CLOCK]


def test_no_module_but_the_clock_reads_the_wall_clock() -> None:
    found = [hit for path in scanned_files() for hit in wall_clock_reads(path)]
    assert found == [], "read the time through isoqms.domain.clock"


def test_the_scan_sees_every_way_of_reading_the_clock(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import datetime as dt, time\n"
        "from datetime import date, datetime\n"
        "from time import localtime\n"
        "from PySide6.QtCore import QDate, QDateTime\n"
        "a = dt.datetime.now(dt.UTC)\n"
        "b = date.today()\n"
        "c = datetime.utcnow()\n"
        "d = time.time()\n"
        "e = QDate.currentDate()\n"
        "f = QDateTime.currentDateTime()\n"
        "g = time.monotonic()  # a duration, not the wall clock\n"
        "h = dt.datetime.fromisoformat('2026-01-01')\n"
        "from datetime import datetime as DT\n"
        "i = DT.now()\n"
        "j = field(default_factory=dt.date.today)\n",
        encoding="utf-8",
    )
    assert len(wall_clock_reads(sample)) == 9
    assert wall_clock_reads(CLOCK), "the clock module itself reads the wall clock"


def test_the_suite_runs_at_the_pinned_moment() -> None:
    assert clock.today() == PINNED.date()
    assert PINNED <= clock.now() < PINNED + dt.timedelta(hours=1)


def test_travel_stands_still_and_restores() -> None:
    before = clock.now()
    moment = dt.datetime(2027, 2, 10, 8, 0)
    with clock.travel(moment):
        assert clock.now() == moment and clock.today() == moment.date()
        assert clock.utcnow() == moment.astimezone(dt.UTC).replace(tzinfo=None)
    assert before <= clock.now() < before + dt.timedelta(minutes=5)


def test_a_set_clock_ticks_and_is_seen_by_other_threads() -> None:
    moment = dt.datetime(2030, 1, 15, 7, 0)
    seen: list[dt.datetime] = []
    with clock.travel(moment, tick=True):
        worker = threading.Thread(target=lambda: seen.append(clock.now()))
        worker.start()
        worker.join()
        assert moment <= seen[0] <= clock.now() < moment + dt.timedelta(minutes=1)


def test_a_date_means_nine_in_the_morning() -> None:
    with clock.travel(dt.date(2027, 7, 1)):
        assert clock.now() == dt.datetime(2027, 7, 1, 9, 0)


def test_local_and_utc_agree() -> None:
    with clock.travel(dt.datetime(2026, 12, 1, 10, 0)):
        assert clock.local_from_utc(clock.utcnow()) == clock.now()
