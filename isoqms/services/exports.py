"""Writing the tracking book and the statistics report to a file the user named: the
format follows the file's extension; a wrong extension or an unwritable place is refused
in Vietnamese before anything is written. Shared by the GUI and the command line."""

from __future__ import annotations

from pathlib import Path

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.paths import describe_os_error
from isoqms.render import ledger as ledger_render
from isoqms.render import report as report_render
from isoqms.services import ledger, objectives
from isoqms.services.statistics import Report
from isoqms.services.unit import get_unit
from isoqms.services.uow import Actor


def save(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to the file the user named, or refuse in Vietnamese
    (a folder that does not exist, no right to write, a folder's name …)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {path}: {describe_os_error(exc)}.") from None
    except ValueError:  # a NUL in the name
        raise ValidationError(f"Tên tệp “{path}” không hợp lệ.") from None


def check_target(path: Path | str, what: str) -> Path:
    """The file the user named for ``what`` (a backup, a checkpoint), refused in Vietnamese
    before anything is made when it cannot be written there: a NUL in its name, a folder
    that does not exist (it is not made), a folder itself."""
    if "\x00" in str(path):
        raise ValidationError(f"Tên tệp “{path}” không hợp lệ.")
    file = Path(path)
    try:
        if not file.parent.is_dir():
            raise ValidationError(f"Không có thư mục {file.parent} để ghi {what}.")
        if file.is_dir():
            raise ValidationError(f"{file} là một thư mục, không ghi {what} vào đó được.")
    except OSError as exc:  # a name too long, a folder one may not look into
        raise ValidationError(f"Không ghi được tệp {path}: {describe_os_error(exc)}.") from None
    return file


def read(path: Path | str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a file the user named, or a refusal in Vietnamese."""
    try:
        file = Path(path)
        if max_bytes is not None and file.is_file() and file.stat().st_size > max_bytes:
            raise ValidationError(f"Tệp {path} quá lớn (tối đa {max_bytes // 1024 // 1024} MB).")
        return file.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path}: {describe_os_error(exc)}.") from None
    except ValueError:  # a NUL in the name
        raise ValidationError(f"Tên tệp “{path}” không hợp lệ.") from None


def _unit_name(db: Database) -> str:
    unit = get_unit(db)
    return unit.desk_name or unit.display_name


def export_ledger(db: Database, actor: Actor, f: ledger.LedgerFilter, path: Path) -> int:
    """The tracking book (.xlsx or A4 PDF); returns how many dossiers it lists."""
    writers = {".xlsx": ledger_render.to_xlsx, ".pdf": ledger_render.to_pdf}
    writer = writers.get(path.suffix.lower())
    if writer is None:
        raise ValidationError("Tệp sổ phải có đuôi .xlsx hoặc .pdf.")
    f = f.checked()
    rows = list(ledger.all_rows(db, actor, f))
    doc = ledger_render.LedgerDoc(
        form=ledger.ledger_form(db, f.year),
        unit=_unit_name(db),
        year=f.year,
        book=f.book,
        filter_text=ledger.filter_text(f),
        rows=rows,
    )
    save(path, writer(doc))
    return len(rows)


def export_report(db: Database, actor: Actor, report: Report, path: Path) -> None:
    """The statistics report (.docx or .xlsx) with the quality objectives of its period."""
    writers = {".xlsx": report_render.to_xlsx, ".docx": report_render.to_docx}
    writer = writers.get(path.suffix.lower())
    if writer is None:
        raise ValidationError("Tệp báo cáo phải có đuôi .xlsx hoặc .docx.")
    goals = objectives.for_period(db, actor, report.period)
    unit = get_unit(db)
    head, title = _head_of_unit(db)
    doc = report_render.ReportDoc(
        _unit_name(db),
        report,
        goals,
        authority=unit.commune_name or unit.display_name,
        day=clock.today(),  # the day it is made and signed
        signer_title=_signer_title(title),
        signer_name=head,
    )
    save(path, writer(doc))


def _head_of_unit(db: Database) -> tuple[str, str]:
    from isoqms.services.lookup import unit_head

    with db.read() as session:
        return unit_head(session)


def _signer_title(title: str) -> str:
    """ "Phó Chủ tịch UBND xã" → "PHÓ CHỦ TỊCH"; the chair's by default."""
    folded = title.lower()
    if "phó chủ tịch" in folded:
        return "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    return "CHỦ TỊCH"
