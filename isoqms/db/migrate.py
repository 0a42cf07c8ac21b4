"""Alembic, driven from code: applied automatically when a database is opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from isoqms.domain.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: The newest migration in migrations/versions: what every database opened is brought to.
#: Known here, so that opening a database already there — almost every start — loads
#: neither Alembic nor the migration files (a quarter of a second of each start of the
#: window or the command line). tests/db/test_migrations.py holds it to Alembic's own head.
HEAD = "0016"

#: Alembic's table of the schema's revision (its default name)
VERSION_TABLE = "alembic_version"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest migration the program ships."""
    return HEAD


def current_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at, read from Alembic's version table as
    Alembic reads it; None for a database without one (a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        found = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(found) > 1:
        raise DatabaseUnavailable(
            "Bảng phiên bản lược đồ của cơ sở dữ liệu có nhiều hơn một dòng: cơ sở dữ liệu "
            "đã bị sửa ngoài chương trình. Hãy khôi phục từ bản sao lưu."
        )
    return found[0] if found else None


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

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
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return current or ""
