"""How a workbook's sheet prints: A4, the orientation its columns need, every column on
the page's width (fit to one page wide, as many tall as it takes), the heading rows
repeated on each page, margins, and a footer with the document's name and page x/y —
so a register, a tracking book or a log prints as the commune signs it, not cut by column."""

from __future__ import annotations

from typing import Any


def print_setup(
    sheet: Any,
    *,
    title_rows: tuple[int, int] | None,
    landscape: bool = True,
    footer: str = "",
) -> None:
    """Set ``sheet`` (an openpyxl worksheet, write-only or not) to print as above;
    ``title_rows`` (first, last) repeat at the top of every page."""
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, footer=0.25)
    sheet.print_options.horizontalCentered = True
    if title_rows is not None:
        first, last = title_rows
        sheet.print_title_rows = f"{first}:{last}"
    if footer:
        # "&" starts a header/footer code: a literal one is written twice
        sheet.oddFooter.left.text = footer.replace("&", "&&")
        sheet.oddFooter.left.size = 8
    sheet.oddFooter.right.text = "Trang &P/&N"
    sheet.oddFooter.right.size = 8


def wrapped_lines(text: str, width: float) -> int:
    """How many lines a wrapped cell takes at ``width`` characters (a row height's
    estimate: spreadsheet programs keep a row's stored height)."""
    return sum(max(1, -(-len(part) // max(1, int(width)))) for part in text.split("\n"))
