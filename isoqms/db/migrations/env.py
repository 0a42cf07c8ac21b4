"""Alembic environment: uses the engine handed over by :mod:`isoqms.db.migrate`.

On SQLite, batch mode rebuilds a table (copy, drop, rename) to change it. With foreign
keys enforced, dropping a table that other rows point at fails (``FOREIGN KEY constraint
failed [SQL: DROP TABLE dossier]`` once a slip was printed), so migrations run with them
off — set before the transaction, where SQLite honours it — and end with
``PRAGMA foreign_key_check`` inside the transaction: a migration that left a dangling
reference is rolled back whole — SQLite's DDL is transactional, so the upgrade runs as one
transaction (Alembic assumes otherwise for SQLite and would commit each migration on its
own, leaving a database that says "head" after a failed check). This is Alembic's
batch-mode recipe.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from isoqms.db.models import Base
from isoqms.domain.errors import DatabaseUnavailable

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only via isoqms.db.migrate
    raise RuntimeError("run migrations through isoqms.db.migrate")

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    raw = connection.connection.dbapi_connection
    if sqlite and raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")  # no transaction has begun yet
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
            compare_type=True,
            transactional_ddl=True,  # all migrations or none, on SQLite too
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    tables = sorted({row[0] for row in broken})
                    raise DatabaseUnavailable(
                        "Nâng cấp cơ sở dữ liệu dừng lại: dữ liệu các bảng "
                        f"{', '.join(tables)} tham chiếu tới bản ghi không còn; không có gì "
                        "bị thay đổi."
                    )
        connection.commit()
    finally:
        if connection.in_transaction():
            connection.rollback()  # PRAGMA foreign_keys is ignored inside a transaction
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")
