"""Checkpoints (mốc kiểm tra): the state of the audit log written down outside the database.

A hash chain proves nothing against someone who can rewrite the whole log and recompute
every hash. A checkpoint held elsewhere — printed in the committee's minutes, kept with a
backup, on this computer — does: the log must still contain the event it names with the
hash it names. A log cut short, or rewritten from any event up to that one, no longer
does, and no one holding only the database can change the paper.

The file is JSON (:data:`FORMAT`); the short form ``SEQ:HASH`` is what a person types from
a printed checkpoint. ``signature`` is kept for signed checkpoints (digital signatures
come later): a checkpoint without one proves what it says only as far as its keeper is
trusted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from isoqms.domain.audit import GENESIS_HASH
from isoqms.domain.errors import ValidationError

FORMAT = "isoqms.checkpoint/1"
_HEX = re.compile(r"[0-9a-f]{64}")
#: the short form printed on the page, ``NUMBER:HASH``; the hash may be typed as printed,
#: in groups with spaces or over two lines
_SHORT = re.compile(r"\s*(\d{1,12})\s*[:/]\s*((?:[0-9a-fA-F]\s*){64})")
#: Tables whose rows are never deleted: fewer of them than a checkpoint counted means rows
#: were removed outside the program.
APPEND_ONLY = (
    "app_user",
    "calendar_day",
    "counter_notice",
    "daily_counter",
    "document",
    "document_copy",
    "document_revision",
    "dossier",
    "dossier_event",
    "print_log",
    "procedure",
    "procedure_revision",
    "quality_objective",
    "record_type",
    "revision_signature",
    "signed_file",
    "stored_file",
    "trusted_certificate",
)


#: The largest sequence number a log can reach (a signed 64-bit integer in the database):
#: a larger one cannot be looked up, only refused.
MAX_SEQ = 2**63 - 1


@dataclass(frozen=True)
class Anchor:
    """The log's state at one moment: its last event and how many rows it held."""

    seq: int
    hash: str
    first_hash: str | None = None  # event 1's hash: which log this is (None: empty log)
    made_at: str = ""  # ISO 8601 UTC
    made_by: str = ""
    unit: str = ""  # the unit's name and code, for the reader
    counts: dict[str, int] = field(default_factory=dict)
    signature: Any = None  # reserved: a signature over the rest

    @property
    def made(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.made_at.replace("Z", "+00:00"))
        except ValueError:
            return None

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "seq": self.seq,
            "hash": self.hash,
            "first_hash": self.first_hash,
            "made_at": self.made_at,
            "made_by": self.made_by,
            "unit": self.unit,
            "counts": dict(sorted(self.counts.items())),
            "signature": self.signature,
        }

    def to_json(self) -> str:
        return json.dumps(self.body(), ensure_ascii=False, indent=2) + "\n"

    def short(self) -> str:
        """What a person copies from the printed page: ``SEQ:HASH``."""
        return f"{self.seq}:{self.hash}"


def _bad(what: str) -> ValidationError:
    return ValidationError(
        f"Mốc kiểm tra {what} không đọc được: không phải mốc của isoqms (cần tệp mốc .json, "
        "bản sao lưu, hoặc mã SỐ:MÃ-BĂM in trên trang mốc — số sự kiện, dấu hai chấm, "
        "64 chữ số hệ 16)."
    )


def _check_start(anchor: Anchor, what: str) -> None:
    """A checkpoint of an empty log (number 0) can only name the chain's starting hash."""
    if anchor.seq == 0 and anchor.hash != GENESIS_HASH:
        raise ValidationError(
            f"Mốc kiểm tra {what} không hợp lệ: mốc số 0 là nhật ký rỗng, mã băm phải là mã "
            "khởi đầu của chuỗi."
        )


def parse(text: str, *, what: str = "") -> Anchor:
    """An anchor from its JSON or its short form; :class:`ValidationError` otherwise."""
    short = _SHORT.fullmatch(text)
    if short:
        anchor = Anchor(int(short.group(1)), re.sub(r"\s", "", short.group(2)).lower())
        _check_start(anchor, what)
        return anchor
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nesting too deep
        raise _bad(what) from None
    return from_dict(raw, what=what)


def from_dict(raw: object, *, what: str = "") -> Anchor:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad(what)
    seq, digest, first = raw.get("seq"), raw.get("hash"), raw.get("first_hash")
    counts = raw.get("counts", {})
    if (
        type(seq) is not int
        or not 0 <= seq <= MAX_SEQ
        or not isinstance(digest, str)
        or not _HEX.fullmatch(digest)
        or (first is not None and (not isinstance(first, str) or not _HEX.fullmatch(first)))
        or not isinstance(counts, dict)
        or not all(isinstance(k, str) and type(v) is int for k, v in counts.items())
    ):
        raise _bad(what)
    text_fields = {k: raw.get(k, "") for k in ("made_at", "made_by", "unit")}
    if not all(isinstance(v, str) for v in text_fields.values()):
        raise _bad(what)
    _check_start(Anchor(seq, digest), what)
    return Anchor(
        seq=seq,
        hash=digest,
        first_hash=first,
        counts=dict(counts),
        signature=raw.get("signature"),
        **text_fields,
    )
