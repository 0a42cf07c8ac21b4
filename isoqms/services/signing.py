"""Digital signatures (ký số) with a PKCS#11 token: the USB tokens of VNPT-CA, Viettel-CA,
BKAV-CA, FPT-CA… that a commune already holds.

* :func:`tokens` lists what a PKCS#11 library (the token maker's ``.dll``/``.so``) sees:
  tokens and the certificates on them. Certificates are public objects: no PIN.
* :func:`sign_pdf` signs a PDF (PAdES baseline B, an incremental update, so earlier bytes
  and signatures stay as they were) with the key behind one certificate, a visible box
  where the form has a signature place (:func:`find_place`).
* :func:`sign_data` makes a detached CMS signature over bytes (a checkpoint's body).
* :func:`verify_pdf` / :func:`verify_data` say who signed, when, with which certificate,
  whether the bytes changed after signing and whether the certificate chains to a root the
  unit trusts. Offline: revocation (CRL/OCSP) and long-term validation are *not* checked,
  and every report says so (:data:`OFFLINE_LIMITS`). A timestamp authority can be added
  later without changing the files: PAdES B-T is the same signature with a timestamp.

The PIN is passed in, used for one session and never kept. Every failure of the token or
the library becomes one Vietnamese sentence (:class:`SigningError`).

pyHanko and python-pkcs11 are imported inside the functions: a commune without a token
never loads them.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import io
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isoqms.domain import clock
from isoqms.domain.errors import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from pkcs11 import Session

#: What a signature check made without a network cannot tell, said with every report.
OFFLINE_LIMITS = (
    "Kiểm tra ngoại tuyến không xác định được chứng thư số đã bị thu hồi hay chưa "
    "(CRL/OCSP) và không kiểm định dài hạn (LTV, dấu thời gian): hãy tra cứu thêm trên "
    "cổng của tổ chức cung cấp dịch vụ chứng thực nếu cần."
)
#: The signature field a signed page gets unless the caller names another.
DEFAULT_FIELD = "ChuKySo"


class SigningError(ValidationError):
    """The token, its library, the PIN or the certificate refused; nothing was signed."""


@dataclass(frozen=True)
class TokenChoice:
    """Where a signing key is: the PKCS#11 library, the token's label, the key's label."""

    library: str
    token: str = ""
    key: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"library": self.library, "token": self.token, "key": self.key}

    @staticmethod
    def from_dict(raw: object) -> TokenChoice | None:
        if not isinstance(raw, dict):
            return None
        values = [raw.get(k, "") for k in ("library", "token", "key")]
        if not all(isinstance(v, str) for v in values) or not values[0]:
            return None
        return TokenChoice(*values)


@dataclass(frozen=True)
class CertificateInfo:
    """What a person reads of a certificate."""

    subject: str  # the common name (CN)
    organisation: str
    issuer: str
    serial: str  # hexadecimal
    valid_from: dt.datetime  # UTC
    valid_to: dt.datetime  # UTC
    sha256: str
    der: bytes = field(repr=False)

    @property
    def label(self) -> str:
        org = (
            f", {self.organisation}"
            if self.organisation and self.organisation != self.subject
            else ""
        )
        return f"{self.subject}{org} (cấp bởi {self.issuer})"

    def expired_at(self, moment: dt.datetime) -> bool:
        return moment > self.valid_to

    def validity(self) -> str:
        return f"{self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y}"

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "organisation": self.organisation,
            "issuer": self.issuer,
            "serial": self.serial,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "sha256": self.sha256,
        }


def certificate_info(der: bytes) -> CertificateInfo:
    """A certificate read from DER or PEM; :class:`ValidationError` if it is not one."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        if der.lstrip().startswith(b"-----BEGIN"):
            cert = x509.load_pem_x509_certificate(der)
        else:
            cert = x509.load_der_x509_certificate(der)
    except ValueError:
        raise ValidationError(
            "Tệp không phải chứng thư số X.509 (cần tệp .cer, .crt, .der hoặc .pem)."
        ) from None
    from cryptography.hazmat.primitives.serialization import Encoding

    raw = cert.public_bytes(Encoding.DER)

    def name_of(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return CertificateInfo(
        subject=name_of(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string(),
        organisation=name_of(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=name_of(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        serial=f"{cert.serial_number:X}",
        valid_from=cert.not_valid_before_utc,
        valid_to=cert.not_valid_after_utc,
        sha256=hashlib.sha256(raw).hexdigest(),
        der=raw,
    )


@dataclass(frozen=True)
class TokenInfo:
    slot: int
    label: str
    manufacturer: str
    model: str
    serial: str
    certificates: list[tuple[str, CertificateInfo]]  # (key label, certificate)


# ------------------------------------------------------------------ the token


#: One token operation at a time in this process, from loading the library to closing the
#: session: python-pkcs11 starts a library without its locking, and re-initialising it (to
#: see a token plugged in since) would end another thread's session mid-signature.
TOKEN_LOCK = threading.RLock()
LIBRARY_SUFFIXES = (".dll", ".so", ".dylib")


def library_problem(path: str) -> str:
    """Why ``path`` cannot be a PKCS#11 library to load ("" if it can be one): an absolute
    path on this computer to a .dll/.so/.dylib — never a network path (a library loaded
    from a share is code anyone who can write there runs on every counter)."""
    text = path.strip()
    if not text:
        return "Chưa chọn thư viện PKCS#11 của thiết bị ký số."
    if text.startswith(("\\\\", "//")) or "\x00" in text:
        return "Thư viện PKCS#11 phải nằm trên máy này, không phải đường dẫn mạng."
    name = Path(text).name.lower()
    if not Path(text).is_absolute() or not (name.endswith(LIBRARY_SUFFIXES) or ".so." in name):
        return (
            "Thư viện PKCS#11 phải là đường dẫn đầy đủ tới tệp .dll (Windows) hoặc .so "
            "(Linux) của phần mềm thiết bị ký số."
        )
    return ""


def _library(path: str) -> Any:
    """The PKCS#11 library at ``path``, loaded once and re-initialised so that a token put
    in since the last use is seen. Called with :data:`TOKEN_LOCK` held."""
    import pkcs11
    from pkcs11.exceptions import PKCS11Error

    problem = library_problem(path)
    if problem:
        raise SigningError(problem)
    path = os.path.normcase(os.path.abspath(path.strip()))
    try:
        exists = Path(path).is_file()
    except (OSError, ValueError):
        exists = False
    if not exists:
        raise SigningError(
            f"Không có thư viện PKCS#11 {path}: hãy cài phần mềm của thiết bị ký số (USB "
            "token) hoặc chọn lại đường dẫn tới tệp .dll/.so của nó."
        )
    try:
        lib = pkcs11.lib(path)
        lib.reinitialize()
    except (PKCS11Error, OSError, RuntimeError):
        raise SigningError(
            f"Không nạp được thư viện PKCS#11 {Path(path).name}: tệp không phải thư viện "
            "ký số hoặc không hợp với máy này."
        ) from None
    return lib


def _message(exc: BaseException) -> str:
    """The Vietnamese sentence for a token's failure."""
    from pkcs11 import exceptions as e

    if isinstance(exc, e.PinIncorrect):
        return "Mã PIN không đúng. (Nhập sai nhiều lần, thiết bị ký số sẽ bị khoá.)"
    if isinstance(exc, e.PinLocked):
        return "Thiết bị ký số đã bị khoá do nhập sai mã PIN nhiều lần: liên hệ tổ chức cấp."
    if isinstance(exc, (e.PinLenRange, e.PinInvalid)):
        return "Mã PIN không hợp lệ (độ dài hoặc ký tự không đúng)."
    if isinstance(exc, e.PinExpired):
        return "Mã PIN đã hết hạn: hãy đổi mã PIN bằng phần mềm của thiết bị ký số."
    if isinstance(
        exc,
        (
            e.TokenNotPresent,
            e.DeviceRemoved,
            e.SessionHandleInvalid,
            e.SessionClosed,
            e.DeviceError,
            e.TokenNotRecognised,
            e.SlotIDInvalid,
        ),
    ):
        return (
            "Thiết bị ký số đã bị rút ra hoặc mất kết nối giữa chừng: chưa ký gì. Hãy cắm lại "
            "và ký lại."
        )
    if isinstance(exc, e.NoSuchToken):
        return "Không thấy thiết bị ký số đã chọn: hãy cắm USB token vào máy."
    if isinstance(exc, (e.NoSuchKey, e.MultipleObjectsReturned)):
        return "Trên thiết bị ký số không có đúng một khoá mang nhãn đã chọn."
    return "Thiết bị ký số báo lỗi: chưa ký gì. Hãy cắm lại thiết bị và thử lại."


def _present(lib: Any) -> list[Any]:
    """The initialised tokens in ``lib``'s slots (an empty slot or a blank token is none)."""
    from pkcs11 import TokenFlag

    found = []
    for slot in lib.get_slots(token_present=True):
        token = slot.get_token()
        if token.flags & TokenFlag.TOKEN_INITIALIZED:
            found.append(token)
    return found


@contextmanager
def _session(choice: TokenChoice, pin: str | None) -> Iterator[Session]:
    """A session on the chosen token, the token lock held until it is closed; a token's
    failure inside it (pulled out, an object it cannot read) becomes a :class:`SigningError`."""
    with TOKEN_LOCK, _raw_session(choice, pin) as session:
        yield session


@contextmanager
def _raw_session(choice: TokenChoice, pin: str | None) -> Iterator[Session]:
    from pkcs11 import exceptions as e

    lib = _library(choice.library)
    try:
        tokens = _present(lib)
        if choice.token:
            tokens = [t for t in tokens if t.label.strip() == choice.token.strip()]
        if not tokens:
            raise e.NoSuchToken()
        if len(tokens) > 1:
            raise SigningError(
                "Máy đang cắm nhiều thiết bị ký số: hãy chọn nhãn thiết bị trong cài đặt ký số."
            )
        session = tokens[0].open(user_pin=pin) if pin is not None else tokens[0].open()
    except e.PKCS11Error as exc:
        raise SigningError(_message(exc)) from None
    try:
        yield session
    except e.PKCS11Error as exc:
        raise SigningError(_message(exc)) from None
    finally:
        with contextlib.suppress(e.PKCS11Error):  # pulled out: nothing left to close
            session.close()


def _certificates(session: Session) -> list[tuple[str, CertificateInfo]]:
    from pkcs11 import Attribute, ObjectClass

    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            label = str(obj[Attribute.LABEL])
            info = certificate_info(bytes(obj[Attribute.VALUE]))
        except (ValidationError, KeyError, AttributeError):
            continue
        found.append((label, info))
    return found


def tokens(library: str) -> list[TokenInfo]:
    """The tokens ``library`` sees, with the certificates on each."""
    with TOKEN_LOCK:
        return _tokens(library)


def _tokens(library: str) -> list[TokenInfo]:
    from pkcs11 import exceptions as e

    lib = _library(library)
    found = []
    try:
        for token in _present(lib):
            slot = token.slot
            with token.open() as session:
                certs = _certificates(session)
            found.append(
                TokenInfo(
                    slot=int(slot.slot_id),
                    label=token.label.strip(),
                    manufacturer=token.manufacturer_id.strip(),
                    model=token.model.strip(),
                    serial=token.serial.decode("ascii", "replace").strip()
                    if isinstance(token.serial, bytes)
                    else str(token.serial).strip(),
                    certificates=certs,
                )
            )
    except e.PKCS11Error as exc:
        raise SigningError(_message(exc)) from None
    return found


def certificate_of(choice: TokenChoice) -> CertificateInfo:
    """The certificate of the chosen key (no PIN needed)."""
    with _session(choice, None) as session:
        certs = _certificates(session)
    for label, info in certs:
        if label == choice.key or (not choice.key and len(certs) == 1):
            return info
    raise SigningError(
        f"Trên thiết bị ký số không có chứng thư mang nhãn {choice.key!r}: hãy chọn lại trong "
        "cài đặt ký số (isoqms sign tokens liệt kê các chứng thư)."
    )


@contextmanager
def _signer(choice: TokenChoice, pin: str) -> Iterator[tuple[Any, CertificateInfo]]:
    """A pyHanko signer over the chosen key, after refusing a certificate out of date."""
    from pyhanko.sign.pkcs11 import PKCS11Signer

    if not pin:
        raise SigningError("Chưa nhập mã PIN của thiết bị ký số.")
    cert = certificate_of(choice)
    moment = clock.utcnow_aware()
    if cert.expired_at(moment):
        raise SigningError(
            f"Chứng thư số của {cert.subject} đã hết hạn ngày {cert.valid_to:%d/%m/%Y}: không "
            "ký bằng chứng thư hết hạn. Hãy gia hạn với tổ chức cung cấp dịch vụ chứng thực."
        )
    if moment < cert.valid_from:
        raise SigningError(
            f"Chứng thư số của {cert.subject} chỉ có hiệu lực từ ngày "
            f"{cert.valid_from:%d/%m/%Y}: kiểm tra lại ngày giờ của máy."
        )
    with _session(choice, pin) as session:
        from asn1crypto import x509 as asn1_x509

        signer = PKCS11Signer(
            session,
            key_label=choice.key or None,
            signing_cert=asn1_x509.Certificate.load(cert.der),
        )
        yield signer, cert


def _run(make: Callable[[], Any]) -> Any:
    """Run a signing step, turning the token's failures into :class:`SigningError`."""
    from pkcs11 import exceptions as e
    from pyhanko.sign.general import SigningError as HankoSigningError

    try:
        return make()
    except e.PKCS11Error as exc:
        if "key" in str(exc).lower() and not isinstance(exc, e.SessionHandleInvalid):
            raise SigningError(
                "Trên thiết bị ký số không có đúng một khoá ký cho chứng thư đã chọn."
            ) from None
        raise SigningError(_message(exc)) from None
    except HankoSigningError as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, e.PKCS11Error):
            raise SigningError(_message(cause)) from None
        raise SigningError("Không ký được tệp này: thiết bị ký số hoặc tệp PDF báo lỗi.") from None
    except Exception:  # the PDF's own bytes, whatever they hold: a refusal in words
        raise SigningError(
            "Không ký được tệp này: tệp PDF hỏng hoặc có cấu trúc chương trình không đọc được."
        ) from None


# ------------------------------------------------------------------ signing


@dataclass(frozen=True)
class SignaturePlace:
    """Where a visible signature goes: a page (0-based) and a box in PDF points."""

    page: int
    box: tuple[int, int, int, int]


def find_place(
    pdf: bytes,
    labels: Sequence[str],
    *,
    width: int = 190,
    height: int = 56,
    below: int = 4,
    match_case: bool = True,
) -> SignaturePlace | None:
    """The box ``below`` points under the first of ``labels`` found on the last page that
    has one (the signature place a form prints: "NGƯỜI TIẾP NHẬN HỒ SƠ", "NGƯỜI PHÊ
    DUYỆT"…). Case counts by default: a form prints its signature places in capitals, and
    the same words in a sentence or a header ("Phê duyệt: …") are no place to sign."""
    import pypdfium2 as pdfium

    from isoqms.render.pdfium_lock import PDFIUM

    with PDFIUM:
        try:
            doc = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError:
            return None
        try:
            for index in reversed(range(len(doc))):
                page = doc[index]
                page_width = page.get_width()
                text = page.get_textpage()
                for label in labels:
                    search = text.search(label, match_case=match_case)
                    hit = search.get_next()
                    if hit is None:
                        continue
                    start, count = hit
                    left, bottom, right, _top = text.get_charbox(start)
                    _l2, _b2, right2, _t2 = text.get_charbox(start + count - 1)
                    centre = (left + max(right, right2)) / 2
                    x1 = int(max(10, min(centre - width / 2, page_width - width - 10)))
                    y2 = int(bottom - below)
                    y1 = max(10, y2 - height)
                    return SignaturePlace(index, (x1, y1, x1 + width, y1 + height))
        finally:
            doc.close()
    return None


def _box_style(place: SignaturePlace, cert: CertificateInfo) -> Any:
    """The visible box: the signer and the time (this program's clock), drawn by
    :mod:`isoqms.render.signature_box` and shown as the signature's appearance."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    from isoqms.render.signature_box import box_pdf

    x1, y1, x2, y2 = place.box
    page = box_pdf(
        x2 - x1,
        y2 - y1,
        [f"Ký số bởi: {cert.subject}", f"Thời gian: {clock.now():%H:%M ngày %d/%m/%Y}"],
    )

    class PageFromBytes(ImportedPdfPage):  # pyHanko's reads a file by name
        def render(self) -> bytes:
            import binascii
            import uuid

            from pyhanko.pdf_utils.layout import BoxConstraints

            writer = self._ensure_writer
            xobj = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(page)), page_ix=0)
            name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobj
            bx1, by1, bx2, by2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(bx1 - bx2), height=abs(by1 - by2))
            return name + b" Do"

    return StaticStampStyle(
        background=PageFromBytes(""),
        background_opacity=1.0,
        border_width=1,
        # the page is drawn to the box's size: shown as it is, not shrunk into margins
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
        ),
    )


def sign_pdf(
    data: bytes,
    choice: TokenChoice,
    pin: str,
    *,
    field_name: str = DEFAULT_FIELD,
    place: SignaturePlace | None = None,
    reason: str = "",
    location: str = "",
) -> tuple[bytes, CertificateInfo]:
    """``data`` signed with the chosen key: the signed PDF and the certificate used."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter

    field_name = field_name.strip() or DEFAULT_FIELD
    if "." in field_name:
        raise SigningError("Tên ô chữ ký không được có dấu chấm.")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        encrypted = writer.prev.encrypted
        existing = [] if encrypted else [n for n, *_ in fields.enumerate_sig_fields(writer.prev)]
    except (PdfReadError, Exception):  # untrusted bytes: whatever fails, no PDF to sign
        raise SigningError("Tệp không phải PDF đọc được: không ký.") from None
    if encrypted:
        raise SigningError("Tệp PDF có mật khẩu: không ký được.")
    if field_name in existing:
        raise SigningError(f"Tệp đã có ô chữ ký {field_name}: hãy đặt tên ô khác (--field).")
    spec = None
    if place is not None:
        spec = fields.SigFieldSpec(field_name, on_page=place.page, box=place.box)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
    )
    with _signer(choice, pin) as (signer, cert):
        style = _box_style(place, cert) if place is not None else None
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec)
        out = _run(lambda: pdf_signer.sign_pdf(writer, in_place=False))
    return bytes(out.getbuffer()), cert


def sign_data(data: bytes, choice: TokenChoice, pin: str) -> tuple[str, CertificateInfo]:
    """A detached CMS signature over ``data`` (base64 DER) and the certificate used."""
    import asyncio

    with _signer(choice, pin) as (signer, cert):
        content = _run(
            lambda: asyncio.run(signer.async_sign_general_data(data, "sha256", detached=True))
        )
    return base64.b64encode(content.dump()).decode("ascii"), cert


# ------------------------------------------------------------------ verifying


@dataclass(frozen=True)
class SignatureCheck:
    """One signature, checked offline."""

    field: str
    signer: CertificateInfo | None
    signed_at: dt.datetime | None  # what the signer's computer said (no timestamp yet)
    intact: bool  # the signed bytes are the bytes now
    valid: bool  # the signature is the certificate's key's over them
    trusted: bool  # the certificate chains to a root the unit trusts, and was in date
    covers_whole: bool  # nothing was added after it, except what PDF allows (more signatures)
    problem: str = ""  # the first thing wrong, in words
    note: str = ""  # what a valid signature's reader should know (a certificate expired since)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.covers_whole

    def summary(self) -> str:
        who = self.signer.label if self.signer else "(không đọc được chứng thư)"
        when = f" lúc {self.signed_at.astimezone():%H:%M ngày %d/%m/%Y}" if self.signed_at else ""
        if self.ok:
            note = f" ({self.note})" if self.note else ""
            return f"Chữ ký số hợp lệ: {who}{when}{note}."
        return f"Chữ ký số KHÔNG hợp lệ ({who}{when}): {self.problem}."

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "ok": self.ok,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "covers_whole": self.covers_whole,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "signer": self.signer.to_json() if self.signer else None,
            "problem": self.problem,
            "note": self.note,
        }


def _context(roots: Sequence[bytes], moment: dt.datetime | None = None) -> Any:
    """Offline validation against ``roots`` at ``moment`` (now if None)."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    when = moment if moment is not None and moment.tzinfo is not None else None
    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(r) for r in roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=when or clock.utcnow_aware(),
        best_signature_time=None,
    )


def _usage() -> Any:
    from pyhanko.sign.validation import KeyUsageConstraints

    return KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )


def _problem(intact: bool, valid: bool, trusted: bool, whole: bool) -> str:
    if not intact:
        return "nội dung đã bị thay đổi sau khi ký"
    if not valid:
        return "chữ ký không khớp với chứng thư số (chữ ký bị sửa hoặc hỏng)"
    if not whole:
        return "tệp bị thêm hoặc sửa nội dung sau khi ký"
    if not trusted:
        return (
            "chứng thư số không dẫn tới chứng thư gốc nào đơn vị tin cậy, hoặc đã hết hạn "
            "(quản trị viên thêm chứng thư gốc: isoqms sign trust add)"
        )
    return ""


def _unchanged_after(status: Any, signed_fields: set[str]) -> bool:
    """Nothing was changed after the signature but what PDF allows on a signed file: a
    signature that covers the whole file, or later revisions that only add document
    security data or *signed* signature fields. A new unsigned field (an overlay drawn over
    the page) or a changed form value is a change."""
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    level = status.modification_level
    if level is None:
        return False
    if level <= ModificationLevel.LTA_UPDATES:
        return True
    diff = status.diff_result
    if level == ModificationLevel.FORM_FILLING and isinstance(diff, DiffResult):
        return {str(f) for f in diff.changed_form_fields} <= signed_fields
    return False


def verify_pdf(data: bytes, roots: Sequence[bytes]) -> list[SignatureCheck]:
    """Every signature in ``data``, checked against the trusted ``roots`` (DER); an empty
    list for a PDF without signatures; :class:`ValidationError` for bytes that are no PDF.

    The certificate is judged at the time the signature says it was made (the signer's
    computer's clock: no timestamp authority yet), so a signature made while the
    certificate was valid stays valid after it expires; a certificate expired since is
    said in words."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
        signed_fields = {str(sig.field_name) for sig in embedded}
    except Exception:  # untrusted bytes: whatever fails, they are no PDF we can read
        raise ValidationError("Tệp không phải PDF đọc được (hỏng hoặc đã bị sửa).") from None
    checks = []
    for sig in embedded:
        name = str(sig.field_name)
        try:
            claimed = sig.self_reported_timestamp
            status = validate_pdf_signature(
                sig,
                signer_validation_context=_context(roots, claimed),
                key_usage_settings=_usage(),
            )
            cert = certificate_info(status.signing_cert.dump())
            whole = _unchanged_after(status, signed_fields)
        except Exception:  # untrusted bytes: a damaged signature is a failed check, no crash
            try:
                cert = certificate_info(sig.signer_cert.dump())
            except Exception:
                cert = None
            checks.append(
                SignatureCheck(
                    name, cert, None, False, False, False, False, "chữ ký hỏng, không đọc được"
                )
            )
            continue
        intact, valid, trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
        checks.append(
            SignatureCheck(
                name,
                cert,
                status.signer_reported_dt,
                intact,
                valid,
                trusted,
                whole,
                _problem(intact, valid, trusted, whole),
                _expired_note(cert),
            )
        )
    return checks


def _expired_note(cert: CertificateInfo | None) -> str:
    if cert is None or not cert.expired_at(clock.utcnow_aware()):
        return ""
    return (
        f"chứng thư nay đã hết hạn (ngày {cert.valid_to:%d/%m/%Y}); chữ ký được xét tại thời "
        "điểm ký do máy người ký ghi"
    )


def verify_data(
    data: bytes,
    signature: str,
    roots: Sequence[bytes],
    *,
    moment: dt.datetime | None = None,
    certificate_sha256: str | None = None,
) -> SignatureCheck:
    """A detached CMS signature (base64, as :func:`sign_data` made it) over ``data``, the
    certificate judged at ``moment`` (when the signed data says it was made: a checkpoint's
    ``made_at``, which the signature covers); ``certificate_sha256``: the certificate the
    data names as its signer, which must be the one that signed."""
    import asyncio

    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms

    try:
        content = cms.ContentInfo.load(base64.b64decode(signature, validate=True))
        signed = content["content"]
        _ = signed.native  # parse it all now: a damaged structure fails here
    except Exception:
        return SignatureCheck("", None, None, False, False, False, True, "chữ ký hỏng")
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                data,
                signed,
                signer_validation_context=_context(roots, moment),
                key_usage_settings=_usage(),
            )
        )
        cert = certificate_info(status.signing_cert.dump())
    except Exception:  # untrusted bytes
        return SignatureCheck("", None, None, False, False, False, True, "chữ ký hỏng")
    intact, valid, trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    if certificate_sha256 is not None and certificate_sha256 != cert.sha256:
        return SignatureCheck(
            "",
            cert,
            status.signer_reported_dt,
            intact,
            False,
            trusted,
            True,
            "chữ ký không do chứng thư mà mốc ghi là người ký",
        )
    return SignatureCheck(
        "",
        cert,
        status.signer_reported_dt,
        intact,
        valid,
        trusted,
        True,
        _problem(intact, valid, trusted, True),
    )
