"""What a new administrator or auditor got wrong with backups, checkpoints and packs (a
trial with the README only): each is refused in one Vietnamese line that says why, and
nothing is destroyed — a checkpoint never lands on the database, a backup never on a file
that is not one — or answered honestly (a checkpoint too old for a pack is not tampering)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.services import anchors, backup
from tests.helpers import audit_count, login, run_cli

PW = {"ISOQMS_PASSWORD": "demo"}


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def cli(db: Database, user: str, *args: str) -> tuple[int, str, str]:
    result = run_cli("--db", url_of(db), "--user", user, *args, env=PW)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result.returncode, result.stdout, result.stderr


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_checkpoint_never_lands_on_a_file_that_is_not_one(
    demo_db: Database, tmp_path: Path
) -> None:
    keep = tmp_path / "giu.isoqms-backup"
    backup.make(demo_db, login(demo_db, "admin"), keep)
    kept = keep.read_bytes()
    text = tmp_path / "ghi-chu.json"
    text.write_text("biên bản họp", encoding="utf-8")
    before = audit_count(demo_db)
    refused = [
        (["--out", str(keep)], "phải có đuôi .json"),
        (["--out", str(tmp_path / "moc.pdf")], "phải có đuôi .json"),
        (["--out", str(text)], "không ghi đè"),
        (["--out", str(tmp_path / "moc.json"), "--pdf", str(keep)], "phải có đuôi .pdf"),
        (["--out", str(tmp_path / "khong-co" / "moc.json")], "Không có thư mục"),
    ]
    if demo_db.backend == "sqlite":  # the database file itself, as the trial did
        refused.append((["--out", str(demo_db.engine.url.database)], "phải có đuôi .json"))
    for args, said in refused:
        code, _out, err = cli(demo_db, "auditor", "audit", "checkpoint", *args)
        assert code == 1 and said in one_line(err), (args, err)
    assert keep.read_bytes() == kept and text.read_text(encoding="utf-8") == "biên bản họp"
    assert audit_count(demo_db) == before  # refused before anything was made

    # a checkpoint replaces an earlier checkpoint (and its page) of the same name
    out, page = tmp_path / "moc.json", tmp_path / "moc.pdf"
    for _ in range(2):
        code, _o, err = cli(
            demo_db, "auditor", "audit", "checkpoint", "--out", str(out), "--pdf", str(page)
        )
        assert code == 0, err
    assert anchors.load(str(out)).seq == audit_count(demo_db) - 1
    assert page.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob("*.part"))


def test_the_code_is_taken_as_printed_and_a_blank_or_impossible_one_is_refused(
    demo_db: Database, tmp_path: Path
) -> None:
    anchor = anchors.make(demo_db, login(demo_db, "auditor"))
    grouped = " ".join(anchor.hash[i : i + 8] for i in range(0, 64, 8))
    for typed in (
        f"{anchor.seq}:{anchor.hash.upper()}",
        f"{anchor.seq}: {grouped}",
        f"{anchor.seq}:{anchor.hash[:32]}\n{anchor.hash[32:]}",  # as the page breaks it
    ):
        code, out, err = cli(demo_db, "auditor", "audit", "verify", "--against", typed)
        assert code == 0 and "Khớp mốc kiểm tra" in out, (typed, err)
    for typed, said in (
        ("", "Chưa nêu mốc kiểm tra"),
        ("  ", "Chưa nêu mốc kiểm tra"),
        ("0:" + "1" * 64, "mốc số 0 là nhật ký rỗng"),
        (f"{anchor.seq}:{anchor.hash[:60]}", "SỐ:MÃ-BĂM"),
    ):
        code, _out, err = cli(demo_db, "auditor", "audit", "verify", "--against", typed)
        assert code == 1 and said in one_line(err), (typed, err)


def test_backup_into_a_folder_never_over_a_file_that_is_not_a_backup(
    demo_db: Database, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    code, _out, err = cli(demo_db, "admin", "backup", "--out", str(usb))
    assert code == 0, err
    made = list(usb.iterdir())
    assert len(made) == 1 and made[0].name.endswith(backup.SUFFIX)
    assert backup.check(made[0]).seq > 0
    report = tmp_path / "bao-cao.isoqms-backup"
    report.write_text("không phải bản sao lưu", encoding="utf-8")
    code, _out, err = cli(demo_db, "admin", "backup", "--out", str(report))
    assert code == 1 and "không ghi đè" in one_line(err)
    assert report.read_text(encoding="utf-8") == "không phải bản sao lưu"
    code, _out, err = cli(demo_db, "admin", "backup", "--out", str(made[0]))  # a backup: yes
    assert code == 0, err
    for usage in ([], ["--auto", "--out", str(usb / "x")]):
        result = run_cli("--db", url_of(demo_db), "--user", "admin", "backup", *usage, env=PW)
        assert result.returncode == 2, usage


def test_restore_check_writes_nothing_and_says_what_a_restore_would_do(
    demo_db: Database, tmp_path: Path
) -> None:
    made = backup.make(demo_db, login(demo_db, "admin"), tmp_path / f"b{backup.SUFFIX}")
    new = tmp_path / "moi.sqlite3"
    result = run_cli("restore", made.file, "--check", "--db", str(new), env=PW)
    assert result.returncode == 0, result.stderr
    assert "sẽ tạo cơ sở dữ liệu mới" in result.stdout and not new.exists()
    missing = tmp_path / "khong-co" / "moi.sqlite3"
    result = run_cli("restore", made.file, "--check", "--db", str(missing), env=PW)
    assert result.returncode == 1 and "Không có thư mục" in one_line(result.stderr)
    assert not missing.parent.exists()
    code, out, _err = cli(demo_db, "admin", "restore", made.file, "--check")
    assert code == 0 and "KHÔI PHỤC VỀ TRẠNG THÁI CŨ" in out  # over the live one: a rollback
    code, _out, err = cli(demo_db, "clerk", "restore", made.file, "--force")
    assert code == 1 and "không có quyền sao lưu, khôi phục dữ liệu" in one_line(err)


@pytest.mark.parametrize("table", ["dossier_event", "audit_event", "app_user"])
def test_a_backup_with_a_table_dropped_and_its_hash_redone_is_refused_in_words(
    demo_db: Database, tmp_path: Path, table: str
) -> None:
    import sqlite3

    made = backup.make(demo_db, login(demo_db, "admin"), tmp_path / f"b{backup.SUFFIX}")
    forged = tmp_path / f"gia{backup.SUFFIX}"
    work = tmp_path / "work.sqlite3"
    with zipfile.ZipFile(made.file) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    work.write_bytes(members[backup.DATABASE])
    conn = sqlite3.connect(work)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    members[backup.DATABASE] = work.read_bytes()
    manifest = json.loads(members[backup.MANIFEST])
    manifest["database"]["sha256"] = hashlib.sha256(members[backup.DATABASE]).hexdigest()
    members[backup.MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    for args in (["--check"], ["--db", str(tmp_path / "moi.sqlite3")]):
        result = run_cli("restore", str(forged), *args, env=PW)
        assert "Traceback" not in result.stderr
        assert result.returncode == 1 and "gia" in one_line(result.stderr), result.stderr
    assert not (tmp_path / "moi.sqlite3").exists()


def test_a_checkpoint_older_than_a_pack_is_not_called_tampering(
    demo_db: Database, tmp_path: Path
) -> None:
    from isoqms.services import evidence

    auditor = login(demo_db, "auditor")
    pack = evidence.document_pack(demo_db, auditor, "QT-KSTL-01")
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        first = int(json.loads(archive.read(evidence.CHAIN).splitlines()[0])["seq"])
    assert first > 1
    (tmp_path / "goi.zip").write_bytes(pack)
    # the checkpoint of the empty log, made when the program was installed: older than the
    # pack's part of the log
    code, out, _err = cli(
        demo_db, "auditor", "audit", "verify-pack", str(tmp_path / "goi.zip"),
        "--against", "0:" + "0" * 64,
    )  # fmt: skip
    assert code == 1 and "chưa đối chiếu được" in out and "bị thay đổi" not in out, out
    anchors.make(demo_db, auditor)  # the log goes on after the pack…
    newer = anchors.make(demo_db, auditor)  # …so this one is newer: it cannot decide either
    code, out, _err = cli(
        demo_db, "auditor", "audit", "verify-pack", str(tmp_path / "goi.zip"), "--json",
        "--against", f"{newer.seq}:{newer.hash}",
    )  # fmt: skip
    result = json.loads(out)
    assert code == 1 and not result["ok"] and result["problems"] == []
    assert "mới hơn hồ sơ" in result["undecided"]
    code, out, _err = cli(demo_db, "auditor", "audit", "pack", "QT-KSTL-01", "--out",
                          str(tmp_path / "p.zip"))  # fmt: skip
    assert code == 0 and "số định danh" in out  # it says what the pack holds


def test_the_checkpoint_page_reads_as_a_commune_document_and_its_code_types_back(
    demo_db: Database, tmp_path: Path
) -> None:
    """Read back with pdftotext as a person reads the paper: the heading of an
    administrative document, and the code exactly as printed (groups, line break) verifies."""
    from tests.helpers_pdf import pdf_pages, pdf_text, qr_codes

    out, page = tmp_path / "moc.json", tmp_path / "moc.pdf"
    code, _o, err = cli(
        demo_db, "auditor", "audit", "checkpoint", "--out", str(out), "--pdf", str(page)
    )
    assert code == 0, err
    anchor = anchors.load(str(out))
    pdf = page.read_bytes()
    assert pdf_pages(pdf, tmp_path) == 1
    text = pdf_text(pdf, tmp_path)
    for line in (
        "UBND XÃ BÌNH MINH",
        "BAN CHỈ ĐẠO ISO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Xã Bình Minh, ngày 01 tháng 12 năm 2026",
        "MỐC KIỂM TRA NHẬT KÝ",
        "THƯ KÝ BAN CHỈ ĐẠO ISO",
    ):
        assert line in text, line
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Mã đối chiếu"))
    printed = "\n".join([line for line in lines[at + 1 :] if line.strip()][:2])
    assert printed.startswith(f"{anchor.seq}:")
    (scanned,) = qr_codes(pdf, tmp_path)  # or the QR code, scanned
    for typed in (printed, scanned):
        code, said, err = cli(demo_db, "auditor", "audit", "verify", "--against", typed)
        assert code == 0 and "Khớp mốc kiểm tra" in said, (typed, err)
