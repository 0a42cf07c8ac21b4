"""The one clock: the only module that reads the wall clock.

Everything else asks :func:`now` (local wall-clock time, naive — receipt times,
appointments, dates people read), :func:`today`, or :func:`utcnow` (naive UTC — audit
events, rows' ``created_at``). Tests and benchmarks set the time in one place
(:func:`travel`, :func:`pin`); a ``tests/test_architecture.py`` scan fails when any other
module reads the wall clock itself.

Setting the time is process-wide, not per thread: the GUI's background workers run on
other threads and must see the same moment as the window that started them (pretix's
``timemachine`` keeps a per-context override; a desktop program has threads, not
requests). A set clock either stands still (``tick=False``) or runs on from the moment it
was set, at the speed of the monotonic clock, so order and durations stay real.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class _Setting:
    moment: dt.datetime  # local wall-clock time, naive
    since: float  # time.monotonic() when it was set
    tick: bool


_lock = threading.Lock()
_setting: _Setting | None = None


def _real_now() -> dt.datetime:
    return dt.datetime.now()


def now() -> dt.datetime:
    """The local wall-clock time, naive (as receipt slips and appointments print it)."""
    setting = _setting
    if setting is None:
        return _real_now()
    if not setting.tick:
        return setting.moment
    return setting.moment + dt.timedelta(seconds=time.monotonic() - setting.since)


def today() -> dt.date:
    return now().date()


def utcnow() -> dt.datetime:
    """The moment in UTC, naive (how audit events and stored rows keep time)."""
    return now().astimezone(dt.UTC).replace(tzinfo=None)


def utcnow_aware() -> dt.datetime:
    return now().astimezone(dt.UTC)


def local_from_utc(moment: dt.datetime) -> dt.datetime:
    """A naive UTC time as local wall-clock time, naive."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def is_set() -> bool:
    return _setting is not None


def pin(moment: dt.datetime | dt.date | None, *, tick: bool = True) -> None:
    """Set the clock to ``moment`` (local, naive; a date means 09:00 that day) or, with
    ``None``, back to the wall clock."""
    global _setting
    with _lock:
        if moment is None:
            _setting = None
            return
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(9, 0))
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
        _setting = _Setting(moment, time.monotonic(), tick)


@contextmanager
def travel(moment: dt.datetime | dt.date, *, tick: bool = False) -> Iterator[None]:
    """Within the block, the clock reads ``moment`` (standing still unless ``tick``);
    afterwards it reads what it read before."""
    before = _setting
    pin(moment, tick=tick)
    try:
        yield
    finally:
        _restore(before)


def _restore(setting: _Setting | None) -> None:
    global _setting
    with _lock:
        _setting = setting
