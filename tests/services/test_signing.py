"""Digital signatures with a real PKCS#11 module (SoftHSM2) and a throwaway test CA: sign,
verify (in the program and with poppler's ``pdfsig``), one changed byte, a wrong PIN, an
expired certificate, an untrusted root, a token pulled out mid-signature, signed
checkpoints against a rewritten log."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas

from isoqms.db.engine import Database
from isoqms.domain.errors import PermissionDenied
from isoqms.render import fonts
from isoqms.services import anchors, integrity, signatures, signing
from isoqms.services.signing import SigningError, TokenChoice
from tests.helpers import login, run_cli
from tests.helpers_signing import PIN, TOKEN, Pki
from tests.services import test_tampering
from tests.services.test_tampering import Scene, rechain

scene = test_tampering.scene  # the fixture: a dossier printed, a revision approved, a checkpoint


def form_pdf() -> bytes:
    """A one-page form with a signature place, as the program's forms print one."""
    fonts.register()
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0)
    page.setTitle("Phiếu thử")
    page.setFont(fonts.SERIF, 11)
    page.drawString(72, 760, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    page.drawString(360, 420, "NGƯỜI TIẾP NHẬN HỒ SƠ")
    page.save()
    return out.getvalue()


def choice(pki: Pki, key: str = "approver") -> TokenChoice:
    return TokenChoice(pki.library, TOKEN, key)


def flip_signed_byte(data: bytes) -> bytes:
    """One byte changed inside the signed range: in the first content stream's data."""
    changed = bytearray(data)
    at = data.index(b"stream") + 20
    changed[at] ^= 0x01
    return bytes(changed)


def pdfsig(path: Path) -> str:
    tool = shutil.which("pdfsig")
    assert tool, "pdfsig (poppler-utils) is needed: tools/setup-system.sh installs it"
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


# ------------------------------------------------------------------ the token alone


def test_the_library_lists_the_token_and_its_certificates_without_a_pin(pki: Pki) -> None:
    found = signing.tokens(pki.library)
    assert [t.label for t in found] == [TOKEN]
    certs = dict(found[0].certificates)
    assert set(certs) == {"approver", "unit", "expired", "stranger"}
    assert certs["approver"].subject == "Nguyễn Văn Duyệt"
    assert certs["expired"].valid_to.year == 2020


def test_a_signed_pdf_verifies_here_and_in_pdfsig_and_one_changed_byte_fails_both(
    pki: Pki, tmp_path: Path
) -> None:
    data = form_pdf()
    place = signing.find_place(data, ["NGƯỜI TIẾP NHẬN HỒ SƠ"])
    assert place is not None and place.page == 0
    x1, _y1, x2, y2 = place.box
    assert y2 < 420 and x2 - x1 == 190  # under the signature place
    signed, cert = signing.sign_pdf(data, choice(pki), PIN, place=place, reason="Thử")
    assert cert.subject == "Nguyễn Văn Duyệt"
    assert signed.startswith(data)  # an incremental update: the form's bytes unchanged

    [check] = signing.verify_pdf(signed, [pki.root_der])
    assert check.ok, check.summary()
    assert check.signer is not None and check.signer.sha256 == cert.sha256
    assert "Chữ ký số hợp lệ: Nguyễn Văn Duyệt" in check.summary()
    good = tmp_path / "ky.pdf"
    good.write_bytes(signed)
    report = pdfsig(good)
    assert "Signature is Valid" in report and "Nguyễn Văn Duyệt" in report, report
    text = subprocess.run(
        ["pdftotext", str(good), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ký số bởi: Nguyễn Văn Duyệt" in text  # the visible box, in Vietnamese

    tampered = flip_signed_byte(signed)
    [bad] = signing.verify_pdf(tampered, [pki.root_der])
    assert not bad.ok and not bad.intact
    assert "nội dung đã bị thay đổi sau khi ký" in bad.summary()
    changed = tmp_path / "sua.pdf"
    changed.write_bytes(tampered)
    assert "Digest Mismatch" in pdfsig(changed)


def test_a_second_signature_keeps_the_first_valid(pki: Pki) -> None:
    once, _ = signing.sign_pdf(form_pdf(), choice(pki), PIN, field_name="PheDuyet")
    twice, _ = signing.sign_pdf(once, choice(pki, "unit"), PIN, field_name="DonVi")
    checks = signing.verify_pdf(twice, [pki.root_der])
    assert [c.field for c in checks] == ["PheDuyet", "DonVi"]
    assert all(c.ok for c in checks), [c.summary() for c in checks]
    with pytest.raises(SigningError, match="đã có ô chữ ký DonVi"):
        signing.sign_pdf(twice, choice(pki, "unit"), PIN, field_name="DonVi")


def test_a_wrong_pin_signs_nothing(pki: Pki) -> None:
    with pytest.raises(SigningError) as caught:
        signing.sign_pdf(form_pdf(), choice(pki), "000000")
    assert str(caught.value).startswith("Mã PIN không đúng.")
    with pytest.raises(SigningError, match="Chưa nhập mã PIN"):
        signing.sign_pdf(form_pdf(), choice(pki), "")


def test_an_expired_certificate_is_refused_before_the_token_is_asked(pki: Pki) -> None:
    with pytest.raises(SigningError) as caught:
        signing.sign_pdf(form_pdf(), choice(pki, "expired"), PIN)
    assert "đã hết hạn ngày 01/06/2020" in str(caught.value)


def test_a_certificate_from_a_root_the_unit_does_not_trust_is_reported(pki: Pki) -> None:
    signed, _ = signing.sign_pdf(form_pdf(), choice(pki, "stranger"), PIN)
    [check] = signing.verify_pdf(signed, [pki.root_der])
    assert check.intact and check.valid and not check.trusted and not check.ok
    assert "không dẫn tới chứng thư gốc nào đơn vị tin cậy" in check.summary()
    [trusting] = signing.verify_pdf(signed, [pki.root_der, pki.other_root_der])
    assert trusting.ok


def test_a_token_pulled_out_mid_signature_gives_a_clear_line(
    pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session is closed (as the module closes it when the token goes) after the
    certificate was read and before the key signs: the real module's error, in words."""
    from pyhanko.sign.pkcs11 import PKCS11Signer

    original = PKCS11Signer.async_sign_raw

    async def pulled_out(self: Any, *args: Any, **kwargs: Any) -> bytes:
        self.pkcs11_session.close()
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(PKCS11Signer, "async_sign_raw", pulled_out)
    with pytest.raises(SigningError) as caught:
        signing.sign_pdf(form_pdf(), choice(pki), PIN)
    assert "bị rút ra hoặc mất kết nối giữa chừng" in str(caught.value)


def test_a_missing_or_wrong_library_and_a_missing_key_are_named(pki: Pki, tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="Không có thư viện PKCS#11"):
        signing.tokens(str(tmp_path / "vnpt-ca.dll"))
    fake = tmp_path / "fake.so"
    fake.write_bytes(b"not a library")
    with pytest.raises(SigningError, match=r"Không nạp được thư viện PKCS#11 fake\.so"):
        signing.tokens(str(fake))
    with pytest.raises(SigningError, match="không có chứng thư mang nhãn 'ai-đó'"):
        signing.sign_pdf(form_pdf(), choice(pki, "ai-đó"), PIN)
    with pytest.raises(SigningError, match="Không thấy thiết bị ký số"):
        signing.sign_pdf(form_pdf(), TokenChoice(pki.library, "KHÔNG-CÓ", "approver"), PIN)


def test_bytes_that_are_no_pdf_are_refused_in_words(pki: Pki) -> None:
    with pytest.raises(SigningError, match="không phải PDF"):
        signing.sign_pdf(b"%PDF-1.7 garbage", choice(pki), PIN)
    with pytest.raises(signing.ValidationError, match="không phải PDF"):
        signing.verify_pdf(b"hello", [pki.root_der])
    assert signing.verify_pdf(form_pdf(), [pki.root_der]) == []


# ------------------------------------------------------------------ the unit's records


def test_the_trust_store_is_the_administrators_and_keeps_what_it_removed(
    demo_db: Database, pki: Pki
) -> None:
    admin, clerk = login(demo_db, "admin"), login(demo_db, "clerk")
    with pytest.raises(PermissionDenied):
        signatures.trust_add(demo_db, clerk, pki.root_pem)
    info = signatures.trust_add(demo_db, admin, pki.root_pem)
    assert signatures.trusted_roots(demo_db) == [pki.root_der]
    with pytest.raises(signatures.Conflict):
        signatures.trust_add(demo_db, admin, pki.root_der)
    with pytest.raises(signing.ValidationError, match="không phải chứng thư số"):
        signatures.trust_add(demo_db, admin, b"-----BEGIN CERTIFICATE-----\nxx\n")
    signatures.trust_remove(demo_db, admin, info.sha256[:10])
    assert signatures.trusted_roots(demo_db) == []
    [kept] = signatures.trust_list(demo_db, with_removed=True)
    assert kept.removed_at is not None


def test_the_command_line_signs_and_verifies(demo_db: Database, pki: Pki, tmp_path: Path) -> None:
    url = demo_db.url.render_as_string(hide_password=False)
    env = {"ISOQMS_PASSWORD": "demo", "ISOQMS_PIN": PIN}
    root = tmp_path / "goc.cer"
    root.write_bytes(pki.root_der)

    def cli(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        result = run_cli("--db", url, *args, env=env | extra)
        assert "Traceback" not in result.stdout + result.stderr
        return result

    listed = cli("--user", "approver", "--json", "sign", "tokens", "--library", pki.library)
    assert listed.returncode == 0
    assert {c["key"] for c in json.loads(listed.stdout)[0]["certificates"]} >= {"approver"}
    none = cli("--user", "approver", "sign", "pdf", str(root), "--out", str(tmp_path / "x.pdf"))
    assert none.returncode == 1 and "Chưa chọn thiết bị ký số" in none.stderr
    setup = cli(
        "--user", "approver", "sign", "setup", "--library", pki.library, "--key", "approver"
    )
    assert setup.returncode == 0 and "Nguyễn Văn Duyệt" in setup.stdout
    assert cli("--user", "clerk", "sign", "trust", "add", str(root)).returncode == 1
    assert cli("--user", "admin", "sign", "trust", "add", str(root)).returncode == 0

    source = tmp_path / "phieu.pdf"
    source.write_bytes(form_pdf())
    out = tmp_path / "phieu-ky.pdf"
    signed = cli(
        "--user", "approver", "sign", "pdf", str(source), "--out", str(out),
        "--place", "NGƯỜI TIẾP NHẬN HỒ SƠ",
    )  # fmt: skip
    assert signed.returncode == 0, signed.stderr
    checked = cli("--json", "sign", "verify", str(out))
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["ok"] and report["offline"]
    assert report["signatures"][0]["signer"]["subject"] == "Nguyễn Văn Duyệt"
    assert "CRL/OCSP" in report["not_checked"]
    words = cli("sign", "verify", str(out))
    assert words.returncode == 0 and "Chữ ký số hợp lệ" in words.stdout
    assert "CRL/OCSP" in words.stdout

    (tmp_path / "sua.pdf").write_bytes(flip_signed_byte(out.read_bytes()))
    broken = cli("sign", "verify", str(tmp_path / "sua.pdf"))
    assert broken.returncode == 1 and "nội dung đã bị thay đổi sau khi ký" in broken.stdout
    unsigned = cli("sign", "verify", str(source))
    assert unsigned.returncode == 1 and "không có chữ ký số" in unsigned.stdout
    damaged = cli("sign", "verify", str(root))
    assert damaged.returncode == 1 and damaged.stderr.count("\n") == 1
    wrong = cli(
        "--user", "approver", "sign", "pdf", str(source), "--out", str(tmp_path / "y.pdf"),
        ISOQMS_PIN="999999",
    )  # fmt: skip
    assert wrong.returncode == 1 and "Mã PIN không đúng" in wrong.stderr
    assert not (tmp_path / "y.pdf").exists()


# ------------------------------------------------------------------ signed checkpoints


def signed_scene(scene: Scene, pki: Pki, tmp_path: Path) -> Path:
    admin = login(scene.db, "admin")
    signatures.trust_add(scene.db, admin, pki.root_der)
    path = tmp_path / "moc-ky.json"
    anchors.save(
        scene.db,
        admin,
        path,
        sign=lambda a: signatures.sign_checkpoint(a, choice(pki, "unit"), PIN),
    )
    return path


def verify_against(scene: Scene, path: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli("--db", scene.url, "audit", "verify", "--json", "--against", str(path))
    assert "Traceback" not in result.stderr + result.stdout
    return result.returncode, json.loads(result.stdout)


def test_a_signed_checkpoint_passes_on_untouched_data(
    scene: Scene, pki: Pki, tmp_path: Path
) -> None:
    path = signed_scene(scene, pki, tmp_path)
    code, report = verify_against(scene, path)
    assert code == 0 and report["anchor"]["ok"]
    assert report["anchor"]["signed_by"].startswith("UBND xã Thử Nghiệm")


def test_a_signed_checkpoint_fails_after_the_log_was_rewritten_with_every_hash_recomputed(
    scene: Scene, pki: Pki, tmp_path: Path
) -> None:
    path = signed_scene(scene, pki, tmp_path)
    first = scene.one(
        f"SELECT min(seq) FROM audit_event WHERE entity = 'dossier' AND entity_id = '{scene.code}'"
    )

    def blame(row: dict[str, Any]) -> None:
        row["actor"] = "iso_secretary"

    rechain(scene, first, blame)
    integrity.checkpoint_path(scene.db).unlink()  # and this computer's own point
    code, report = verify_against(scene, path)
    assert code == 1 and report["first_bad"]["kind"] == "anchor"
    assert "mã băm khác với mốc" in report["first_bad"]["reason"]


def test_a_checkpoint_whose_signed_content_or_signature_was_altered_fails(
    scene: Scene, pki: Pki, tmp_path: Path
) -> None:
    """The intruder rewrote the log and edited the checkpoint to match it: the signature no
    longer covers it. Re-signed with a key of their own: it chains to no trusted root."""
    path = signed_scene(scene, pki, tmp_path)
    first = scene.one(
        f"SELECT min(seq) FROM audit_event WHERE entity = 'dossier' AND entity_id = '{scene.code}'"
    )

    def blame(row: dict[str, Any]) -> None:
        row["actor"] = "iso_secretary"

    raw = json.loads(path.read_text(encoding="utf-8"))
    rechain(scene, first, blame)
    integrity.checkpoint_path(scene.db).unlink()
    new_hash = scene.one(f"SELECT hash FROM audit_event WHERE seq = {raw['seq']}")
    edited = dict(raw, hash=new_hash)
    (tmp_path / "sua.json").write_text(json.dumps(edited), encoding="utf-8")
    code, report = verify_against(scene, tmp_path / "sua.json")
    assert code == 1 and "chữ ký số của mốc không hợp lệ" in report["first_bad"]["reason"]

    other = dict(raw, signature=dict(raw["signature"], certificate_sha256="0" * 64))
    (tmp_path / "khac.json").write_text(json.dumps(other), encoding="utf-8")
    code, report = verify_against(scene, tmp_path / "khac.json")
    assert code == 1 and "không do chứng thư mà mốc ghi" in report["first_bad"]["reason"]

    cms = raw["signature"]["cms"]
    garbled = dict(raw, signature=dict(raw["signature"], cms=cms[:200] + "A" + cms[201:]))
    (tmp_path / "hong.json").write_text(json.dumps(garbled), encoding="utf-8")
    code, report = verify_against(scene, tmp_path / "hong.json")
    assert code == 1 and "chữ ký số của mốc không hợp lệ" in report["first_bad"]["reason"]

    forged = anchors.parse(json.dumps(edited))
    resigned = signatures.sign_checkpoint(forged, choice(pki, "stranger"), PIN)
    (tmp_path / "gia.json").write_text(resigned.to_json(), encoding="utf-8")
    code, report = verify_against(scene, tmp_path / "gia.json")
    assert code == 1 and "không dẫn tới chứng thư gốc" in report["first_bad"]["reason"]


def test_an_unsigned_field_drawn_over_the_page_after_signing_is_a_change(pki: Pki) -> None:
    """The overlay trick: a new, unsigned signature field with a visible box added in a
    later revision. A second *signed* field is fine (the earlier test); this is not."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    signed, _ = signing.sign_pdf(form_pdf(), choice(pki), PIN, field_name="PheDuyet")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    fields.append_signature_field(
        writer, fields.SigFieldSpec("DeLen", on_page=0, box=(60, 600, 400, 700))
    )
    out = io.BytesIO()
    writer.write(out)
    [check] = signing.verify_pdf(out.getvalue(), [pki.root_der])
    assert check.intact and check.valid and not check.covers_whole and not check.ok
    assert "tệp bị thêm hoặc sửa nội dung sau khi ký" in check.summary()


def test_a_signature_made_while_the_certificate_was_valid_stays_valid_after_it_expires(
    pki: Pki,
) -> None:
    import datetime as dt

    from isoqms.domain import clock

    signed, _ = signing.sign_pdf(form_pdf(), choice(pki), PIN)
    clock.pin(dt.datetime(2046, 1, 1, 9, 0))  # the test certificates end on 01/01/2045
    [check] = signing.verify_pdf(signed, [pki.root_der])
    assert check.ok and "nay đã hết hạn (ngày 01/01/2045)" in check.summary()


def test_a_library_on_a_network_share_or_a_relative_path_is_refused(
    demo_db: Database,
) -> None:
    admin = login(demo_db, "admin")
    for path in (r"\\may-chu\chia-se\vnpt.dll", "//may-chu/x.so", "vnpt.dll", "/tmp/readme.txt"):
        with pytest.raises(signing.ValidationError):
            signatures.set_unit_signing(
                demo_db, admin, signatures.UnitSigning(TokenChoice(path, "", "unit"), True)
            )
        with pytest.raises(SigningError):
            signing.tokens(path)
    assert signatures.unit_signing(demo_db) == signatures.UnitSigning()
