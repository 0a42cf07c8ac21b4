"""The tracking book's PDF as a commune files it: whole dossier codes, 12 rows or more on
each A4 landscape page (looked at as PNG; checked here through pdftotext)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.services import exports
from isoqms.services.ledger import LedgerFilter
from tests.helpers import login
from tests.helpers_pdf import need, pdf_pages

CODE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}")


@pytest.mark.one_database
def test_every_page_holds_twelve_rows_or_more_with_whole_codes(
    demo_year: Database, tmp_path: Path
) -> None:
    out = tmp_path / "so.pdf"
    auditor = login(demo_year, "auditor")
    count = exports.export_ledger(demo_year, auditor, LedgerFilter(2026), out)
    assert count >= 30  # the demo's five weeks: several pages
    pages = pdf_pages(out.read_bytes(), tmp_path)
    seen: list[str] = []
    for page in range(1, pages + 1):
        text = subprocess.run(
            [need("pdftotext"), "-f", str(page), "-l", str(page), str(out), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        codes = CODE.findall(text)
        if page < pages:
            assert len(codes) >= 12, (page, len(codes))
        seen += codes
    assert len(seen) == count == len(set(seen))  # each code whole, once
