"""Every tampering the attack of November 2026 got past ``audit verify``, done again with raw
SQL as someone who can write the database would (the triggers dropped first): each is now
found, and named — the first bad event, row or file. Where only an anchor outside the
database can tell (a log cut short or rewritten whole), the check runs ``--against`` a
checkpoint made before the tampering.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from isoqms.db.engine import Database
from isoqms.domain.audit import EventRecord
from isoqms.services import anchors, intake, integrity
from isoqms.services.intake import Applicant, IntakeDraft
from tests.helpers import intruder_sql, login, raw_engine, run_cli
from tests.services.test_documents import issue

NOW = dt.datetime(2026, 11, 30, 9, 15)


@dataclasses.dataclass
class Scene:
    db: Database
    url: str
    code: str  # a dossier received and printed
    slip: str  # its slip's stored file
    revision: int  # a revision approved through three signatures
    anchor: Path  # a checkpoint made after all that
    anchor_seq: int
    clerk_id: int

    def one(self, sql: str) -> Any:
        engine = raw_engine(self.db)
        try:
            with engine.connect() as conn:
                return conn.execute(text(sql)).scalar()
        finally:
            engine.dispose()


@pytest.fixture
def scene(demo_db: Database, tmp_path: Path) -> Scene:
    people = {r: login(demo_db, r) for r in ("iso_secretary", "reviewer", "approver", "clerk")}
    clerk = people["clerk"]
    code = intake.receive(
        demo_db, clerk, IntakeDraft("1.001193", Applicant("Trần Văn Bình", phone="0912345678")),
        now=NOW,
    ).code  # fmt: skip
    slip = intake.print_receipt(demo_db, clerk, code).sha256
    revision = issue(demo_db, people, "QT-TAMPER-01").id
    assert integrity.verify(demo_db).ok  # this computer's point, as at any start
    anchor = anchors.make(demo_db, login(demo_db, "admin"))
    path = tmp_path / "moc.json"
    path.write_text(anchor.to_json(), encoding="utf-8")
    intake.receive(demo_db, clerk, IntakeDraft("1.001193", Applicant("Lê Thị Hoa")), now=NOW)
    return Scene(
        demo_db,
        demo_db.url.render_as_string(hide_password=False),
        code,
        slip,
        revision,
        path,
        anchor.seq,
        clerk.user_id,
    )


def verify(scene: Scene, *extra: str) -> tuple[int, dict[str, Any], str]:
    result = run_cli("--db", scene.url, "audit", "verify", "--json", *extra)
    assert "Traceback" not in result.stderr + result.stdout
    return result.returncode, json.loads(result.stdout), result.stderr


def rechain(scene: Scene, from_seq: int, edit: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite the log from ``from_seq`` with ``edit`` applied to that event, every hash
    after it recomputed and the head moved — a forger who knows the format."""
    intruder_sql(scene.db)
    engine = raw_engine(scene.db)
    try:
        with engine.begin() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, seq, at, actor_id, actor, action, entity, entity_id, before,"
                    " after, prev_hash, rows FROM audit_event WHERE seq >= :s ORDER BY seq"
                ),
                {"s": from_seq},
            ).mappings()
            prev = None
            for row in [dict(r) for r in rows]:
                if row["seq"] == from_seq:
                    edit(row)
                prev = row["prev_hash"] if prev is None else prev
                at = row["at"]
                at = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at)
                record = EventRecord(
                    row["seq"], at, row["actor_id"], row["actor"], row["action"], row["entity"],
                    row["entity_id"], row["before"], row["after"], prev, rows=row["rows"],
                )  # fmt: skip
                digest = record.digest()
                conn.execute(
                    text(
                        "UPDATE audit_event SET actor = :a, after = :f, prev_hash = :p, hash = :h"
                        " WHERE id = :i"
                    ),
                    {"a": row["actor"], "f": row["after"], "p": prev, "h": digest, "i": row["id"]},
                )
                prev = digest
            conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    finally:
        engine.dispose()


def test_untouched_data_passes_with_and_without_the_checkpoint(scene: Scene) -> None:
    code, report, _ = verify(scene)
    assert code == 0 and report["first_bad"] is None and report["rows"] > 100
    code, report, _ = verify(scene, "--against", str(scene.anchor))
    assert code == 0 and report["anchor"]["ok"] and report["anchor"]["events_after"] == 2
    short = f"{scene.anchor_seq}:{json.loads(scene.anchor.read_text())['hash']}"
    assert verify(scene, "--against", short)[0] == 0  # as typed from the printed page


# ------------------------------------------------------------------ business rows

ROW_TAMPERING: dict[str, tuple[Callable[[Scene], list[str]], str, str]] = {
    "applicant-renamed": (
        lambda s: [f"UPDATE dossier SET applicant_name = 'Mallory' WHERE code = '{s.code}'"],
        "dossier",
        "bị sửa",
    ),
    "appointment-moved": (
        lambda s: [f"UPDATE dossier SET appointment = {_day_later(s)} WHERE code = '{s.code}'"],
        "dossier",
        "bị sửa",
    ),
    "dossier-deleted": (
        lambda s: [
            *_fk_off(s),
            "DELETE FROM print_log WHERE dossier_id ="
            f" (SELECT id FROM dossier WHERE code = '{s.code}')",
            f"DELETE FROM dossier WHERE code = '{s.code}'",
        ],
        "",
        "bị xoá",
    ),
    "print-log-row-deleted": (
        lambda s: [f"DELETE FROM print_log WHERE sha256 = '{s.slip}'"],
        "print_log",
        "bị xoá",
    ),
    "print-pdf-swapped": (
        lambda s: [
            "UPDATE print_log SET sha256 = (SELECT min(sha256) FROM stored_file"
            f" WHERE sha256 <> '{s.slip}') WHERE sha256 = '{s.slip}'"
        ],
        "print_log",
        "bị sửa",
    ),
    "approved-revision-repointed": (
        lambda s: [
            "UPDATE document_revision SET file_sha256 = (SELECT min(sha256) FROM stored_file"
            f" WHERE sha256 <> document_revision.file_sha256) WHERE id = {s.revision}"
        ],
        "document_revision",
        "bị sửa",
    ),
    "procedure-content-edited": (
        lambda s: [
            "UPDATE procedure_revision SET content = replace(content, 'ngày', 'tháng')"
            " WHERE id = (SELECT min(id) FROM procedure_revision)"
        ],
        "procedure_revision",
        "bị sửa",
    ),
    "clerk-made-admin": (
        lambda s: [f"INSERT INTO user_role (user_id, role) VALUES ({s.clerk_id}, 'admin')"],
        "user_role",
        "thêm vào ngoài chương trình",
    ),
    "role-rewritten": (
        lambda s: [f"UPDATE user_role SET role = 'admin' WHERE user_id = {s.clerk_id}"],
        "user_role",
        "bị sửa",
    ),
    "signature-renamed": (
        lambda s: [
            "UPDATE revision_signature SET full_name = 'Người khác'"
            f" WHERE revision_id = {s.revision} AND meaning = 'approved'"
        ],
        "revision_signature",
        "bị sửa",
    ),
    "unit-profile-edited": (
        lambda s: ["UPDATE unit_profile SET unit_code = '000.00.99.H99'"],
        "unit_profile",
        "bị sửa",
    ),
    "holiday-removed": (
        lambda s: [
            "UPDATE calendar_day SET active = false WHERE id = (SELECT min(id) FROM calendar_day)"
        ],
        "calendar_day",
        "bị sửa",
    ),
    "password-hash-replaced": (
        lambda s: [
            "UPDATE app_user SET password_hash = '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$"
            f"aGFzaGhhc2hoYXNoaGFzaA' WHERE id = {s.clerk_id}"
        ],
        "app_user",
        "bị sửa",
    ),
}


def _day_later(scene: Scene) -> str:
    if scene.db.backend == "sqlite":
        return "datetime(appointment, '+1 day')"
    return "appointment + interval '1 day'"


def _fk_off(scene: Scene) -> list[str]:
    if scene.db.backend == "sqlite":
        return ["PRAGMA foreign_keys = OFF"]
    return ["SET session_replication_role = replica"]


@pytest.mark.parametrize("case", list(ROW_TAMPERING), ids=list(ROW_TAMPERING))
def test_a_business_row_changed_outside_the_program_is_named(scene: Scene, case: str) -> None:
    statements, table, reason = ROW_TAMPERING[case]
    intruder_sql(scene.db, *statements(scene))
    code, report, stderr = verify(scene)
    bad = report["first_bad"]
    assert code == 1, report
    assert bad["kind"] == "row" and reason in bad["reason"], bad
    if table:
        assert bad["table"] == table, bad
    assert f"bản ghi {bad['table']}#{bad['key']}" in stderr
    assert "Mallory" not in stderr and "0912345678" not in stderr  # never row data


# ------------------------------------------------------------------ the log itself


def test_the_tail_cut_off_and_the_head_moved_back_is_caught_against_a_checkpoint(
    scene: Scene,
) -> None:
    keep = scene.anchor_seq - 1
    h = scene.one(f"SELECT hash FROM audit_event WHERE seq = {keep}")
    intruder_sql(
        scene.db,
        f"DELETE FROM audit_event WHERE seq > {keep}",
        f"UPDATE audit_head SET seq = {keep}, hash = '{h}'",
    )
    integrity.checkpoint_path(scene.db).unlink()  # or checked from another computer
    code, report, _ = verify(scene, "--against", str(scene.anchor))
    # the rows the cut events sealed are gone from the log's account too, but the first
    # thing named is the anchor: the log no longer extends it
    assert code == 1 and report["first_bad"]["kind"] == "anchor", report
    assert f"chỉ còn tới số {keep}" in report["first_bad"]["reason"]


def test_an_event_appended_with_a_correct_hash_is_caught(scene: Scene) -> None:
    engine = raw_engine(scene.db)
    try:
        with engine.connect() as conn:
            last = conn.execute(
                text("SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1")
            ).mappings().one()  # fmt: skip
    finally:
        engine.dispose()
    at = (
        last["at"] if isinstance(last["at"], dt.datetime) else dt.datetime.fromisoformat(last["at"])
    )
    forged = EventRecord(
        last["seq"] + 1, at, None, "system", "user.set_roles", "user", str(scene.clerk_id),
        None, '{"roles":["admin","clerk"]}', last["hash"],
    )  # fmt: skip
    stamp = at.isoformat(sep=" ", timespec="microseconds")
    intruder_sql(
        scene.db,
        "INSERT INTO audit_event (seq, at, actor_id, actor, action, entity, entity_id, after,"
        f" prev_hash, hash) VALUES ({forged.seq}, '{stamp}', NULL, 'system', 'user.set_roles',"
        f" 'user', '{scene.clerk_id}', '{forged.after}', '{forged.prev_hash}',"
        f" '{forged.digest()}')",
        f"UPDATE audit_head SET seq = {forged.seq}, hash = '{forged.digest()}'",
    )
    code, report, _ = verify(scene)
    assert code == 1 and report["first_bad"]["seq"] == forged.seq
    assert "không do chương trình ghi" in report["first_bad"]["reason"]


def test_a_chain_recomputed_from_an_event_newer_than_the_last_check_is_caught(
    scene: Scene,
) -> None:
    """This computer's point follows its own writes: the newest receipt (after the last
    full check) is covered too."""
    newest = scene.one("SELECT max(seq) FROM audit_event")

    def blame(row: dict[str, Any]) -> None:
        row["actor"] = "iso_secretary"

    rechain(scene, newest, blame)
    code, report, stderr = verify(scene)
    assert code == 1 and report["first_bad"]["kind"] == "checkpoint", report
    assert f"sự kiện số {newest}" in stderr


def test_a_chain_recomputed_after_deleting_this_computers_point_is_caught_against_a_checkpoint(
    scene: Scene,
) -> None:
    def blame(row: dict[str, Any]) -> None:
        row["after"] = (row["after"] or "").replace("Trần Văn Bình", "Trần Văn Bính")

    first = scene.one(
        f"SELECT min(seq) FROM audit_event WHERE entity = 'dossier' AND entity_id = '{scene.code}'"
    )
    rechain(scene, first, blame)
    integrity.checkpoint_path(scene.db).unlink()
    assert verify(scene)[0] == 0  # nothing inside the database can tell any more
    code, report, _ = verify(scene, "--against", str(scene.anchor))
    assert code == 1 and report["first_bad"]["kind"] == "anchor"
    assert f"sự kiện số {scene.anchor_seq} có mã băm khác" in report["first_bad"]["reason"]


def test_an_event_time_shifted_without_breaking_its_hash_is_caught(scene: Scene) -> None:
    seq = scene.one(f"SELECT min(seq) FROM audit_event WHERE entity_id = '{scene.code}'")
    if scene.db.backend == "sqlite":
        # the same instant written as local time: it hashed the same, and showed 7 hours off
        at = dt.datetime.fromisoformat(scene.one(f"SELECT at FROM audit_event WHERE seq = {seq}"))
        local = (at + dt.timedelta(hours=7)).isoformat() + "+07:00"
        shift = f"UPDATE audit_event SET at = '{local}' WHERE seq = {seq}"
    else:
        shift = f"UPDATE audit_event SET at = at + interval '7 hours' WHERE seq = {seq}"
    intruder_sql(scene.db, shift)
    code, report, _ = verify(scene)
    assert code == 1 and report["first_bad"] == report["first_bad"] | {"kind": "event", "seq": seq}


def test_a_stored_file_turned_into_text_is_named_not_a_crash(scene: Scene) -> None:
    if scene.db.backend == "sqlite":
        cast = (
            f"UPDATE stored_file SET content = CAST(content AS TEXT) WHERE sha256 = '{scene.slip}'"
        )
    else:  # bytea holds only bytes: the nearest is bytes that are no PDF any more
        cast = (
            "UPDATE stored_file SET content = convert_to('%PDF', 'UTF8')"
            f" WHERE sha256 = '{scene.slip}'"
        )
    intruder_sql(scene.db, cast)
    code, report, _ = verify(scene)
    assert code == 1 and report["first_bad"]["kind"] == "file", report
    assert report["first_bad"]["file"] == scene.slip


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET before = X'00FF' WHERE seq = 3",
        "UPDATE audit_event SET actor_id = 'abc' WHERE seq = 4",
        "UPDATE audit_event SET seq = 'x' WHERE seq = 5",
        "UPDATE audit_event SET rows = '[1,2' WHERE seq = (SELECT max(seq) FROM audit_event)",
        "UPDATE audit_event SET at = 'hôm qua' WHERE seq = 6",
        "UPDATE audit_head SET seq = 'mười'",
        "UPDATE dossier SET received_at = 'không phải ngày' WHERE id = 1",
    ],
    ids=[
        "blob-before", "text-actor-id", "text-seq", "rows-unreadable", "text-at", "text-head",
        "text-date",
    ],
)  # fmt: skip
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # only SQLite stores such values
def test_any_content_in_any_row_gives_an_answer_never_a_crash(scene: Scene, statement: str) -> None:
    intruder_sql(scene.db, statement)
    code, report, stderr = verify(scene)
    assert code == 1 and report["first_bad"] is not None, report
    assert stderr.count("\n") == 1
