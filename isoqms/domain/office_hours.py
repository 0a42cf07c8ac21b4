"""Office hours of a unit: ordered, non-overlapping intervals within a day.

Written as ``"07:00-11:30,13:30-17:00"`` in settings, the CLI and the unit profile.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from isoqms.domain.errors import ValidationError

DEFAULT_OFFICE_HOURS = "07:00-11:30,13:30-17:00"
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_time(text: str, *, what: str = "giờ") -> dt.time:
    """``"15:00"`` → ``time(15, 0)``; anything else is refused in Vietnamese."""
    match = _TIME.match(text or "")
    if not match:
        raise ValidationError(f"{what.capitalize()} “{text}” không đúng dạng HH:MM.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValidationError(f"{what.capitalize()} “{text}” không tồn tại.")
    return dt.time(hour, minute)


def format_time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


@dataclass(frozen=True)
class OfficeHours:
    intervals: tuple[tuple[dt.time, dt.time], ...]

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        if not text or not text.strip():
            raise ValidationError("Chưa nhập giờ làm việc.")
        intervals: list[tuple[dt.time, dt.time]] = []
        for part in text.split(","):
            bounds = part.split("-")
            if len(bounds) != 2:
                raise ValidationError(
                    f"Khoảng giờ làm việc “{part.strip()}” không đúng dạng HH:MM-HH:MM."
                )
            start = parse_time(bounds[0], what="giờ bắt đầu")
            end = parse_time(bounds[1], what="giờ kết thúc")
            if end <= start:
                raise ValidationError(
                    f"Khoảng giờ làm việc “{part.strip()}” kết thúc không sau khi bắt đầu."
                )
            intervals.append((start, end))
        intervals.sort()
        for (_s1, e1), (s2, _e2) in itertools.pairwise(intervals):
            if s2 < e1:
                raise ValidationError("Các khoảng giờ làm việc chồng lên nhau.")
        return cls(tuple(intervals))

    def __str__(self) -> str:
        return ",".join(f"{format_time(s)}-{format_time(e)}" for s, e in self.intervals)

    @property
    def opening(self) -> dt.time:
        return self.intervals[0][0]

    @property
    def closing(self) -> dt.time:
        return self.intervals[-1][1]

    def minutes_per_day(self) -> int:
        return sum((e.hour * 60 + e.minute) - (s.hour * 60 + s.minute) for s, e in self.intervals)
