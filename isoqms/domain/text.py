"""Vietnamese text rules: NFC on the way in, a folded key for searching.

``fold("Đăng ký Hồ sơ")`` gives ``"dang ky ho so"``: NFD, drop combining marks, map đ/Đ
(which has no Unicode decomposition) to d, lower-case, collapse white space. Search compares
folded query against folded text, so "ho so" finds "hồ sơ" and "dang" finds "Đăng".
"""

from __future__ import annotations

import unicodedata

from isoqms.domain.errors import ValidationError

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Normalise to NFC and trim; all text that enters the database passes here."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Case- and diacritic-insensitive search key."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def matches(query: str, text: str) -> bool:
    """True when every folded word of ``query`` occurs in the folded ``text``."""
    haystack = fold(text)
    return all(word in haystack for word in fold(query).split())


#: Control characters a multi-line text (a note, a reason) may hold.
LINE_BREAKS = frozenset("\t\n\r")


def bad_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character no text of ours may hold, or None: the control characters
    (NUL, bell, escape, DEL, the C1 range …; tab and line breaks only in a multi-line
    text; the line and paragraph separators only there too) and lone surrogates (the
    traces of bytes that were not UTF-8)."""
    for ch in text:
        if ch.isprintable() or ch == " ":
            continue
        category = unicodedata.category(ch)
        if category == "Cs":
            return ch
        if category == "Cc" and not (multiline and ch in LINE_BREAKS):
            return ch
        if category in ("Zl", "Zp") and not multiline:
            return ch
    return None


def check_text(
    value: object,
    what: str,
    *,
    max_length: int,
    multiline: bool = False,
    required: bool = False,
) -> str:
    """``value`` as NFC text fit to store, or a :class:`ValidationError` naming the field
    ``what`` (never the value: it may be long, private or unprintable).

    ``what`` is the field's name as it reads inside a sentence ("họ tên người nộp").
    Lengths count characters, as PostgreSQL's ``varchar(n)`` does, so a limit means the
    same on both databases.
    """
    text = nfc(value if isinstance(value, str) else "" if value is None else str(value))
    label = what[:1].upper() + what[1:]
    if required and not text:
        raise ValidationError(f"Chưa nhập {what}.")
    bad = bad_character(text, multiline=multiline)
    if bad is not None:
        raise ValidationError(
            f"{label} có ký tự điều khiển không hợp lệ (mã U+{ord(bad):04X}); "
            "hãy gõ lại hoặc dán dạng văn bản thuần."
        )
    if len(text) > max_length:
        raise ValidationError(f"{label} quá dài ({len(text)} ký tự; tối đa {max_length} ký tự).")
    return text
