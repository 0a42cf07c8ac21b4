"""Backups that restore: taken while a counter keeps receiving, checked in full before they
replace anything, restored into either database, and never a silent rollback."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, StoredFile
from isoqms.domain import clock
from isoqms.domain.errors import PermissionDenied, ValidationError
from isoqms.services import backup, intake, integrity, unit
from isoqms.services.intake import Applicant, IntakeDraft
from tests.conftest import Templates, _pg_base_url, _pg_url
from tests.helpers import ROOT, audit_count, intruder_sql, login, run_cli

PW = {"ISOQMS_PASSWORD": "demo"}


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def dossiers(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.execute(select(Dossier.code)).scalars())


def files(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {
            sha: hashlib.sha256(bytes(content)).hexdigest()
            for sha, content in session.execute(select(StoredFile.sha256, StoredFile.content))
        }


@pytest.fixture
def other_url(demo_db: Database, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """An empty database of the other kind than ``demo_db``'s (a move between them)."""
    if demo_db.backend == "postgresql":
        yield f"sqlite:///{(tmp_path / 'moved.sqlite3').as_posix()}"
        return
    base = _pg_base_url()
    if base is None:
        yield f"sqlite:///{(tmp_path / 'moved.sqlite3').as_posix()}"
        return
    name = templates.pg_create(None)
    try:
        yield _pg_url(base, name)
    finally:
        templates.pg_drop(name)


@pytest.mark.other_day
def test_a_backup_taken_while_a_counter_receives_restores_every_committed_dossier(
    demo_db: Database, tmp_path: Path
) -> None:
    url = url_of(demo_db)
    counter = subprocess.Popen(
        [sys.executable, "-m", "tests.concurrent_intake", url, "40", "print"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert counter.stdout is not None
    committed = [counter.stdout.readline().strip() for _ in range(5)]  # it is under way
    out = tmp_path / "dang-nhan.isoqms-backup"
    made = run_cli("--db", url, "--user", "admin", "backup", "--out", str(out), "--json", env=PW)
    rest, _ = counter.communicate(timeout=300)
    assert counter.returncode == 0 and made.returncode == 0, made.stderr
    every = set(committed) | set(rest.split())
    info = json.loads(made.stdout)
    assert info["method"] == (
        "sqlite-online-backup" if demo_db.backend == "sqlite" else "logical-copy"
    )

    target = tmp_path / "khoi-phuc.sqlite3"
    restored = run_cli("restore", str(out), "--db", str(target), "--user", "admin", env=PW)
    assert restored.returncode == 0, restored.stderr
    again = Database.open(str(target))
    try:
        got = dossiers(again)
        received_here = {c for c in got if c in every}
        assert set(committed) <= received_here  # everything committed before it started
        assert len(received_here) == info["counts"]["dossier"] - len(got - every)
        assert got - every == dossiers(demo_db) - every  # and the demo's own, all of them
        source_files = files(demo_db)
        assert all(source_files[sha] == digest == sha for sha, digest in files(again).items())
        report = integrity.verify(again, save=False)
        assert report.ok, report.summary()
        # the desk goes on from the restored numbers: no code printed on a slip comes again
        new = intake.receive(
            again, login(again, "clerk"), IntakeDraft("1.001193", Applicant("Mới"))
        )
        assert new.code not in got
    finally:
        again.dispose()


def test_a_backup_moves_between_sqlite_and_postgresql(
    demo_db: Database, other_url: str, tmp_path: Path
) -> None:
    clerk = login(demo_db, "clerk")
    code = intake.receive(demo_db, clerk, IntakeDraft("1.001193", Applicant("Chuyển Nhà"))).code
    intake.print_receipt(demo_db, clerk, code)
    info = backup.make(demo_db, login(demo_db, "admin"), tmp_path / "b.isoqms-backup")
    result = backup.restore(
        Path(info.file), other_url, authorise=lambda plan, db: "admin (thử)", force=False
    )
    assert result.plan.relation == "empty"
    moved = Database.open(other_url)
    try:
        assert dossiers(moved) == dossiers(demo_db)
        assert files(moved) == files(demo_db)
        assert integrity.verify(moved, save=False).ok
        # the numbers go on there too (PostgreSQL's sequences follow the copied ids)
        again = intake.receive(
            moved, login(moved, "clerk"), IntakeDraft("1.001193", Applicant("Tiếp"))
        )
        assert again.code not in dossiers(demo_db)
    finally:
        moved.dispose()


def _rezip(source: Path, target: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members.update(change)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_damaged_or_forged_backup_is_refused_and_nothing_is_written(
    demo_db: Database, tmp_path: Path
) -> None:
    good = backup.make(demo_db, login(demo_db, "admin"), tmp_path / "tot.isoqms-backup")
    data = Path(good.file).read_bytes()
    flipped = tmp_path / "lat-bit.isoqms-backup"
    # bytes in the middle of the database's compressed data inverted: one flipped bit can
    # land on bits deflate ignores (a stored block's padding) and change nothing at all
    with zipfile.ZipFile(good.file) as archive:
        member = archive.getinfo(backup.DATABASE)
    head = member.header_offset  # the local header: its name and extra field lengths
    start = head + 30 + int.from_bytes(data[head + 26 : head + 28], "little")
    start += int.from_bytes(data[head + 28 : head + 30], "little")
    middle = start + member.compress_size // 2
    damaged = bytes(byte ^ 0xFF for byte in data[middle : middle + 32])
    flipped.write_bytes(data[:middle] + damaged + data[middle + 32 :])
    not_zip = tmp_path / "khong-phai.isoqms-backup"
    not_zip.write_bytes(b"%PDF-1.4 not a backup")
    # the database inside edited, its hash in the manifest recomputed: the log still tells
    with zipfile.ZipFile(good.file) as archive:
        raw = archive.read(backup.DATABASE)
        manifest = json.loads(archive.read(backup.MANIFEST))
    edited_db = tmp_path / "sua.sqlite3"
    edited_db.write_bytes(raw)
    import sqlite3

    conn = sqlite3.connect(edited_db)
    conn.execute("UPDATE app_user SET full_name = 'Mallory' WHERE username = 'clerk'")
    conn.commit()
    conn.close()
    forged_db = edited_db.read_bytes()
    manifest["database"]["sha256"] = hashlib.sha256(forged_db).hexdigest()
    forged = tmp_path / "gia.isoqms-backup"
    _rezip(
        Path(good.file),
        forged,
        {backup.DATABASE: forged_db, backup.MANIFEST: json.dumps(manifest).encode()},
    )
    shape = tmp_path / "hinh-sai.isoqms-backup"
    _rezip(Path(good.file), shape, {backup.MANIFEST: b"[1, 2]"})
    cases = {
        flipped: "hỏng",
        not_zip: "không phải bản sao lưu",
        forged: "Dữ liệu bị thay đổi ngoài chương trình",
        shape: "không phải bản sao lưu",
        tmp_path / "khong-co.isoqms-backup": "Không có tệp",
    }
    for path, why in cases.items():
        target = tmp_path / f"dich-{path.stem}.sqlite3"
        result = run_cli("restore", str(path), "--db", str(target), "--user", "admin", env=PW)
        assert result.returncode == 1 and why in result.stderr, (path.name, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert not target.exists()  # a refused restore leaves nothing behind
        check = run_cli("restore", str(path), "--check")
        assert check.returncode == 1 and why in check.stderr


def test_restore_replaces_data_only_when_told_and_says_a_rollback_plainly(
    demo_db: Database, tmp_path: Path
) -> None:
    url = url_of(demo_db)
    admin, clerk = login(demo_db, "admin"), login(demo_db, "clerk")
    older = backup.make(demo_db, admin, tmp_path / "cu.isoqms-backup")
    code = intake.receive(demo_db, clerk, IntakeDraft("1.001193", Applicant("Sau Sao Lưu"))).code
    before = audit_count(demo_db)
    refused = run_cli("restore", older.file, "--db", url, "--user", "admin", env=PW)
    assert refused.returncode == 1
    assert "KHÔI PHỤC VỀ TRẠNG THÁI CŨ" in refused.stderr and "--force" in refused.stderr
    assert "1 sự kiện ghi công việc" in refused.stderr
    assert audit_count(demo_db) == before and code in dossiers(demo_db)
    clerk_tries = run_cli("restore", older.file, "--db", url, "--user", "clerk", "--force", env=PW)
    assert clerk_tries.returncode == 1 and "không có quyền sao lưu" in clerk_tries.stderr
    done = run_cli(
        "restore", older.file, "--db", url, "--user", "admin", "--force", "--json", env=PW
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert (plan["relation"], plan["rollback"], plan["work_lost"]) == ("older", True, 1)
    back = Database.open(url)
    try:
        assert code not in dossiers(back)
        with back.read() as session:
            from isoqms.db.models import AuditEvent

            last = session.execute(
                select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)
            ).scalar_one()
        after = json.loads(last.after or "{}")
        assert last.action == "backup.restore" and after["rollback"] is True
        assert after["by"].startswith("admin (") and after["work_lost"] == 1
        assert integrity.verify(back).ok  # and this computer's point is the restored log
        assert integrity.verify(back, incremental=True).ok
        # the data it replaced was backed up first: a restore by mistake can be undone
        safety = Path(plan["safety_copy"])
        assert after["safety_copy"] == safety.name and "truoc-khoi-phuc" in safety.name
        undo = backup.restore(safety, back, authorise=lambda _p, _d: "admin (thử)", force=True)
        assert code in dossiers(back) and undo.safety_copy != str(safety)
    finally:
        back.dispose()


def test_only_an_administrator_backs_up(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied, match="sao lưu"):
        backup.make(demo_db, login(demo_db, "clerk"), tmp_path / "x.isoqms-backup")
    assert not (tmp_path / "x.isoqms-backup").exists()
    nowhere = str(tmp_path / "khong" / "x")
    result = run_cli("--db", url_of(demo_db), "--user", "admin", "backup", "--out", nowhere, env=PW)
    assert result.returncode == 1 and "Không có thư mục" in result.stderr


def test_automatic_backups_once_a_day_into_the_set_folder_keeping_the_last_n(
    demo_db: Database, tmp_path: Path
) -> None:
    admin = login(demo_db, "admin")
    folder = tmp_path / "usb"
    unit.update_unit(
        demo_db,
        admin,
        unit.UnitInfo(
            **{**unit.get_unit(demo_db).__dict__, "backup_folder": str(folder), "backup_keep": 3}
        ),
    )
    with pytest.raises(Exception, match="ổ USB chưa cắm"):
        backup.automatic(demo_db, only_if_none_today=True)
    for relative in ("SaoLuu", "E:SaoLuu", "./usb"):  # would follow the working folder
        with pytest.raises(ValidationError, match="đường dẫn đầy đủ"):
            unit.update_unit(
                demo_db,
                admin,
                unit.UnitInfo(**{**unit.get_unit(demo_db).__dict__, "backup_folder": relative}),
            )
    for absolute in ("E:\\SaoLuu", "\\\\may-chu\\SaoLuu"):  # Windows folders are taken
        unit.update_unit(
            demo_db,
            admin,
            unit.UnitInfo(**{**unit.get_unit(demo_db).__dict__, "backup_folder": absolute}),
        )
    unit.update_unit(
        demo_db,
        admin,
        unit.UnitInfo(**{**unit.get_unit(demo_db).__dict__, "backup_folder": str(folder)}),
    )
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu")
    first = backup.automatic(demo_db, only_if_none_today=True)
    assert first is not None and Path(first.file).parent == folder
    assert backup.automatic(demo_db, only_if_none_today=True) is None  # once a day
    for days in range(1, 5):
        with clock.travel(clock.now() + dt.timedelta(days=days)):
            assert backup.automatic(demo_db, only_if_none_today=True) is not None
    kept = sorted(p.name for p in folder.iterdir() if p.suffix == backup.SUFFIX)
    assert len(kept) == 3 and (folder / "ghi-chu.txt").exists()
    assert Path(first.file).name not in kept  # the oldest went first
    _when, who, what = backup.last_backup(demo_db) or (None, "", {})
    assert who == "system" and what["file"] == kept[-1]
    assert backup.check(folder / kept[-1]).seq > 0
    # two in the same second (the first start, then closing at once): neither overwrites
    # the other, and the rotation keeps the newest
    with clock.travel(clock.now() + dt.timedelta(days=9)):
        same = [backup.automatic(demo_db) for _ in range(3)]
    names = [Path(info.file).name for info in same if info]
    assert names[1] == names[0].replace(backup.SUFFIX, f"-2{backup.SUFFIX}")
    assert sorted(p.name for p in folder.iterdir() if p.suffix == backup.SUFFIX) == sorted(names)


def test_the_backup_carries_the_checkpoint_of_its_log(demo_db: Database, tmp_path: Path) -> None:
    info = backup.make(demo_db, login(demo_db, "admin"), tmp_path / "moc.isoqms-backup")
    with zipfile.ZipFile(info.file) as archive:
        anchor = json.loads(archive.read("checkpoint.json"))
    assert (anchor["seq"], anchor["hash"]) == (info.seq, info.hash)
    # the backup is an anchor: the live log must still extend it
    assert (
        run_cli("--db", url_of(demo_db), "audit", "verify", "--against", info.file).returncode == 0
    )
    intruder_sql(demo_db, f"DELETE FROM audit_event WHERE seq >= {info.seq}")
    against = run_cli("--db", url_of(demo_db), "audit", "verify", "--json", "--against", info.file)
    assert against.returncode == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_backup_and_a_restored_database_are_private_and_no_folder_is_made(
    demo_db: Database, tmp_path: Path
) -> None:
    """They hold password hashes and citizens' ID numbers, as the database does; a
    mistyped target grows no folders."""
    made = backup.make(demo_db, login(demo_db, "admin"), tmp_path / "tot.isoqms-backup")
    assert Path(made.file).stat().st_mode & 0o777 == 0o600
    missing = tmp_path / "khong-co" / "moi.sqlite3"
    refused = run_cli("restore", made.file, "--db", str(missing), "--user", "admin", env=PW)
    assert refused.returncode == 1 and "Không có thư mục" in refused.stderr
    assert not missing.parent.exists()
    new = tmp_path / "moi.sqlite3"
    done = run_cli("restore", made.file, "--db", str(new), "--user", "admin", env=PW)
    assert done.returncode == 0, done.stderr
    assert new.stat().st_mode & 0o777 == 0o600
