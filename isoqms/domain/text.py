"""Vietnamese text rules: NFC on the way in, a folded key for searching.

``fold("Đăng ký Hồ sơ")`` gives ``"dang ky ho so"``: NFD, drop combining marks, map đ/Đ
(which has no Unicode decomposition) to d, lower-case, collapse white space. Search compares
folded query against folded text, so "ho so" finds "hồ sơ" and "dang" finds "Đăng".
"""

from __future__ import annotations

import unicodedata

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
