"""The management review's inputs come from the desk's own records: its objective figures
are those of ``isoqms report`` for the same period; the .docx is sign-ready."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from isoqms.services import management_review as mr
from tests.helpers import audit_count, login, run_cli
from tests.helpers_pdf import libreoffice_pdf, pdf_text

PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


@pytest.mark.one_database
def test_the_review_report_holds_the_counters_figures(
    demo_year: Database, demo_url: str, tmp_path: Path
) -> None:
    """On the demo with five weeks of the counter and the quality objectives."""
    today = clock.today()
    year = today.year
    out = tmp_path / "xem-xet.docx"
    made = run_cli(
        "--db", demo_url, "--user", "iso_secretary", "iso", "review-report", "--year",
        str(year), "--out", str(out), "--json", env=PW,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    inputs = json.loads(made.stdout)
    report = run_cli(
        "--db", demo_url, "--user", "auditor", "report", "--from", f"{year}-01-01", "--to",
        today.isoformat(), "--json", env=PW,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    figures = json.loads(report.stdout)
    assert inputs["report"] == figures  # the same statistics, the same period
    expected = {
        "≥ 99% hồ sơ được giải quyết trước và đúng hạn": _pct(figures["on_time_rate"]),
        "Tỷ lệ hài lòng của người dân ≥ 95%": _pct(figures["satisfaction_rate"]),
        "≥ 30% hồ sơ nộp trực tuyến": _pct(figures["online_share"]),
    }
    assert {o["title"]: o["actual"] for o in inputs["objectives"]} == expected
    text = " ".join(pdf_text(libreoffice_pdf(out, tmp_path), tmp_path).split())
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Đầu vào xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {year}",
        f"Tiếp nhận {figures['received']} hồ sơ",
        *expected.values(),
        "quyết định 125/QĐ-UBND",
        "5. Rủi ro và cơ hội",
        "Mất điện, mất mạng làm gián đoạn tiếp nhận hồ sơ trực tuyến",
        "Lê Thị Thu Hương",
        "Nguyễn Văn Hùng",
    ):
        assert line in text, line


def test_a_year_out_of_range_is_refused_in_words(demo_url: str, tmp_path: Path) -> None:
    result = run_cli(
        "--db", demo_url, "--user", "auditor", "iso", "review-report", "--year", "1999",
        "--out", str(tmp_path / "x.docx"), env=PW,
    )  # fmt: skip
    assert result.returncode == 1 and "1999" in result.stderr
    assert not (tmp_path / "x.docx").exists()


# ------------------------------------------------------------------ the meeting's record


def _record(**changes: object) -> mr.ReviewRecord:
    day = clock.today()
    values: dict[str, object] = {
        "held_on": day,
        "chair": "Nguyễn Văn Hùng",
        "participants": "Ban chỉ đạo ISO; công chức Một cửa",
        "conclusion": "Hệ thống quản lý chất lượng phù hợp và có hiệu lực.",
        "decisions": (
            mr.ReviewDecision("Bổ sung máy phát điện cho bộ phận Một cửa", "officer",
                              day + dt.timedelta(days=60)),
            mr.ReviewDecision("Tập huấn tiếp nhận trực tuyến", "clerk",
                              day + dt.timedelta(days=30)),
        ),
    }  # fmt: skip
    values.update(changes)
    return mr.ReviewRecord(**values)  # type: ignore[arg-type]


def test_the_meeting_is_recorded_its_decisions_tracked_and_its_figures_kept(
    demo_year: Database,
) -> None:
    from isoqms.services import statistics
    from isoqms.services.findings import findings

    demo_db = demo_year
    secretary, approver = login(demo_db, "iso_secretary"), login(demo_db, "approver")
    day, year = clock.today(), clock.today().year
    before = {r.number for r in mr.reviews(demo_db, secretary)}
    events = audit_count(demo_db)
    view = mr.record_review(demo_db, secretary, _record())
    assert view.number not in before and view.number.startswith(f"XX-{year}-")
    assert view.recorded_by == "Lê Thị Thu Hương" and view.approved_on is None
    assert len(view.decisions) == 2
    # each decision is an action carried out by its owner by its day, like any other
    made = {f.number: f for f in findings(demo_db, secretary)}
    first = made[view.decisions[0]]
    assert (first.kind, first.source, first.state, first.clause) == (
        "opportunity", "review", "planned", "9.3.3"
    )  # fmt: skip
    assert first.owner == "officer" and first.due_on == day + dt.timedelta(days=60)
    assert first.action == "Bổ sung máy phát điện cho bộ phận Một cửa"
    assert audit_count(demo_db) == events + 3  # the record and two findings, one transaction
    # the figures the meeting was given are kept with its record: the counter's own
    period = statistics.Period.custom(dt.date(year, 1, 1), view.held_on)
    total = statistics.report(demo_db, secretary, period).total
    kept = view.inputs["report"]
    assert isinstance(kept, dict)
    assert (kept["received"], kept["on_time_rate"]) == (total.received, total.on_time_rate)

    approved = mr.approve_review(demo_db, approver, view.number.lower())
    assert approved.approved_by == "Nguyễn Văn Hùng" and approved.approved_on == day
    with pytest.raises(Conflict):
        mr.approve_review(demo_db, approver, view.number)

    # the next review is given the previous one's decisions and where they stand
    inputs = mr.review_inputs(demo_db, secretary, year, day + dt.timedelta(days=1))
    assert inputs.previous is not None and inputs.previous.number == view.number
    assert {f.number for f in inputs.previous_actions} == set(view.decisions)
    _inputs, data = mr.review_report_docx(demo_db, secretary, year, review=view.number)
    text = " ".join(_docx_text(data).split())
    for line in (
        "BIÊN BẢN",
        f"({view.number})",
        "Chủ trì: Nguyễn Văn Hùng".replace("Chủ trì", "chủ trì"),
        "Thành phần: Ban chỉ đạo ISO; công chức Một cửa",
        "Bổ sung máy phát điện cho bộ phận Một cửa",
        f"{first.due_on:%d/%m/%Y}",
        "Hoàng Minh Tuấn",
    ):
        assert line in text, line


def _docx_text(data: bytes) -> str:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize(
    ("who", "changes", "error"),
    [
        ("auditor", {}, PermissionDenied),
        ("clerk", {}, PermissionDenied),
        ("iso_secretary", {"held_on": "tomorrow"}, ValidationError),
        ("iso_secretary", {"chair": "  "}, ValidationError),
        ("iso_secretary", {"conclusion": ""}, ValidationError),
        ("iso_secretary", {"owner": "auditor"}, ValidationError),
        ("iso_secretary", {"owner": "nobody"}, NotFound),
        ("iso_secretary", {"due": "yesterday"}, ValidationError),
    ],
)
def test_a_wrong_record_is_refused_and_changes_nothing(
    demo_db: Database, who: str, changes: dict[str, str], error: type[Exception]
) -> None:
    day = clock.today()
    values: dict[str, object] = {k: v for k, v in changes.items() if k in ("chair", "conclusion")}
    if changes.get("held_on") == "tomorrow":
        values["held_on"] = day + dt.timedelta(days=1)
    owner = changes.get("owner", "clerk")
    due = day - dt.timedelta(days=1) if changes.get("due") else day + dt.timedelta(days=9)
    values["decisions"] = (mr.ReviewDecision("Tập huấn", owner, due),)
    events = audit_count(demo_db)
    with pytest.raises(error):
        mr.record_review(demo_db, login(demo_db, who), _record(**values))
    assert audit_count(demo_db) == events
    assert mr.reviews(demo_db, login(demo_db, "auditor")) == mr.reviews(
        demo_db, login(demo_db, "auditor")
    )


@pytest.mark.one_database
def test_the_meeting_from_the_command_line(
    demo_db: Database, demo_url: str, tmp_path: Path
) -> None:
    due = (clock.today() + dt.timedelta(days=45)).isoformat()
    made = run_cli(
        "--db", demo_url, "--user", "iso_secretary", "iso", "review", "record", "--held-on",
        clock.today().isoformat(), "--chair", "Nguyễn Văn Hùng", "--participants",
        "Ban chỉ đạo ISO", "--conclusion", "Phù hợp", "--decision",
        f"Tập huấn tiếp nhận trực tuyến|clerk|{due}", "--json", env=PW,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    review = json.loads(made.stdout)
    assert len(review["decisions"]) == 1 and review["chair"] == "Nguyễn Văn Hùng"
    listed = run_cli("--db", demo_url, "--user", "auditor", "iso", "reviews", "--json", env=PW)
    assert review["number"] in {r["number"] for r in json.loads(listed.stdout)}
    refused = run_cli(
        "--db", demo_url, "--user", "auditor", "iso", "review", "approve", review["number"],
        env=PW,
    )  # fmt: skip
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    approved = run_cli(
        "--db", demo_url, "--user", "approver", "iso", "review", "approve", review["number"],
        env=PW,
    )  # fmt: skip
    assert approved.returncode == 0 and "Đã phê duyệt biên bản" in approved.stdout
    status = run_cli("--db", demo_url, "--user", "auditor", "iso", "status", "--json", env=PW)
    cycle = json.loads(status.stdout)
    assert cycle["review"] == {
        "done": True,
        "number": review["number"],
        "held_on": clock.today().isoformat(),
        "approved": True,
        "decisions_open": 1,
    }
    assert set(cycle["audits"]) == {"programme_approved", "planned", "done", "next_planned_on"}
    from isoqms.services.objectives import for_period
    from isoqms.services.statistics import Period

    aims = for_period(
        demo_db,
        login(demo_db, "auditor"),
        Period.custom(dt.date(clock.today().year, 1, 1), clock.today()),
    )
    assert cycle["objectives"] == {
        "lines": len(aims),
        "met": sum(1 for o in aims if o.met == "Đạt"),
        "not_met": sum(1 for o in aims if o.met == "Không đạt"),
    }
    text = run_cli("--db", demo_url, "--user", "auditor", "iso", "status", env=PW).stdout
    assert f"- Xem xét của lãnh đạo: {review['number']}" in text and "Đánh giá nội bộ" in text
    bad = run_cli(
        "--db", demo_url, "--user", "iso_secretary", "iso", "review", "record", "--held-on",
        clock.today().isoformat(), "--chair", "A", "--participants", "B", "--conclusion", "C",
        "--decision", "thiếu hạn|clerk", env=PW,
    )  # fmt: skip
    assert bad.returncode == 1 and "--decision" in bad.stderr
    out = tmp_path / "bien-ban.docx"
    year = str(clock.today().year)
    minutes = run_cli(
        "--db", demo_url, "--user", "auditor", "iso", "review-report", "--year", year,
        "--review", review["number"], "--out", str(out), "--json", env=PW,
    )  # fmt: skip
    assert minutes.returncode == 0, minutes.stderr
    assert json.loads(minutes.stdout)["review"] == review["number"]
    text = " ".join(pdf_text(libreoffice_pdf(out, tmp_path), tmp_path).split())
    assert "BIÊN BẢN" in text and "Tập huấn tiếp nhận trực tuyến" in text
    assert "Người thực hiện Đỗ Thị Ngọc Ánh" in text  # the clerk, by name
