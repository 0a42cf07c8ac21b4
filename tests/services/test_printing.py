"""One print pipeline: drawn outside any write, logged only once the paper is out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from isoqms.db.engine import Database
from isoqms.db.models import PrintLog
from isoqms.domain.errors import PermissionDenied
from isoqms.services import document_copies, documents, intake, printed_copies, printing
from isoqms.services.exports import save
from isoqms.services.intake import Applicant, IntakeDraft
from tests.helpers import audit_count, login, run_cli

PW = {"ISOQMS_PASSWORD": "demo"}


def _log_rows(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count(PrintLog.id))).scalar_one())


def _received(db: Database) -> str:
    return intake.receive(
        db, login(db, "clerk"), IntakeDraft("1.001193", Applicant("Lê Văn An"))
    ).code


@pytest.mark.parametrize(
    "args",
    [
        ["intake", "slip", "{code}", "--out", "{bad}"],
        ["dossier", "print", "{code}", "--kind", "control", "--out", "{bad}"],
    ],
    ids=["intake-slip", "dossier-print"],
)
def test_a_file_that_cannot_be_written_leaves_the_print_log_unchanged(
    demo_db: Database, tmp_path: Path, args: list[str]
) -> None:
    code = _received(demo_db)
    url = demo_db.url.render_as_string(hide_password=False)
    bad = tmp_path / "khong-co-thu-muc" / "x.pdf"
    before, events = _log_rows(demo_db), audit_count(demo_db)
    argv = [a.format(code=code, bad=bad) for a in args]
    result = run_cli("--db", url, "--user", "clerk", *argv, env=PW)
    assert result.returncode == 1 and "Không ghi được tệp" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert (_log_rows(demo_db), audit_count(demo_db)) == (before, events)
    good = tmp_path / "x.pdf"
    argv = [a.format(code=code, bad=good) for a in args]
    result = run_cli("--db", url, "--user", "clerk", *argv, env=PW)
    assert result.returncode == 0 and "bản in lại" not in result.stdout  # the first real print
    assert _log_rows(demo_db) == before + 1
    digest = hashlib.sha256(good.read_bytes()).hexdigest()
    assert digest in result.stdout


def test_someone_who_may_not_print_is_refused_before_anything_is_written(
    demo_db: Database, tmp_path: Path
) -> None:
    code = _received(demo_db)
    auditor = login(demo_db, "auditor")
    out = tmp_path / "x.pdf"
    with pytest.raises(PermissionDenied):
        printing.deliver(
            demo_db,
            auditor,
            lambda: intake.receipt_printout(demo_db, auditor, code),
            lambda pdf: save(out, pdf),
        )
    assert not out.exists() and _log_rows(demo_db) == 0


def test_a_paper_printed_elsewhere_meanwhile_is_drawn_again_as_a_reprint(
    demo_db: Database,
) -> None:
    code = _received(demo_db)
    clerk = login(demo_db, "clerk")
    stale = intake.receipt_printout(demo_db, clerk, code)
    assert not stale.reprint
    intake.print_receipt(demo_db, clerk, code)  # another counter prints it first
    with pytest.raises(printing.StalePrintout):
        printing.log(demo_db, clerk, stale, purpose="save")
    written: list[bytes] = []

    def draw() -> printing.Printout:
        return stale if not written else intake.receipt_printout(demo_db, clerk, code)

    drawn, _digest = printing.deliver(demo_db, clerk, draw, written.append)
    assert drawn.reprint and len(written) == 2 and _log_rows(demo_db) == 2
    # a paper already out of the printer is logged as it was printed
    printing.log(demo_db, clerk, stale, purpose="print", strict=False)
    assert _log_rows(demo_db) == 3


def test_a_controlled_copy_print_is_in_the_print_log_with_its_pdf(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    current = documents.history(demo_db, secretary, "QT-KSTL-01")[-1]
    copy = document_copies.distribute(demo_db, secretary, "QT-KSTL-01", "Bộ phận Một cửa")
    first = printed_copies.print_copy(demo_db, secretary, current.id, copy.id)
    printed_copies.print_copy(demo_db, secretary, current.id, copy.id, purpose="save")
    printed_copies.print_copy(demo_db, secretary, current.id)  # uncontrolled: a read
    with demo_db.read() as session:
        rows = (
            session.execute(
                select(PrintLog).where(PrintLog.copy_id == copy.id).order_by(PrintLog.id)
            )
            .scalars()
            .all()
        )
        assert [(r.reprint, r.purpose) for r in rows] == [(False, "print"), (True, "save")]
        assert rows[0].sha256 == first.sha256 and rows[0].form_code == "QT-KSTL-01"
        assert rows[0].copies == first.label == f"Bản có kiểm soát số {copy.copy_no}"
        assert _log_rows(demo_db) == 2
    from isoqms.services import files

    assert files.read_verified(demo_db, first.sha256) == first.pdf


def test_an_unknown_purpose_is_a_programming_error(demo_db: Database) -> None:
    code = _received(demo_db)
    clerk = login(demo_db, "clerk")
    with pytest.raises(ValueError):
        printing.log(demo_db, clerk, intake.receipt_printout(demo_db, clerk, code), purpose="x")
    assert _log_rows(demo_db) == 0
