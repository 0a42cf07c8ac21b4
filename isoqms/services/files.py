"""Files stored once by SHA-256 and verified when read; uploads checked before storing."""

from __future__ import annotations

import hashlib
import io
import zipfile

from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import StoredFile, utcnow
from isoqms.domain.errors import IntegrityBroken, NotFound, ValidationError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a zip member expanding more than this is refused (zip bomb)
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}


def check_upload(name: str, data: bytes) -> str:
    """The media type of an acceptable upload, or a Vietnamese refusal saying why."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix not in MEDIA_TYPES:
        raise ValidationError(f"Tệp “{name}” không được nhận: chỉ nhận .docx, .xlsx hoặc .pdf.")
    if not data:
        raise ValidationError(f"Tệp “{name}” rỗng.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"Tệp “{name}” quá lớn ({len(data) / 1024 / 1024:.1f} MB; tối đa "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB)."
        )
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
            raise ValidationError(f"Tệp “{name}” không phải PDF hoàn chỉnh (hỏng hoặc bị cắt).")
        _check_opens(name, suffix, data)
        return MEDIA_TYPES[suffix]
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(
            f"Tệp “{name}” không phải tệp Office hợp lệ "
            "(không phải tệp nén .zip, hỏng hoặc bị cắt)."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_UNPACKED_BYTES or any(
                m.compress_size and m.file_size / m.compress_size > MAX_RATIO for m in members
            ):
                raise ValidationError(
                    f"Tệp “{name}” giải nén quá lớn so với kích thước tệp (nghi tệp độc hại), "
                    "không lưu."
                )
            names = {m.filename for m in members}
            needed = "word/document.xml" if suffix == ".docx" else "xl/workbook.xml"
            if "[Content_Types].xml" not in names or needed not in names:
                raise ValidationError(f"Tệp “{name}” không phải tài liệu {suffix} hợp lệ.")
            if archive.testzip() is not None:
                raise ValidationError(f"Tệp “{name}” bị hỏng (dữ liệu nén lỗi).")
    except ValidationError:
        raise
    except Exception:  # zipfile.BadZipFile, zlib.error on a flipped bit, …
        raise ValidationError(f"Tệp “{name}” bị hỏng, không đọc được.") from None
    _check_opens(name, suffix, data)
    return MEDIA_TYPES[suffix]


#: Digests of the contents this process has already seen open (the stock forms at every
#: new database, a file attached again): reading a document again gives the same answer.
_OPENED: set[tuple[str, bytes]] = set()


def _check_opens(name: str, suffix: str, data: bytes) -> None:
    """The file opens with the reader of its kind (a zip of the right parts may still hold
    XML that is not a document); any failure of the reader on these untrusted bytes is a
    refusal."""
    seen = (suffix, hashlib.sha256(data).digest())
    if seen in _OPENED:
        return
    try:
        if suffix == ".docx":
            from docx import Document

            Document(io.BytesIO(data))
        elif suffix == ".xlsx":
            import openpyxl

            openpyxl.load_workbook(io.BytesIO(data), read_only=True).close()
        elif suffix == ".pdf":
            import pypdfium2

            from isoqms.render.pdfium_lock import PDFIUM

            with PDFIUM:
                pdf = pypdfium2.PdfDocument(data)
                try:
                    if len(pdf) < 1:
                        raise ValueError("no page")
                finally:
                    pdf.close()
    except Exception:
        kinds = {".docx": "Word (.docx)", ".xlsx": "Excel (.xlsx)", ".pdf": "PDF"}
        raise ValidationError(
            f"Tệp “{name}” không mở được như tài liệu {kinds[suffix]}: tệp hỏng hoặc không "
            "đúng loại."
        ) from None
    if len(_OPENED) > 4096:  # a long session of uploads: forget, check again
        _OPENED.clear()
    _OPENED.add(seen)


def store(session: Session, data: bytes, media_type: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if session.get(StoredFile, digest) is None:
        session.add(
            StoredFile(
                sha256=digest,
                size=len(data),
                media_type=media_type,
                content=data,
                created_at=utcnow(),
            )
        )
        session.flush()
    return digest


def read_verified(db: Database, sha256: str) -> bytes:
    """The stored bytes, after checking they still hash to their name."""
    with db.read() as session:
        return read_in(session, sha256)


def read_in(session: Session, sha256: str) -> bytes:
    """``read_verified`` inside an open session."""
    stored = session.get(StoredFile, sha256)
    if stored is None:
        raise NotFound(f"Không có tệp {sha256[:12]}… trong kho.")
    data = bytes(stored.content)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise IntegrityBroken(f"Tệp {sha256[:12]}… đã bị thay đổi sau khi lưu (mã băm không khớp).")
    return data
