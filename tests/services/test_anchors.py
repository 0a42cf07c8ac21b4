"""Checkpoints kept outside the database, read and written as untrusted input: whatever
file or text is named, a checkpoint or a refusal in words — and one that cannot be
written leaves neither a file nor an event saying it was made."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.services import anchors, backup, evidence
from tests.helpers import audit_count, login


def test_a_checkpoint_that_cannot_be_written_leaves_no_file_and_no_event(
    demo_db: Database, tmp_path: Path
) -> None:
    auditor = login(demo_db, "auditor")
    before = audit_count(demo_db)
    folder = tmp_path / "ra"
    folder.mkdir()
    nowhere = [
        (folder / "khong-co" / "moc.json", None),
        (folder / "m\x00oc.json", None),
        (folder / ("a" * 300 + ".json"), None),
        (folder, None),
        (folder / "moc.json", folder / "khong-co" / "moc.pdf"),
        (folder / "moc.json", folder / ("a" * 300 + ".pdf")),
    ]
    for out, pdf in nowhere:
        with pytest.raises(ValidationError):
            anchors.save(demo_db, auditor, out, pdf)
    assert audit_count(demo_db) == before
    assert list(folder.iterdir()) == []
    made = anchors.save(demo_db, auditor, folder / "moc.json", folder / "moc.pdf")
    assert audit_count(demo_db) == before + 1
    assert (folder / "moc.pdf").read_bytes().startswith(b"%PDF")
    assert anchors.load(str(folder / "moc.json")).hash == made.hash


def _damaged_member(source: Path, member: str, out: Path) -> None:
    """``source`` with one byte of ``member``'s compressed data flipped: zlib fails on it."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 3] ^= 0xFF
    out.write_bytes(bytes(data))


def test_any_checkpoint_named_or_typed_is_read_or_refused_in_words(
    demo_db: Database, tmp_path: Path
) -> None:
    made = anchors.save(demo_db, login(demo_db, "auditor"), tmp_path / "moc.json")
    kept = backup.make(demo_db, login(demo_db, "admin"), tmp_path / "b.isoqms-backup")
    assert anchors.load(kept.file).seq >= made.seq  # a backup carries its checkpoint
    _damaged_member(Path(kept.file), anchors.MEMBER, tmp_path / "hong.isoqms-backup")
    body = json.loads((tmp_path / "moc.json").read_text("utf-8"))
    deep = tmp_path / "sau.json"
    deep.write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    sources = [
        str(tmp_path / "hong.isoqms-backup"),
        str(tmp_path / "khong-co" / "moc.json"),
        str(deep),
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        json.dumps({**body, "seq": 10**30}),
        json.dumps({**body, "seq": -1}),
        f"1:{'z' * 64}",
        "moc\x00.json",
        str(tmp_path),
    ]
    for source in sources:
        with pytest.raises(ValidationError):
            anchors.load(source)


def test_a_pack_of_a_code_no_document_can_have_is_not_found(demo_db: Database) -> None:
    auditor = login(demo_db, "auditor")
    for code in ("QT\x00HT", "\udcff", "x" * 5000):  # PostgreSQL could not even be asked
        with pytest.raises(NotFound):
            evidence.document_pack(demo_db, auditor, code)
