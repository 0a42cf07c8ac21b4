"""Alembic, driven from code: applied automatically when a database is opened."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from isoqms.domain.errors import DatabaseUnavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


@functools.cache
def head_revision() -> str | None:
    """The newest migration the program ships (read once: the files do not change while it
    runs, and every database opened asks — the test suite opens a thousand)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known(revision: str) -> bool:
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to head; cheap when it already is there. Returns the revision it
    upgraded from ("" for an empty database), None when there was nothing to do."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None and not _known(current):
        raise DatabaseUnavailable(
            "Cơ sở dữ liệu được tạo bởi phiên bản isoqms mới hơn chương trình này "
            f"(phiên bản lược đồ {current}). Hãy cập nhật chương trình."
        )
    command.upgrade(alembic_config(engine), "head")
    return current or ""
