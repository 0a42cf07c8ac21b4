"""Digital signatures in the window: choosing one's token (or the unit's), the trust store,
checking a signed PDF and showing what the check found."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.services import signatures as sig_service
from isoqms.services import signing
from isoqms.services.signing import SignatureCheck, TokenChoice
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.operations import changing, reading

LIBRARY_FILTER = "PKCS#11 (*.dll *.so *.dylib);;*"


def checks_html(parent: QWidget, checks: list[SignatureCheck]) -> str:
    """What a signature check found, for a person: one paragraph per signature, then what
    a check without a network cannot tell."""
    if not checks:
        return (
            "<p>"
            + escape(
                QCoreApplication.translate("Signatures", "This PDF carries no digital signature.")
            )
            + "</p>"
        )
    parts = []
    for check in checks:
        colour = "#1b5e20" if check.ok else "#b00020"
        cert = check.signer
        details = ""
        if cert is not None:
            details = (
                "<br>"
                + escape(QCoreApplication.translate("Signatures", "Certificate"))
                + f": {escape(cert.serial)}, {escape(cert.validity())}<br>SHA-256 "
                f"<tt>{cert.sha256}</tt>"
            )
        parts.append(f"<p><b style='color:{colour}'>{escape(check.summary())}</b>{details}</p>")
    parts.append(f"<p><i>{escape(signing.OFFLINE_LIMITS)}</i></p>")
    return "".join(parts)


def show_checks(parent: QWidget, title: str, checks: list[SignatureCheck]) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("signatureCheck")
    box.setWindowTitle(title)
    ok = bool(checks) and all(c.ok for c in checks)
    box.setIcon(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning)
    box.setText(checks_html(parent, checks))
    box.open()
    return box


def verify_file(ctx: AppContext, parent: QWidget) -> None:
    """Ask for a PDF and check its signatures against the unit's trust store."""
    name = dialogs.ask_open_file(
        parent, QCoreApplication.translate("Signatures", "Verify a signed PDF"), "PDF (*.pdf)"
    )
    if not name:
        return
    path = Path(name)

    def check(db: Database, _actor: Actor) -> list[SignatureCheck]:
        from isoqms.services.exports import read

        return sig_service.verify(db, read(path))

    title = QCoreApplication.translate("Signatures", "Digital signatures of %1").replace(
        "%1", path.name
    )

    def shown(found: list[SignatureCheck]) -> None:
        show_checks(parent, title, found)

    reading(ctx, parent, check).success(shown).run()


def ask_pin(parent: QWidget, who: str) -> str | None:
    return dialogs.ask_password(
        parent,
        QCoreApplication.translate("Signatures", "Digital signature"),
        QCoreApplication.translate("Signatures", "PIN of the signing token (%1):").replace(
            "%1", who
        ),
    )


class TokenDialog(QDialog):
    """Choose the token one signs with — or, for the administrator, the unit's token and
    whether the counter signs its slips and notices with it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, unit: bool = False):
        super().__init__(parent)
        self.ctx, self.unit = ctx, unit
        self.setObjectName("tokenDialog")
        self.setWindowTitle(
            self.tr("Unit's digital signature") if unit else self.tr("My signing token")
        )
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The signing token (USB token) of a licensed CA is used through its PKCS#11 "
                "library, installed with the token's software (for example "
                "C:\\Windows\\System32\\vnpt-ca_csp11.dll). The PIN is asked each time you "
                "sign and never stored."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.library = QLineEdit()
        self.library.setObjectName("tokenLibrary")
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        self.find_button = QPushButton(self.tr("&Find tokens"))
        self.find_button.setObjectName("findTokens")
        self.find_button.clicked.connect(self.find_tokens)
        row.addWidget(self.library, 1)
        row.addWidget(browse)
        row.addWidget(self.find_button)
        library_label = QLabel(self.tr("PKCS#11 &library:"))
        library_label.setBuddy(self.library)
        form.addRow(library_label, row)
        layout.addLayout(form)
        self.certificates = QListWidget()
        self.certificates.setObjectName("tokenCertificates")
        certificates_label = QLabel(self.tr("&Certificate to sign with:"))
        certificates_label.setBuddy(self.certificates)
        layout.addWidget(certificates_label)
        layout.addWidget(self.certificates, 1)
        self.slips = QCheckBox(self.tr("The counter &signs its receipt slips and notices"))
        self.slips.setObjectName("signSlips")
        self.slips.setVisible(unit)
        layout.addWidget(self.slips)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.none_button = buttons.addButton(
            self.tr("&No token"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.none_button.clicked.connect(self.clear)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.chosen: TokenChoice | None = None
        self.load()

    def load(self) -> None:
        user_id, unit = self.ctx.actor.user_id, self.unit

        def current(db: Database, _actor: Actor) -> tuple[TokenChoice | None, bool]:
            if unit:
                settings = sig_service.unit_signing(db)
                return settings.choice, settings.slips
            return sig_service.user_choice(db, user_id), False

        def shown(value: tuple[TokenChoice | None, bool]) -> None:
            choice, slips = value
            self.slips.setChecked(slips)
            if choice is not None:
                self.library.setText(choice.library)
                self.chosen = choice
                self.find_tokens()

        reading(self.ctx, self, current).success(shown).run()

    def browse(self) -> None:
        name = dialogs.ask_open_file(self, self.tr("PKCS#11 library"), LIBRARY_FILTER)
        if name:
            self.library.setText(name)
            self.find_tokens()

    def find_tokens(self) -> None:
        library = self.library.text().strip()
        chosen = self.chosen

        def listed(found: list[signing.TokenInfo]) -> None:
            self.certificates.clear()
            for token in found:
                for key, cert in token.certificates:
                    org = f" — {cert.organisation}" if cert.organisation != cert.subject else ""
                    item = QListWidgetItem(f"{cert.subject}{org} — {cert.validity()} — [{key}]")
                    item.setToolTip(f"{cert.label}\n{token.label}\nSHA-256 {cert.sha256}")
                    item.setData(256, TokenChoice(library, token.label, key))
                    self.certificates.addItem(item)
                    if (
                        chosen is not None
                        and chosen.key == key
                        and chosen.token in ("", token.label)
                    ):
                        self.certificates.setCurrentItem(item)
            if not self.certificates.count():
                dialogs.info(
                    self,
                    self.windowTitle(),
                    self.tr("No certificate found: plug the token in and try again."),
                )
            elif self.certificates.currentRow() < 0:
                self.certificates.setCurrentRow(0)

        reading(self.ctx, self, lambda _db, _actor: signing.tokens(library)).success(listed).run()

    def selected(self) -> TokenChoice | None:
        item = self.certificates.currentItem()
        value = item.data(256) if item is not None else None
        return value if isinstance(value, TokenChoice) else None

    def save(self) -> None:
        choice = self.selected()
        if choice is None:
            dialogs.info(self, self.windowTitle(), self.tr("Choose a certificate first."))
            return
        self._store(choice, self.slips.isChecked())

    def clear(self) -> None:
        self._store(None, False)

    def _store(self, choice: TokenChoice | None, slips: bool) -> None:
        if self.unit:
            settings = sig_service.UnitSigning(choice, slips)
            changing(
                self.ctx,
                self,
                lambda db, actor: sig_service.set_unit_signing(db, actor, settings),
            ).success(lambda _r: self.accept()).run()
        else:
            changing(
                self.ctx, self, lambda db, actor: sig_service.set_user_choice(db, actor, choice)
            ).success(lambda _r: self.accept()).run()


class TrustDialog(QDialog):
    """The roots the unit trusts: the administrator adds (the national root CA, a licensed
    CA's) and removes; a removed root stays in the history."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("trustDialog")
        self.setWindowTitle(self.tr("Trusted root certificates"))
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A digital signature is trusted when its certificate chains to one of these "
                "roots. Import the root certificate of the national root CA and of the CA "
                "that issued your tokens (.cer, .crt or .pem files)."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.roots = QListWidget()
        self.roots.setObjectName("trustedRoots")
        layout.addWidget(self.roots, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("&Add…"))
        add.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self.remove)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(add)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.load()

    def load(self) -> None:
        def shown(rows: list[sig_service.TrustedRow]) -> None:
            self.roots.clear()
            for r in rows:
                item = QListWidgetItem(
                    self.tr("%1 (issued by %2), valid until %3 — SHA-256 %4…")
                    .replace("%1", r.subject)
                    .replace("%2", r.issuer)
                    .replace("%3", f"{r.valid_to:%d/%m/%Y}")
                    .replace("%4", r.sha256[:16])
                )
                item.setData(256, r.sha256)
                self.roots.addItem(item)

        reading(self.ctx, self, lambda db, _a: sig_service.trust_list(db)).success(shown).run()

    def add(self) -> None:
        name = dialogs.ask_open_file(
            self, self.tr("Root certificate"), "Certificates (*.cer *.crt *.der *.pem);;*"
        )
        if not name:
            return
        path = Path(name)

        def add(db: Database, actor: Actor) -> signing.CertificateInfo:
            from isoqms.services.exports import read

            return sig_service.trust_add(db, actor, read(path, max_bytes=1024 * 1024))

        changing(self.ctx, self, add).success(lambda _info: self.load()).run()

    def remove(self) -> None:
        item = self.roots.currentItem()
        if item is None:
            return
        sha = str(item.data(256))
        if not dialogs.confirm(
            self,
            self.windowTitle(),
            self.tr("Stop trusting %1?").replace("%1", item.text().split(" (")[0]),
        ):
            return
        changing(
            self.ctx, self, lambda db, actor: sig_service.trust_remove(db, actor, sha)
        ).success(lambda _row: self.load()).run()
