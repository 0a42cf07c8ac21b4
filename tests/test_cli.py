"""The command line against both databases: in this process (``isoqms.cli.main``), and —
for the contract a script outside sees — a few through a real ``python -m isoqms``."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from sqlalchemy import text

from isoqms import __version__
from isoqms.db.engine import Database
from isoqms.services import users as user_service
from tests.helpers import intruder_sql, run_cli, run_cli_process

PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def test_init_demo_on_an_empty_database(db_url: str) -> None:
    result = run_cli("--db", db_url, "init", "--demo", "--without-dossiers")
    assert result.returncode == 0, result.stderr
    assert "8 người dùng" in result.stdout and "hồ sơ mẫu" not in result.stdout


def test_init_demo_twice_is_harmless(demo_url: str) -> None:
    again = run_cli("--db", demo_url, "init", "--demo")
    assert again.returncode == 0 and "đã có đơn vị mẫu" in again.stdout


def test_user_list_json(demo_url: str) -> None:
    result = run_cli("--db", demo_url, "--user", "admin", "user", "list", "--json", env=PW)
    assert result.returncode == 0, result.stderr
    users = {u["username"]: u for u in json.loads(result.stdout)}
    assert set(users) == {
        "admin",
        "iso_secretary",
        "reviewer",
        "approver",
        "clerk",
        "officer",
        "auditor",
        "internal_auditor",
    }
    assert users["auditor"]["full_name"] == "Vũ Thị Ủy"
    assert users["clerk"]["roles"] == ["clerk"]


@pytest.mark.other_day
def test_first_admin_then_users_by_cli(db_url: str) -> None:
    new = {"ISOQMS_NEW_PASSWORD": "mat-khau-123"}
    first = run_cli_process(
        "--db", db_url, "user", "add", "quantri", "--name", "Lê Văn Tám", env=new
    )
    assert first.returncode == 0, first.stderr
    # the program itself hashes with production's argon2 parameters (the suite's are cheap)
    strong = user_service.STRONG_PARAMETERS
    db = Database.open(db_url)
    try:
        with db.read() as session:
            stored = session.execute(
                text("SELECT password_hash FROM app_user WHERE username = 'quantri'")
            ).scalar_one()
    finally:
        db.dispose()
    assert stored.startswith(
        f"$argon2id$v=19$m={strong.memory_cost},t={strong.time_cost},p={strong.parallelism}$"
    )
    as_admin = {"ISOQMS_PASSWORD": "mat-khau-123", "ISOQMS_NEW_PASSWORD": "mat-khau-456"}
    second = run_cli(
        "--db",
        db_url,
        "--user",
        "quantri",
        "user",
        "add",
        "tiepnhan",
        "--name",
        "Đỗ Thị Hằng",
        "--role",
        "clerk",
        "--json",
        env=as_admin,
    )
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["roles"] == ["clerk"]
    deactivate = run_cli(
        "--db", db_url, "--user", "quantri", "user", "deactivate", "tiepnhan", env=as_admin
    )
    assert deactivate.returncode == 0 and "đã khoá" in deactivate.stdout


@pytest.mark.other_day
def test_refusal_exits_1_with_one_line_on_stderr(demo_url: str) -> None:
    result = run_cli_process(
        "--db", demo_url, "--user", "clerk", "user", "deactivate", "officer", env=PW
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "không có quyền quản lý người dùng" in result.stderr


def test_wrong_password_and_missing_login_exit_1(demo_url: str) -> None:
    wrong = run_cli(
        "--db", demo_url, "--user", "admin", "user", "list", env={"ISOQMS_PASSWORD": "sai"}
    )
    assert wrong.returncode == 1 and "Sai tên đăng nhập" in wrong.stderr
    anonymous = run_cli("--db", demo_url, "user", "list")
    assert anonymous.returncode == 1 and "--user" in anonymous.stderr


@pytest.mark.other_day
def test_password_can_come_from_stdin(demo_url: str) -> None:
    result = run_cli_process("--db", demo_url, "--user", "admin", "unit", "show", stdin="demo\n")
    assert result.returncode == 0 and "000.00.38.H47" in result.stdout


@pytest.mark.parametrize("args", [["bogus"], ["user"], ["audit", "log", "--from", "24/11/2026"]])
def test_bad_usage_exits_2(args: list[str]) -> None:
    assert run_cli(*args).returncode == 2


@pytest.mark.other_day
def test_bad_usage_exits_2_from_a_real_process() -> None:
    result = run_cli_process("audit", "log", "--from", "24/11/2026")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_unit_set_validates(demo_url: str) -> None:
    bad = run_cli(
        "--db",
        demo_url,
        "--user",
        "admin",
        "unit",
        "set",
        "--office-hours",
        "07:00-12:00,11:00-17:00",
        env=PW,
    )
    assert bad.returncode == 1 and "chồng lên nhau" in bad.stderr
    good = run_cli(
        "--db",
        demo_url,
        "--user",
        "admin",
        "unit",
        "set",
        "--phone",
        "0229 999",
        "--counter",
        "Quầy A",
        "--counter",
        "Quầy B",
        env=PW,
    )
    assert good.returncode == 0, good.stderr
    shown = json.loads(run_cli("--db", demo_url, "unit", "show", "--json").stdout)
    assert shown["phone"] == "0229 999" and shown["counters"] == ["Quầy A", "Quầy B"]


def test_audit_verify_and_log(demo_url: str) -> None:
    ok = run_cli("--db", demo_url, "audit", "verify")
    assert ok.returncode == 0, ok.stderr
    assert "nguyên vẹn" in ok.stdout
    log = run_cli(
        "--db", demo_url, "--user", "auditor", "audit", "log", "--entity", "user", "--json", env=PW
    )
    assert log.returncode == 0, log.stderr
    entries = json.loads(log.stdout)
    assert len(entries) == 8 and all(e["action"] == "user.create" for e in entries)
    assert entries[0]["after"]["username"] == "admin"


@pytest.mark.parametrize(
    ("statements", "seq"),
    [
        (["UPDATE audit_event SET entity_id = '99' WHERE seq = 3"], 3),
        (["DELETE FROM audit_event WHERE seq = 2"], 2),
        (
            [
                "UPDATE audit_event SET seq = -4 WHERE seq = 4",
                "UPDATE audit_event SET seq = 4 WHERE seq = 5",
                "UPDATE audit_event SET seq = 5 WHERE seq = -4",
            ],
            4,
        ),
    ],
    ids=["edited", "deleted", "reordered"],
)
def test_audit_verify_exits_1_naming_the_first_broken_event(
    demo_url: str, statements: list[str], seq: int
) -> None:
    db = Database.open(demo_url)
    try:
        intruder_sql(db, *statements)
    finally:
        db.dispose()
    result = run_cli("--db", demo_url, "audit", "verify")
    assert result.returncode == 1
    assert f"sự kiện số {seq}" in result.stdout
    as_json = run_cli("--db", demo_url, "audit", "verify", "--json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["first_bad"]["seq"] == seq


@pytest.mark.other_day
def test_python_m_isoqms_version() -> None:
    result = run_cli_process("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"isoqms {__version__}"


@pytest.mark.other_day
def test_the_installed_script_runs() -> None:
    script = shutil.which("isoqms")
    if script is None:
        pytest.skip("the package is not installed (pip install -e .)")
    result = subprocess.run(
        [script, "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip() == f"isoqms {__version__}"


def test_any_command_loads_the_shipped_reference_data(db_url: str) -> None:
    result = run_cli("--db", db_url, "calendar", "days", "--year", "2026", "--json")
    assert result.returncode == 0, result.stderr
    assert any(d["date"] == "2026-01-10" and d["working"] for d in json.loads(result.stdout))
    first = run_cli(
        "--db",
        db_url,
        "user",
        "add",
        "quantri",
        "--name",
        "Quản trị",
        env={"ISOQMS_NEW_PASSWORD": "mat-khau-123"},
    )
    assert first.returncode == 0, first.stderr
    docs = run_cli(
        "--db",
        db_url,
        "--user",
        "quantri",
        "docs",
        "list",
        "--json",
        env={"ISOQMS_PASSWORD": "mat-khau-123"},
    )
    assert {"BM.MC.2025.01", "BM.MC.2018.01"} <= {d["code"] for d in json.loads(docs.stdout)}
