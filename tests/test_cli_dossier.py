"""`isoqms dossier …`, `isoqms report …`, `isoqms ledger …` as later checks call them; the
exported .xlsx/.docx/.pdf read back (openpyxl, LibreOffice headless, pdftotext)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.statistics import METHOD
from isoqms.services import intake, journey, objectives, statistics
from isoqms.services.intake import Applicant, IntakeDraft
from tests.helpers import login, run_cli
from tests.helpers_journey import CIVIL, NOV, Desk
from tests.helpers_pdf import libreoffice_pdf, pdf_text

PW = {"ISOQMS_PASSWORD": "demo"}


def cli(db: Database, user: str, *args: str) -> tuple[int, str, str]:
    url = db.url.render_as_string(hide_password=False)
    result = run_cli("--db", url, "--user", user, *args, env=PW)
    return result.returncode, result.stdout, result.stderr


def test_journey_by_cli(demo_db: Database) -> None:
    clerk = login(demo_db, "clerk")
    received = clock.now().replace(second=0, microsecond=0) - dt.timedelta(days=3)
    code = intake.receive(
        demo_db, clerk, IntakeDraft(CIVIL, Applicant("Lê Văn An"), received_at=received)
    ).code
    at = (received + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    rc, out, err = cli(demo_db, "clerk", "dossier", "handover", code, "--to", "officer", "--at", at)
    assert rc == 0, err
    rc, out, err = cli(demo_db, "clerk", "dossier", "return", code)
    assert rc == 1 and "chưa thể trả kết quả" in err
    rc, out, err = cli(demo_db, "clerk", "dossier", "stop", code, "--reason", "Sai thẩm quyền")
    assert rc == 1 and "không có quyền" in err
    rc, out, err = cli(
        demo_db, "officer", "dossier", "request-supplement", code, "--reason", "Thiếu"
    )
    assert rc == 0, err
    rc, out, err = cli(demo_db, "clerk", "dossier", "supplement-received", code)
    assert rc == 0, err
    rc, out, err = cli(demo_db, "officer", "dossier", "result-ready", code)
    assert rc == 0, err
    rc, out, err = cli(
        demo_db, "clerk", "dossier", "return", code, "--to", "Lê Văn Bình", "--rating", "Hài lòng"
    )
    assert rc == 0, err
    rc, out, err = cli(demo_db, "auditor", "dossier", "show", code, "--json")
    assert rc == 0, err
    shown = json.loads(out)
    assert shown["state"] == "returned" and shown["rating"] == "satisfied"
    assert [e["action"] for e in shown["events"]] == [
        "handover", "request-supplement", "supplement-received", "result-ready", "return",
    ]  # fmt: skip
    assert shown["events"][0]["backdated"] and shown["events"][0]["at"] == at
    assert shown["events"][-1]["to"] == "Lê Văn Bình"
    rc, out, err = cli(demo_db, "clerk", "dossier", "cancel", code, "--reason", "Rút")
    assert rc == 1 and "Đã trả kết quả" in err
    rc, out, err = cli(demo_db, "clerk", "dossier", "show", "000.00.00.X-000000-0000")
    assert rc == 1 and "Không có hồ sơ" in err


@pytest.mark.one_database
def test_report_and_ledger_exports(desk: Desk, tmp_path: Path) -> None:
    db = desk.db
    rc, out, err = cli(
        db, "auditor", "report", "--from", "2026-11-01", "--to", "2026-11-30", "--json"
    )
    assert rc == 0, err
    figures = json.loads(out)
    expected = statistics.report(db, desk.clerk, NOV).to_dict()
    for key in (
        "received", "carried_over", "resolved_before", "resolved_on_time", "resolved_late",
        "open_not_due", "open_overdue", "on_time_rate", "satisfaction_rate",
    ):  # fmt: skip
        assert figures[key] == expected[key], key
    assert (figures["received"], figures["on_time_rate"]) == (14, 53.33)
    assert (figures["due_total"], figures["late_total"]) == (15, 7)

    rc, _, err = cli(db, "auditor", "report", "--from", "2026-11-01", "--to", "2026-11-30")
    assert rc == 2 and "--json" in err

    xlsx, docx = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.docx"
    for path in (xlsx, docx):
        rc, _, err = cli(
            db, "auditor", "report", "--from", "2026-11-01", "--to", "2026-11-30",
            "--by", "field", "--out", str(path),
        )  # fmt: skip
        assert rc == 0, err
    sheet = load_workbook(xlsx)["Tổng hợp"]
    values = {row[0].strip(): row[1] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert values["Số hồ sơ mới tiếp nhận"] == 14 and values["– Quá hạn"] == 3
    assert values["Tỷ lệ giải quyết trước và đúng hạn (%)"] == 53.33
    method = load_workbook(xlsx)["Cách tính"]
    assert [r[0] for r in method.iter_rows(min_row=2, values_only=True)] == [
        name for name, _ in METHOD
    ]
    xlsx_text = pdf_text(libreoffice_pdf(xlsx, tmp_path), tmp_path)
    assert "53.33" in xlsx_text or "53,33" in xlsx_text
    docx_text = " ".join(pdf_text(libreoffice_pdf(docx, tmp_path), tmp_path).split())
    # an administrative report: head with the motto, number, place and date, title, the
    # sections numbered in order, the method, who receives it, the head's signature
    for part in (
        "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "/BC-UBND", "Bình Minh, ngày", "BÁO CÁO",
        "Kết quả giải quyết thủ tục hành chính — Từ ngày 01/11/2026 đến ngày 30/11/2026",
        "I. Số liệu tổng hợp", "II. Theo lĩnh vực", "III. Cách tính",
        "Nơi nhận:", "Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng",
    ):  # fmt: skip
        assert part in docx_text, part
    assert docx_text.index("I. Số liệu") < docx_text.index("II. Theo") < docx_text.index("III.")
    assert "53,33" in docx_text and "46,67" in docx_text and "Chứng" in docx_text

    ledger_xlsx, ledger_pdf = tmp_path / "so.xlsx", tmp_path / "so.pdf"
    rc, out, err = cli(db, "auditor", "ledger", "--year", "2026", "--out", str(ledger_xlsx))
    assert rc == 0 and "16 hồ sơ" in out, err
    rows = list(load_workbook(ledger_xlsx).active.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == list(range(1, 17))
    book_text = " ".join(pdf_text(libreoffice_pdf(ledger_xlsx, tmp_path), tmp_path).split())
    assert "SỔ THEO DÕI HỒ SƠ" in book_text and rows[0][1] in book_text
    rc, out, err = cli(
        db, "auditor", "ledger", "--year", "2026", "--state", "stopped", "--out", str(ledger_pdf)
    )
    assert rc == 0 and "1 hồ sơ" in out, err
    text = pdf_text(ledger_pdf.read_bytes(), tmp_path)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Dừng giải quyết" in text
    rc, _, err = cli(db, "auditor", "ledger", "--year", "2026", "--out", str(tmp_path / "x.txt"))
    assert rc == 1 and ".xlsx" in err


def test_init_demo_brings_five_weeks_of_dossiers(db_url: str) -> None:
    result = run_cli("--db", db_url, "init", "--demo")
    assert result.returncode == 0, result.stderr
    assert "hồ sơ mẫu" in result.stdout
    db = Database.open(db_url)
    try:
        clerk = login(db, "clerk")
        assert journey.queue(db, login(db, "officer"))  # the officer has work
        assert journey.ready_not_returned(db, clerk)  # results waiting at the desk
        assert len(objectives.list_objectives(db, clerk)) == 3
        today = clock.today()
        month = statistics.report(
            db, clerk, statistics.Period.custom(today - dt.timedelta(days=35), today)
        ).total
        assert month.received > 20 and month.resolved_late > 0 and month.returned > 0
    finally:
        db.dispose()


def test_find_a_dossier_by_anything_a_citizen_says(demo_db: Database) -> None:
    clerk = login(demo_db, "clerk")
    dao = Applicant("Đặng Thị Đào", id_number="001190012345", phone="0912345678")
    others = [Applicant("Đặng Văn Hùng", phone="0987654321"), Applicant("Lê Thị Dao")]
    codes = {
        a.name: intake.receive(demo_db, clerk, IntakeDraft(CIVIL, a)).code for a in [dao, *others]
    }
    target = codes["Đặng Thị Đào"]
    for query, matched in [
        (target[-11:], "code"),  # YYMMDD-XXXX, as read off the slip
        (target[-11:].replace("-", ""), "code"),  # the same typed without its dash
        ("dang thi dao", "name"),  # no accents, đ = d
        ("ĐẶNG THỊ ĐÀO", "name"),
        ("0912 345 678", "phone"),
        ("+84912345678", "phone"),
        ("001190012345", "id_number"),
    ]:
        rc, out, err = cli(demo_db, "clerk", "dossier", "find", query, "--json")
        assert rc == 0, (query, err)
        found = json.loads(out)
        assert [f["code"] for f in found] == [target], query
        assert found[0]["matched"] == matched and found[0]["applicant"] == "Đặng Thị Đào"
    rc, out, _ = cli(demo_db, "auditor", "dossier", "find", "dang")  # both Đặngs, newest first
    assert rc == 0 and out.index(codes["Đặng Văn Hùng"]) < out.index(target)
    assert codes["Lê Thị Dao"] not in out
    rc, out, err = cli(demo_db, "clerk", "dossier", "find", "Không Ai Tên Này")
    assert rc == 1 and "không tìm thấy" in err and out == ""
    rc, _, err = cli(demo_db, "clerk", "dossier", "find", "  ")
    assert rc == 1 and "Nhập mã hồ sơ" in err
