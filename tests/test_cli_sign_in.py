"""Signing in on the command line: wrong passwords lock an account as in the window, the
administrator unlocks it (``user unlock``), and a password an administrator reset must be
changed (``user passwd``) before any other command runs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from typing import Any

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.services import users as user_service
from isoqms.services.users import unknown_name_key
from tests.helpers import run_cli, run_cli_process

PW = {"ISOQMS_PASSWORD": "demo"}
LOCKED = (
    "isoqms: Tài khoản “clerk” đã bị khoá do nhập sai mật khẩu nhiều lần. Liên hệ quản trị viên."
)


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def cli(
    url: str, user: str, *args: str, password: str = "demo", **env: str
) -> subprocess.CompletedProcess[str]:
    return run_cli("--db", url, "--user", user, *args, env={"ISOQMS_PASSWORD": password, **env})


def audit_log(url: str, *args: str) -> list[dict[str, Any]]:
    result = cli(url, "auditor", "audit", "log", "--json", *args)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def test_ten_wrong_passwords_lock_until_the_administrator_unlocks(demo_url: str) -> None:
    clock.pin(clock.now(), tick=False)
    for n in range(1, 11):
        wrong = cli(demo_url, "clerk", "user", "list", password="sai-mat-khau")
        assert wrong.returncode == 1 and wrong.stdout == ""
        assert wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
        if n < 10:
            assert wrong.stderr.startswith("isoqms: Sai tên đăng nhập hoặc mật khẩu")
            delay = user_service.failure_delay(n)
            if delay is not None:
                assert "hãy đợi" in wrong.stderr
                clock.pin(clock.now() + delay + dt.timedelta(seconds=1), tick=False)
    assert wrong.stderr.strip() == LOCKED

    right = cli(demo_url, "clerk", "user", "list")  # the 11th, with the right password
    assert right.returncode == 1 and right.stderr.strip() == LOCKED

    listed = cli(demo_url, "admin", "user", "list")
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert lines["clerk"].endswith("clerk  [bị khoá do sai mật khẩu 10 lần]")
    assert lines["officer"].endswith("officer")
    users = {
        u["username"]: u
        for u in json.loads(cli(demo_url, "admin", "user", "list", "--json").stdout)
    }
    assert users["clerk"]["locked"] is True and users["clerk"]["failed_logins"] == 10
    assert users["clerk"]["locked_at"] is not None and users["clerk"]["active"] is True
    assert users["officer"]["locked"] is False and users["officer"]["locked_at"] is None

    refused = cli(demo_url, "clerk", "user", "unlock", "clerk")
    assert refused.returncode == 1 and refused.stderr.strip() == LOCKED  # not by oneself
    by_officer = cli(demo_url, "officer", "user", "unlock", "clerk")
    assert by_officer.returncode == 1 and "không có quyền quản lý người dùng" in by_officer.stderr

    unlock = cli(demo_url, "admin", "user", "unlock", "clerk")
    assert unlock.returncode == 0, unlock.stderr
    assert unlock.stdout == "clerk: đã mở khoá đăng nhập (bị khoá do sai mật khẩu).\n"
    again = cli(demo_url, "admin", "user", "unlock", "clerk", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["locked"] is False
    assert cli(demo_url, "clerk", "user", "list").returncode == 0

    log = audit_log(demo_url, "--entity", "user", "--id", "clerk")
    actions = [e["action"] for e in log]
    assert actions.count("user.login_failed") == 10
    assert actions.count("user.locked") == 1 and actions.count("user.unlock") == 1
    assert actions.count("user.login_refused") == 2
    unlock_event = next(e for e in log if e["action"] == "user.unlock")
    assert unlock_event["actor"] == "admin"
    assert {c["field"] for c in unlock_event["changes"]} >= {"failed_logins", "locked_at"}
    assert "sai-mat-khau" not in json.dumps(log, ensure_ascii=False)

    verified = run_cli("--db", demo_url, "audit", "verify")
    assert verified.returncode == 0, verified.stdout


def test_unlock_says_what_it_did(demo_url: str) -> None:
    for _ in range(3):
        cli(demo_url, "clerk", "user", "list", password="sai")
    cleared = cli(demo_url, "admin", "user", "unlock", "clerk")
    assert cleared.stdout == "clerk: đã xoá 3 lần nhập sai mật khẩu.\n"
    nothing = cli(demo_url, "admin", "user", "unlock", "clerk")
    assert nothing.stdout == "clerk: không bị khoá do sai mật khẩu, không có gì thay đổi.\n"
    unknown = cli(demo_url, "admin", "user", "unlock", "ai-do")
    assert unknown.returncode == 1 and unknown.stderr == "isoqms: Không có người dùng “ai-do”.\n"


def test_an_unknown_name_is_logged_by_a_digest_never_as_typed(demo_url: str) -> None:
    result = cli(demo_url, "Ai-Do", "user", "list", password="mat-khau-bi-mat")
    assert result.returncode == 1
    assert result.stderr == "isoqms: Sai tên đăng nhập hoặc mật khẩu.\n"
    key = unknown_name_key("ai-do")  # a password typed into the name box stays out of the log
    (event,) = audit_log(demo_url, "--entity", "login", "--id", key)
    assert "ai-do" not in json.dumps(event, ensure_ascii=False).lower()
    assert (event["action"], event["actor"]) == ("user.login_failed", "system")
    assert "mat-khau-bi-mat" not in json.dumps(event, ensure_ascii=False)


def test_a_reset_password_must_be_changed_before_any_other_command(demo_url: str) -> None:
    reset = cli(
        demo_url, "admin", "user", "reset-password", "clerk", ISOQMS_NEW_PASSWORD="tam-thoi-123"
    )
    assert reset.returncode == 0, reset.stderr
    for args in (["user", "list"], ["user", "unlock", "officer"], ["audit", "log"]):
        refused = cli(demo_url, "clerk", *args, password="tam-thoi-123")
        assert refused.returncode == 1 and refused.stdout == ""
        assert refused.stderr == (
            "isoqms: Mật khẩu của “clerk” do quản trị viên đặt lại, phải đổi trước khi dùng "
            "lệnh khác: chạy “isoqms --user clerk user passwd” (mật khẩu hiện tại từ "
            "ISOQMS_PASSWORD, mật khẩu mới từ ISOQMS_NEW_PASSWORD).\n"
        )
    wrong = cli(demo_url, "clerk", "user", "passwd", password="sai", ISOQMS_NEW_PASSWORD="x")
    assert wrong.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    short = cli(
        demo_url, "clerk", "user", "passwd", password="tam-thoi-123", ISOQMS_NEW_PASSWORD="ngan"
    )
    assert short.returncode == 1 and "ít nhất 8 ký tự" in short.stderr

    changed = cli(
        demo_url,
        "clerk",
        "user",
        "passwd",
        password="tam-thoi-123",
        ISOQMS_NEW_PASSWORD="mat-khau-rieng",
    )
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout == "Đã đổi mật khẩu của clerk.\n"
    assert cli(demo_url, "clerk", "user", "list", password="tam-thoi-123").returncode == 1
    assert cli(demo_url, "clerk", "user", "list", password="mat-khau-rieng").returncode == 0
    (event,) = [e for e in audit_log(demo_url) if e["action"] == "user.change_password"]
    assert event["actor"] == "clerk"
    assert run_cli("--db", demo_url, "audit", "verify").returncode == 0


@pytest.mark.other_day
def test_passwd_reads_both_passwords_from_standard_input(demo_url: str) -> None:
    result = run_cli_process(
        "--db",
        demo_url,
        "--user",
        "officer",
        "user",
        "passwd",
        "--json",
        stdin="demo\nmat-khau-moi-1\n",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"username": "officer", "must_change_password": False}
    again = run_cli_process(
        "--db", demo_url, "--user", "officer", "user", "list", stdin="mat-khau-moi-1\n"
    )
    assert again.returncode == 0, again.stderr
