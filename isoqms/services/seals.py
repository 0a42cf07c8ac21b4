"""Row seals: the audit chain vouches for the business tables, not only for itself.

Every unit of work notes the rows it inserts, updates or deletes (mapper events, so
cascades count too). At commit it reads them back as the database now holds them and
writes their digests (:func:`isoqms.domain.audit.row_digest`) into its last audit event's
``rows``, which the chain hashes. Replaying the events in order then gives the digest each
row must have now; :func:`check_rows` compares that with the tables:

* a row whose digest differs was changed outside the program (raw SQL, a file editor);
* a row with no seal at all was added outside the program;
* a sealed row that is gone was deleted outside the program.

A database made before schema 0010 has no seals: the first start after the upgrade seals
every row as it then is (:func:`seal_unsealed`, one ``audit.seal`` event) — the audit log
says from which event on rows are vouched for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Table, event, literal, select, tuple_
from sqlalchemy.orm import Mapper, Session, object_session

from isoqms.db.engine import Database, lenient_text
from isoqms.db.models import AuditEvent, AuditHead, Base, StoredFile
from isoqms.domain.audit import row_digest, row_key

#: ``session.info`` key of the set of (table, primary key) a unit of work touched.
TOUCHED = "isoqms.sealed_rows"
#: The chain's own tables are not sealed rows: the chain itself covers them.
UNSEALED = frozenset({AuditEvent.__tablename__, AuditHead.__tablename__})
#: Columns left out of a row's digest: a stored file's bytes are checked against its name
#: (the SHA-256), which the digest covers.
SKIPPED_COLUMNS = frozenset({(StoredFile.__tablename__, "content")})
_CHUNK = 400


def sealed_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in UNSEALED]


def _columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if (table.name, c.name) not in SKIPPED_COLUMNS]


def _digest(table: Table, row: Mapping[Any, Any]) -> str:
    return row_digest({c.name: row[c.name] for c in _columns(table)})


def _pk(table: Table) -> list[Column[Any]]:
    return list(table.primary_key.columns)


# ------------------------------------------------------------------ noting what changed


def _note(mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    session = object_session(target)
    if session is None:
        return
    touched = session.info.get(TOUCHED)
    table = mapper.local_table
    if touched is None or not isinstance(table, Table) or table.name in UNSEALED:
        return
    touched.add((table.name, tuple(mapper.primary_key_from_instance(target))))


for _kind in ("after_insert", "after_update", "after_delete"):
    event.listen(Base, _kind, _note, propagate=True)


def start_noting(session: Session) -> None:
    """Make ``session`` note every row its flushes write (a unit of work's session)."""
    session.info[TOUCHED] = set()


def _read_rows(
    session: Session, table: Table, keys: Sequence[tuple[Any, ...]]
) -> Iterator[Mapping[Any, Any]]:
    pk = _pk(table)
    columns = _columns(table)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        where = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        yield from session.execute(select(*columns).where(where)).mappings()


def seals_of(session: Session) -> dict[str, dict[str, str | None]]:
    """The seals of the rows this session's unit of work touched, as the database holds
    them now (after the last flush): ``{table: {key: digest or None (deleted)}}``."""
    touched: set[tuple[str, tuple[Any, ...]]] = session.info.get(TOUCHED) or set()
    by_table: dict[str, list[tuple[Any, ...]]] = {}
    for name, key in touched:
        by_table.setdefault(name, []).append(key)
    tables = Base.metadata.tables
    seals: dict[str, dict[str, str | None]] = {}
    for name, keys in sorted(by_table.items()):
        table = tables[name]
        found = {
            row_key(row[c.name] for c in _pk(table)): _digest(table, row)
            for row in _read_rows(session, table, keys)
        }
        seals[name] = {row_key(k): found.get(row_key(k)) for k in keys}
    return seals


# ------------------------------------------------------------------ checking


@dataclass(frozen=True)
class RowProblem:
    """The first row that disagrees with its seal, and how many do."""

    table: str
    key: str
    reason: str
    seq: int | None  # the event that sealed it last (None: never sealed)
    event_id: int | None
    count: int = 1  # rows found wrong in all


@dataclass(frozen=True)
class RowsResult:
    rows: int  # rows checked
    sealed_from: int | None  # the first event carrying seals (None: none yet)
    problem: RowProblem | None
    event_problem: EventProblem | None = None  # an event whose seals are missing or unread


Seal = tuple[str | None, int, int]  # digest (None: deleted), sealing event's seq and id
EventProblem = tuple[int, int, str]  # seq, id, reason


def _replay(
    conn: Connection,
) -> tuple[dict[tuple[str, str], Seal], int | None, EventProblem | None]:
    """Every row's latest seal: ``(table, key) → (digest, seq, event id)``, the first
    event with seals, and the first event after it without any (not written by the
    program) or with seals that do not read."""
    latest: dict[tuple[str, str], Seal] = {}
    first: int | None = None
    result = conn.execute(
        select(AuditEvent.seq, AuditEvent.id, AuditEvent.rows).order_by(AuditEvent.seq)
    )
    for seq, event_id, rows in result:
        if rows is None:
            if first is not None:
                return (
                    latest,
                    first,
                    (
                        seq,
                        event_id,
                        "sự kiện không mang niêm phong bản ghi (không do chương trình ghi)",
                    ),
                )
            continue
        if first is None:
            first = seq
        try:
            seals = json.loads(rows) if isinstance(rows, str) else None
            if not isinstance(seals, dict):
                raise ValueError
            for table, keys in seals.items():
                if not isinstance(keys, dict):
                    raise ValueError
                for key, digest in keys.items():
                    if digest is not None and not isinstance(digest, str):
                        raise ValueError
                    latest[(str(table), str(key))] = (digest, seq, event_id)
        except ValueError:
            return latest, first, (seq, event_id, "niêm phong bản ghi không đọc được")
    return latest, first, None


def _current(conn: Connection, table: Table) -> Iterable[tuple[str, str | None]]:
    """Every row of ``table`` as (key, digest), read as the driver hands the values and
    converted by each column's own type, one row at a time: a value no type reads (text
    in a date column…) makes that row's digest None, not an error."""
    columns = _columns(table)
    pk = _pk(table)
    quote = conn.dialect.identifier_preparer.quote
    names = [c.name for c in columns]
    places = [names.index(c.name) for c in pk]
    sql = (
        f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(table.name)}"
        f" ORDER BY {', '.join(quote(c.name) for c in pk)}"
    )
    result = conn.execution_options(stream_results=True, max_row_buffer=2000).exec_driver_sql(sql)
    dialect = conn.dialect
    described = [d[1] for d in result.cursor.description]  # the driver's type codes
    processors = [
        c.type.dialect_impl(dialect).result_processor(dialect, code)
        for c, code in zip(columns, described, strict=True)
    ]
    for raw in result:
        try:
            values = [p(v) if p is not None else v for p, v in zip(processors, raw, strict=True)]
        except (ValueError, TypeError, OverflowError, ArithmeticError):
            yield "|".join(str(raw[i]) for i in places), None
            continue
        yield (
            row_key(values[i] for i in places),
            row_digest({n: v for n, v in zip(names, values, strict=True)}),
        )


def check_rows_in(conn: Connection) -> RowsResult:
    """Compare every sealed table with the seals, inside ``conn``'s transaction (one
    snapshot of both)."""
    latest, first, event_problem = _replay(conn)
    if event_problem is not None:
        return RowsResult(0, first, None, event_problem)
    problem: RowProblem | None = None
    bad = 0
    checked = 0
    seen: set[tuple[str, str]] = set()

    def found(table: str, key: str, reason: str, seq: int | None, event_id: int | None) -> None:
        nonlocal problem, bad
        bad += 1
        if problem is None:
            problem = RowProblem(table, key, reason, seq, event_id)

    for table in sealed_tables():
        for key, digest in _current(conn, table):
            checked += 1
            seal = latest.get((table.name, key))
            seen.add((table.name, key))
            if seal is None:
                found(
                    table.name,
                    key,
                    "có bản ghi mà không sự kiện nào của nhật ký ghi nó "
                    "(thêm vào ngoài chương trình)",
                    None,
                    None,
                )
            elif seal[0] is None:
                found(table.name, key, "bản ghi đã được ghi là xoá nhưng vẫn còn", seal[1], seal[2])
            elif digest is None:
                found(
                    table.name, key, "có giá trị không đọc được (bị sửa ngoài chương trình)",
                    seal[1], seal[2],
                )  # fmt: skip
            elif seal[0] != digest:
                found(
                    table.name,
                    key,
                    "nội dung khác với lần ghi cuối trong nhật ký (bị sửa ngoài chương trình)",
                    seal[1],
                    seal[2],
                )
    names = {t.name for t in sealed_tables()}
    for (table_name, key), (sealed, seq, event_id) in sorted(latest.items()):
        if sealed is not None and (table_name, key) not in seen:
            reason = (
                "bản ghi đã bị xoá ngoài chương trình"
                if table_name in names
                else "niêm phong nói tới một bảng không có trong cơ sở dữ liệu"
            )
            found(table_name, key, reason, seq, event_id)
    if problem is not None and bad > 1:
        p = problem
        problem = RowProblem(p.table, p.key, p.reason, p.seq, p.event_id, bad)
    return RowsResult(checked, first, problem)


def check_rows(db: Database) -> RowsResult:
    """:func:`check_rows_in` in a read transaction of its own, one snapshot throughout
    (REPEATABLE READ on PostgreSQL; a WAL read transaction on SQLite)."""
    engine = db.engine
    if db.backend == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn, conn.begin(), lenient_text(conn.connection.dbapi_connection):
        return check_rows_in(conn)


# ------------------------------------------------------------------ sealing what is not


def unsealed_in(conn: Connection) -> dict[str, dict[str, str | None]]:
    """The seals that would make the tables verify: every row whose current digest is not
    its latest seal, and every sealed row that is gone."""
    latest, _first, _problem = _replay(conn)
    out: dict[str, dict[str, str | None]] = {}
    seen: set[tuple[str, str]] = set()
    for table in sealed_tables():
        for key, digest in _current(conn, table):
            seen.add((table.name, key))
            seal = latest.get((table.name, key))
            if digest is not None and (seal is None or seal[0] != digest):
                out.setdefault(table.name, {})[key] = digest
    for (name, key), (sealed, _seq, _id) in latest.items():
        if sealed is not None and (name, key) not in seen:
            out.setdefault(name, {})[key] = None
    return out


def sealing_pending(db: Database) -> bool:
    """Whether rows may lack their seals: the newest event carries none (a database from
    before schema 0010), or there are rows but no event at all."""
    with db.engine.connect() as conn:
        last = conn.execute(
            select(AuditEvent.rows).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        if last is not None:
            return last.rows is None
        return any(
            conn.execute(select(literal(1)).select_from(t).limit(1)).first() is not None
            for t in sealed_tables()
        )
