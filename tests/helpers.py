"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from isoqms.db.engine import Database, resolve_url
from isoqms.services import demo as demo_service
from isoqms.services import users as user_service
from isoqms.services.uow import Actor

ROOT = Path(__file__).resolve().parent.parent

#: The moment the suite runs at (tests/conftest.py pins the clock to it for every test): a
#: Tuesday, a working day, after the demo's documents and the known desk's dossiers.
PINNED = dt.datetime(2026, 12, 1, 10, 0)


def login(db: Database, username: str, password: str = demo_service.DEMO_PASSWORD) -> Actor:
    actor, _info = user_service.authenticate(db, username, password, record_login=False)
    return actor


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    for key in [k for k in os.environ if k.startswith("ISOQMS_PASSWORD")]:
        del os.environ[key]
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process — ``isoqms.cli.main(argv)`` with its own
    environment, standard input and output — as ``run_cli_process`` would in a subprocess,
    without an interpreter start and imports per call. An uncaught exception becomes a
    traceback on stderr and exit code 1, as it would."""
    from isoqms.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with (
            _environment(env or {}),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, bad usage
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["isoqms", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m isoqms`` in a real subprocess (the contract tests)."""
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


AUDIT_TRIGGERS = ("audit_event_append_only_update", "audit_event_append_only_delete")


def intruder_sql(db: Database, *statements: str) -> None:
    """Raw SQL as someone who can write the database file would run it: the triggers that
    refuse to change audit events dropped first (as such a person could)."""
    on = " ON audit_event" if db.backend == "postgresql" else ""
    raw_sql(db, *(f"DROP TRIGGER IF EXISTS {name}{on}" for name in AUDIT_TRIGGERS), *statements)


def audit_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM audit_event")).scalar_one())
