"""Hostile input, property-tested (issue 15): every importer fed damaged files and every
command fed odd values ends with exit 0 or 1 (2 for bad usage: argparse's, or one line),
never a traceback nor a program fault, and a refusal leaves the database as it was — every
table's row count and the audit log's head.

Run in this process (``tests.helpers.run_cli``) on a copy of the desk with known dossiers,
on SQLite and on PostgreSQL. Hypothesis draws the inputs; the examples are derandomised
(the same on every run and in CI) and few, as the suite runs under a time budget.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from isoqms.db.engine import Database
from isoqms.db.models import Base
from tests.helpers import ROOT, run_cli
from tests.helpers_journey import Desk

PW = {"ISOQMS_PASSWORD": "demo", "ISOQMS_NEW_PASSWORD": "mat-khau-moi-123"}
FAULT = "Lỗi chương trình"

#: Few examples each (the suite has a time budget), the same ones on every run.
HOSTILE = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# ---------------------------------------------------------------------- the harness


def state(db: Database) -> dict[str, Any]:
    """What a refusal must leave as it was: every table's rows and the log's head."""
    with db.read() as session:
        counts: dict[str, Any] = {
            name: session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in sorted(Base.metadata.tables)
        }
        head = session.execute(text("SELECT seq, hash FROM audit_head")).first()
    counts["audit_head"] = tuple(head) if head else None
    return counts


#: What a refused sign-in writes, and must: every wrong password is in the log (and
#: counted on the account, which it may lock).
SIGN_IN_REFUSALS = frozenset({"user.login_failed", "user.login_refused", "user.locked"})


def only_sign_in_refusals(db: Database, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether all that changed between two states is refused sign-ins in the log."""
    rows = {k: v for k, v in before.items() if k not in ("audit_event", "audit_head")}
    if rows != {k: v for k, v in after.items() if k not in ("audit_event", "audit_head")}:
        return False
    since = before["audit_head"][0] if before["audit_head"] else 0
    with db.read() as session:
        actions = set(
            session.execute(
                text("SELECT DISTINCT action FROM audit_event WHERE seq > :seq"), {"seq": since}
            ).scalars()
        )
    return actions <= SIGN_IN_REFUSALS


class Harness:
    """Runs commands against one database and checks what each left behind."""

    def __init__(self, db: Database, workdir: Path) -> None:
        self.db = db
        self.url = db.url.render_as_string(hide_password=False)
        self.workdir = workdir
        self._state = state(db)

    def folder(self) -> Path:
        """A fresh folder for one example's files."""
        path = self.workdir / uuid.uuid4().hex[:8]
        path.mkdir()
        return path

    def settle(self) -> None:
        """What a fixture wrote before the examples is where they start from."""
        self._state = state(self.db)

    def run(
        self,
        *args: str,
        user: str | None = None,
        db: bool = True,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        argv = (["--db", self.url] if db else []) + (["--user", user] if user else [])
        result = run_cli(*argv, *args, env={**PW, **(env or {})})
        shown = (
            f"isoqms {' '.join(map(repr, args))}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
        assert "Traceback" not in result.stdout + result.stderr, shown
        assert FAULT not in result.stderr, shown
        assert result.returncode in (0, 1, 2), shown
        if result.returncode == 2:  # bad usage: argparse's, or one line of the command's
            lines = result.stderr.strip().splitlines()
            assert "usage:" in result.stderr or len(lines) == 1, shown
        if result.returncode == 1:
            assert len(result.stderr.strip().splitlines()) <= 1, shown
        after = state(self.db)
        if result.returncode != 0 and after != self._state:
            assert only_sign_in_refusals(self.db, self._state, after), f"half-written: {shown}"
        self._state = after
        return result


@pytest.fixture
def harness(desk: Desk, tmp_path: Path) -> Harness:
    return Harness(desk.db, tmp_path)


# ---------------------------------------------------------------------- what is drawn

#: Text that has broken programs: NUL and other control characters (PostgreSQL cannot
#: store a NUL), an escape sequence, a lone surrogate (undecodable bytes in argv), text
#: too long for any column, SQL and LIKE metacharacters, decomposed Vietnamese.
NASTY = [
    "",
    " ",
    "\x00",
    "A\x00B",
    "\x07",
    "a\tb",
    "dòng 1\ndòng 2",
    "\x1b[2J",
    "\u202eabc",
    "\udcff",
    "\u2028",
    "Ư" * 250,
    "x" * 5001,
    "%",
    "_",
    "\\",
    "'; DROP TABLE dossier; --",
    "Le\u0302 Va\u0306n An",
    "Lê Văn An",
    "-",
    "--",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp", "Lo", "Mn"]), max_size=12),
)
DATE = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.sampled_from(
        ["0001-01-01", "9999-12-31", "1989-12-31", "2200-01-01", "2026-02-30", "24/11/2026", "x"]
    ),
)
MOMENT = st.one_of(
    st.datetimes().map(lambda d: d.isoformat(" ", "minutes")),
    st.sampled_from(["0001-01-01 00:00", "9999-12-31 23:59", "2026-11-30 25:00", "hôm qua"]),
)
NUMBER = st.one_of(
    st.integers(-3, 3),
    st.sampled_from([1989, 1990, 2026, 2199, 2200, 9999, 10000, 2**31, 2**63, 10**30]),
    st.integers(),
).map(str)
YEAR = st.one_of(NUMBER, st.integers(1985, 2205).map(str))
DOSSIERS = [f"000.00.38.H47-2611{day:02d}-{n:04d}" for day in (2, 3, 30) for n in (1, 2, 5, 9)]
DOSSIER = st.one_of(st.sampled_from(DOSSIERS), TEXT)
PROCEDURE = st.one_of(st.sampled_from(["1.004873", "2.000815", "1.001193", "9.999999"]), TEXT)
DOCUMENT = st.one_of(st.sampled_from(["QT-HT-01", "CSCL-01", "QT-KSTL-01", "BM-99"]), TEXT)
USERS = [
    "admin", "iso_secretary", "reviewer", "approver", "clerk", "officer", "auditor",
    "internal_auditor",
]  # fmt: skip
USER = st.one_of(st.sampled_from(USERS), TEXT)
LIMIT = st.one_of(st.sampled_from(["0", "-1", "1", "99999999999", "10" * 20]), NUMBER)


def out_path(h: Harness, draw: Callable[[Any], Any], suffix: str, *, named: bool = False) -> str:
    """Where a command is told to write: fine, a folder that does not exist, a folder,
    a NUL in the name, a name too long, the wrong extension (not when the command wants
    ``named``: ``audit pack`` refuses a name without .zip as a usage error, exit 2)."""
    folder = h.folder()
    kinds = ["fine", "missing", "nul", "long"] + ([] if named else ["folder", "suffix"])
    kind = draw(st.sampled_from(kinds))
    return {
        "fine": str(folder / f"ra{suffix}"),
        "missing": str(folder / "khong-co" / f"ra{suffix}"),
        "folder": str(folder),
        "nul": str(folder / f"r\x00a{suffix}"),
        "long": str(folder / ("a" * 300 + suffix)),
        "suffix": str(folder / "ra.txt"),
    }[kind]


# ---------------------------------------------------------------------- damaged files


class Blob(bytes):
    """Bytes whose repr stays short: a failing example's report prints what was drawn,
    and Hypothesis refuses (a warning, an error here) to print hundreds of kB — the
    report would then say "flaky" instead of what failed."""

    def __repr__(self) -> str:
        if len(self) <= 200:
            return bytes.__repr__(self)
        return f"<{len(self)} bytes: {bytes.__repr__(self[:60])}…>"


class Body(str):
    """Text whose repr stays short (see :class:`Blob`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        if len(self) <= 200:
            return str.__repr__(self)
        return f"<{len(self)} characters: {str.__repr__(self[:60])}…>"


class Kept(dict[str, bytes]):
    """The files a fixture made, shown in a report by their names and sizes (see
    :class:`Blob`)."""

    def __repr__(self) -> str:
        return f"Kept({', '.join(f'{k}: {len(v)} bytes' for k, v in self.items())})"


@st.composite
def damaged(draw: Any, original: bytes) -> bytes:
    """``original`` with a few bytes flipped, cut, inserted or overwritten — or, for a
    zip, one member's content damaged and the archive rebuilt with valid checksums (so
    the damage reaches the XML readers, not only the zip reader)."""
    if original[:2] == b"PK" and draw(st.booleans()):
        with zipfile.ZipFile(io.BytesIO(original)) as archive:
            members = [(i, archive.read(i)) for i in archive.infolist()]
        at = draw(st.integers(0, len(members) - 1))
        info, content = members[at]
        members[at] = (info, draw(_mutated(content)))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in members:  # each with its own times: the same bytes each run
                archive.writestr(member, data)
        return Blob(out.getvalue())
    return Blob(draw(_mutated(original)))


@st.composite
def _mutated(draw: Any, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete", "overwrite"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(chunk)] = chunk
    return bytes(data)


PORTAL_XLSX = (ROOT / "tests" / "data" / "danh-sach-tthc-BoTuPhap.xlsx").read_bytes()


@HOSTILE
@given(data=st.data())
def test_a_damaged_portal_list_is_refused_in_words(harness: Harness, data: st.DataObject) -> None:
    file = harness.folder() / "danh-sach.xlsx"
    file.write_bytes(data.draw(damaged(PORTAL_XLSX)))
    harness.run("procedures", "import", str(file), user="iso_secretary")


def _content() -> dict[str, Any]:
    """Two procedures of the demo commune in the import format (the file a secretary
    exports, edits and imports again)."""
    full = json.loads((ROOT / "resources" / "demo" / "procedures.json").read_text("utf-8"))
    return {**full, "procedures": full["procedures"][:2]}


JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.sampled_from([10**30, -1, 0, 1.5, "", "\x00", "x" * 5000, "24:99", "1.001193"])
    | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*here, i))


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [_replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]


@st.composite
def mutated_content(draw: Any) -> str:
    """The content file with one node anywhere replaced by hostile JSON — ``NaN`` and
    ``Infinity`` included — or broken as text (nesting too deep, a number of thousands of
    digits, cut short)."""
    content = _content()
    how = draw(st.sampled_from(["node", "node", "node", "deep", "digits", "cut"]))
    if how == "deep":
        deep = "[" * 100_000 + "]" * 100_000
        return Body(
            json.dumps({**content, "procedures": "PLACEHOLDER"}).replace('"PLACEHOLDER"', deep)
        )
    if how == "digits":
        return Body(json.dumps(content).replace('"amount": 3', '"amount": ' + "9" * 5000, 1))
    body = json.dumps(content, ensure_ascii=False)
    if how == "cut":
        return Body(body[: draw(st.integers(0, len(body) - 1))])
    path = draw(st.sampled_from(list(_paths(content))[1:]))
    return Body(json.dumps(_replaced(content, path, draw(JSON_VALUE)), ensure_ascii=False))


@HOSTILE
@given(body=mutated_content())
def test_a_mutated_procedure_file_is_refused_in_words(harness: Harness, body: str) -> None:
    file = harness.folder() / "thu-tuc.json"
    file.write_text(body, encoding="utf-8", errors="surrogatepass")
    harness.run("procedures", "import", str(file), user="iso_secretary")


SCHEDULE = "date,kind,name,source\n2027-02-04,off,Nghỉ Tết,TB 2027\n2027-02-20,working,Làm bù,\n"


@st.composite
def mutated_schedule(draw: Any) -> str:
    """The schedule file with quotes, separators, line breaks and control characters
    put anywhere, or a field replaced by hostile text."""
    body = SCHEDULE
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(body)))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(['"', ",", "\n", "\r", "\x00", "\x07", "\ufeff", '""']))
        else:
            piece = draw(TEXT)
        body = body[:at] + piece + body[at:]
    return body


@HOSTILE
@given(body=mutated_schedule())
def test_a_mutated_schedule_file_is_refused_in_words(harness: Harness, body: str) -> None:
    file = harness.folder() / "lich.csv"
    file.write_bytes(body.encode("utf-8", errors="surrogatepass"))
    harness.run("calendar", "import", str(file), user="admin")


def _docx() -> bytes:
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "QUY TRÌNH THỬ NGHIỆM NHẬP"
    table.cell(0, 1).text = "Mã hiệu: QT-TN-09\nLần ban hành: 02"
    doc.add_paragraph("1. Mục đích")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 750, "Huong dan")
    canvas.save()
    return out.getvalue()


DOCX, PDF = _docx(), _pdf()
FILE_NAME = st.one_of(
    st.sampled_from(["QT-TN-09 - Quy trình thử.docx", "HD-TN-01 - Hướng dẫn.pdf"]),
    TEXT.map(lambda t: f"QT-TN-08 - {t.replace('/', '-')[:150]}.docx"),
)


@HOSTILE
@given(data=st.data())
def test_a_damaged_document_folder_is_refused_in_words(
    harness: Harness, data: st.DataObject
) -> None:
    folder = harness.folder()
    name = data.draw(FILE_NAME)
    original = PDF if name.endswith(".pdf") else DOCX
    content = data.draw(st.one_of(damaged(original), st.just(original), st.binary(max_size=64)))
    try:
        (folder / name).write_bytes(content)
    except (OSError, ValueError):  # a name the file system does not take: not our input
        return
    effective = data.draw(st.one_of(st.just("2026-01-05"), DATE))
    harness.run(
        "docs", "import-folder", str(folder), "--effective", effective, user="iso_secretary"
    )


# ---------------------------------------------------------------------- odd values

Draw = Callable[[Any], Any]
#: A way to call a command: who, and the arguments (drawn when the way is chosen) — and
#: the environment, for a command that reads a password from it.
Way = Callable[[], tuple[Any, ...]]
Command = Callable[[Harness, Draw], list[Way]]


def _calendar(h: Harness, draw: Draw) -> list[Way]:
    def due() -> tuple[str | None, list[str]]:
        length = draw(st.sampled_from(["--days", "--calendar-days", "--hours", "--same-day"]))
        amount = [] if length == "--same-day" else [draw(YEAR)]
        extra = draw(st.sampled_from([[], ["--cutoff"], ["--office-hours"]]))
        return None, [
            "calendar", "due", "--received", draw(MOMENT), length, *amount,
            *[part for option in extra for part in (option, draw(TEXT))],
        ]  # fmt: skip

    return [
        due,
        lambda: (None, ["calendar", "days", "--year", draw(YEAR)]),
        lambda: (None, ["calendar", "status", "--year", draw(YEAR)]),
        lambda: (None, ["calendar", "export", "-", "--year", draw(YEAR)]),
        lambda: (None, ["calendar", "export", out_path(h, draw, ".csv")]),
        lambda: (
            "admin",
            [
                "calendar",
                "set",
                draw(DATE),
                "--kind",
                "off",
                "--name",
                draw(TEXT),
                "--source",
                draw(TEXT),
            ],
        ),
        lambda: ("admin", ["calendar", "remove", draw(DATE)]),
    ]


def _catalogue(h: Harness, draw: Draw) -> list[Way]:
    return [
        lambda: (None, ["procedures", "list", draw(TEXT), "--limit", draw(LIMIT)]),
        lambda: (None, ["procedures", "export", "-", "--code", draw(PROCEDURE)]),
        lambda: (None, ["procedures", "export", out_path(h, draw, ".json")]),
        lambda: ("admin", ["docs", "list", "--as-of", draw(DATE)]),
        lambda: ("admin", ["docs", "history", draw(DOCUMENT), "--as-of", draw(DATE)]),
        lambda: (
            "admin",
            ["docs", "register", "--out", out_path(h, draw, ".xlsx"), "--as-of", draw(DATE)],
        ),
        lambda: (
            "iso_secretary",
            ["docs", "generate", draw(DOCUMENT), "--out", out_path(h, draw, ".docx")],
        ),
        lambda: (
            "iso_secretary",
            [
                "docs",
                "generate",
                draw(DOCUMENT),
                "--revision",
                draw(REVISION),
                "--out",
                out_path(h, draw, ".docx"),
            ],
        ),
        lambda: (
            draw(st.sampled_from(["approver", "clerk"])),
            ["docs", "withdraw", draw(DOCUMENT), "--reason", draw(TEXT), "--effective", draw(DATE)],
        ),
        lambda: (
            draw(st.sampled_from(["reviewer", "iso_secretary"])),
            ["docs", "review", draw(DOCUMENT), "--no-change", "--note", draw(TEXT)],
        ),
        lambda: ("auditor", ["docs", "copies", draw(DOCUMENT)]),
        lambda: (draw(USER), ["iso", "legal-updates", "--as-of", draw(DATE)]),
        lambda: (draw(USER), ["iso", "status", "--as-of", draw(DATE)]),
        lambda: (draw(USER), ["iso", "findings", "--open"]),
        lambda: (draw(USER), ["iso", "risks"]),
        lambda: (
            draw(st.sampled_from(["iso_secretary", "clerk"])),
            [
                "iso",
                "risk",
                "add",
                "--description",
                draw(TEXT),
                "--likelihood",
                "2",
                "--impact",
                "3",
                "--review",
                draw(DATE),
            ],
        ),
        lambda: (
            draw(USER),
            ["iso", "review-report", "--year", draw(YEAR), "--out", out_path(h, draw, ".docx")],
        ),
        lambda: (
            draw(st.sampled_from(["reviewer", "clerk"])),
            ["iso", "finding", "raise", "--kind", "nonconformity", "--description", draw(TEXT)],
        ),
        lambda: (
            draw(USER),
            [
                "iso",
                "finding",
                "plan",
                draw(FINDING),
                "--action",
                draw(TEXT),
                "--owner",
                draw(USER),
                "--due",
                draw(DATE),
            ],
        ),
        lambda: (draw(USER), ["iso", "finding", "done", draw(FINDING), "--note", draw(TEXT)]),
        lambda: (
            draw(USER),
            ["iso", "finding", "verify", draw(FINDING), "--effective", "--note", draw(TEXT)],
        ),
        lambda: (draw(USER), ["iso", "finding", "close", draw(FINDING), "--note", draw(TEXT)]),
        lambda: (
            draw(st.sampled_from(["approver", "iso_secretary"])),
            ["iso", "declaration", "--out", out_path(h, draw, ".docx"), "--number", draw(TEXT)],
        ),
        lambda: (draw(USER), ["iso", "audits", "--year", draw(YEAR)]),
        lambda: (
            draw(st.sampled_from(["iso_secretary", "clerk"])),
            [
                "iso",
                "audit",
                "plan",
                "--title",
                draw(TEXT),
                "--process",
                draw(DOCUMENT),
                "--date",
                draw(DATE),
                "--lead",
                draw(USER),
            ],
        ),
        lambda: (draw(USER), ["iso", "audit", "approve-programme", "--year", draw(YEAR)]),
        lambda: (draw(USER), ["iso", "audit", "checklist", draw(AUDIT)]),
        lambda: (draw(USER), ["iso", "reviews", "--year", draw(YEAR)]),
        lambda: (
            draw(st.sampled_from(["iso_secretary", "auditor"])),
            [
                "iso",
                "review",
                "record",
                "--held-on",
                draw(DATE),
                "--chair",
                draw(TEXT),
                "--participants",
                draw(TEXT),
                "--conclusion",
                draw(TEXT),
                "--decision",
                draw(st.one_of(TEXT, st.builds("{}|{}|{}".format, TEXT, USER, DATE))),
            ],
        ),
        lambda: (draw(USER), ["iso", "review", "approve", draw(st.one_of(NUMBER, TEXT))]),
        lambda: (
            draw(USER),
            [
                "iso",
                "review-report",
                "--year",
                draw(YEAR),
                "--review",
                draw(st.one_of(st.just("XX-2026-01"), TEXT)),
                "--out",
                out_path(h, draw, ".docx"),
            ],
        ),
        lambda: (
            draw(st.sampled_from(["internal_auditor", "iso_secretary"])),
            [
                "iso",
                "audit",
                "answer",
                draw(AUDIT),
                draw(NUMBER),
                "--result",
                draw(st.sampled_from(["conform", "nonconform", "na"])),
                "--note",
                draw(TEXT),
                "--evidence",
                draw(EVIDENCE),
            ],
        ),
        lambda: (
            draw(USER),
            [
                "iso",
                "audit",
                "report",
                draw(AUDIT),
                "--out",
                out_path(h, draw, ".docx"),
                *draw(st.sampled_from([[], ["--conclusion", "Đạt"]])),
            ],
        ),
        lambda: ("iso_secretary", ["docs", "start", draw(DOCUMENT), "--summary", draw(TEXT)]),
        lambda: (
            "iso_secretary",
            ["docs", "attach", draw(DOCUMENT), content_path(h, draw)],
        ),
        lambda: ("iso_secretary", ["docs", "attach", draw(DOCUMENT), "--generated"]),
        lambda: (draw(USER), ["docs", "submit", draw(DOCUMENT)]),
        lambda: (draw(USER), ["docs", "review", draw(DOCUMENT), "--accept"]),
        lambda: (draw(USER), ["docs", "approve", draw(DOCUMENT), "--effective", draw(DATE)]),
        lambda: (draw(USER), ["docs", "send-back", draw(DOCUMENT), "--comment", draw(TEXT)]),
        lambda: ("iso_secretary", ["docs", "distribute", draw(DOCUMENT), "--to", draw(TEXT)]),
        lambda: (
            "iso_secretary",
            ["docs", "ack", draw(DOCUMENT), "--copy", draw(NUMBER), "--by", draw(TEXT)],
        ),
        lambda: ("iso_secretary", ["docs", "recall", draw(DOCUMENT), "--copy", draw(NUMBER)]),
        lambda: (
            "iso_secretary",
            ["procedures", "draft", draw(PROCEDURE), "--content", content_path(h, draw)],
        ),
    ]


AUDIT = st.one_of(st.sampled_from(["DG-2026-01", "DG-1", "1", "0"]), TEXT)
EVIDENCE = st.one_of(
    st.sampled_from(["dossier:X", "document:QT-HT-01", "event:1", "event:-1", "file:/nope"]),
    TEXT,
)
FINDING = st.one_of(st.sampled_from(["PH-2026-01", "PH-2026-02", "PH-2026-03", "PH-1"]), TEXT)
REVISION = st.one_of(st.sampled_from(["1", "2", "2.0", "1.1", "0", "-1", "x.y"]), TEXT)
EXPORT_JSON = json.dumps(_content(), ensure_ascii=False).encode("utf-8")


def content_path(h: Harness, draw: Draw) -> str:
    """A procedure content file for ``procedures draft``: an export, a damaged one, a
    folder, a file that is not there."""
    folder = h.folder()
    kind = draw(st.sampled_from(["export", "damaged", "folder", "missing"]))
    if kind == "folder":
        return str(folder)
    path = folder / "noi-dung.json"
    if kind != "missing":
        body = EXPORT_JSON if kind == "export" else draw(damaged(EXPORT_JSON))
        path.write_bytes(body)
    return str(path)


def _intake(h: Harness, draw: Draw) -> list[Way]:
    def receive() -> tuple[str | None, list[str]]:
        options = ["--id-number", "--phone", "--address", "--email", "--note", "--received"]
        extra = [
            part
            for option in draw(st.lists(st.sampled_from(options), max_size=3, unique=True))
            for part in (option, draw(MOMENT if option == "--received" else TEXT))
        ]
        return "clerk", [
            "intake", "receive", "--procedure", draw(PROCEDURE), "--applicant", draw(TEXT),
            *extra,
        ]  # fmt: skip

    return [
        receive,
        lambda: ("clerk", ["intake", "slip", draw(DOSSIER), "--out", out_path(h, draw, ".pdf")]),
    ]


def _journey(h: Harness, draw: Draw) -> list[Way]:
    def act(user: str, action: str, *options: str) -> Way:
        def way() -> tuple[str | None, list[str]]:
            args = ["dossier", action, draw(DOSSIER)]
            for option in options:
                if option == "--rating" and draw(st.booleans()):
                    continue
                value = (
                    MOMENT if option == "--new-appointment" else USER if option == "--to" else TEXT
                )
                args += [option, draw(value)]
            if draw(st.booleans()):
                args += ["--at", draw(MOMENT)]
            return user, args

        return way

    return [
        lambda: ("clerk", ["dossier", "show", draw(DOSSIER)]),
        lambda: ("clerk", ["dossier", "find", draw(TEXT), "--limit", draw(LIMIT)]),
        lambda: ("auditor", ["dossier", "trace", draw(DOSSIER)]),
        act("clerk", "handover", "--to"),
        act("clerk", "request-supplement", "--reason"),
        act("clerk", "supplement-received"),
        act("clerk", "result-ready"),
        act("clerk", "return", "--to", "--comment", "--rating"),
        act("clerk", "apologize", "--new-appointment", "--reason"),
        act("approver", "apologize", "--new-appointment", "--reason", "--override"),
        act("approver", "stop", "--reason"),
        act("clerk", "cancel", "--reason"),
        lambda: (
            "clerk",
            [
                "dossier",
                "print",
                draw(DOSSIER),
                "--out",
                out_path(h, draw, ".pdf"),
                "--kind",
                draw(st.sampled_from(["control", "apology", "stop"])),
            ],
        ),
    ]


def _reports(h: Harness, draw: Draw) -> list[Way]:
    def span() -> list[str]:
        return ["--from", draw(DATE), "--to", draw(DATE)]

    def ledger() -> tuple[str | None, list[str]]:
        filters = [
            part
            for option, values in (("--field", TEXT), ("--procedure", PROCEDURE))
            if draw(st.booleans())
            for part in (option, draw(values))
        ]
        dates = span() if draw(st.booleans()) else []
        out = out_path(h, draw, draw(st.sampled_from([".xlsx", ".pdf"])))
        return "admin", [
            "ledger", "--year", "2026", "--book", draw(NUMBER), *filters, *dates, "--out", out,
        ]  # fmt: skip

    return [
        lambda: ("admin", ["report", *span(), "--json"]),
        lambda: ("admin", ["report", *span(), "--out", out_path(h, draw, ".xlsx")]),
        lambda: ("admin", ["ledger", "--year", draw(YEAR), "--out", out_path(h, draw, ".xlsx")]),
        ledger,
    ]


UNIT_OPTIONS = [
    "--commune", "--province", "--district", "--code", "--desk", "--address", "--phone",
    "--email", "--office-hours", "--cutoff", "--counter", "--waiting-days", "--backup-folder",
    "--backup-keep",
]  # fmt: skip
NUMERIC_UNIT_OPTIONS = ("--waiting-days", "--backup-keep")


def env_value(value: str) -> str:
    """``value`` as an environment variable can hold it: no NUL, and of the surrogates
    only those that stand for undecodable bytes (what a process may really be given)."""
    return "".join(
        c
        for c in value
        if c != "\x00" and not ("\ud800" <= c < "\udc80" or "\udd00" <= c <= "\udfff")
    )


def _setup(h: Harness, draw: Draw) -> list[Way]:
    def unit() -> tuple[str | None, list[str]]:
        options = draw(st.lists(st.sampled_from(UNIT_OPTIONS), min_size=1, max_size=3))
        return "admin", [
            "unit", "set",
            *[p for o in options for p in (o, draw(NUMBER if o in NUMERIC_UNIT_OPTIONS else TEXT))],
        ]  # fmt: skip

    def name() -> str:
        # the accounts the other commands log in with are left alone
        return str(draw(st.one_of(TEXT, st.just("officer"), st.just("nguoi_moi"))))

    def add() -> tuple[str | None, list[str]]:
        roles = draw(st.lists(TEXT | st.just("clerk"), max_size=2))
        return "admin", [
            "user", "add", name(), "--name", draw(TEXT), "--title", draw(TEXT),
            *[part for role in roles for part in ("--role", role)],
        ]  # fmt: skip

    def passwd() -> tuple[Any, ...]:
        # the reviewer's own password: right or not, the new one odd or fine (once one is
        # taken, the reviewer's later tries are refused sign-ins, which the log keeps)
        current = draw(st.sampled_from(["demo", "sai-mat-khau"]) | TEXT)
        new = draw(st.sampled_from(["mat-khau-moi-123", "demo", "ngắn"]) | TEXT)
        env = {"ISOQMS_PASSWORD": env_value(current), "ISOQMS_NEW_PASSWORD": env_value(new)}
        return draw(st.sampled_from(["reviewer"]) | TEXT), ["user", "passwd"], env

    return [
        unit,
        lambda: (None, ["unit", "show"]),
        add,
        lambda: ("admin", ["user", "roles", name(), "--role", draw(TEXT | st.just("officer"))]),
        lambda: ("admin", ["user", draw(st.sampled_from(["deactivate", "activate"])), name()]),
        lambda: ("admin", ["user", "reset-password", name()]),
        lambda: ("admin", ["user", "list"]),
        lambda: (draw(TEXT), ["user", "list"]),
        lambda: ("admin", ["user", "unlock", name()]),
        passwd,
    ]


def _audit(h: Harness, draw: Draw) -> list[Way]:
    kinds = st.sampled_from(["document", "revision", "procedure", "dossier", "user"]) | TEXT
    return [
        lambda: ("auditor", ["audit", "log", "--from", draw(DATE), "--to", draw(DATE)]),
        lambda: ("auditor", ["audit", "log", "--entity", draw(kinds), "--id", draw(DOSSIER)]),
        lambda: ("auditor", ["audit", "log", "--actor", draw(USER), "--action", draw(TEXT)]),
        lambda: (
            "auditor",
            [
                "audit",
                "log",
                "--late",
                "--from",
                draw(DATE),
                "--lang",
                draw(st.sampled_from(["vi", "en"])),
                "--out",
                out_path(h, draw, draw(st.sampled_from([".xlsx", ".pdf", ".txt"]))),
            ],
        ),
        lambda: ("auditor", ["audit", "as-of", draw(DATE)]),
    ]


COMMANDS: dict[str, Command] = {
    "calendar": _calendar,
    "catalogue and documents": _catalogue,
    "intake": _intake,
    "dossier journey": _journey,
    "report and ledger": _reports,
    "unit and users": _setup,
    "audit log": _audit,
}


@pytest.mark.parametrize("area", COMMANDS)
@HOSTILE
@given(data=st.data())
def test_odd_values_get_a_message_never_a_traceback(
    harness: Harness, area: str, data: st.DataObject
) -> None:
    way = data.draw(st.sampled_from(COMMANDS[area](harness, data.draw)))
    user, args, *env = way()
    harness.run(*args, user=user, env=env[0] if env else None)


# ---------------------------------------------------------------------- --db


@HOSTILE
@given(data=st.data())
def test_a_database_that_is_not_ours_is_refused_untouched(
    tmp_path: Path, data: st.DataObject
) -> None:
    """``--db`` naming a folder that does not exist (nothing is made), a folder, a file
    that is not a database, a damaged one, another program's SQLite database: refused in
    words, and what is there is left exactly as it was."""
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    kind = data.draw(
        st.sampled_from(["missing", "folder", "bytes", "damaged", "foreign", "nul", "url"])
    )
    target = folder / "isoqms.sqlite3"
    if kind == "missing":
        target = folder / "khong-co" / "isoqms.sqlite3"
    elif kind == "folder":
        target = folder
    elif kind == "bytes":
        target.write_bytes(data.draw(st.binary(max_size=200)))
    elif kind == "damaged":
        target.write_bytes(b"SQLite format 3\x00" + data.draw(st.binary(max_size=200)))
    elif kind == "foreign":
        import sqlite3

        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        conn.commit()
        conn.close()
    before = sorted((p.name, p.read_bytes()) for p in folder.rglob("*") if p.is_file())
    value = str(target)
    if kind == "nul":
        value = f"{target}\x00x"
    elif kind == "url":
        missing = (folder / "khong-co" / "isoqms.sqlite3").as_posix()
        value = data.draw(
            st.sampled_from(
                [f"sqlite:///{missing}", "mysql://x/y", "postgresql://ai@127.0.0.1:9/khong"]
            )
        )
    elsewhere = tmp_path / uuid.uuid4().hex[:8]  # what backup and restore are given
    args = data.draw(
        st.sampled_from(
            [
                ["unit", "show"],
                ["audit", "log"],
                ["calendar", "days"],
                ["backup", "--out", f"{elsewhere}.isoqms-backup"],
                ["restore", f"{elsewhere}.isoqms-backup"],
            ]
        )
    )
    if args[-1] == "days":
        args = [*args, "--year", "2026"]
    result = run_cli("--db", value, "--user", "admin", *args, env=PW)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert FAULT not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert sorted((p.name, p.read_bytes()) for p in folder.rglob("*") if p.is_file()) == before
    assert not (folder / "khong-co").exists()


# ---------------------------------------------------------------------- packs, the check


@HOSTILE
@given(data=st.data())
def test_a_damaged_evidence_pack_is_a_finding_not_a_fault(
    harness: Harness, data: st.DataObject, pack: bytes
) -> None:
    folder = harness.folder()
    manifest = st.fixed_dictionaries(
        {"files": JSON_VALUE, "scope": JSON_VALUE},
        optional={"format": JSON_VALUE, "seal": JSON_VALUE},
    )
    choice = data.draw(st.sampled_from(["damaged", "manifest"]))
    if choice == "damaged":
        content = data.draw(damaged(pack))
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("manifest.json", json.dumps(data.draw(manifest)))
        content = out.getvalue()
    (folder / "goi.zip").write_bytes(content)
    harness.run("audit", "verify-pack", str(folder / "goi.zip"), db=False)


@pytest.fixture
def pack(harness: Harness) -> bytes:
    out = harness.folder() / "goi.zip"
    made = run_cli(
        "--db",
        harness.url,
        "--user",
        "auditor",
        "audit",
        "pack",
        "QT-HT-01",
        "--out",
        str(out),
        env=PW,
    )
    assert made.returncode == 0, made.stderr
    return out.read_bytes()


@pytest.fixture
def kept(harness: Harness) -> Kept:
    """What an auditor and an administrator keep outside the database, made before the
    examples: an evidence pack, a checkpoint, then a backup (their bytes)."""
    folder = harness.folder()
    files = {
        "pack": folder / "goi.zip",
        "checkpoint": folder / "moc.json",
        "backup": folder / "sao-luu.isoqms-backup",
    }
    for user, args in (
        ("auditor", ["audit", "pack", "QT-HT-01", "--out", str(files["pack"])]),
        ("auditor", ["audit", "checkpoint", "--out", str(files["checkpoint"])]),
        ("admin", ["backup", "--out", str(files["backup"])]),
    ):
        made = run_cli("--db", harness.url, "--user", user, *args, env=PW)
        assert made.returncode == 0, made.stderr
    harness.settle()
    return Kept({kind: path.read_bytes() for kind, path in files.items()})


def named_file(h: Harness, draw: Draw, kept: dict[str, bytes], kind: str, suffix: str) -> str:
    """A file a command is told to read: the one kept, damaged, one of another kind, any
    bytes — or a name with nothing to read behind it (a folder that does not exist, a
    folder, a NUL)."""
    folder = h.folder()
    how = draw(st.sampled_from(["kept", "damaged", "damaged", "other", "bytes", *NOTHING]))
    if how in NOTHING:
        return {
            "missing": str(folder / "khong-co" / f"tep{suffix}"),
            "folder": str(folder),
            "nul": str(folder / f"t\x00ep{suffix}"),
        }[how]
    if how == "kept":
        content = kept[kind]
    elif how == "damaged":
        content = draw(damaged(kept[kind]))
    elif how == "other":
        content = kept[draw(st.sampled_from(sorted(set(kept) - {kind})))]
    else:
        content = draw(st.binary(max_size=200))
    file = folder / f"tep{suffix}"
    file.write_bytes(content)
    return str(file)


NOTHING = ["missing", "folder", "nul"]


def checkpoint_given(h: Harness, draw: Draw, kept: dict[str, bytes]) -> str:
    """What ``--against`` names: a file (the checkpoint, the backup that carries one, …)
    or the checkpoint typed — from its page, mistyped, out of range, any text."""
    if draw(st.booleans()):
        return named_file(h, draw, kept, draw(st.sampled_from(["checkpoint", "backup"])), ".json")
    anchor = json.loads(kept["checkpoint"])
    seq, digest = anchor["seq"], anchor["hash"]
    typed = [
        f"{seq}:{digest}",
        f" {seq} / {digest.upper()} ",
        f"{seq}:{'0' * 64}",
        f"999999999999:{digest}",
        json.dumps({**anchor, "seq": 10**30}),
        json.dumps({**anchor, "seq": -1, "counts": {"dossier": 10**30}}),
        json.dumps({**anchor, "hash": "\x00" * 64}),
    ]
    return str(draw(st.sampled_from(typed) | TEXT))


def _fine(h: Harness) -> str:
    return str(h.folder() / "goi.zip")


@HOSTILE
@given(data=st.data())
def test_odd_values_for_packs_checkpoints_and_backups(
    harness: Harness, kept: dict[str, bytes], data: st.DataObject
) -> None:
    """Where a pack, a checkpoint or a backup goes; which pack, checkpoint or backup is
    checked or restored, and into which database (``restore`` makes a new SQLite file in
    a folder that exists — never a folder — and replaces one holding data only when
    forced, which no example is); what the log and a pack are checked against."""
    draw = data.draw
    h = harness

    def target() -> str:
        folder = h.folder()
        how = draw(st.sampled_from(["new", "not ours", "this one", *NOTHING]))
        if how == "not ours":
            (folder / "ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
        return {
            "new": str(folder / "moi.sqlite3"),
            "not ours": str(folder / "ghi-chu.txt"),
            "this one": h.url,
            "missing": str(folder / "khong-co" / "moi.sqlite3"),
            "folder": str(folder),
            "nul": str(folder / "m\x00oi.sqlite3"),
        }[how]

    def against() -> list[str]:
        return ["--against", checkpoint_given(h, draw, kept)] if draw(st.booleans()) else []

    def backup_file() -> str:
        return named_file(h, draw, kept, "backup", ".isoqms-backup")

    def pdf() -> list[str]:
        return ["--pdf", out_path(h, draw, ".pdf")] if draw(st.booleans()) else []

    def pack_file() -> str:
        return named_file(h, draw, kept, "pack", ".zip")

    def period() -> list[str]:
        return ["--from", draw(DATE), "--to", draw(DATE)]

    def zip_out() -> str:  # audit pack refuses a name without .zip as bad usage (exit 2)
        return out_path(h, draw, ".zip", named=True)

    ways: list[tuple[str | None, Callable[[], list[str]]]] = [
        ("auditor", lambda: ["audit", "pack", "QT-HT-01", "--out", zip_out()]),
        ("auditor", lambda: ["audit", "pack", *period(), "--out", _fine(h)]),
        ("auditor", lambda: ["audit", "pack", draw(DOCUMENT), "--out", _fine(h)]),
        (None, lambda: ["audit", "verify-pack", pack_file(), *against()]),
        ("auditor", lambda: ["audit", "verify", *against()]),
        ("auditor", lambda: ["audit", "checkpoint", "--out", out_path(h, draw, ".json"), *pdf()]),
        ("admin", lambda: ["backup", "--out", out_path(h, draw, ".isoqms-backup")]),
        (None, lambda: ["restore", backup_file(), "--check"]),
        ("admin", lambda: ["restore", backup_file(), "--db", target()]),
    ]  # fmt: skip
    user, way = draw(st.sampled_from(ways))
    args = way()
    result = h.run(*args, user=user)
    if args[0] == "restore" and "--db" in args:
        made = Path(args[-1])
        if "khong-co" in args[-1]:
            assert not made.parent.exists(), "restore made a folder"
        elif result.returncode == 0 and made.is_file() and os.name == "posix":
            assert made.stat().st_mode & 0o777 == 0o600, "a restored database not private"
