"""Make the database a given commit makes, filled, for the upgrade tests.

    python tools/make_upgrade_fixture.py COMMIT

Exports COMMIT's tree (``git archive``), runs *its* command line — the demo commune, then a
receipt with its slip printed twice and, where that version has them, a dossier's journey
and its papers — into a new SQLite file, and writes it to
``tests/db/upgrade/<schema head>-<commit>.sqlite3``. ``tests/db/test_upgrades.py``
upgrades every file there to the newest head and checks the rows and the audit chain.

Migrations are immutable once on main: when a change adds one, run this on the commit
before it (the previous head) and commit the file with the change.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "db" / "upgrade"


def run(
    tree: Path, db: Path, *args: str, user: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "ISOQMS_DATA_DIR": str(tree / ".data"),
        "ISOQMS_PASSWORD": "demo",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("ISOQMS_DATABASE_URL", None)
    cmd = [sys.executable, "-m", "isoqms", "--db", str(db)]
    if user:
        cmd += ["--user", user]
    result = subprocess.run(
        [*cmd, *args], cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    print(f"$ isoqms {' '.join(args)} → {result.returncode}", file=sys.stderr)
    return result


def must(result: subprocess.CompletedProcess[str]) -> str:
    if result.returncode != 0:
        raise SystemExit(result.stderr or result.stdout)
    return result.stdout


def head_of(tree: Path) -> str:
    versions = tree / "isoqms" / "db" / "migrations" / "versions"
    revisions = {}
    downs = set()
    for path in versions.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = re.search(r'^revision = "(\w+)"', text, re.M)
        down = re.search(r'^down_revision = "(\w+)"', text, re.M)
        if rev:
            revisions[rev.group(1)] = path
        if down:
            downs.add(down.group(1))
    heads = sorted(set(revisions) - downs)
    assert len(heads) == 1, heads
    return heads[0]


#: Run in the old tree through its services (no command line has these): a form amended
#: through draft, review and approval (three signatures), a controlled copy distributed
#: and acknowledged, a supplement notice (Mẫu 02) and a refusal (Mẫu 03) at the counter.
SERVICES = """
import datetime as dt, sys
from isoqms.db.engine import Database
from isoqms.services import documents as d, intake, users
db = Database.open(sys.argv[1])
def who(name):
    return users.authenticate(db, name, "demo", record_login=False)[0]
sec, rev, app, clerk = who("iso_secretary"), who("reviewer"), who("approver"), who("clerk")
draft = d.start_revision(db, sec, "BM.MC.2025.02", change_summary="Ghi rõ cán bộ hướng dẫn",
                         amendment=True)
d.submit(db, sec, draft.id, "demo")
d.review(db, rev, draft.id, "demo", accept=True)
d.approve(db, app, draft.id, "demo", effective_from=dt.date.today())
try:  # copies have their own module from issue 16 on
    from isoqms.services import document_copies as copies
except ImportError:
    copies = d
copy = copies.distribute(db, sec, "QT-KSTL-01", "Bộ phận Tư pháp – Hộ tịch")
copies.acknowledge(db, sec, copy.id, "Đỗ Thị Ngọc Ánh")
who_ = intake.Applicant("Trần Văn Bổ Sung", phone="0987654321")
paper = intake.PaperReceived("Tờ khai đăng ký khai sinh", originals=1)
intake.issue_notice(db, clerk, intake.NoticeDraft("supplement", "1.001193", who_, "Thiếu tờ khai",
                                                  (paper,)))
intake.issue_notice(db, clerk, intake.NoticeDraft("refusal", "1.000894", who_,
                                                  "Không thuộc thẩm quyền"))
try:  # the journey (0007 and later): the dossier handed over and its result ready
    from isoqms.services import journey
except ImportError:
    journey = None
if journey is not None:
    officer = who("officer")
    journey.act(db, clerk, sys.argv[2], journey.Action.HANDOVER,
                journey.ActionInput(to_user="officer"))
    journey.act(db, officer, sys.argv[2], journey.Action.RESULT_READY, journey.ActionInput())
try:  # digital signatures (0016 and later): a trusted root and a signed slip kept
    from isoqms.services import signatures, signing
except ImportError:
    signatures = None
if signatures is not None:
    import io
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from reportlab.pdfgen import canvas
    from isoqms.services.uow import write

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "UBND xã Mẫu")])
    start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1).not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=9000))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    der = cert.public_bytes(serialization.Encoding.DER)
    signatures.trust_add(db, who("admin"), der)
    page = io.BytesIO()
    c = canvas.Canvas(page)
    c.drawString(72, 720, "slip")
    c.save()
    from asn1crypto import keys as asn1_keys, x509 as asn1_x509
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(der),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=None,
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(page.getvalue())),
                           signers.PdfSignatureMetadata(field_name="DonVi"), signer=signer)
    with write(db, clerk, None, self_service=True) as uow:
        signatures.keep_signed(uow, "slip", 1, out.getvalue(), signing.certificate_info(der))
db.dispose()
"""


def fill(tree: Path, db: Path) -> None:
    must(run(tree, db, "init", "--demo"))
    receive = [
        "intake", "receive", "--procedure", "1.001193",
        "--applicant", "Nguyễn Thị Mẫu", "--id-number", "001190012345",
        "--phone", "0912345678", "--address", "Thôn Đông, xã Bình Minh", "--json",
    ]  # fmt: skip
    receipt = json.loads(must(run(tree, db, *receive, user="clerk")))
    code = receipt["code"]
    slip = tree / ".data" / "slip.pdf"
    must(run(tree, db, "intake", "slip", code, "--out", str(slip), user="clerk"))
    must(run(tree, db, "intake", "slip", code, "--out", str(slip), user="clerk"))  # a reprint
    env = {**os.environ, "PYTHONPATH": str(tree), "ISOQMS_DATA_DIR": str(tree / ".data")}
    done = subprocess.run(
        [sys.executable, "-c", SERVICES, str(db), code], cwd=tree, env=env, check=False
    )
    if done.returncode:
        raise SystemExit("the services step failed")
    # The control sheet and the return, where the command line has them.
    if run(tree, db, "dossier", "print", code, "--kind", "control", "--out", str(slip),
           user="clerk").returncode:  # fmt: skip
        return
    must(run(tree, db, "dossier", "return", code, "--rating", "Hài lòng", user="clerk"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commit")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", args.commit],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="isoqms-fixture-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        (tree / ".data").mkdir()
        db = Path(tmp) / "filled.sqlite3"
        fill(tree, db)
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            conn.execute("VACUUM")
            empty = [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
                )
                if not conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            ]
        finally:
            conn.close()
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / f"{head_of(tree)}-{commit}.sqlite3"
        shutil.copyfile(db, target)
    print(f"{target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")
    if empty:
        print(f"tables left empty: {', '.join(empty)}")


if __name__ == "__main__":
    main()
