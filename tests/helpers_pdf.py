"""Reading rendered documents back with independent tools (poppler, zbar)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed (tools/setup-system.sh installs it)")
    return path


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    args = [need("pdftotext"), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    result = subprocess.run([*args, str(source), "-"], capture_output=True, check=True)
    text = result.stdout.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text), "pdftotext gave non-NFC text"
    return text


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    source = tmp_path / "pages.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [need("pdfinfo"), str(source)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def qr_codes(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 200) -> list[str]:
    source = tmp_path / "qr.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / f"qr-{page}"
    subprocess.run(
        [
            need("pdftoppm"),
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            str(source),
            str(prefix),
        ],
        check=True,
    )
    image = next(tmp_path.glob(f"qr-{page}*.png"))
    result = subprocess.run(
        [need("zbarimg"), "--quiet", "--raw", str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line]


def libreoffice_pdf(path: Path, tmp_path: Path) -> bytes:
    """Convert a .docx/.xlsx with LibreOffice headless; the PDF's bytes."""
    return libreoffice_pdfs([path], tmp_path)[0]


def libreoffice_pdfs(paths: list[Path], tmp_path: Path) -> list[bytes]:
    """Convert several files in one LibreOffice start (it costs more than a conversion)."""
    soffice = shutil.which("soffice") or need("libreoffice")
    out = tmp_path / "lo-out"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(p) for p in paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [(out / (p.stem + ".pdf")).read_bytes() for p in paths]
