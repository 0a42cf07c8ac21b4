"""The audit log in the auditor's language: every action the program can record has a
Vietnamese and an English label; the command line and the evidence pack speak in words;
a period is read by the day things happened, late entries included."""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, Dossier, PrintLog
from isoqms.domain import audit_labels as labels
from isoqms.domain import clock
from isoqms.domain.documents import Meaning
from isoqms.domain.journey import Action
from isoqms.services import evidence
from tests.helpers import login, run_cli

ROOT = Path(__file__).resolve().parents[2]
PW = {"ISOQMS_PASSWORD": "demo"}

#: the calls that build their action from a value, and every action each can make
DYNAMIC: dict[str, set[str]] = {
    "f'dossier.{action.value}'": {f"dossier.{a.value}" for a in Action},
    "f'document.sign.{meaning.value}'": {f"document.sign.{m.value}" for m in Meaning},
    "f'finding.{event}'": {"finding.plan", "finding.done", "finding.verify", "finding.close"},
    "f'notice.{draft.kind}'": {"notice.supplement", "notice.refusal"},
    "printout.action": set(),  # every Printout names its action: action="…" below
    "action": set(),  # a variable given one of the strings below
    "PERIODIC_ACTION": {"document.review.periodic"},
}


def _constants(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def written_actions() -> tuple[set[str], set[str]]:
    """The actions the source can write, and the expressions it builds them from."""
    found: set[str] = set()
    built: set[str] = set()
    for path in (ROOT / "isoqms").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name == "record" and node.args:
                    constants = _constants(node.args[0])
                    found |= constants
                    if not constants:
                        built.add(ast.unparse(node.args[0]))
                if name in ("_apply", "_upsert") and len(node.args) == 3:
                    found |= _constants(node.args[2])
                for keyword in node.keywords:
                    if keyword.arg == "action" and name in ("Printout",):
                        found |= _constants(keyword.value)
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and (t.id == "action" or t.id.endswith("_ACTION"))
                for t in node.targets
            ):
                found |= _constants(node.value)
    return found, built


def test_every_action_the_program_records_has_a_vietnamese_and_an_english_label(
    demo_year: Database,
) -> None:
    demo_db = demo_year
    found, built = written_actions()
    unknown = built - set(DYNAMIC)
    assert not unknown, f"an action built in a new way: list what it can make in DYNAMIC {unknown}"
    actions = found | set().union(*DYNAMIC.values())
    assert len(actions) > 80  # the scan sees the program, not a few files
    # and what a whole demo year actually recorded
    with demo_db.read() as session:
        recorded = set(session.execute(select(AuditEvent.action).distinct()).scalars())
    missing = sorted(a for a in actions | recorded if a not in labels.ACTIONS)
    assert missing == []
    for code in actions | recorded:
        vi, en = labels.ACTIONS[code]
        assert vi and en and code not in (vi, en)
        assert labels.action_label(code, "en") == en and labels.action_label(code) == vi


def test_every_kind_of_object_the_program_records_has_its_name() -> None:
    entities: set[str] = set()
    for path in (ROOT / "isoqms").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "record" and len(node.args) >= 2:
                entities |= {n.value for n in [node.args[1]] if isinstance(n, ast.Constant)}
            if name == "Printout":
                entities |= {
                    k.value.value
                    for k in node.keywords
                    if k.arg == "entity" and isinstance(k.value, ast.Constant)
                }
    entities |= {"calendar_day", "document", "procedure", "record_type"}  # module ENTITY
    assert sorted(e for e in entities if e not in labels.ENTITIES) == []


def test_a_filter_that_cannot_match_says_why(demo_db: Database) -> None:
    from isoqms.domain.errors import NotFound, ValidationError
    from isoqms.services.auditor import TimelineFilter, timeline

    auditor = login(demo_db, "auditor")
    for flt, error in (
        (TimelineFilter(date_from=dt.date(2026, 12, 1), date_to=dt.date(2026, 11, 1)),
         ValidationError),
        (TimelineFilter(kind="foo", key="1"), ValidationError),
        (TimelineFilter(person="nobody"), NotFound),
        (TimelineFilter(action="nope"), ValidationError),
    ):  # fmt: skip
        with pytest.raises(error):
            timeline(demo_db, auditor, flt)
    # a review, an audit, a finding by the number people use
    from isoqms.services.management_review import reviews

    number = reviews(demo_db, auditor)[-1].number
    found = timeline(demo_db, auditor, TimelineFilter(kind="iso_review", key=number.lower()))
    assert [e.action for e in found] == ["review.record", "review.approve"]
    assert found[0].what == f"Xem xét của lãnh đạo {number}"


def test_values_are_written_as_people_write_them() -> None:
    assert labels.value_text("received_at", "2026-11-03T07:05:00") == "03/11/2026 07:05"
    assert labels.value_text("channel", "online") == "trực tuyến"
    assert labels.value_text("channel", "online", "en") == "online"
    assert labels.value_text("fee", 1250000) == "1.250.000 đ"
    assert labels.value_text("sha256", "ab" * 32) == "abababab…abab"
    assert labels.value_text("sha256", "ab" * 32, full=True) == "ab" * 32
    assert labels.value_text("backdated", True) == "có"
    assert labels.field_label("appointment") == "Hẹn trả"
    assert labels.field_label("appointment", "en") == "Appointment"


@pytest.fixture
def demo_url(demo_year: Database) -> str:
    return demo_year.url.render_as_string(hide_password=False)


def test_a_dossiers_log_from_the_command_line_speaks_vietnamese(
    demo_db: Database, demo_url: str, tmp_path: Path
) -> None:
    with demo_db.read() as session:
        code, name = session.execute(
            select(Dossier.code, Dossier.applicant_name).order_by(Dossier.id).limit(1)
        ).one()
    text = run_cli(
        "--db", demo_url, "--user", "auditor", "audit", "log", "--entity", "dossier", "--id",
        code, env=PW,
    )  # fmt: skip
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "Tiếp nhận hồ sơ" in out and f"{code} — {name}" in out
    assert "Đỗ Thị Ngọc Ánh (Công chức tiếp nhận)" in out and "Hình thức nộp:" in out
    assert not [c for c in labels.ACTIONS if c in out]  # none of the internal codes
    assert "ghi muộn lúc" in out  # the demo's steps were typed after they happened
    # newest first on screen; the codes kept, the words added, in --json
    seqs = [int(line.split()[0]) for line in out.splitlines() if line[:6].strip().isdigit()]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) >= 2
    data = run_cli(
        "--db", demo_url, "--user", "auditor", "audit", "log", "--entity", "dossier", "--id",
        code, "--json", env=PW,
    )  # fmt: skip
    events = json.loads(data.stdout)
    first = events[0]
    assert first["action"] == "dossier.receive" and first["action_label"] == "Tiếp nhận hồ sơ"
    assert first["entity"] == "dossier" and first["what"] == f"{code} — {name}"
    assert first["late"] is True and first["happened_at"].startswith(
        first["after"]["received_at"][:16]
    )
    assert {"field", "before", "after", "label", "before_text", "after_text"} <= set(
        first["changes"][0]
    )
    english = run_cli(
        "--db", demo_url, "--user", "auditor", "audit", "log", "--entity", "dossier", "--id",
        code, "--lang", "en", env=PW,
    )  # fmt: skip
    assert "Dossier received" in english.stdout
    # the same log taken away, in words
    out_file = tmp_path / "nhat-ky.pdf"
    made = run_cli(
        "--db", demo_url, "--user", "auditor", "audit", "log", "--entity", "dossier", "--id",
        code, "--out", str(out_file), env=PW,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    from tests.helpers_pdf import pdf_text

    printed = " ".join(pdf_text(out_file.read_bytes(), tmp_path).split())
    assert "TRÍCH NHẬT KÝ KIỂM TRA" in printed and "Tiếp nhận hồ sơ" in printed
    assert "dossier.receive" not in printed
    bad = run_cli(
        "--db", demo_url, "--user", "auditor", "audit", "log", "--out", str(tmp_path / "x.txt"),
        env=PW,
    )  # fmt: skip
    assert bad.returncode == 1 and ".xlsx" in bad.stderr and "Traceback" not in bad.stderr


def _last_full_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def test_a_months_pack_holds_what_happened_in_it_late_entries_and_prints_included(
    demo_year: Database, tmp_path: Path
) -> None:
    demo_db = demo_year
    start, end = _last_full_month(clock.today())
    auditor = login(demo_db, "auditor")
    with demo_db.read() as session:
        rows = session.execute(
            select(AuditEvent.seq, AuditEvent.entity_id, AuditEvent.after).where(
                AuditEvent.entity == "dossier"
            )
        ).all()
        happened = {
            seq: entity_id
            for seq, entity_id, after in rows
            if (m := labels.business_moment(json.loads(after or "{}"))) is not None
            and start <= m.date() <= end
        }
        codes = set(happened.values())
        ids = set(session.execute(select(Dossier.id).where(Dossier.code.in_(codes))).scalars())
        prints = session.execute(
            select(PrintLog.sha256).where(PrintLog.dossier_id.in_(ids))
        ).scalars()
        printed = set(prints)
    assert happened and printed  # the demo worked and printed in that month
    data = evidence.period_pack(demo_db, auditor, start, end)
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        events = [json.loads(line) for line in pack.read("audit-events.jsonl").splitlines()]
        summary = pack.read("summary.pdf")
    seqs = {e["seq"] for e in events}
    assert set(happened) <= seqs  # every step of the month, though typed later
    assert evidence.verify_pack(data).ok
    from tests.helpers_pdf import pdf_text

    text = pdf_text(summary, tmp_path)
    flat = " ".join(text.split())
    assert "Việc ghi muộn:" in flat and "Đỗ Thị Ngọc Ánh" in flat
    assert all(digest[:32] in text for digest in printed)  # each print of the month's dossiers
    assert "dossier.receive" not in flat and "Tiếp nhận hồ sơ" in flat
