"""Engine and session factory, database URL resolution, migrations at start.

SQLite is the embedded default (a file in the user's data folder, WAL, foreign keys on,
busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so concurrent writers
queue instead of failing half-way). PostgreSQL (psycopg 3) is the shared database.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DataError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from isoqms import paths
from isoqms.db import guards  # noqa: F401  (installs the audit-log guards)
from isoqms.domain.errors import DatabaseUnavailable, ValidationError

ENV_URL = "ISOQMS_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "isoqms_write"

log = logging.getLogger(__name__)


def default_url() -> str:
    return f"sqlite:///{(paths.data_dir() / 'isoqms.sqlite3').as_posix()}"


def resolve_url(explicit: str | None = None) -> URL:
    """``--db`` beats ``ISOQMS_DATABASE_URL`` beats the default SQLite file.

    A value without ``://`` is taken as the path of a SQLite file. ``postgresql://`` is
    read as ``postgresql+psycopg://`` (psycopg 3 is the only driver we ship).
    """
    raw = explicit or os.environ.get(ENV_URL) or default_url()
    if not raw.isprintable():
        raise DatabaseUnavailable("Địa chỉ cơ sở dữ liệu có ký tự điều khiển, không dùng được.")
    try:
        if "://" not in raw:
            raw = f"sqlite:///{Path(raw).expanduser().resolve().as_posix()}"
        url = make_url(raw)
    except (ArgumentError, ValueError, OSError, RuntimeError):
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


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite database, None for one in memory (or not SQLite)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):  # a URI filename: SQLite's business
        return None
    return Path(url.database)


#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables every isoqms database has, from its first migration on.
OWN_TABLES = frozenset({"alembic_version", "audit_event", "app_user"})


def check_sqlite_file(path: Path, *, default: bool = False) -> bool:
    """Whether ``path`` is to be created (True) or is an isoqms database (False); any
    other case is refused in Vietnamese, and nothing on disk is touched: a folder that
    does not exist (a mistyped path must not grow folders and an empty database — only
    the default data folder is made), a folder, a file that is not a SQLite database
    (``/etc/hostname``) or a SQLite database of another program."""
    shown = str(path)
    try:
        if not path.exists():
            if path.parent.is_dir():
                return True
            if default:  # the data folder of the default database is ours to make
                paths.make_private_dir(path.parent)
                return True
            raise DatabaseUnavailable(
                f"Không có thư mục {path.parent}: không mở, không tạo cơ sở dữ liệu {shown}. "
                "Kiểm tra lại đường dẫn --db."
            )
        if path.is_dir():
            raise DatabaseUnavailable(
                f"{shown} là một thư mục, không phải tệp cơ sở dữ liệu isoqms."
            )
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Không đọc được {shown}: {paths.describe_os_error(exc)}."
        ) from None
    if header != SQLITE_HEADER:
        raise DatabaseUnavailable(
            f"Tệp {shown} không phải cơ sở dữ liệu isoqms (không phải tệp SQLite); "
            "không mở, không sửa."
        )
    tables = _sqlite_tables(path)
    if not OWN_TABLES.issubset(tables):
        raise DatabaseUnavailable(
            f"Tệp {shown} là cơ sở dữ liệu SQLite của chương trình khác, không phải của "
            "isoqms; không mở, không sửa."
        )
    return False


def _sqlite_tables(path: Path) -> set[str]:
    """The tables of a SQLite file, read without writing anything (read-only)."""
    import sqlite3
    from urllib.parse import quote

    uri = f"file:{quote(path.absolute().as_posix())}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseUnavailable(
                f"Cơ sở dữ liệu {path} đang bị chương trình khác khoá; thử lại sau."
            ) from None
        raise DatabaseUnavailable(
            f"Tệp {path} không phải cơ sở dữ liệu isoqms hoặc đã hỏng; không mở, không sửa."
        ) from None
    return {str(r[0]) for r in rows}


def create_private_file(path: Path) -> None:
    """An empty file readable by its owner only, for SQLite to fill: the database holds
    password hashes and citizens' ID numbers, and SQLite gives its ``-wal`` and ``-shm``
    files the mode of the database."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE)
    except FileExistsError:
        return  # made meanwhile by another process (two counters starting at once)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Không tạo được cơ sở dữ liệu {path}: {paths.describe_os_error(exc)}."
        ) from None
    os.close(fd)
    paths.private(path)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
        )
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", _refuse_bad_data)
    return engine


def _refuse_bad_data(ctx: Any) -> BaseException | None:
    """The last guard: a value the database refuses (too long, a NUL character, a number
    out of range — which the services check before, the same on both databases) becomes
    a refusal in Vietnamese instead of an error whose text holds the statement's values.
    The statement (without its values) goes to the log: a check is missing somewhere."""
    if not isinstance(ctx.sqlalchemy_exception, DataError):
        return None
    log.warning(
        "the database refused a value (%s) in: %s",
        type(ctx.original_exception).__name__,
        " ".join(str(ctx.statement).split())[:500],
    )
    return ValidationError(
        "Dữ liệu nhập vào quá dài, có ký tự không hợp lệ hoặc vượt giới hạn cho phép; "
        "không có gì được ghi."
    )


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
        """Open (and bring up to date) the database named, or the default one.

        A SQLite file is checked first (:func:`check_sqlite_file`): a new one is made in
        an existing folder, private to the user; a file that is not an isoqms database is
        refused untouched. A new file whose making fails is removed again."""
        url = resolve_url(explicit_url)
        path = sqlite_file(url)
        created = False
        if path is not None:
            is_default = explicit_url is None and not os.environ.get(ENV_URL)
            if check_sqlite_file(path, default=is_default):
                create_private_file(path)
                created = True
        db = cls(url)
        if migrate:
            try:
                db.migrate()
            except BaseException:
                db.dispose()
                if created and path is not None:
                    remove_new_database(path)
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


def remove_new_database(path: Path) -> None:
    """A database this process just created and could not set up: leave nothing."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove the half-made database %s%s", path, suffix)
