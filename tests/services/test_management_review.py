"""The management review's inputs come from the desk's own records: its objective figures
are those of ``isoqms report`` for the same period; the .docx is sign-ready."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from tests.helpers import run_cli
from tests.helpers_pdf import libreoffice_pdf, pdf_text

PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def test_the_review_report_holds_the_counters_figures(
    demo_db: Database, demo_url: str, tmp_path: Path
) -> None:
    from isoqms.services.demo_dossiers import load_demo_dossiers

    load_demo_dossiers(demo_db)  # five weeks of the counter and the quality objectives
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
