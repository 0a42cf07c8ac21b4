"""A real PKCS#11 token for the tests: SoftHSM2 with keys made on the token and certificates
from a throwaway test CA (``cryptography``).

One token, :data:`TOKEN`, user PIN :data:`PIN`, holds a key and certificate per label:

* ``approver`` — Nguyễn Văn Duyệt, chains to the test root (the unit trusts it);
* ``unit`` — the commune's organisational certificate, same root;
* ``expired`` — a certificate whose validity ended in 2020;
* ``stranger`` — a certificate from another CA, which no trust store holds.

SoftHSM reads ``SOFTHSM2_CONF`` when the library is first loaded in a process, so the token
is made once per test process, before anything loads the module.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

TOKEN = "ISOQMS-TEST"
PIN = "123456"
SO_PIN = "12345678"
LIBRARY_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def library_path() -> str | None:
    wanted = os.environ.get("ISOQMS_TEST_PKCS11")
    if wanted:
        return wanted
    return next((p for p in LIBRARY_CANDIDATES if Path(p).is_file()), None)


@dataclass
class Pki:
    library: str
    root_der: bytes
    other_root_der: bytes
    certs: dict[str, bytes] = field(default_factory=dict)  # label -> DER

    @property
    def root_pem(self) -> bytes:
        cert = x509.load_der_x509_certificate(self.root_der)
        return cert.public_bytes(serialization.Encoding.PEM)


def _name(cn: str, org: str = "UBND xã Thử Nghiệm") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _root(cn: str) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(cn, "CA thử nghiệm isoqms")
    start = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * 40))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _leaf(
    public_key: rsa.RSAPublicKey,
    cn: str,
    org: str,
    issuer: tuple[rsa.RSAPrivateKey, x509.Certificate],
    start: dt.datetime,
    end: dt.datetime,
) -> x509.Certificate:
    ca_key, ca_cert = issuer
    return (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )


def make_token(folder: Path) -> Pki:
    """Initialise a SoftHSM2 token in ``folder`` and fill it; sets ``SOFTHSM2_CONF``."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

    library = library_path()
    if library is None or shutil.which("softhsm2-util") is None:
        raise RuntimeError(
            "SoftHSM2 is not installed: run tools/setup-system.sh (Debian package softhsm2)"
        )
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            TOKEN,
            "--so-pin",
            SO_PIN,
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    root = _root("Test Root CA isoqms")
    other = _root("Other Root CA")
    # fixed dates: the tests pin the program's clock, and must pass on any day until 2045
    valid = (dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2045, 1, 1, tzinfo=dt.UTC))
    people = {
        "approver": ("Nguyễn Văn Duyệt", "UBND xã Thử Nghiệm", root, valid),
        "unit": ("UBND xã Thử Nghiệm", "UBND xã Thử Nghiệm", root, valid),
        "expired": (
            "Trần Thị Hết Hạn",
            "UBND xã Thử Nghiệm",
            root,
            (dt.datetime(2019, 6, 1, tzinfo=dt.UTC), dt.datetime(2020, 6, 1, tzinfo=dt.UTC)),
        ),
        "stranger": ("Người Lạ", "Nơi khác", other, valid),
    }
    pki = Pki(
        library=library,
        root_der=root[1].public_bytes(serialization.Encoding.DER),
        other_root_der=other[1].public_bytes(serialization.Encoding.DER),
    )
    lib = pkcs11.lib(library)
    lib.reinitialize()
    token = lib.get_token(token_label=TOKEN)
    with token.open(user_pin=PIN, rw=True) as session:
        for index, (label, (cn, org, issuer, (start, end))) in enumerate(people.items(), 1):
            key_id = bytes([index])
            public, _private = session.generate_keypair(
                KeyType.RSA, 2048, store=True, label=label, id=key_id
            )
            numbers = rsa.RSAPublicNumbers(
                int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
                int.from_bytes(public[Attribute.MODULUS], "big"),
            )
            cert = _leaf(numbers.public_key(), cn, org, issuer, start, end)
            der = cert.public_bytes(serialization.Encoding.DER)
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: False,
                    Attribute.LABEL: label,
                    Attribute.ID: key_id,
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.VALUE: der,
                }
            )
            pki.certs[label] = der
    return pki
