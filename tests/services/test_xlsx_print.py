"""Every workbook the program writes prints as the commune signs it: A4, fit to the page's
width, the heading row on every page, a footer with page x/y — and LibreOffice, converting
it, puts every column of a sheet on each of its pages (none cut to another page)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from isoqms.domain.statistics import Period
from isoqms.render import registers as registers_render
from isoqms.services import documents, exports, ledger, log_export, statistics
from isoqms.services.auditor import TimelineFilter, timeline
from tests.helpers import login
from tests.helpers_journey import Desk
from tests.helpers_pdf import libreoffice_pdfs, need, pdf_pages


def _registers(desk: Desk, path: Path) -> None:
    path.write_bytes(
        registers_render.to_xlsx(documents.registers(desk.db, login(desk.db, "auditor")))
    )


def _ledger(desk: Desk, path: Path) -> None:
    exports.export_ledger(desk.db, desk.clerk, ledger.LedgerFilter(year=2026), path)


def _report(desk: Desk, path: Path) -> None:
    report = statistics.report(desk.db, desk.clerk, Period.month(2026, 11), "field")
    exports.export_report(desk.db, desk.clerk, report, path)


def _log(desk: Desk, path: Path) -> None:
    auditor = login(desk.db, "auditor")
    flt = TimelineFilter(kind="dossier")
    log_export.export_log(desk.db, auditor, timeline(desk.db, auditor, flt), flt, path)


WRITERS: dict[str, Callable[[Desk, Path], None]] = {
    "registers": _registers,
    "ledger": _ledger,
    "report": _report,
    "audit-log": _log,
}


def _page_text(pdf: Path, page: int) -> str:
    out = subprocess.run(
        [need("pdftotext"), "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return " ".join(out.split())


@pytest.mark.one_database
def test_every_workbook_prints_whole_columns_on_each_page(desk: Desk, tmp_path: Path) -> None:
    headings: dict[str, list[list[str]]] = {}
    paths = []
    for what, write in sorted(WRITERS.items()):
        path = tmp_path / f"{what}.xlsx"
        write(desk, path)
        paths.append(path)
        headings[what] = []
        for sheet in openpyxl.load_workbook(path).worksheets:
            setup = sheet.page_setup
            assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), what
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, (what, sheet.title)
            assert sheet.print_title_rows, (what, sheet.title)  # headings on each page
            assert "&P" in (sheet.oddFooter.right.text or ""), (what, sheet.title)
            row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
            cells = [str(c.value) for c in sheet[row] if c.value not in (None, "")]
            headings[what].append([" ".join(cells[0].split()), " ".join(cells[-1].split())])
    for path, data in zip(paths, libreoffice_pdfs(paths, tmp_path), strict=True):
        pdf = tmp_path / f"{path.stem}.pdf"
        pdf.write_bytes(data)
        for page in range(1, pdf_pages(data, tmp_path) + 1):
            text = _page_text(pdf, page)
            # each page holds a sheet's first and last column headings: no column went
            # to a page of its own
            assert any(a in text and b in text for a, b in headings[path.stem]), (path, page)
