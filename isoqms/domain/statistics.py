"""The desk's statistics as values: the figures of a period, the period itself, a report
(overall and by field or procedure). Computed by :mod:`isoqms.services.statistics`,
printed by :mod:`isoqms.render.report`; see the definitions there."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from isoqms.domain.calendar import MAX_YEAR, MIN_YEAR
from isoqms.domain.errors import ValidationError

ROMAN = ("I", "II", "III", "IV")


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


@dataclass
class Figures:
    received: int = 0
    received_direct: int = 0
    received_online: int = 0
    received_postal: int = 0
    carried_over: int = 0
    resolved_before: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    late_new_appointment_kept: int = 0
    late_new_appointment_missed: int = 0
    dissatisfied: int = 0  # resolved with a complaint or a "not satisfied" rating
    stopped: int = 0
    cancelled: int = 0
    returned: int = 0
    open_not_due: int = 0
    open_overdue: int = 0
    #: refusals given at the counter (Mẫu 03) in the period: handled at once
    refused: int = 0
    #: stopped or withdrawn after their appointment (judged when the clock stopped)
    ended_late: int = 0
    #: otherwise not late, but asked to supplement more than once: late by the 766 method
    repeat_supplement: int = 0
    #: late by the 766 method, or rated "not satisfied", or with a complaint: each once
    late_or_unhappy: int = 0
    #: apologies (new appointments) given in the period outside Decree 61/2018 art. 19(9),
    #: allowed by the leader with a reason
    apology_overridden: int = 0

    @property
    def to_handle(self) -> int:
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        return self.resolved_before + self.resolved_on_time + self.resolved_late

    @property
    def due_total(self) -> int:
        """Decision 766's base: every dossier handled in the period or still being handled
        at its end — resolved, stopped, withdrawn, refused at the counter, and open."""
        return (
            self.resolved
            + self.stopped
            + self.cancelled
            + self.refused
            + self.open_not_due
            + self.open_overdue
        )

    @property
    def late_total(self) -> int:
        """Late by the 766 method, each dossier once: resolved late, ended after the
        appointment, overdue at the period's end, asked to supplement more than once."""
        return self.resolved_late + self.ended_late + self.open_overdue + self.repeat_supplement

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.due_total - self.late_total, self.due_total)

    @property
    def late_rate(self) -> float | None:
        return _rate(self.late_total, self.due_total)

    @property
    def resolved_on_time_rate(self) -> float | None:
        """Before or on time among the resolved only (the program's rate before 766)."""
        return _rate(self.resolved_before + self.resolved_on_time, self.resolved)

    @property
    def online_share(self) -> float | None:
        return _rate(self.received_online, self.received)

    @property
    def postal_share(self) -> float | None:
        return _rate(self.received_postal, self.received)

    @property
    def dissatisfied_share(self) -> float | None:
        return _rate(self.dissatisfied, self.resolved)

    @property
    def satisfaction_rate(self) -> float | None:
        """Decision 766/QĐ-TTg: (total − dossiers late or not satisfied or with a complaint,
        each counted once) / total."""
        return _rate(self.due_total - self.late_or_unhappy, self.due_total)

    def add(self, other: Figures) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = asdict(self)
        out["received_by_channel"] = {
            "direct": self.received_direct,
            "online": self.received_online,
            "postal": self.received_postal,
        }
        for name in METRICS:
            out[name] = getattr(self, name)
        out["resolved"] = self.resolved
        out["to_handle"] = self.to_handle
        out["due_total"] = self.due_total
        out["late_total"] = self.late_total
        out["resolved_on_time_rate"] = self.resolved_on_time_rate
        return out


#: The computed figures an objective can be measured by, with their Vietnamese names.
METRICS: dict[str, str] = {
    "on_time_rate": "Tỷ lệ giải quyết trước và đúng hạn (%)",
    "late_rate": "Tỷ lệ giải quyết quá hạn (%)",
    "satisfaction_rate": "Tỷ lệ hài lòng (%)",
    "online_share": "Tỷ lệ hồ sơ trực tuyến (%)",
    "postal_share": "Tỷ lệ hồ sơ qua bưu chính công ích (%)",
    "dissatisfied_share": "Tỷ lệ hồ sơ có phản ánh, không hài lòng (%)",
}
#: the same in the English interface
METRICS_EN: dict[str, str] = {
    "on_time_rate": "Resolved before or on time (%)",
    "late_rate": "Resolved late (%)",
    "satisfaction_rate": "Satisfaction rate (%)",
    "online_share": "Online dossiers (%)",
    "postal_share": "Dossiers by public postal service (%)",
    "dissatisfied_share": "Dossiers with a complaint or not satisfied (%)",
}


#: The report's indicators in print order: key → (Vietnamese, English). The printed
#: report is Vietnamese in both interfaces; the screen shows the interface's language.
INDICATORS: dict[str, tuple[str, str]] = {
    "carried_over": (
        "Số hồ sơ kỳ trước chuyển qua",
        "Dossiers carried over from the previous period",
    ),
    "received": ("Số hồ sơ mới tiếp nhận", "Dossiers newly received"),
    "received_direct": ("  – Trực tiếp", "  – In person"),
    "received_online": ("  – Trực tuyến", "  – Online"),
    "received_postal": ("  – Qua dịch vụ bưu chính công ích", "  – By public postal service"),
    "to_handle": ("Tổng số hồ sơ phải giải quyết", "Dossiers to handle in all"),
    "resolved": ("Số hồ sơ đã giải quyết", "Dossiers resolved"),
    "resolved_before": ("  – Trước hạn", "  – Before time"),
    "resolved_on_time": ("  – Đúng hạn", "  – On time"),
    "resolved_late": ("  – Quá hạn", "  – Late"),
    "late_new_appointment_kept": (
        "      Quá hạn, đúng ngày hẹn lại (có văn bản xin lỗi)",
        "      Late, new appointment kept (apology letter)",
    ),
    "late_new_appointment_missed": (
        "      Quá hạn, trễ cả ngày hẹn lại",
        "      Late, new appointment missed too",
    ),
    "apology_overridden": (
        "      Hẹn lại ngoài quy định (lãnh đạo cho phép, có lý do)",
        "      New appointment outside the rule (allowed by the leader, with a reason)",
    ),
    "stopped": ("Số hồ sơ dừng giải quyết", "Dossiers whose processing was stopped"),
    "cancelled": (
        "Số hồ sơ bị hủy (công dân rút)",
        "Dossiers cancelled (withdrawn by the citizen)",
    ),
    "refused": ("Số hồ sơ từ chối tiếp nhận (Mẫu 03)", "Dossiers refused at the counter (Form 03)"),
    "returned": ("Số hồ sơ đã trả kết quả", "Dossiers whose result was returned"),
    "open_not_due": ("Số hồ sơ đang giải quyết, chưa đến hạn", "Dossiers in process, not yet due"),
    "open_overdue": ("Số hồ sơ đang giải quyết, đã quá hạn", "Dossiers in process, overdue"),
    "due_total": ("Số hồ sơ thuộc kỳ (Quyết định 766)", "Dossiers of the period (Decision 766)"),
    "late_total": ("Số hồ sơ quá hạn (Quyết định 766)", "Late dossiers (Decision 766)"),
    "ended_late": (
        "  – Dừng hoặc rút sau thời điểm hẹn",
        "  – Stopped or withdrawn after the appointment",
    ),
    "repeat_supplement": (
        "  – Phải bổ sung hồ sơ quá một lần",
        "  – Asked to supplement more than once",
    ),
    "on_time_rate": ("Tỷ lệ giải quyết trước và đúng hạn (%)", "Resolved before or on time (%)"),
    "late_rate": ("Tỷ lệ giải quyết quá hạn (%)", "Resolved late (%)"),
    "online_share": ("Tỷ lệ hồ sơ trực tuyến (%)", "Online dossiers (%)"),
    "postal_share": (
        "Tỷ lệ hồ sơ qua bưu chính công ích (%)",
        "Dossiers by public postal service (%)",
    ),
    "dissatisfied": (
        "Số hồ sơ có phản ánh hoặc không hài lòng",
        "Dossiers with a complaint or not satisfied",
    ),
    "late_or_unhappy": (
        "Số hồ sơ quá hạn, không hài lòng hoặc có phản ánh (mỗi hồ sơ một lần)",
        "Dossiers late, not satisfied or with a complaint (each once)",
    ),
    "satisfaction_rate": ("Tỷ lệ hài lòng (%)", "Satisfaction rate (%)"),
}

#: Columns of the breakdown table (by field or by procedure): key → (Vietnamese, English).
BREAKDOWN: dict[str, tuple[str, str]] = {
    "carried_over": ("Kỳ trước chuyển qua", "Carried over"),
    "received": ("Mới tiếp nhận", "Newly received"),
    "received_online": ("Trực tuyến", "Online"),
    "received_postal": ("Bưu chính", "By post"),
    "resolved_before": ("Trước hạn", "Before time"),
    "resolved_on_time": ("Đúng hạn", "On time"),
    "resolved_late": ("Quá hạn", "Late"),
    "open_not_due": ("Chưa đến hạn", "Not yet due"),
    "open_overdue": ("Quá hạn chưa giải quyết", "Overdue, unresolved"),
    "repeat_supplement": ("Quá hạn do bổ sung quá một lần", "Late: supplemented more than once"),
    "on_time_rate": ("Đúng hạn (%)", "On time (%)"),
    "satisfaction_rate": ("Hài lòng (%)", "Satisfied (%)"),
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    label: str
    #: the period's name in the English interface (the Vietnamese one is printed)
    english: str = field(default="", compare=False)

    def label_in(self, language: str) -> str:
        return self.label if language == "vi" or not self.english else self.english

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
        if self.start.year < MIN_YEAR or self.end.year > MAX_YEAR:
            raise ValidationError(f"Kỳ báo cáo phải nằm trong các năm {MIN_YEAR}–{MAX_YEAR}.")

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_at(self) -> dt.datetime:
        """The instant the period ends (midnight after its last day)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time())

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> Period:
        return cls(
            start,
            end,
            f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
            f"From {start:%d/%m/%Y} to {end:%d/%m/%Y}",
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(
            dt.date(year, month, 1),
            dt.date(year, month, last),
            f"Tháng {month}/{year}",
            f"Month {month}/{year}",
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValidationError("Quý phải từ 1 đến 4.")
        first = 3 * quarter - 2
        end = cls.month(year, first + 2).end
        return cls(
            dt.date(year, first, 1),
            end,
            f"Quý {ROMAN[quarter - 1]}/{year}",
            f"Quarter {ROMAN[quarter - 1]}/{year}",
        )

    @classmethod
    def months(cls, year: int, count: int) -> Period:
        """The first 6, 9 or 12 months of the year."""
        if count not in (6, 9, 12):
            raise ValidationError("Kỳ báo cáo lũy kế là 6, 9 hoặc 12 tháng.")
        label = f"Năm {year}" if count == 12 else f"{count} tháng đầu năm {year}"
        english = f"Year {year}" if count == 12 else f"First {count} months of {year}"
        return cls(dt.date(year, 1, 1), cls.month(year, count).end, label, english)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        first = 1 if half == 1 else 7
        return cls(
            dt.date(year, first, 1),
            cls.month(year, first + 5).end,
            f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}",
            f"{'First' if half == 1 else 'Second'} half of {year}",
        )


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class Report:
    period: Period
    total: Figures
    by: str | None  # None | "field" | "procedure"
    rows: tuple[Row, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        out = {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
        out["period"] = self.period.label
        data: dict[str, Any] = {**out, **self.total.to_dict()}
        if self.by:
            data["by"] = self.by
            data["rows"] = [
                {"key": r.key, "label": r.label, **r.figures.to_dict()} for r in self.rows
            ]
        return data


#: "Cách tính": how each figure of the report is computed, printed next to the figures
#: (report .docx and .xlsx) and in docs/statistics.md — one text for all three.
METHOD: tuple[tuple[str, str], ...] = (
    (
        "Hồ sơ thuộc kỳ",
        "mọi hồ sơ đã giải quyết, dừng giải quyết, công dân rút hoặc bị từ chối tiếp nhận "
        "(Mẫu 03) trong kỳ, cùng hồ sơ còn đang giải quyết vào cuối kỳ; mỗi hồ sơ tính một "
        "lần (Quyết định 766/QĐ-TTg).",
    ),
    (
        "Trước hạn, đúng hạn",
        "so thời gian đã dùng với thời gian cho phép theo đơn vị của thời hạn (Thông tư "
        "01/2018/TT-VPCP, Điều 13): còn ít nhất một ngày làm việc (một giờ, với thời hạn tính "
        "bằng giờ) là trước hạn; có kết quả muộn hơn nhưng không quá thời điểm hẹn là đúng "
        "hạn. Thời hạn tính theo ngày lịch hoặc trong ngày: so ngày.",
    ),
    (
        "Quá hạn",
        "có kết quả sau thời điểm hẹn; dừng hoặc rút sau thời điểm hẹn; còn đang giải quyết "
        "mà đã quá hạn vào cuối kỳ; hoặc phải bổ sung hồ sơ quá một lần. Ngày hẹn lại trong "
        "văn bản xin lỗi không làm hồ sơ quá hạn thành đúng hạn.",
    ),
    (
        "Bổ sung hồ sơ",
        "thời gian chờ công dân bổ sung không tính; khi nhận đủ, thời hạn được tính lại từ "
        "đầu (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4) hoặc cộng thêm thời gian chờ, theo "
        "cách đơn vị chọn.",
    ),
    (
        "Tỷ lệ trước và đúng hạn",
        "(hồ sơ thuộc kỳ − hồ sơ quá hạn) / hồ sơ thuộc kỳ × 100.",
    ),
    ("Tỷ lệ quá hạn", "hồ sơ quá hạn / hồ sơ thuộc kỳ × 100."),
    (
        "Tỷ lệ hài lòng",
        "(hồ sơ thuộc kỳ − hồ sơ quá hạn hoặc không hài lòng hoặc có phản ánh, kiến nghị, "
        "mỗi hồ sơ tính một lần) / hồ sơ thuộc kỳ × 100 (Quyết định 766/QĐ-TTg).",
    ),
    (
        "Tỷ lệ trực tuyến, bưu chính",
        "hồ sơ nhận trực tuyến (hoặc qua bưu chính công ích) / hồ sơ mới tiếp nhận trong kỳ × 100.",
    ),
)
