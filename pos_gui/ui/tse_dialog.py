""" "Einstellungen → TSE …": store IT enters the till's TSE and checks it before saving.

The page edits :class:`~pos_gui.config.settings.TseSettings` (signer, API address, API key, TSS id,
client id, client serial) and the API secret, which goes to the key store and never into the
settings file. "TSE prüfen" reads the TSS with what is on the page (not what is saved): ready or
why not, the certificate's expiry, and from :data:`~pos_gui.services.tse_check.CERTIFICATE_WARNING_DAYS`
days before it a warning, so a new certificate is ordered in time.

The check itself is passed in (:class:`TseChecker`): the fiskaly client imports httpx, which only
the composition root loads (:func:`pos_gui.app.tse_setup.check_with`). The dialog is non-modal:
``exec()`` would run a nested event loop, which deadlocks the qasync loop the check runs on.
Saved settings apply at the next start (the signer is built once, after the first paint).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_gui.config.settings import TseSettings, save_settings
from pos_gui.services.tse_check import TSE_CHECK_CONTEXT, TseCheck, not_configured, utc_now
from pos_gui.ui.background_tasks import BackgroundTasks
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.till_menus import add_window_action

if TYPE_CHECKING:
    from pos_gui.ui.backoffice import Backoffice
    from pos_gui.ui.main_window import MainWindow

log = logging.getLogger("pos_gui.ui.tse_dialog")

# The key store's name of the API secret (pos_gui.config.secrets.TSE_API_SECRET).
TSE_API_SECRET = "tse_api_secret"

# What "TSE prüfen" calls: the settings on the page and the secret typed → the check's answer.
TseChecker = Callable[[TseSettings, str], Awaitable[TseCheck]]


class SecretKeeper(Protocol):
    """The part of :class:`~pos_gui.config.secrets.SecretStore` the page uses."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class TseSettingsDialog(QDialog):
    """The TSE page with "TSE prüfen", Speichern and Abbrechen (non-modal; the owner saves on
    ``accepted``).

    Attributes:
        fields: the line edits by setting name (``api_url``, ``api_key``, ``api_secret``,
            ``tss_id``, ``client_id``, ``client_serial``).
        result_label, expiry_label, warning_label: what the last check said.
        last_check: the last check's answer, or ``None``.
    """

    def __init__(
        self,
        tse: TseSettings,
        api_secret: str,
        check: TseChecker,
        *,
        now: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tseSettingsDialog")
        self.setWindowTitle(QCoreApplication.translate("TseSettingsDialog", "TSE einrichten"))
        self.setModal(False)
        self._check = check
        self._now = now
        self._tasks = BackgroundTasks()
        self.last_check: TseCheck | None = None

        form = QFormLayout()
        self.signer_box = QComboBox(self)
        self.signer_box.setObjectName("tseSigner")
        self.signer_box.addItem("fiskaly SIGN DE", "fiskaly")
        self.signer_box.addItem(QCoreApplication.translate("TseSettingsDialog", "keine (nur Demo)"), "none")
        self.signer_box.setCurrentIndex(max(0, self.signer_box.findData(tse.signer)))
        form.addRow(QCoreApplication.translate("TseSettingsDialog", "Signierer:"), self.signer_box)
        values = {
            "api_url": tse.api_url,
            "api_key": tse.api_key,
            "api_secret": api_secret,
            "tss_id": tse.tss_id,
            "client_id": tse.client_id,
            "client_serial": tse.client_serial,
        }
        labels = {
            "api_url": QCoreApplication.translate("TseSettingsDialog", "API-Adresse:"),
            "api_key": QCoreApplication.translate("TseSettingsDialog", "API-Key:"),
            "api_secret": QCoreApplication.translate("TseSettingsDialog", "API-Secret:"),
            "tss_id": QCoreApplication.translate("TseSettingsDialog", "TSS-ID:"),
            "client_id": QCoreApplication.translate("TseSettingsDialog", "Client-ID:"),
            "client_serial": QCoreApplication.translate("TseSettingsDialog", "Client-Seriennummer:"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for name, value in values.items():
            field = QLineEdit(value, self)
            field.setObjectName(f"tse_{name}")
            if name == "api_secret":
                field.setEchoMode(QLineEdit.EchoMode.Password)
            self.fields[name] = field
            form.addRow(labels[name], field)

        self.check_button = QPushButton(QCoreApplication.translate("TseSettingsDialog", "TSE prüfen"), self)
        self.check_button.setObjectName("tseCheckButton")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.start_check)
        self.result_label = self._text_label("tseCheckResult")
        self.expiry_label = self._text_label("tseCertificateExpiry")
        self.warning_label = self._text_label("tseCertificateWarning")
        self.warning_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.warning_label.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(QCoreApplication.translate("TseSettingsDialog", "Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("TseSettingsDialog", "Abbrechen")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.result_label)
        layout.addWidget(self.expiry_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(buttons)

    def _text_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    # -- what is on the page -----------------------------------------------------------------------

    def tse_settings(self) -> TseSettings:
        """The settings as entered (the secret is not part of them: :meth:`api_secret`)."""
        return TseSettings(
            signer=str(self.signer_box.currentData()),  # type: ignore[arg-type]  # one of its items
            api_url=self.fields["api_url"].text().strip(),
            api_key=self.fields["api_key"].text().strip(),
            tss_id=self.fields["tss_id"].text().strip(),
            client_id=self.fields["client_id"].text().strip(),
            client_serial=self.fields["client_serial"].text().strip(),
        )

    def api_secret(self) -> str:
        return self.fields["api_secret"].text().strip()

    # -- "TSE prüfen" ------------------------------------------------------------------------------

    def start_check(self) -> None:
        """Run the check in the background; the button is off until it answers."""
        self.check_button.setEnabled(False)
        self.result_label.setText(QCoreApplication.translate("TseSettingsDialog", "TSE wird geprüft …"))
        self.expiry_label.clear()
        self.warning_label.hide()
        self._tasks.spawn(self.check_now())

    async def check_now(self) -> TseCheck:
        """Check the TSE on the page and show the answer."""
        tse, secret = self.tse_settings(), self.api_secret()
        missing = [
            name
            for name, value in (("API-Key", tse.api_key), ("API-Secret", secret), ("TSS-ID", tse.tss_id))
            if not value
        ]
        try:
            if tse.signer == "fiskaly" and missing:
                check = not_configured(", ".join(missing))
            else:
                check = await self._check(tse, secret)
        finally:
            self.check_button.setEnabled(True)
        self.show_check(check)
        return check

    def show_check(self, check: TseCheck) -> None:
        self.last_check = check
        self.result_label.setText(check.text(QCoreApplication.translate(TSE_CHECK_CONTEXT, check.template)))
        self.result_label.setProperty("ok", check.ok)
        now = self._now()
        days = check.days_left(now)
        if check.certificate_expires is None or days is None:
            self.expiry_label.clear()
            self.warning_label.hide()
            return
        self.expiry_label.setText(
            QCoreApplication.translate(
                "TseSettingsDialog", "Zertifikat gültig bis {date} (noch {days} Tage)."
            )
            .replace("{date}", check.certificate_expires.date().isoformat())
            .replace("{days}", str(days))
        )
        if check.expiry_warning(now):
            self.warning_label.setText(
                QCoreApplication.translate(
                    "TseSettingsDialog",
                    "Achtung: Das Zertifikat der TSE läuft in {days} Tagen ab. "
                    "Bitte rechtzeitig ein neues Zertifikat beim TSE-Anbieter bestellen.",
                ).replace("{days}", str(days))
            )
            self.warning_label.show()
        else:
            self.warning_label.hide()

    async def wait_idle(self) -> None:
        await self._tasks.wait_idle()


class TseSetting:
    """The "TSE …" entry: opens :class:`TseSettingsDialog`; on Speichern the settings go to the
    settings file (through the back office's settings, so the others stay as they are) and the
    secret to the key store.

    Args:
        secrets: builds the key store when the page is opened (not at start-up: it may ask the
            system keyring).
        check: what "TSE prüfen" calls.
    """

    def __init__(
        self,
        window: MainWindow,
        backoffice: Backoffice,
        *,
        secrets: Callable[[], SecretKeeper],
        check: TseChecker,
    ) -> None:
        self.window = window
        self.backoffice = backoffice
        self._secrets = secrets
        self._store: SecretKeeper | None = None
        self._check = check
        self.dialog: TseSettingsDialog | None = None
        self.action: QAction = add_window_action(
            window,
            window.settings_menu,
            QCoreApplication.translate("TseSettingsDialog", "TSE …"),
            (),
            self.show_dialog,
            "tseSettingsAction",
        )

    def _secret_store(self) -> SecretKeeper:
        if self._store is None:
            self._store = self._secrets()
        return self._store

    def show_dialog(self) -> TseSettingsDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        secret = self._secret_store().get(TSE_API_SECRET) or ""
        dialog = TseSettingsDialog(self.backoffice.settings.tse, secret, self._check, parent=self.window)
        dialog.accepted.connect(lambda: self.save(dialog.tse_settings(), dialog.api_secret()))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _closed(self, dialog: TseSettingsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def save(self, tse: TseSettings, api_secret: str) -> bool:
        """Save ``tse`` in the settings file and ``api_secret`` in the key store (next start)."""
        updated = self.backoffice.settings.replace(tse=tse)
        try:
            save_settings(self.backoffice.paths, updated)
            if api_secret:
                self._secret_store().set(TSE_API_SECRET, api_secret)
        except OSError as error:
            self._say(
                "error",
                QCoreApplication.translate(
                    "TseSettingsDialog", "Die TSE-Einstellungen konnten nicht gespeichert werden."
                ),
                str(error),
            )
            return False
        self.backoffice.settings = updated
        log.info(
            "TSE settings saved (signer %s, TSS %s); they apply from the next start", tse.signer, tse.tss_id
        )
        self._say(
            "info",
            QCoreApplication.translate(
                "TseSettingsDialog", "TSE-Einstellungen gespeichert. Werden beim nächsten Start übernommen."
            ),
        )
        return True

    def _say(self, level: str, text: str, details: str = "") -> None:
        self.window.show_message(CashierMessage(level, text, details))


def install_tse_setting(
    window: MainWindow, backoffice: Backoffice, *, secrets: Callable[[], SecretKeeper], check: TseChecker
) -> TseSetting:
    """Add "Einstellungen → TSE …" to ``window``; returns it (keep it as long as the window)."""
    return TseSetting(window, backoffice, secrets=secrets, check=check)
