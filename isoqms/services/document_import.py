"""Bulk import of an existing document folder (.docx/.pdf): each file becomes revision 1
(or the issue its header states), effective from a given date.

Code, title and issue number are read from the header block (services.file_header:
"Mã hiệu: QT-HT-01", "Lần ban hành: 02", the title in capitals), otherwise from the file
name ("QT-HT-01 - Quy trình đăng ký khai sinh.pdf"). A file that still lacks a code or
title is named in the refusal and nothing is imported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from isoqms.db import models
from isoqms.db.engine import Database
from isoqms.domain.calendar import MAX_YEAR, MIN_YEAR
from isoqms.domain.documents import DocumentKind
from isoqms.domain.errors import ValidationError
from isoqms.domain.text import nfc
from isoqms.paths import describe_os_error
from isoqms.services import files, limits
from isoqms.services.existing_documents import ExistingDocument, import_existing
from isoqms.services.file_header import read_header
from isoqms.services.uow import Actor

_NAME = re.compile(r"^([A-Z]{2,4}(?:[-.][A-Z0-9]{1,6}){1,4})\s*[-_–—:]?\s*(.*)$")
PREFIX_KINDS = {
    "QT": DocumentKind.PROCEDURE,
    "BM": DocumentKind.FORM,
    "HD": DocumentKind.INSTRUCTION,
    "CS": DocumentKind.POLICY,
    "CSCL": DocumentKind.POLICY,
    "MT": DocumentKind.POLICY,
    "MTCL": DocumentKind.POLICY,
    "STCL": DocumentKind.MANUAL,
    "DM": DocumentKind.RECORD_LIST,
}


@dataclass(frozen=True)
class Found:
    path: Path
    code: str
    title: str
    issue: int
    kind: DocumentKind | None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp {path.name}: {describe_os_error(exc)}; không nhập thư mục."
        ) from None


def scan(folder: Path) -> list[Found]:
    try:
        paths = sorted(
            p for p in folder.rglob("*") if p.suffix.lower() in (".docx", ".pdf") and p.is_file()
        )
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được thư mục {folder}: {describe_os_error(exc)}."
        ) from None
    if not paths:
        raise ValidationError(f"Thư mục {folder} không có tệp .docx hoặc .pdf nào.")
    found = []
    for path in paths:
        header = read_header(path.name, _read(path))
        code, title, issue = header.code, header.title, header.issue
        name_match = _NAME.match(nfc(path.stem).upper())
        if not code and name_match:
            code = name_match[1]
        if not title and name_match:
            rest = nfc(path.stem)[len(name_match[1]) :].strip(" -_–—:")
            title = rest
        prefix = re.split(r"[-.]", code)[0] if code else ""
        found.append(Found(path, code, title, issue or 1, PREFIX_KINDS.get(prefix)))
    return found


def import_folder(db: Database, actor: Actor, folder: Path, effective_from: dt.date) -> int:
    """All or nothing: every file is checked (content, code, title) before anything is saved."""
    if not folder.is_dir():
        raise ValidationError(f"Không có thư mục {folder}.")
    if not MIN_YEAR <= effective_from.year <= MAX_YEAR:
        raise ValidationError(f"Ngày hiệu lực phải trong các năm {MIN_YEAR}–{MAX_YEAR}.")
    found = scan(folder)
    problems = []
    items = []
    for item in found:
        data = _read(item.path)
        try:
            files.check_upload(item.path.name, data)
        except ValidationError as exc:
            problems.append(exc.message.rstrip("."))
            continue
        try:
            file_name = limits.text(item.path.name, models.DocumentRevision.file_name, "tên tệp")
            title = limits.text(item.title, models.Document.title, "tên tài liệu")
        except ValidationError as exc:
            problems.append(f"{item.path.name}: {exc.message.rstrip('.')}")
            continue
        if not item.code or not title or item.kind is None:
            problems.append(
                f"{item.path.name}: không đọc được mã hiệu/tên tài liệu "
                "(đặt tên tệp dạng “QT-HT-01 - Tên tài liệu.docx”)"
            )
            continue
        items.append(
            ExistingDocument(
                kind=item.kind,
                code=item.code,
                title=title,
                issue=item.issue,
                effective_from=effective_from,
                file_name=file_name,
                data=data,
            )
        )
    if problems:
        raise ValidationError(
            "Không nhập thư mục: "
            + "; ".join(problems[:6])
            + (f" (và {len(problems) - 6} tệp khác)" if len(problems) > 6 else "")
        )
    return import_existing(db, actor, items)
