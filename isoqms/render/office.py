"""Office files (.docx, .xlsx) to PDF through LibreOffice headless, for printing.

LibreOffice is found on PATH, in the usual Windows and macOS install folders, or where
``ISOQMS_SOFFICE`` points. Each conversion uses its own throwaway profile so two
conversions never fight over a lock, and results are cached by content hash.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections import OrderedDict
from pathlib import Path
from threading import Lock

from isoqms.domain.errors import ValidationError

TIMEOUT_SECONDS = 180
_CACHE: OrderedDict[str, bytes] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = Lock()


def find_soffice() -> Path | None:
    override = os.environ.get("ISOQMS_SOFFICE")
    if override:
        return Path(override) if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates: list[Path] = []
    if sys.platform == "win32":
        for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if root:
                candidates.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((c for c in candidates if c.is_file()), None)


def to_pdf(name: str, data: bytes) -> bytes:
    """The PDF LibreOffice makes of an office file (``name`` gives the type)."""
    suffix = Path(name).suffix.lower()
    if suffix not in (".docx", ".xlsx", ".doc", ".xls", ".odt", ".ods"):
        raise ValidationError(f"Không chuyển được tệp “{name}” sang PDF để in.")
    key = hashlib.sha256(data).hexdigest() + suffix
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    soffice = find_soffice()
    if soffice is None:
        raise ValidationError(
            "Không tìm thấy LibreOffice: cần cài LibreOffice để in tệp "
            f"{suffix} (hoặc lưu tệp và in bằng Word/Excel)."
        )
    with tempfile.TemporaryDirectory(prefix="isoqms-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run(
                [
                    str(soffice),
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=False,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise ValidationError(
                f"LibreOffice không chuyển xong tệp “{name}” sau {TIMEOUT_SECONDS} giây."
            ) from None
        target = folder / "input.pdf"
        if not target.is_file():
            raise ValidationError(f"LibreOffice không đọc được tệp “{name}” (tệp hỏng?).")
        pdf = target.read_bytes()
    with _LOCK:
        _CACHE[key] = pdf
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return pdf
