"""Shared fixtures: real databases (a SQLite file, a PostgreSQL database), demo data, actors.

``db_url`` and the fixtures built on it run each test against SQLite and, when
``ISOQMS_TEST_POSTGRES_URL`` names a server, PostgreSQL. Without a server the PostgreSQL
variants are skipped with the reason; with ``ISOQMS_REQUIRE_POSTGRES=1`` (CI) they fail
instead.

The databases are cheap: the migrated one, the demo commune and the desk with known
dossiers are each built once per test run (``Templates``) and copied for every test
that asks for them — a file copy on SQLite, ``CREATE DATABASE … TEMPLATE …`` on
PostgreSQL (Anki's ``pylib/tests/shared.py`` does the same with its collections). Which
copy a test gets follows from the fixtures it asks for: ``desk`` → the desk, ``demo_db``
(or anything built on it) → the demo commune, ``db`` → migrated and empty, ``db_url``
alone → an empty database.

The clock is pinned (``tests.helpers.PINNED``) for the whole session and again at the
start of every test, so nothing depends on the day the suite runs; a test about dates
travels with ``isoqms.domain.clock.travel``. Passwords are hashed with argon2's cheapest
parameters here only (``tests/services/test_users.py`` checks production's are strong).
"""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Before anything imports Qt: no display here, and never the developer's own data folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ISOQMS_DATA_DIR"] = tempfile.mkdtemp(prefix="isoqms-test-data-")
os.environ.pop("ISOQMS_DATABASE_URL", None)
os.environ.pop("ISOQMS_USER", None)
os.environ.pop("ISOQMS_PASSWORD", None)

import argon2
import pytest
from filelock import FileLock
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.util import LRUCache

from isoqms.db import engine as engine_module
from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.services import demo as demo_service
from isoqms.services import users as user_service
from isoqms.services.uow import Actor
from isoqms.ui.collector import collect_due
from tests.helpers import PINNED, login
from tests.helpers_journey import Desk, known_desk
from tests.helpers_signing import Pki, make_token

ROOT = Path(__file__).resolve().parent.parent
PG_ENV = "ISOQMS_TEST_POSTGRES_URL"
REQUIRE_PG_ENV = "ISOQMS_REQUIRE_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]

# Test modules compute dates when they are imported: pin before they are.
clock.pin(PINNED)
user_service.use_password_parameters(argon2.profiles.CHEAPEST)


def _share_compiled_statements() -> None:
    """Every test opens its own database, so its own engine: SQLAlchemy keeps compiled
    statements per engine, keyed by its dialect object, and each test compiled them all
    again — a tenth of the suite's time. Here the engines of one backend use one dialect
    (the first that has connected), so they share one cache of compiled statements. The
    dialects are alike: same driver, same options (``make_engine``), same server; each
    engine still connects and sets itself up as in the program."""
    make = engine_module.make_engine
    #: per backend and driver: the dialect shared and its cache of compiled statements
    shared: dict[str, tuple[Any, LRUCache[Any, Any]]] = {}

    def make_engine(url: URL) -> Engine:
        engine = make(url)
        key = f"{engine.dialect.name}+{engine.dialect.driver}"
        dialect, cache = shared.get(key, (None, None))
        if dialect is not None and dialect.server_version_info is not None:
            # make_engine's listeners on the dialect (handle_error) are module functions,
            # the same for every engine: a per-engine one would be lost here
            assert list(engine.dialect.dispatch.handle_error) == list(
                dialect.dispatch.handle_error
            ), "make_engine listens on the dialect per engine: share no dialect"
            engine.dialect = engine.pool._dialect = dialect
        else:
            # room for every statement of the suite (an engine keeps 500)
            cache = LRUCache(20_000)
            shared[key] = (engine.dialect, cache)
        engine._compiled_cache = cache
        return engine

    engine_module.make_engine = make_engine


_share_compiled_statements()


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    """Every test starts at ``PINNED`` (the clock then runs on, as a real one does)."""
    clock.pin(PINNED)
    yield
    clock.pin(PINNED)


@pytest.fixture(autouse=True)
def collect_on_the_main_thread() -> Iterator[None]:
    """Once the GUI tests have turned automatic garbage collection off (so a worker thread
    never destroys a widget: isoqms.ui.collector), the main thread collects what is due
    between tests, as automatic collection would."""
    yield
    if not gc.isenabled():
        collect_due()


def _pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _no_postgres() -> None:
    reason = f"PostgreSQL tests need a server: set {PG_ENV}=postgresql+psycopg://user@host/db"
    if os.environ.get(REQUIRE_PG_ENV):
        pytest.fail(f"{REQUIRE_PG_ENV} is set but {PG_ENV} is not: {reason}")
    pytest.skip(reason)


def _pg_url(base: str, database: str) -> str:
    return make_url(base).set(database=database).render_as_string(hide_password=False)


Builder = Callable[[Database], object]


def _build_migrated(db: Database) -> None:
    """Migrations only, as ``Database.open`` leaves a new database."""


def _build_demo(db: Database) -> None:
    demo_service.init_demo(db)


def _build_desk(db: Database) -> None:
    """On a copy of the demo (BASES): the known desk's dossiers."""
    known_desk(db)


def _build_demo_year(db: Database) -> None:
    """On a copy of the demo (BASES): its five weeks of dossiers, as ``init --demo``
    leaves it."""
    from isoqms.services.demo_dossiers import load_demo_dossiers

    load_demo_dossiers(db)


#: Kinds built on a copy of another kind's template rather than from nothing.
BASES: dict[str, str] = {"desk": "demo_db", "demo_year": "demo_db"}


#: Template kinds in the order a test's fixtures are looked at: the first asked for wins.
KINDS: dict[str, Builder] = {
    "desk": _build_desk,
    "demo_year": _build_demo_year,
    "demo_db": _build_demo,
    "db": _build_migrated,
}


class Templates:
    """Databases built once per test run, copied for each test.

    Built once for all the workers of a run (``pytest -n``): the first worker that asks
    for a kind builds it under a file lock in the run's shared folder, the others wait for
    it and copy the same template — each worker building its own cost half a minute of a
    core per run. The controller removes them at the end (``pytest_sessionfinish``)."""

    def __init__(self, shared: Path, pg_base: str | None) -> None:
        self.shared = shared
        self.pg_base = pg_base
        self._sqlite: dict[str, Path] = {}
        self._pg: dict[str, str] = {}
        self._admin: Engine | None = None
        self._file_copy: bool | None = None

    # ---------------------------------------------------------------- building

    def _build(self, url: str, kind: str) -> None:
        # Built at the pinned moment whatever the asking test did with the clock.
        with clock.travel(PINNED, tick=True):
            db = Database.open(url)
            try:
                KINDS[kind](db)
            finally:
                db.dispose()

    def _once(self, name: str, build: Callable[[], None]) -> None:
        """Run ``build`` once in the whole run, whichever worker asks first; the others
        wait for it to finish. A kind built on another takes that one's lock inside its
        own (always in this order: no deadlock)."""
        done = self.shared / f"{name}.done"
        if done.exists():
            return
        with FileLock(self.shared / f"{name}.lock"):
            if not done.exists():
                build()
                done.touch()

    def sqlite_file(self, kind: str) -> Path:
        if kind not in self._sqlite:
            path = self.shared / f"{kind}.sqlite3"

            def build() -> None:
                # from nothing, even after a worker that failed half-way
                for leftover in (path, path.with_name(path.name + "-wal")):
                    leftover.unlink(missing_ok=True)
                if kind in BASES:
                    shutil.copyfile(self.sqlite_file(BASES[kind]), path)
                self._build(f"sqlite:///{path.as_posix()}", kind)
                # One self-contained file (no -wal beside it) that a plain copy reproduces.
                conn = sqlite3.connect(path)
                try:
                    conn.execute("PRAGMA journal_mode=DELETE")
                finally:
                    conn.close()

            self._once(f"sqlite_{kind}", build)
            self._sqlite[kind] = path
        return self._sqlite[kind]

    @property
    def admin(self) -> Engine:
        assert self.pg_base is not None
        if self._admin is None:
            self._admin = create_engine(self.pg_base, isolation_level="AUTOCOMMIT")
        return self._admin

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(statement))

    def pg_template(self, kind: str) -> str:
        assert self.pg_base is not None
        if kind not in self._pg:
            name = _pg_template_name(kind)

            def build() -> None:
                assert self.pg_base is not None
                base = f'"{self.pg_template(BASES[kind])}"' if kind in BASES else "template0"
                self.pg_drop(name)  # what a worker that failed half-way left
                self._execute(f"CREATE DATABASE \"{name}\" TEMPLATE {base} ENCODING 'UTF8'")
                self._build(_pg_url(self.pg_base, name), kind)

            self._once(f"pg_{kind}", build)
            self._pg[kind] = name
        return self._pg[kind]

    # ---------------------------------------------------------------- per test

    def sqlite_copy(self, kind: str | None, path: Path) -> None:
        if kind is not None:
            shutil.copyfile(self.sqlite_file(kind), path)

    def pg_create(self, kind: str | None) -> str:
        name = f"isoqms_t_{uuid.uuid4().hex[:16]}"
        template = self.pg_template(kind) if kind else "template0"
        if self._file_copy is None:
            with self.admin.connect() as conn:
                version = int(conn.execute(text("SHOW server_version_num")).scalar_one())
            self._file_copy = version >= 150000
        # PostgreSQL 15 copies a template through the WAL by default; a small database
        # copies faster file by file.
        strategy = " STRATEGY FILE_COPY" if self._file_copy else ""
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        return name

    def pg_drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._admin is not None:
            self._admin.dispose()


RUN_ENV = "ISOQMS_TEST_RUN"


def _run_tag() -> str:
    """This run's tag: set by the process that starts the run (pytest_configure), which
    the workers of ``pytest -n`` inherit with its environment."""
    return os.environ.setdefault(RUN_ENV, uuid.uuid4().hex[:8])


def _shared_folder() -> Path:
    return Path(tempfile.gettempdir()) / f"isoqms-templates-{_run_tag()}"


def _pg_template_name(kind: str) -> str:
    return f"isoqms_tpl_{kind}_{_run_tag()}"


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the run's own process, not a worker
        os.environ[RUN_ENV] = uuid.uuid4().hex[:8]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run's own process, once every worker is done: the shared templates go."""
    if hasattr(session.config, "workerinput"):
        return
    shared = _shared_folder()
    base = _pg_base_url()
    templates = Templates(shared, base)
    try:
        if base is not None and any(shared.glob("pg_*")):  # a template begun, done or not
            for kind in KINDS:
                templates.pg_drop(_pg_template_name(kind))
    finally:
        templates.close()
        shutil.rmtree(shared, ignore_errors=True)


@pytest.fixture(scope="session")
def templates() -> Iterator[Templates]:
    shared = _shared_folder()
    shared.mkdir(exist_ok=True)
    found = Templates(shared, _pg_base_url())
    yield found
    found.close()


def _kind(request: pytest.FixtureRequest) -> str | None:
    return next((k for k in KINDS if k in request.fixturenames), None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked one_database checks a file through LibreOffice: what it checks is
    the file, which the database under it does not change — its PostgreSQL variant is
    left out."""
    dropped = [
        item
        for item in items
        if item.get_closest_marker("one_database") is not None
        and getattr(getattr(item, "callspec", None), "params", {}).get("db_url") == "postgresql"
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, templates: Templates) -> Iterator[str]:
    """The URL of this test's database of each backend: empty, or a copy of the template
    its other fixtures ask for."""
    kind = _kind(request)
    if request.param == "sqlite":
        path = tmp_path / "isoqms.sqlite3"
        templates.sqlite_copy(kind, path)
        yield f"sqlite:///{path.as_posix()}"
        return
    base = _pg_base_url()
    if base is None:
        _no_postgres()
        return
    name = templates.pg_create(kind)
    try:
        yield _pg_url(base, name)
    finally:
        templates.pg_drop(name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated, empty database."""
    database = Database.open(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The demo commune: one user per role, password ``demo`` (a copy of the template)."""
    return db


@pytest.fixture
def demo_year(demo_db: Database) -> Database:
    """The demo with five weeks of the counter's dossiers, journeys and prints up to the
    pinned day (a copy of the template built once per test run)."""
    return demo_db


@pytest.fixture
def admin(demo_db: Database) -> Actor:
    return login(demo_db, "admin")


@pytest.fixture
def desk(demo_db: Database) -> Desk:
    """Dossiers with known outcomes in October–November 2026 (tests/helpers_journey.py)."""
    return Desk(demo_db)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A SoftHSM2 token with keys and certificates of a throwaway test CA
    (tests/helpers_signing.py), made once per test process."""
    return make_token(tmp_path_factory.mktemp("softhsm"))
