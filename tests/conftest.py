"""Shared fixtures: real databases (a SQLite file, a PostgreSQL schema), demo data, actors.

``db`` runs each test against SQLite and, when ``ISOQMS_TEST_POSTGRES_URL`` names a
server, PostgreSQL (a fresh schema per test). Without a server the PostgreSQL variants are
skipped with the reason; with ``ISOQMS_REQUIRE_POSTGRES=1`` (CI) they fail instead.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no display here, and never the developer's own data folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ISOQMS_DATA_DIR"] = tempfile.mkdtemp(prefix="isoqms-test-data-")
os.environ.pop("ISOQMS_DATABASE_URL", None)
os.environ.pop("ISOQMS_USER", None)
os.environ.pop("ISOQMS_PASSWORD", None)

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from isoqms.db.engine import Database
from isoqms.services import demo as demo_service
from isoqms.services.uow import Actor
from tests.helpers import login
from tests.helpers_journey import Desk, known_desk

ROOT = Path(__file__).resolve().parent.parent
PG_ENV = "ISOQMS_TEST_POSTGRES_URL"
REQUIRE_PG_ENV = "ISOQMS_REQUIRE_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]


def _pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _no_postgres() -> None:
    reason = f"PostgreSQL tests need a server: set {PG_ENV}=postgresql+psycopg://user@host/db"
    if os.environ.get(REQUIRE_PG_ENV):
        pytest.fail(f"{REQUIRE_PG_ENV} is set but {PG_ENV} is not: {reason}")
    pytest.skip(reason)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'isoqms.sqlite3').as_posix()}"
        return
    base = _pg_base_url()
    if base is None:
        _no_postgres()
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


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
    """The demo commune: one user per role, password ``demo``."""
    demo_service.init_demo(db)
    return db


@pytest.fixture
def admin(demo_db: Database) -> Actor:
    return login(demo_db, "admin")


@pytest.fixture
def desk(demo_db: Database) -> Desk:
    """Dossiers with known outcomes in October–November 2026 (tests/helpers_journey.py)."""
    return known_desk(demo_db)
