"""Intake → slip PDF: isoqms against python-docx + LibreOffice, in one run.

    python benchmarks/intake_slip.py [--receipts 200] [--baseline 25]

Our route: ``intake.receive_and_draw`` — validation, calendar, gap-free numbering, audit
event in one SQLite transaction, then the two-copy slip drawn by reportlab from what the
receipt wrote (the PDF bytes the preview shows and the print sends) — and, separately,
the same plus rasterising both pages at 96 dpi as the intake screen does (Enter →
preview). ``benchmarks/intake_screen.py`` measures the screen itself.
Baseline: the identical slip content filled into a .docx with python-docx, converted to
PDF by ``soffice --headless --convert-to pdf`` with a warm profile, bytes read back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from isoqms.db.engine import Database
from isoqms.domain.calendar import format_vn_datetime
from isoqms.services import demo, intake
from isoqms.services.users import authenticate

APPLICANT = intake.Applicant(
    "Nguyễn Thị Ủy Ngọc Ánh",
    id_number="001190012345",
    phone="0912345678",
    address="Thôn Đông, xã Bình Minh, tỉnh Ninh Bình",
)


def summary(name: str, seconds: list[float]) -> float:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[int(len(ms) * 0.9) - 1] if len(ms) >= 10 else ms[-1]
    median = statistics.median(ms)
    print(
        f"{name:<46} n={len(ms):<4} median {median:8.1f} ms   p90 {p90:8.1f} ms   "
        f"mean {statistics.fmean(ms):8.1f} ms"
    )
    return median


def docx_slip(view: intake.DossierView, path: Path) -> None:
    """The same Mẫu 01 content, two copies, as a commune fills it in Word."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(148), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(10))
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(10)
    for copy, label in enumerate(("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")):
        header = doc.add_table(rows=1, cols=2)
        header.cell(0, 0).text = "UBND XÃ BÌNH MINH\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
        header.cell(0, 1).text = (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Xã Bình Minh, ngày {view.received_at:%d} tháng "
            f"{view.received_at:%m} năm {view.received_at:%Y}"
        )
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ").bold = True
        doc.add_paragraph(f"Mã hồ sơ: {view.code}").alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.add_paragraph(f"({label})").alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in (
            "Trung tâm Phục vụ hành chính công xã Bình Minh",
            f"Tiếp nhận hồ sơ của: {view.applicant}",
            f"Địa chỉ: {APPLICANT.address}",
            f"Số điện thoại: {APPLICANT.phone}",
            f"Nội dung yêu cầu giải quyết: {view.procedure_name}",
            "1. Thành phần hồ sơ nộp gồm:",
        ):
            doc.add_paragraph(line)
        table = doc.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        for i, row in enumerate(
            (
                ("TT", "Thành phần hồ sơ", "Số lượng"),
                ("1", "Tờ khai đăng ký khai sinh theo mẫu", "01 bản chính"),
                ("2", "Giấy chứng sinh", "01 bản chính"),
            )
        ):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
        for line in (
            "2. Số lượng hồ sơ: 01 bộ",
            f"3. Thời gian giải quyết hồ sơ theo quy định là: {view.duration_text}",
            f"4. Thời gian nhận hồ sơ: {format_vn_datetime(view.received_at)}",
            f"5. Thời gian trả kết quả giải quyết hồ sơ: {format_vn_datetime(view.appointment)}",
            "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Bình Minh",
            f"Vào Sổ theo dõi hồ sơ, Quyển số: {view.book}, Số thứ tự: {view.number}",
        ):
            doc.add_paragraph(line)
        signatures = doc.add_table(rows=1, cols=2)
        signatures.cell(0, 0).text = "NGƯỜI NỘP HỒ SƠ\n(Ký và ghi rõ họ tên)"
        signatures.cell(
            0, 1
        ).text = "NGƯỜI TIẾP NHẬN HỒ SƠ\n(Ký và ghi rõ họ tên)\n\n\nĐỗ Thị Ngọc Ánh"
        if copy == 0:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=200)
    parser.add_argument(
        "--baseline", type=int, default=25, help="slips through python-docx + LibreOffice (0: skip)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="isoqms-bench-"))
    db = Database.open(str(work / "bench.sqlite3"))
    demo.init_demo(db)
    clerk, _ = authenticate(db, "clerk", "demo", record_login=False)
    from isoqms.ui.pdf_view import pdf_images  # rasterising only; no window is opened

    start = dt.datetime(2026, 11, 23, 8, 0)
    pdf_times, preview_times = [], []
    views: list[intake.DossierView] = []
    from isoqms.ui.pdf_view import warm_up

    warm_up()
    # As in the program (isoqms.ui.collector): no automatic garbage collection in the
    # middle of a receipt; what is due is collected between receipts, untimed.
    gc.disable()
    for i in range(args.receipts + 5):  # five warm-up receipts, not counted
        gc.collect(0)
        received = start + dt.timedelta(minutes=i % 400)
        draft = intake.IntakeDraft("1.001193", APPLICANT, received_at=received)
        t0 = time.perf_counter()
        done = intake.receive_and_draw(db, clerk, draft, now=received)
        view, pdf = done.dossier, done.printout.pdf
        t1 = time.perf_counter()
        pdf_images(pdf, 96)
        t2 = time.perf_counter()
        if i >= 5:
            pdf_times.append(t1 - t0)
            preview_times.append(t2 - t0)
        views.append(view)
    print(
        f"isoqms {Path(db.url.database or '').name}: {args.receipts} receipts, "
        f"{len(pdf)} bytes per two-copy A5 slip"
    )
    gc.enable()
    ours = summary("isoqms: confirm → slip PDF bytes", pdf_times)
    summary("isoqms: confirm → preview rasterised (Enter→preview)", preview_times)

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if args.baseline and soffice is None:
        print("baseline skipped: LibreOffice (soffice) is not installed")
    elif args.baseline:
        profile = (work / "lo-profile").as_uri()
        warm = work / "warm.docx"
        docx_slip(views[0], warm)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(warm),
            ],
            check=True,
            capture_output=True,
        )
        base = []
        for n, view in enumerate(views[5 : 5 + args.baseline]):
            t0 = time.perf_counter()
            source = work / f"slip-{n}.docx"
            docx_slip(view, source)
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
            )
            (work / f"slip-{n}.pdf").read_bytes()
            base.append(time.perf_counter() - t0)
        baseline = summary("baseline: python-docx + LibreOffice → PDF bytes", base)
        print(f"ratio (baseline / isoqms, medians): {baseline / ours:.1f}×")
    db.dispose()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
