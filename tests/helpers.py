"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from isoqms.db.engine import Database, resolve_url
from isoqms.services import demo as demo_service
from isoqms.services import users as user_service
from isoqms.services.uow import Actor

ROOT = Path(__file__).resolve().parent.parent


def login(db: Database, username: str, password: str = demo_service.DEMO_PASSWORD) -> Actor:
    actor, _info = user_service.authenticate(db, username, password, record_login=False)
    return actor


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m isoqms`` in a real subprocess."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ISOQMS_PASSWORD")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "isoqms", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=stdin,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def raw_engine(db: Database) -> Engine:
    """An engine that bypasses the application: for tampering tests."""
    return create_engine(resolve_url(db.url.render_as_string(hide_password=False)))


def raw_sql(db: Database, *statements: str) -> None:
    engine = raw_engine(db)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def audit_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM audit_event")).scalar_one())
