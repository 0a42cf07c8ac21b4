"""The limits of free text, in one place, checked before the database sees a value.

A column with a length (``String(200)``) allows that many characters; a ``Text`` column
none in the database, so it gets a cap here: a one-line text (a name, a title)
:data:`LINE`, a multi-line one (a note, a reason) :data:`NOTE`. The check counts characters
as PostgreSQL's ``varchar(n)`` does, so SQLite (which stores any length) refuses exactly
what PostgreSQL would; and it refuses control characters — NUL above all, which PostgreSQL
cannot store at all — in every text, tab and line breaks excepted in multi-line ones
(:func:`isoqms.domain.text.check_text`). The refusal names the field, never the value.
"""

from __future__ import annotations

from typing import Any

from isoqms.domain.errors import ValidationError
from isoqms.domain.text import bad_character, check_text

#: Cap of a one-line text kept in a ``Text`` column (a procedure's or a document's name).
LINE = 1000
#: Cap of a multi-line text kept in a ``Text`` column (notes, reasons, comments).
NOTE = 4000
#: Cap of a search query or a filter value: longer ones cannot match anything we keep.
QUERY = 1000
#: Counts a person types (copies of a paper, sets of a dossier).
MAX_COUNT = 99
#: The most results a listing returns, whatever was asked (``--limit``).
MAX_RESULTS = 1_000_000


def length_of(column: Any) -> int | None:
    """The length a model column allows (``Model.attribute``), None for ``Text``."""
    length = getattr(column.type, "length", None)
    return int(length) if length else None


def limit_of(column: Any, *, multiline: bool = False) -> int:
    """How many characters a value of ``column`` may have."""
    return length_of(column) or (NOTE if multiline else LINE)


def text(
    value: object,
    column: Any,
    what: str,
    *,
    multiline: bool = False,
    required: bool = False,
    max_length: int | None = None,
) -> str:
    """``value`` cleaned (NFC, trimmed) for ``column``, or a Vietnamese refusal naming the
    field ``what``; ``max_length`` narrows the column's own limit."""
    limit = limit_of(column, multiline=multiline)
    if max_length is not None:
        limit = min(limit, max_length)
    return check_text(value, what, max_length=limit, multiline=multiline, required=required)


def query(value: object, what: str = "nội dung tìm kiếm") -> str:
    """A search text or a filter value: no control characters, at most :data:`QUERY`."""
    return check_text(value, what, max_length=QUERY)


def results(limit: int) -> int:
    """A requested number of results: at least one; very large means all."""
    if limit < 1:
        raise ValidationError("Số kết quả tối đa (--limit) phải từ 1 trở lên.")
    return min(limit, MAX_RESULTS)


def key(value: object) -> str | None:
    """A code or name to look up, trimmed — None when nothing stored can equal it
    (control characters, longer than any key): the caller answers "not found" without
    asking the database (PostgreSQL refuses a NUL even in a query)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) > QUERY or bad_character(text) is not None:
        return None
    return text
