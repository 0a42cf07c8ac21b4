"""The auditor's workspace: timelines, point in time, trace, copy check, integrity of the
log and the stored files (full, incremental, against a rewritten log), evidence packs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.audit import EventRecord
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.services import auditor, document_copies, evidence, intake, integrity, printed_copies
from isoqms.services import documents as docs
from isoqms.services.auditor import TimelineFilter
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.uow import Actor
from tests.helpers import audit_count, intruder_sql, login, raw_engine, raw_sql, run_cli
from tests.helpers_pdf import pdf_text, qr_codes
from tests.services.test_documents import issue

TODAY = clock.today()
NOW = dt.datetime(2026, 11, 23, 9, 30)
PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def people(demo_db: Database) -> dict[str, Actor]:
    return {
        r: login(demo_db, r)
        for r in ("iso_secretary", "reviewer", "approver", "clerk", "auditor", "admin")
    }


def blob(db: Database, hex_bytes: str = "00") -> str:
    """A bytes literal of the database's dialect (for tampering by raw SQL)."""
    return f"X'{hex_bytes}'" if db.backend == "sqlite" else f"'\\x{hex_bytes}'::bytea"


def url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def received(db: Database, clerk: Actor) -> str:
    view = intake.receive(
        db,
        clerk,
        IntakeDraft("1.001193", Applicant("Trần Văn Bình"), received_at=NOW),
        now=NOW,
    )
    return view.code


# ------------------------------------------------------------------ timelines


def test_document_timeline_holds_its_revisions_signatures_and_copies(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    issue(demo_db, people)
    document_copies.distribute(demo_db, people["iso_secretary"], "QT-TEST-01", "Bộ phận Một cửa")
    entries = auditor.timeline(
        demo_db, people["auditor"], TimelineFilter(kind="document", key="QT-TEST-01")
    )
    assert [e.action for e in entries] == [
        "document.create",
        "document.revision.start",
        "document.file",
        "document.sign.drafted",
        "document.submit",
        "document.sign.reviewed",
        "document.sign.approved",
        "document.approve",
        "document.distribute",
    ]
    assert [e.seq for e in entries] == sorted(e.seq for e in entries)
    created = entries[0]
    assert created.actor == "iso_secretary" and created.before is None
    assert {c.field for c in created.changes} >= {"code", "title", "kind"}
    approve = entries[7]
    fields = {c.field: (c.before, c.after) for c in approve.changes}
    assert fields["state"][1] == "approved"
    # filtered by person, by action (prefix) and by period
    by_reviewer = auditor.timeline(
        demo_db,
        people["auditor"],
        TimelineFilter(kind="document", key="QT-TEST-01", person="reviewer"),
    )
    assert [e.action for e in by_reviewer] == ["document.sign.reviewed"]
    only = auditor.timeline(demo_db, people["auditor"], TimelineFilter(action="document.approve"))
    assert only and {e.action for e in only} == {"document.approve"}
    with pytest.raises(ValidationError, match=r"document\.s"):  # a prefix ends with "."
        auditor.timeline(
            demo_db,
            people["auditor"],
            TimelineFilter(kind="document", key="QT-TEST-01", action="document.s"),
        )
    tomorrow = TODAY + dt.timedelta(days=2)
    assert (
        auditor.timeline(
            demo_db,
            people["auditor"],
            TimelineFilter(kind="document", key="QT-TEST-01", date_from=tomorrow),
        )
        == []
    )
    revision = auditor.timeline(
        demo_db, people["auditor"], TimelineFilter(kind="revision", key=str(approve.entity_id))
    )
    assert "document.create" not in [e.action for e in revision]
    assert "document.approve" in [e.action for e in revision]


def test_dossier_user_and_procedure_timelines(demo_db: Database, people: dict[str, Actor]) -> None:
    code = received(demo_db, people["clerk"])
    intake.print_receipt(demo_db, people["clerk"], code)
    trail = auditor.timeline(demo_db, people["auditor"], TimelineFilter(kind="dossier", key=code))
    assert [e.action for e in trail] == ["dossier.receive", "slip.print"]
    clerk = auditor.timeline(demo_db, people["auditor"], TimelineFilter(kind="user", key="clerk"))
    assert {"dossier.receive", "slip.print", "user.create"} <= {e.action for e in clerk}
    proc = auditor.timeline(
        demo_db, people["auditor"], TimelineFilter(kind="procedure", key="1.001193")
    )
    assert {"procedure.import", "procedure.revision"} <= {e.action for e in proc}
    with pytest.raises(NotFound, match="Không có hồ sơ"):
        auditor.timeline(demo_db, people["auditor"], TimelineFilter(kind="dossier", key="X-1"))
    with pytest.raises(PermissionDenied):
        auditor.timeline(demo_db, people["clerk"], TimelineFilter(kind="dossier", key=code))


# ------------------------------------------------------------------ point in time, trace


def test_as_of_gives_the_issue_in_force_before_and_after_a_new_revision(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    issue(demo_db, people)
    later = TODAY + dt.timedelta(days=20)
    issue(demo_db, people, effective=later, create=False, summary="Sửa bước 2")

    def issue_on(day: dt.date) -> int | None:
        rows = auditor.as_of(demo_db, people["auditor"], day).documents
        return next((r.issue for r in rows if r.code == "QT-TEST-01"), None)

    assert issue_on(TODAY - dt.timedelta(days=1)) is None  # not yet issued
    assert issue_on(TODAY) == 1
    assert issue_on(later - dt.timedelta(days=1)) == 1
    assert issue_on(later) == 2
    stock = {
        r.code: r.issue
        for r in auditor.as_of(demo_db, people["auditor"], dt.date(2025, 6, 30)).documents
    }
    after = {
        r.code: r.issue
        for r in auditor.as_of(demo_db, people["auditor"], dt.date(2025, 7, 1)).documents
    }
    assert (stock["QT-KSTL-01"], after["QT-KSTL-01"]) == (1, 2)
    procedures = auditor.as_of(demo_db, people["auditor"], TODAY).procedures
    birth = next(p for p in procedures if p.code == "1.001193")
    assert birth.revision >= 1 and len(birth.content_hash) == 64 and birth.papers > 0


def test_trace_shows_the_revisions_received_under_and_every_print(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    code = received(demo_db, people["clerk"])
    first = intake.print_receipt(demo_db, people["clerk"], code)
    again = intake.print_receipt(demo_db, people["clerk"], code, paper="80mm")
    t = auditor.trace(demo_db, people["auditor"], code)
    assert t.form_revision.startswith("BM.MC.2025.01@") and t.form_name.startswith("Giấy tiếp nhận")
    assert t.procedure_revision >= 1 and t.procedure_revision_hash_ok
    assert t.process_document.startswith("QT-HT-")
    assert [(p.sha256, p.reprint, p.intact) for p in t.prints] == [
        (first.sha256, False, True),
        (again.sha256, True, True),
    ]
    assert [e.action for e in t.events] == ["dossier.receive", "slip.print", "slip.print"]
    raw_sql(
        demo_db, f"UPDATE stored_file SET content = {blob(demo_db)} WHERE sha256 = '{again.sha256}'"
    )
    assert [p.intact for p in auditor.trace(demo_db, people["auditor"], code).prints] == [
        True,
        False,
    ]


# ------------------------------------------------------------------ printed-copy check


def test_printed_copy_qr_says_in_force_then_superseded(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    secretary = people["iso_secretary"]
    current = docs.history(demo_db, people["auditor"], "QT-KSTL-01")[-1]
    copy = document_copies.distribute(demo_db, secretary, "QT-KSTL-01", "Bộ phận Một cửa")
    printed = printed_copies.print_copy(demo_db, secretary, current.id, copy.id)
    (payload,) = qr_codes(printed.pdf, tmp_path, 1, dpi=300)
    check = auditor.check_copy(demo_db, people["auditor"], payload)
    assert (check.verdict, check.ok, check.copy_no, check.holder) == (
        "in_force",
        True,
        1,
        "Bộ phận Một cửa",
    )
    assert "đang hiệu lực" in check.message
    future = TODAY + dt.timedelta(days=10)
    issue(demo_db, people, code="QT-KSTL-01", effective=future, create=False, summary="Lần 3")
    later = auditor.check_copy(demo_db, people["auditor"], payload, today=future)
    assert (later.verdict, later.ok, later.current_issue) == ("superseded", False, "03")
    assert f"đã bị thay thế từ ngày {future:%d/%m/%Y}" in later.message
    forged = payload[:-4] + "0000"
    assert auditor.check_copy(demo_db, people["auditor"], forged).verdict == "altered"
    document_copies.recall(demo_db, secretary, copy.id)
    assert auditor.check_copy(demo_db, people["auditor"], payload).verdict == "recalled"
    old = docs.history(demo_db, people["auditor"], "QT-KSTL-01")[0]
    uncontrolled = f"ISOQMS-COPY|QT-KSTL-01|01|0|{old.content_hash}"
    assert auditor.check_copy(demo_db, people["clerk"], uncontrolled).verdict == "superseded"
    with pytest.raises(ValidationError, match="không phải của bản sao"):
        auditor.check_copy(demo_db, people["auditor"], "https://example.vn/qr")
    with pytest.raises(NotFound, match="không rõ nguồn"):
        auditor.check_copy(
            demo_db, people["auditor"], f"ISOQMS-COPY|QT-KSTL-01|09|0|{old.content_hash}"
        )


# ------------------------------------------------------------------ integrity


def test_untouched_data_passes_and_a_changed_or_deleted_file_is_named(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    code = received(demo_db, people["clerk"])
    slip = intake.print_receipt(demo_db, people["clerk"], code)
    report = integrity.verify(demo_db, save=False)
    assert report.ok and report.files > 0 and report.events == audit_count(demo_db)
    raw_sql(
        demo_db,
        f"UPDATE stored_file SET content = {blob(demo_db, '255044462D')}"
        f" WHERE sha256 = '{slip.sha256}'",
    )
    broken = integrity.verify(demo_db, save=False)
    assert not broken.ok and broken.problem is not None
    assert (broken.problem.kind, broken.problem.file) == ("file", slip.sha256)
    assert f"tệp {slip.sha256}" in broken.summary()
    raw_sql(
        demo_db,
        "PRAGMA foreign_keys = OFF"
        if demo_db.backend == "sqlite"
        else "SET session_replication_role = replica",
        f"DELETE FROM stored_file WHERE sha256 = '{slip.sha256}'",
    )
    gone = integrity.verify(demo_db, save=False)
    assert gone.problem is not None and gone.problem.file == slip.sha256
    assert "bị xoá" in gone.summary()


def test_incremental_check_resumes_and_catches_a_rewritten_log(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    full = integrity.verify(demo_db)
    assert full.ok and not full.incremental
    checkpoint = integrity.load_checkpoint(demo_db)
    assert checkpoint is not None and checkpoint.seq == full.events
    received(demo_db, people["clerk"])  # written here: the point follows
    moved = integrity.load_checkpoint(demo_db)
    assert moved is not None and moved.seq == full.events + 1
    integrity.checkpoint_path(demo_db).write_text(json.dumps(dataclasses.asdict(checkpoint)))
    # as if the receipt had been written at another counter: checked, not taken on trust
    quick = integrity.verify(demo_db, incremental=True)
    assert quick.ok and quick.incremental and quick.events_checked == 1
    # someone with the database rewrites an early event and recomputes the whole chain
    intruder_sql(demo_db)  # the triggers go first
    engine = raw_engine(demo_db)
    try:
        with engine.begin() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, seq, at, actor_id, actor, action, entity, entity_id, before, after,"
                    " rows FROM audit_event ORDER BY seq"
                )
            ).all()
            prev = "0" * 64
            for row in rows:
                at = (
                    row.at if isinstance(row.at, dt.datetime) else dt.datetime.fromisoformat(row.at)
                )
                actor = "mallory" if row.seq == 3 else row.actor
                record = EventRecord(
                    row.seq, at, row.actor_id, actor, row.action, row.entity, row.entity_id,
                    row.before, row.after, prev, row.rows,
                )  # fmt: skip
                digest = record.digest()
                conn.execute(
                    text(
                        "UPDATE audit_event SET actor = :a, prev_hash = :p, hash = :h WHERE id = :i"
                    ),
                    {"a": actor, "p": prev, "h": digest, "i": row.id},
                )
                prev = digest
            conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    finally:
        engine.dispose()
    from isoqms.services.audit import verify_chain

    assert verify_chain(demo_db).ok  # the chain alone cannot tell
    caught = integrity.verify(demo_db, incremental=True)
    assert not caught.ok and caught.problem is not None and caught.problem.kind == "checkpoint"
    assert "khác với lần kiểm tra trước" in caught.summary()
    assert not integrity.verify(demo_db).ok  # a full check compares with the point too


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_event SET after = '[1]' WHERE seq = 7",
        "DELETE FROM audit_event WHERE seq = 7",
        "INSERT INTO audit_event (seq, at, actor_id, actor, action, entity, entity_id, prev_hash,"
        " hash) SELECT (SELECT max(seq) FROM audit_event) + 1, at, actor_id, actor, action,"
        " entity, entity_id, hash, hash FROM audit_event WHERE seq = 7",
        "UPDATE stored_file SET content = {BYTES}"
        " WHERE sha256 = (SELECT min(sha256) FROM stored_file)",
    ],
    ids=["edited", "deleted", "inserted", "changed-file"],
)
def test_cli_audit_verify_detects_tampering(demo_db: Database, tamper: str) -> None:
    assert run_cli("--db", url(demo_db), "audit", "verify").returncode == 0
    intruder_sql(demo_db, tamper.replace("{BYTES}", blob(demo_db)))
    result = run_cli("--db", url(demo_db), "audit", "verify", "--json")
    assert result.returncode == 1, result.stdout
    first_bad = json.loads(result.stdout)["first_bad"]
    if "stored_file" in tamper:
        assert first_bad["kind"] == "file" and len(first_bad["file"]) == 64
    else:
        assert first_bad["seq"] >= 7
    assert "bị thay đổi" in result.stderr


# ------------------------------------------------------------------ evidence packs


def test_document_pack_holds_everything_and_any_changed_byte_fails(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    issue(demo_db, people)
    copy = document_copies.distribute(
        demo_db, people["iso_secretary"], "QT-TEST-01", "Bộ phận Một cửa"
    )
    document_copies.acknowledge(demo_db, people["iso_secretary"], copy.id, "Lê Văn Nhận")
    rev = docs.history(demo_db, people["auditor"], "QT-TEST-01")[0]
    printed_copies.print_copy(demo_db, people["iso_secretary"], rev.id, copy.id)
    data = evidence.document_pack(demo_db, people["auditor"], "QT-TEST-01")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "DOC-TRUOC.txt" and names[-2:] == ["manifest.json", "SHA256SUMS"]
    assert "revisions/lan-01-qt-kstl.docx" in names and "audit-events.jsonl" in names
    archive = zipfile.ZipFile(io.BytesIO(data))
    signed = json.loads(archive.read("revisions/lan-01-signed-content.json"))
    import hashlib

    assert (
        hashlib.sha256(archive.read("revisions/lan-01-signed-content.json")).hexdigest()
        == rev.content_hash
    )
    assert (
        signed["file"] == hashlib.sha256(archive.read("revisions/lan-01-qt-kstl.docx")).hexdigest()
    )
    summary = " ".join(pdf_text(archive.read("summary.pdf"), tmp_path).split())
    for expected in (
        "HỒ SƠ CHỨNG CỨ — QT-TEST-01",
        "Soạn thảo",
        "Xem xét",
        "Phê duyệt",
        "Lê Văn Nhận",
        "Bộ phận Một cửa",
        "In bản tài liệu",  # the log in words, not its codes
        "nguyên vẹn",
    ):
        assert expected in summary, expected
    assert "document.copy.print" not in summary
    check = evidence.verify_pack(data)
    assert check.ok, check.problems
    assert check.events == len(archive.read("audit-events.jsonl").splitlines()) >= 8
    # any byte changed, anywhere: headers, members, manifest, central directory
    positions = sorted(
        {*range(0, 120), *range(0, len(data), 97), *range(len(data) - 200, len(data))}
    )
    for pos in positions:
        bad = bytearray(data)
        bad[pos] ^= 0x01
        assert not evidence.verify_pack(bytes(bad)).ok, pos
    assert not evidence.verify_pack(data[:-1]).ok
    assert not evidence.verify_pack(data + b"\0").ok


def test_pack_members_rewritten_consistently_still_fail(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    """Re-zipping with an edited event and a recomputed manifest entry breaks the seal;
    an edited event with everything recomputed breaks the event's own hash."""
    issue(demo_db, people)
    data = evidence.document_pack(demo_db, people["auditor"], "QT-TEST-01")
    members = [
        (i.filename, zipfile.ZipFile(io.BytesIO(data)).read(i))
        for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
    ]
    edited = [
        (
            n,
            d.replace(b'"actor":"reviewer"', b'"actor":"mallory"')
            if n == "audit-events.jsonl"
            else d,
        )
        for n, d in members
    ]
    assert evidence.verify_pack(evidence._zip(edited)).problems


def test_cli_pack_and_verify_pack(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    issue(demo_db, people)
    out = tmp_path / "QT-TEST-01.zip"
    made = run_cli(
        "--db",
        url(demo_db),
        "--user",
        "auditor",
        "audit",
        "pack",
        "QT-TEST-01",
        "--out",
        str(out),
        env=PW,
    )
    assert made.returncode == 0, made.stderr
    ok = run_cli("audit", "verify-pack", str(out))
    assert ok.returncode == 0 and "nguyên vẹn" in ok.stdout, ok.stdout + ok.stderr
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    out.write_bytes(bytes(raw))
    bad = run_cli("audit", "verify-pack", str(out))
    assert bad.returncode == 1 and "bị thay đổi" in bad.stdout
    period = tmp_path / "ky.zip"
    made = run_cli(
        "--db", url(demo_db), "--user", "auditor", "audit", "pack", "--out", str(period),
        "--from", TODAY.isoformat(), "--to", TODAY.isoformat(), env=PW,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert run_cli("audit", "verify-pack", str(period)).returncode == 0
    refused = run_cli(
        "--db",
        url(demo_db),
        "--user",
        "clerk",
        "audit",
        "pack",
        "QT-TEST-01",
        "--out",
        str(out),
        env=PW,
    )
    assert refused.returncode == 1 and "không có quyền" in refused.stderr


def test_cli_as_of_log_and_trace(demo_db: Database, people: dict[str, Actor]) -> None:
    issue(demo_db, people)
    later = TODAY + dt.timedelta(days=15)
    issue(demo_db, people, effective=later, create=False, summary="Sửa lần 2")

    def issue_on(day: dt.date) -> int:
        result = run_cli(
            "--db",
            url(demo_db),
            "--user",
            "auditor",
            "audit",
            "as-of",
            day.isoformat(),
            "--json",
            env=PW,
        )
        assert result.returncode == 0, result.stderr
        return next(
            d["issue"] for d in json.loads(result.stdout)["documents"] if d["code"] == "QT-TEST-01"
        )

    assert (issue_on(later - dt.timedelta(days=1)), issue_on(later)) == (1, 2)
    log = run_cli(
        "--db", url(demo_db), "--user", "auditor", "audit", "log", "--entity", "document",
        "--id", "QT-TEST-01", "--actor", "approver", "--from", TODAY.isoformat(), "--json", env=PW,
    )  # fmt: skip
    assert log.returncode == 0, log.stderr
    assert [e["action"] for e in json.loads(log.stdout)] == [
        "document.sign.approved",
        "document.approve",
    ] * 2
    code = received(demo_db, people["clerk"])
    intake.print_receipt(demo_db, people["clerk"], code)
    trace = run_cli(
        "--db", url(demo_db), "--user", "auditor", "dossier", "trace", code, "--json", env=PW
    )
    assert trace.returncode == 0, trace.stderr
    shown = json.loads(trace.stdout)
    assert shown["form_revision"].startswith("BM.MC.2025.01@") and len(shown["prints"]) == 1
    assert shown["prints"][0]["intact"] and [e["action"] for e in shown["events"]] == [
        "dossier.receive",
        "slip.print",
    ]
