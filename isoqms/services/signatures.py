"""Digital signatures as the unit keeps them: who signs with which token, the roots the unit
trusts, the PDFs signed, and signed checkpoints.

* Each person's token (PKCS#11 library, token label, certificate label) is theirs to choose
  (``sign.user.<id>``); the unit's organisational token, and whether the counter signs its
  slips and notices with it, is the administrator's (``sign.unit``). Both are settings in
  the database: audited, sealed, the same at every counter. The PIN is never stored.
* The trust store (:class:`~isoqms.db.models.TrustedCertificate`): roots the administrator
  imports (the Vietnamese national root CA, a licensed CA's). A removed root keeps its row.
* A signed PDF is kept as a stored file with a :class:`~isoqms.db.models.SignedFile` row
  naming what it is of (a revision, a dossier's slip) and whose certificate signed it.

A unit without a token changes nothing: password signatures stay exactly as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Setting, SignedFile, TrustedCertificate
from isoqms.domain import clock
from isoqms.domain.anchor import Anchor
from isoqms.domain.errors import Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import files
from isoqms.services.signing import (
    CertificateInfo,
    SignatureCheck,
    TokenChoice,
    certificate_info,
    library_problem,
    sign_data,
    verify_data,
    verify_pdf,
)
from isoqms.services.uow import Actor, UnitOfWork, write

UNIT_KEY = "sign.unit"
#: A checkpoint's signature: a detached CMS signature over :func:`checkpoint_bytes`.
CHECKPOINT_SIGNATURE = "isoqms.checkpoint-signature/1"


def _user_key(user_id: int) -> str:
    return f"sign.user.{user_id}"


# ------------------------------------------------------------------ who signs with what


@dataclass(frozen=True)
class UnitSigning:
    """The unit's organisational token and what the counter signs with it."""

    choice: TokenChoice | None = None
    slips: bool = False  # the counter signs its receipt slips and notices

    @property
    def signs_slips(self) -> bool:
        return self.slips and self.choice is not None


def _setting(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return None
    try:
        return json.loads(row.value)
    except ValueError:
        return None


def _put(uow: UnitOfWork, key: str, value: Any, action: str, entity: str, ref: object) -> None:
    row = uow.session.get(Setting, key)
    before = None
    if row is not None:
        try:
            before = json.loads(row.value)
        except ValueError:
            before = row.value
    if value is None:
        if row is not None:
            uow.session.delete(row)
    else:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if row is None:
            uow.session.add(Setting(key=key, value=text))
        else:
            row.value = text
    uow.record(action, entity, ref, before=before, after=value)


def _check_choice(choice: TokenChoice | None) -> TokenChoice | None:
    if choice is None:
        return None
    library = choice.library.strip()
    if len(library) > 500:
        raise ValidationError("Đường dẫn thư viện PKCS#11 không hợp lệ.")
    problem = library_problem(library)
    if problem:
        raise ValidationError(problem)
    for value in (choice.token, choice.key):
        if len(value) > 200 or "\x00" in value:
            raise ValidationError("Nhãn thiết bị ký số hoặc chứng thư không hợp lệ.")
    return TokenChoice(library, choice.token.strip(), choice.key.strip())


def user_choice(db: Database, user_id: int) -> TokenChoice | None:
    """The token ``user_id`` signs with; None: they sign by password only."""
    with db.read() as session:
        return TokenChoice.from_dict(_setting(session, _user_key(user_id)))


def set_user_choice(db: Database, actor: Actor, choice: TokenChoice | None) -> None:
    """``actor`` chooses their own token (None: none)."""
    clean = _check_choice(choice)
    with write(db, actor, None, self_service=True) as uow:
        _put(
            uow,
            _user_key(actor.user_id),
            clean.to_dict() if clean else None,
            "sign.setup",
            "user",
            actor.user_id,
        )


def unit_signing(db: Database) -> UnitSigning:
    with db.read() as session:
        return unit_signing_in(session)


def unit_signing_in(session: Session) -> UnitSigning:
    raw = _setting(session, UNIT_KEY)
    if not isinstance(raw, dict):
        return UnitSigning()
    return UnitSigning(TokenChoice.from_dict(raw.get("token")), bool(raw.get("slips")))


def set_unit_signing(db: Database, actor: Actor, signing: UnitSigning) -> UnitSigning:
    """The administrator sets the unit's token and whether slips are signed with it."""
    choice = _check_choice(signing.choice)
    if signing.slips and choice is None:
        raise ValidationError(
            "Muốn ký số giấy tiếp nhận thì phải chọn thiết bị ký số của đơn vị trước."
        )
    clean = replace(signing, choice=choice)
    value = None
    if choice is not None or clean.slips:
        value = {"token": choice.to_dict() if choice else None, "slips": clean.slips}
    with write(db, actor, Permission.UNIT_MANAGE) as uow:
        _put(uow, UNIT_KEY, value, "sign.setup", "unit", 1)
    return clean


# ------------------------------------------------------------------ the trust store


@dataclass(frozen=True)
class TrustedRow:
    id: int
    sha256: str
    subject: str
    issuer: str
    valid_to: dt.datetime
    added_at: dt.datetime
    removed_at: dt.datetime | None


def trust_add(db: Database, actor: Actor, data: bytes) -> CertificateInfo:
    """Import a root (or intermediate) certificate into the unit's trust store."""
    with write(db, actor, Permission.UNIT_MANAGE) as uow:
        info = certificate_info(data)
        present = uow.session.execute(
            select(TrustedCertificate.id).where(
                TrustedCertificate.sha256 == info.sha256, TrustedCertificate.removed_at.is_(None)
            )
        ).first()
        if present is not None:
            raise Conflict(f"Chứng thư {info.subject} đã có trong danh sách tin cậy.")
        row = TrustedCertificate(
            sha256=info.sha256,
            subject=info.subject[:300],
            issuer=info.issuer[:300],
            valid_to=info.valid_to.replace(tzinfo=None),
            der=info.der,
            added_at=clock.utcnow(),
            added_by=actor.user_id,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.record(
            "sign.trust.add",
            "trusted_certificate",
            row.id,
            after={"sha256": info.sha256, "subject": info.subject, "issuer": info.issuer},
        )
    return info


def trust_list(db: Database, *, with_removed: bool = False) -> list[TrustedRow]:
    with db.read() as session:
        query = select(TrustedCertificate).order_by(TrustedCertificate.id)
        if not with_removed:
            query = query.where(TrustedCertificate.removed_at.is_(None))
        return [
            TrustedRow(r.id, r.sha256, r.subject, r.issuer, r.valid_to, r.added_at, r.removed_at)
            for r in session.execute(query).scalars()
        ]


def trust_remove(db: Database, actor: Actor, fingerprint: str) -> TrustedRow:
    """Stop trusting the root whose SHA-256 starts with ``fingerprint`` (8+ hex digits)."""
    wanted = fingerprint.strip().lower().replace(":", "")
    with write(db, actor, Permission.UNIT_MANAGE) as uow:
        if len(wanted) < 8 or any(c not in "0123456789abcdef" for c in wanted):
            raise ValidationError("Cần ít nhất 8 chữ số hệ 16 đầu của mã SHA-256 chứng thư.")
        rows = [
            r
            for r in uow.session.execute(
                select(TrustedCertificate).where(TrustedCertificate.removed_at.is_(None))
            ).scalars()
            if r.sha256.startswith(wanted)
        ]
        if not rows:
            raise NotFound("Không có chứng thư tin cậy nào có mã SHA-256 như vậy.")
        if len(rows) > 1:
            raise ValidationError("Nhiều chứng thư có mã bắt đầu như vậy: hãy nhập dài hơn.")
        row = rows[0]
        row.removed_at = clock.utcnow()
        row.removed_by = actor.user_id
        uow.record(
            "sign.trust.remove",
            "trusted_certificate",
            row.id,
            before={"sha256": row.sha256, "subject": row.subject},
        )
        return TrustedRow(
            row.id, row.sha256, row.subject, row.issuer, row.valid_to, row.added_at, row.removed_at
        )


def trusted_roots(db: Database) -> list[bytes]:
    with db.read() as session:
        return trusted_roots_in(session)


def trusted_roots_in(session: Session) -> list[bytes]:
    return list(
        session.execute(
            select(TrustedCertificate.der).where(TrustedCertificate.removed_at.is_(None))
        ).scalars()
    )


def verify(db: Database, data: bytes) -> list[SignatureCheck]:
    """The signatures of a PDF, checked against the unit's trust store."""
    return verify_pdf(data, trusted_roots(db))


# ------------------------------------------------------------------ signed PDFs kept


@dataclass(frozen=True)
class SignedRow:
    id: int
    kind: str
    ref_id: int
    sha256: str
    signer: str
    cert_sha256: str
    signed_at: dt.datetime


def keep_signed(
    uow: UnitOfWork, kind: str, ref_id: int, pdf: bytes, cert: CertificateInfo
) -> SignedFile:
    """Store a signed PDF and the row naming what it is of; audited in ``uow``."""
    sha = files.store(uow.session, pdf, "application/pdf")
    row = SignedFile(
        kind=kind,
        ref_id=ref_id,
        file_sha256=sha,
        user_id=uow.actor.user_id if uow.actor else 0,
        signer=cert.label[:300],
        cert_sha256=cert.sha256,
        signed_at=clock.utcnow(),
    )
    uow.session.add(row)
    uow.session.flush()
    uow.record(
        "sign.pdf",
        "signed_file",
        row.id,
        after={
            "kind": kind,
            "ref_id": ref_id,
            "file": sha,
            "signer": cert.subject,
            "certificate": cert.sha256,
        },
    )
    return row


def signed_files(db: Database, kind: str, ref_id: int) -> list[SignedRow]:
    with db.read() as session:
        rows = session.execute(
            select(SignedFile)
            .where(SignedFile.kind == kind, SignedFile.ref_id == ref_id)
            .order_by(SignedFile.id)
        ).scalars()
        return [
            SignedRow(r.id, r.kind, r.ref_id, r.file_sha256, r.signer, r.cert_sha256, r.signed_at)
            for r in rows
        ]


def signed_pdf(db: Database, row: SignedRow) -> bytes:
    return files.read_verified(db, row.sha256)


# ------------------------------------------------------------------ signed checkpoints


def checkpoint_bytes(anchor: Anchor) -> bytes:
    """What a checkpoint's signature covers: its body without the signature, canonical."""
    body = anchor.body()
    body.pop("signature", None)
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sign_checkpoint(anchor: Anchor, choice: TokenChoice, pin: str) -> Anchor:
    """``anchor`` with a token's signature over the rest of it."""
    cms, cert = sign_data(checkpoint_bytes(anchor), choice, pin)
    return replace(
        anchor,
        signature={
            "format": CHECKPOINT_SIGNATURE,
            "cms": cms,
            "signer": cert.subject,
            "certificate_sha256": cert.sha256,
        },
    )


def check_checkpoint(db: Database, anchor: Anchor) -> SignatureCheck | None:
    """The checkpoint's signature checked against the trust store; None: it has none."""
    sig = anchor.signature
    if sig is None:
        return None
    if not isinstance(sig, dict) or sig.get("format") != CHECKPOINT_SIGNATURE:
        return SignatureCheck("", None, None, False, False, False, True, "chữ ký hỏng")
    cms, named = sig.get("cms"), sig.get("certificate_sha256")
    if not isinstance(cms, str) or not isinstance(named, str):
        return SignatureCheck("", None, None, False, False, False, True, "chữ ký hỏng")
    return verify_data(
        checkpoint_bytes(anchor),
        cms,
        trusted_roots(db),
        moment=anchor.made,  # covered by the signature: the certificate as it was then
        certificate_sha256=named,
    )
