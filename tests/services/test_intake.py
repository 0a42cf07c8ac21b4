"""The counter: receipts with gap-free codes, the slips read back, bad input refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, PrintLog, StoredFile
from isoqms.domain.dossier import Channel, Delivery
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.render.slips import PaperLine, render_receipt
from isoqms.services import intake
from isoqms.services.intake import Applicant, IntakeDraft, NoticeDraft, PaperReceived
from isoqms.services.journey import dossier_by_code
from isoqms.services.uow import Actor
from tests.helpers import ROOT, audit_count, login
from tests.helpers_pdf import pdf_pages, pdf_text, qr_codes

NOW = dt.datetime(2026, 11, 23, 9, 30)  # a Monday
ANH = Applicant(
    "Nguyễn Thị Ủy Ngọc Ánh",
    id_number="001190012345",
    phone="0912 345 678",
    address="Thôn Đông, xã Bình Minh, tỉnh Ninh Bình",
    email="anh@example.vn",
)


@pytest.fixture
def clerk(demo_db: Database) -> Actor:
    return login(demo_db, "clerk")


def receive(
    db: Database,
    actor: Actor,
    code: str = "1.001193",
    *,
    at: dt.datetime = NOW,
    applicant: Applicant = ANH,
    **kwargs: object,
) -> intake.DossierView:
    return intake.receive(db, actor, IntakeDraft(code, applicant, received_at=at, **kwargs), now=at)  # type: ignore[arg-type]


def dossiers(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count(Dossier.id))).scalar_one())


def test_receipt_gets_code_book_number_and_appointment(demo_db: Database, clerk: Actor) -> None:
    first = receive(demo_db, clerk)
    assert first.code == "000.00.38.H47-261123-0001"
    assert (first.book, first.number) == ("01/2026", 1)
    assert first.appointment == dt.datetime(2026, 11, 23, 17, 0)  # same day, before 15:00
    assert first.form_revision == "BM.MC.2025.01@1"
    late = receive(demo_db, clerk, at=NOW.replace(hour=15, minute=20))
    assert late.code.endswith("-0002") and late.number == 2
    assert late.appointment == dt.datetime(2026, 11, 25, 17, 0)  # after 15:00; 24/11 is off
    three_days = receive(demo_db, clerk, "1.004873")
    assert three_days.appointment == dt.datetime(2026, 11, 27, 17, 0)
    next_day = receive(demo_db, clerk, at=NOW + dt.timedelta(days=2))
    assert next_day.code == "000.00.38.H47-261125-0001"  # the daily number restarts
    assert next_day.number == 4  # the book runs on


def test_a_past_receipt_is_recorded_as_such(demo_db: Database, clerk: Actor) -> None:
    view = intake.receive(
        demo_db,
        clerk,
        IntakeDraft("1.001193", ANH, received_at=dt.datetime(2026, 11, 20, 10, 0)),
        now=NOW,
    )
    assert view.backdated and view.code == "000.00.38.H47-261120-0001"
    from isoqms.services.auditor import TimelineFilter, timeline

    events = timeline(demo_db, login(demo_db, "auditor"), TimelineFilter())
    assert (events[-1].after or {})["backdated"] is True
    with pytest.raises(ValidationError, match="tương lai"):
        intake.receive(
            demo_db,
            clerk,
            IntakeDraft("1.001193", ANH, received_at=NOW + dt.timedelta(hours=2)),
            now=NOW,
        )


@pytest.mark.parametrize(
    ("code", "applicant", "error", "message"),
    [
        ("9.999999", ANH, NotFound, "Không có thủ tục mã"),
        ("1.001193", Applicant("   "), ValidationError, "Chưa nhập họ tên"),
        ("1.001193", Applicant("An", id_number="12345"), ValidationError, "giấy tờ tùy thân"),
        ("1.001193", Applicant("An", phone="12"), ValidationError, "Số điện thoại"),
    ],
)
def test_invalid_input_is_refused_and_writes_nothing(
    demo_db: Database,
    clerk: Actor,
    code: str,
    applicant: Applicant,
    error: type,
    message: str,
) -> None:
    events = audit_count(demo_db)
    with pytest.raises(error, match=message):
        receive(demo_db, clerk, code, applicant=applicant)
    assert dossiers(demo_db) == 0 and audit_count(demo_db) == events
    assert receive(demo_db, clerk).code.endswith("-0001")  # no number was used up


def test_no_revision_in_force_is_refused(demo_db: Database, clerk: Actor) -> None:
    with pytest.raises(NotFound, match="chưa có nội dung"):
        receive(demo_db, clerk, at=dt.datetime(2025, 6, 2, 9, 0))
    assert dossiers(demo_db) == 0


def test_only_the_counter_receives(demo_db: Database) -> None:
    for role in ("auditor", "officer", "iso_secretary"):
        with pytest.raises(PermissionDenied, match="tiếp nhận hồ sơ"):
            receive(demo_db, login(demo_db, role))
    assert dossiers(demo_db) == 0


def test_receipt_slip_reads_back_exactly(demo_db: Database, clerk: Actor, tmp_path: Path) -> None:
    view = receive(demo_db, clerk, channel=Channel.DIRECT, delivery=Delivery.DESK)
    printed = intake.print_receipt(demo_db, clerk, view.code)
    assert not printed.reprint
    assert pdf_pages(printed.pdf, tmp_path) == 2
    text = pdf_text(printed.pdf, tmp_path)
    flat = " ".join(text.split())
    for expected in [
        "UBND XÃ BÌNH MINH",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Xã Bình Minh, ngày 23 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {view.code}",
        "(Liên 1: Lưu)",
        "(Liên 2: Giao người nộp hồ sơ)",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Ủy Ngọc Ánh",
        "Số giấy tờ tùy thân: 001190012345",
        "Địa chỉ: Thôn Đông, xã Bình Minh, tỉnh Ninh Bình",
        "Số điện thoại: 0912345678",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh (mã 1.001193)",
        "Tờ khai đăng ký khai sinh theo mẫu",
        "01 bản chính",
        "2. Số lượng hồ sơ: 01 bộ",
        "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 23 tháng 11 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 23 tháng 11 năm 2026",
        "Trung tâm Phục vụ hành chính công xã Bình Minh",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Đỗ Thị Ngọc Ánh",
    ]:
        assert unicodedata.normalize("NFC", expected) in flat, expected
    assert flat.count(f"Mã hồ sơ: {view.code}") == 2
    assert "BẢN IN LẠI" not in flat
    assert qr_codes(printed.pdf, tmp_path, 1) == [view.code]
    assert qr_codes(printed.pdf, tmp_path, 2) == [view.code]


def test_reprint_is_marked_logged_and_stored_once(
    demo_db: Database, clerk: Actor, tmp_path: Path
) -> None:
    view = receive(demo_db, clerk)
    first = intake.print_receipt(demo_db, clerk, view.code, purpose="save")
    again = intake.print_receipt(demo_db, clerk, view.code, paper="a4")
    assert again.reprint and again.form_revision == first.form_revision
    assert "BẢN IN LẠI" in pdf_text(again.pdf, tmp_path)
    with demo_db.read() as session:
        logs = session.execute(select(PrintLog).order_by(PrintLog.id)).scalars().all()
        assert [(log.reprint, log.paper, log.purpose) for log in logs] == [
            (False, "a5", "save"),
            (True, "a4", "print"),
        ]
        stored = session.get(StoredFile, again.sha256)
        assert stored is not None and stored.content == again.pdf


@pytest.mark.parametrize("paper", ["a5", "a4", "80mm"])
def test_every_paper_size(demo_db: Database, clerk: Actor, tmp_path: Path, paper: str) -> None:
    view = receive(demo_db, clerk, "2.000815")
    printed = intake.print_receipt(demo_db, clerk, view.code, paper=paper)
    assert pdf_pages(printed.pdf, tmp_path) == 2  # one page per copy, long name or not
    text = " ".join(pdf_text(printed.pdf, tmp_path).split())
    assert "Chứng thực bản sao từ bản chính" in text and view.code in text
    assert "2.000 đồng/trang" in text
    assert qr_codes(printed.pdf, tmp_path) == [view.code]


def test_slips_of_the_2018_regime(demo_db: Database, clerk: Actor, tmp_path: Path) -> None:
    from isoqms.services import procedures
    from isoqms.services.procedures import revision_in_force

    content = revision_in_force(demo_db, "1.001193", NOW).content
    procedures.add_revision(
        demo_db, login(demo_db, "iso_secretary"), "1.001193", content, dt.datetime(2024, 1, 1)
    )
    view = intake.receive(
        demo_db,
        clerk,
        IntakeDraft("1.001193", ANH, received_at=dt.datetime(2025, 6, 2, 9, 0)),
        now=NOW,
    )
    # the stock amendment 1.1: the form's own first line and notes (Circular 01/2018)
    assert view.form_revision == "BM.MC.2018.01@1.1"
    text = " ".join(pdf_text(intake.print_receipt(demo_db, clerk, view.code).pdf, tmp_path).split())
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "Bộ phận tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công" in text
    assert "được lập thành 02 liên" in text and "qua dịch vụ bưu chính công ích" in text


def test_supplement_request_and_refusal(demo_db: Database, clerk: Actor, tmp_path: Path) -> None:
    missing = (PaperReceived("Giấy chứng sinh", 1), PaperReceived("Văn bản ủy quyền", 1))
    notice = intake.issue_notice(
        demo_db,
        clerk,
        NoticeDraft("supplement", "1.001193", ANH, "Thiếu Giấy chứng sinh bản chính", missing),
        now=NOW,
    )
    assert notice.number == "001/2026"
    text = " ".join(pdf_text(intake.print_notice(demo_db, clerk, notice.id).pdf, tmp_path).split())
    for expected in [
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Số: 001/2026/PYCBS",
        "Giấy chứng sinh",
        "Văn bản ủy quyền",
        "Lý do: Thiếu Giấy chứng sinh bản chính",
        "NGƯỜI HƯỚNG DẪN",
        "0229 3861 234",
    ]:
        assert expected in text, expected
    refusal = intake.issue_notice(
        demo_db,
        clerk,
        NoticeDraft("refusal", "1.000894", ANH, "Hai bên chưa đủ tuổi kết hôn theo luật định"),
        now=NOW,
    )
    text = " ".join(pdf_text(intake.print_notice(demo_db, clerk, refusal.id).pdf, tmp_path).split())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hai bên chưa đủ tuổi kết hôn theo luật định" in text
    assert dossiers(demo_db) == 0  # neither uses up a dossier code
    with pytest.raises(ValidationError, match="Chưa nhập lý do"):
        intake.issue_notice(demo_db, clerk, NoticeDraft("refusal", "1.000894", ANH, " "))
    with pytest.raises(ValidationError, match="Chưa chọn giấy tờ"):
        intake.issue_notice(demo_db, clerk, NoticeDraft("supplement", "1.000894", ANH, "Thiếu"))


@pytest.mark.other_day
def test_several_counters_at_once_give_no_duplicate_and_no_gap(demo_db: Database) -> None:
    url = demo_db.url.render_as_string(hide_password=False)
    processes, each = 4, 15
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrent_intake", url, str(each)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    codes: list[str] = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        codes += out.split()
    assert len(codes) == len(set(codes)) == processes * each
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, processes * each + 1))
    with demo_db.read() as session:
        book = sorted(session.execute(select(Dossier.book_number)).scalars())
    assert book == list(range(1, processes * each + 1))
    from isoqms.services.audit import verify_chain

    assert verify_chain(demo_db).ok


@pytest.mark.parametrize(("papers", "pages"), [(9, 2), (60, 4)], ids=["shrinks", "splits"])
def test_a_long_list_of_papers_shrinks_to_one_page_a_copy_or_splits(
    demo_db: Database, clerk: Actor, tmp_path: Path, papers: int, pages: int
) -> None:
    """Up to a point the font gets smaller so each copy stays on one page; beyond it,
    each copy goes on over pages rather than losing a line."""
    view = receive(demo_db, clerk)
    with demo_db.read() as session:
        d = dossier_by_code(session, view.code)
        slip = intake._receipt_slip(session, intake.get_unit(demo_db), d)
    long = tuple(
        PaperLine(f"Giấy tờ số {i}: bản sao có chứng thực giấy tờ kèm theo hồ sơ", "01 bản sao")
        for i in range(1, papers + 1)
    )
    pdf = render_receipt(dataclasses.replace(slip, papers=long), "a5")
    assert pdf_pages(pdf, tmp_path) >= pages
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert f"Giấy tờ số {papers}: bản sao có chứng thực" in text
    assert text.count("(Liên 1: Lưu)") == 1 and text.count("(Liên 2: Giao người nộp hồ sơ)") == 1
    assert qr_codes(pdf, tmp_path, 1) == [view.code]


def test_words_wrap_across_fonts_and_keep_their_spaces() -> None:
    from isoqms.render import fonts
    from isoqms.render.receipt import break_lines

    fonts.register()
    lines = break_lines(
        [("Tiếp nhận hồ sơ của: ", fonts.SERIF), ("Nguyễn Thị Ủy Ngọc Ánh", fonts.SERIF_BOLD)],
        9.5,
        120,
    )
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = [w for line in lines for text, _f, _x in line.segments for w in text.split(" ")]
    assert words == ["Tiếp", "nhận", "hồ", "sơ", "của:", "Nguyễn", "Thị", "Ủy", "Ngọc", "Ánh"]
    for line in lines:  # where the font changes, a space's width is left between the runs
        for (text, font, x), (_next, _font, x2) in itertools.pairwise(line.segments):
            assert x2 >= x + stringWidth(text, font, 9.5) + stringWidth(" ", font, 9.5) - 0.01
    assert lines[0].segments[0][1] == fonts.SERIF and lines[-1].segments[-1][1] != fonts.SERIF
    assert all(line.width <= 120 for line in lines)
    long = break_lines([("x" * 400, fonts.SERIF)], 9.5, 50)
    assert len(long) > 3 and "".join(s[0] for ln in long for s in ln.segments) == "x" * 400


def test_a_long_copy_label_is_printed_whole(
    demo_db: Database, clerk: Actor, tmp_path: Path
) -> None:
    view = receive(demo_db, clerk)
    with demo_db.read() as session:
        slip = intake._receipt_slip(
            session, intake.get_unit(demo_db), dossier_by_code(session, view.code)
        )
    label = "Liên 2: Giao người nộp hồ sơ, người nộp mang theo khi đến nhận kết quả tại Trung tâm"
    form = dataclasses.replace(slip.form, texts={**slip.form.texts, "copy_2": label})
    pdf = render_receipt(dataclasses.replace(slip, form=form), "a5")
    assert pdf_pages(pdf, tmp_path) == 2
    assert f"({label})" in " ".join(pdf_text(pdf, tmp_path).split())
