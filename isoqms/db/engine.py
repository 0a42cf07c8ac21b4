"""Engine and session factory, database URL resolution, migrations at start.

SQLite is the embedded default (a file in the user's data folder, WAL, foreign keys on,
busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so concurrent writers
queue instead of failing half-way). PostgreSQL (psycopg 3) is the shared database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from isoqms import paths
from isoqms.db import guards  # noqa: F401  (installs the audit-log guards)
from isoqms.domain.errors import DatabaseUnavailable

ENV_URL = "ISOQMS_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "isoqms_write"


def default_url() -> str:
    return f"sqlite:///{(paths.data_dir() / 'isoqms.sqlite3').as_posix()}"


def resolve_url(explicit: str | None = None) -> URL:
    """``--db`` beats ``ISOQMS_DATABASE_URL`` beats the default SQLite file.

    A value without ``://`` is taken as the path of a SQLite file. ``postgresql://`` is
    read as ``postgresql+psycopg://`` (psycopg 3 is the only driver we ship).
    """
    raw = explicit or os.environ.get(ENV_URL) or default_url()
    if "://" not in raw:
        raw = f"sqlite:///{Path(raw).expanduser().resolve().as_posix()}"
    try:
        url = make_url(raw)
    except ArgumentError:
        raise DatabaseUnavailable(f"Địa chỉ cơ sở dữ liệu không hợp lệ: {raw}") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnavailable(
            f"Chỉ hỗ trợ SQLite và PostgreSQL, không hỗ trợ “{url.get_backend_name()}”."
        )
    return url


def describe(url: URL) -> str:
    """A short, password-free description for the status bar and logs."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite: {url.database or ':memory:'}"
    return f"PostgreSQL: {url.host or 'localhost'}/{url.database}"


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    # pysqlite's own transaction handling is off (isolation_level=None); we emit BEGIN
    # ourselves so that write units of work take the write lock up front.
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def _lenient(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


@contextmanager
def lenient_text(connection: Any) -> Iterator[None]:
    """On SQLite, read text that is not UTF-8 (bytes written into a text column by raw
    SQL) as text with replacement characters instead of failing the read: what checks the
    record must name such a row, not stop at it. The driver's own behaviour comes back
    afterwards (the connection returns to the pool)."""
    raw = getattr(connection, "driver_connection", connection)
    if not hasattr(raw, "text_factory"):
        yield
        return
    before = raw.text_factory
    raw.text_factory = _lenient
    try:
        yield
    finally:
        raw.text_factory = before


class Database:
    """One database: its engine, its sessions, its migrations."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        #: the schema revision this process upgraded the database from ("" from empty);
        #: None when it found the database at head
        self.upgraded_from: str | None = None

    @classmethod
    def open(cls, explicit_url: str | None = None, *, migrate: bool = True) -> Database:
        db = cls(resolve_url(explicit_url))
        if migrate:
            try:
                db.migrate()
            except BaseException:
                db.dispose()
                raise
        return db

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    def describe(self) -> str:
        return describe(self.url)

    def migrate(self) -> None:
        from isoqms.db.migrate import upgrade

        try:
            previous = upgrade(self.engine)
            if previous is not None:
                self.upgraded_from = previous
        except OperationalError as exc:
            raise DatabaseUnavailable(
                f"Không mở được cơ sở dữ liệu ({self.describe()}): {exc.orig}"
            ) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closed (its transaction ended) at the end.

        Objects loaded through it stay readable afterwards, detached.
        """
        with self._sessions() as session:
            yield session

    def write_session(self) -> Session:
        """A session whose transaction takes the write lock at its first statement."""
        session = self._sessions()
        session.connection(execution_options={WRITE_OPTION: True})
        return session

    def dispose(self) -> None:
        self.engine.dispose()
