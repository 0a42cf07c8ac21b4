"""Office Open XML packages (.docx, .xlsx) written the same way every time."""

from __future__ import annotations

import io
import zipfile


def stable_zip(data: bytes) -> bytes:
    """The package with fixed member timestamps: the same content gives the same bytes
    (python-docx stamps zip members with the clock), so a file's hash names its content
    and conversions cached by hash are reused."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 7, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
