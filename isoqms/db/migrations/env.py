"""Alembic environment: uses the engine handed over by :mod:`isoqms.db.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from isoqms.db.models import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only via isoqms.db.migrate
    raise RuntimeError("run migrations through isoqms.db.migrate")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
