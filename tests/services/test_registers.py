"""The document registers exported as .xlsx, .docx and PDF, read back independently."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.render import registers as render
from isoqms.services import documents
from tests.helpers import login, run_cli
from tests.helpers_pdf import libreoffice_pdf, pdf_text


@pytest.fixture
def registers(demo_db: Database) -> render.Registers:
    return documents.registers(demo_db, login(demo_db, "auditor"))


def test_registers_split_internal_and_external(registers: render.Registers) -> None:
    internal = {line.code: line for line in registers.internal}
    external = {line.code: line for line in registers.external}
    assert internal["QT-KSTL-01"].issue == "02"
    assert internal["BM.MC.2018.01"].standing == "Đã thu hồi"
    assert external["60/2014/QH13"].issuer == "Quốc hội"
    assert "60/2014/QH13" not in internal


@pytest.mark.one_database
def test_xlsx(registers: render.Registers, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render.to_xlsx(registers)))
    internal, external, records = book.worksheets
    assert internal["A1"].value == "DANH MỤC TÀI LIỆU NỘI BỘ"
    codes = [row[1] for row in internal.iter_rows(min_row=4, values_only=True)]
    assert "QT-HT-01" in codes and "CSCL-01" in codes
    titles = [r[2] for r in external.iter_rows(min_row=4, values_only=True)]
    assert "Luật Hộ tịch" in titles
    assert records["A1"].value == "DANH MỤC HỒ SƠ"
    assert "BM-KSHS-01, lần ban hành 01" in records["A2"].value
    kept = {r[1]: r[4] for r in records.iter_rows(min_row=4, values_only=True)}
    assert kept["Sổ đăng ký khai sinh"] == "Vĩnh viễn"
    assert kept["Hồ sơ chứng thực hợp đồng, giao dịch"] == "20 năm"
    path = tmp_path / "danh-muc.xlsx"
    path.write_bytes(render.to_xlsx(registers))
    text = " ".join(pdf_text(libreoffice_pdf(path, tmp_path), tmp_path).split())
    assert "Quy trình kiểm soát tài liệu" in text and "Luật Hộ tịch" in text


@pytest.mark.one_database
def test_docx(registers: render.Registers, tmp_path: Path) -> None:
    data = render.to_docx(registers)
    doc = DocxDocument(io.BytesIO(data))
    assert doc.paragraphs[0].text == "DANH MỤC TÀI LIỆU NỘI BỘ"
    assert doc.tables[0].rows[0].cells[1].text == "Mã hiệu"
    path = tmp_path / "danh-muc.docx"
    path.write_bytes(data)
    text = " ".join(pdf_text(libreoffice_pdf(path, tmp_path), tmp_path).split())
    assert "DANH MỤC TÀI LIỆU BÊN NGOÀI" in text and "Quy trình đăng ký khai sinh" in text
    assert "DANH MỤC HỒ SƠ" in text and "Sổ đăng ký kết hôn" in text and "Vĩnh viễn" in text


def test_pdf_and_cli(demo_db: Database, registers: render.Registers, tmp_path: Path) -> None:
    text = " ".join(pdf_text(render.to_pdf(registers), tmp_path).split())
    assert "DANH MỤC TÀI LIỆU NỘI BỘ" in text and "Mẫu 01 (2025)" in text
    assert "DANH MỤC HỒ SƠ" in text and "Sổ chứng thực chữ ký" in text
    url = demo_db.url.render_as_string(hide_password=False)
    for suffix in ("docx", "xlsx", "pdf"):
        out = tmp_path / f"reg.{suffix}"
        result = run_cli(
            "--db",
            url,
            "--user",
            "auditor",
            "docs",
            "register",
            "--out",
            str(out),
            env={"ISOQMS_PASSWORD": "demo"},
        )
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    bad = run_cli(
        "--db",
        url,
        "--user",
        "auditor",
        "docs",
        "register",
        "--out",
        str(tmp_path / "reg.txt"),
        env={"ISOQMS_PASSWORD": "demo"},
    )
    assert bad.returncode == 1 and ".docx, .xlsx hoặc .pdf" in bad.stderr
