"""The first-run setup window: choose Demo, Testing or Live, and pair the till by the device flow.

Shown by the composition root when no profile is configured. Demo (the embedded simulator) is preselected and
needs nothing else. Testing and Live ask for the server address (prefilled, editable, so a
``pos-sim`` works too), the client id and secret, and the device id, then pair the till: the user
code and the verification URL are shown in large type, the server is polled as it asks
(``interval``), and a person approves the code in SecuOffice. The work (HTTP, saving the settings,
the secrets) is :class:`~pos_gui.services.pairing.DevicePairing`'s; this window only shows it.

The window never blocks: the pairing runs as an asyncio task on the qasync loop and reports through
widgets and the ``finished`` / ``cancelled`` signals (no ``exec()`` anywhere).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_gui.config.settings import API_URLS, Profile, Settings
from pos_gui.services.pairing import (
    DevicePairing,
    PairingCodes,
    PairingFailed,
    PairingFailure,
    PairingRequest,
)
from pos_gui.ui.setup.setup_texts import input_problem, pairing_failure_text

logger = logging.getLogger("pos_gui.ui.setup")

PAGE_CHOICE, PAGE_CREDENTIALS, PAGE_PAIRING, PAGE_DONE = range(4)


@dataclass(frozen=True)
class SetupResult:
    """What the setup decided; the settings are already saved.

    Attributes:
        settings: the saved settings (profile, api url, client id, device uuid).
    """

    settings: Settings

    @property
    def profile(self) -> Profile:
        assert self.settings.profile is not None
        return self.settings.profile


class SetupWindow(QWidget):
    """The first-run setup.

    Args:
        pairing: the service that pairs and saves (it holds the current settings).

    Signals:
        finished(SetupResult): the till is set up; the settings and secrets are saved.
        cancelled(): the user left the setup without choosing.
    """

    finished = Signal(object)
    cancelled = Signal()

    def __init__(self, pairing: DevicePairing, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pairing = pairing
        self._pairing_task: asyncio.Task[None] | None = None
        self._profile = Profile.DEMO
        self._expires_at = 0.0
        self._is_finished = False

        self.setObjectName("setup_window")
        self.setWindowTitle(QCoreApplication.translate("SetupWindow", "pos-gui – Einrichtung"))
        self.setMinimumSize(640, 480)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_choice_page())
        self.pages.addWidget(self._build_credentials_page())
        self.pages.addWidget(self._build_pairing_page())
        self.pages.addWidget(self._build_done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_countdown)

    # -- pages ---------------------------------------------------------------------------------

    def _build_choice_page(self) -> QWidget:
        page = QWidget()
        title = _heading(QCoreApplication.translate("SetupWindow", "Willkommen bei pos-gui"))
        question = QLabel(QCoreApplication.translate("SetupWindow", "Wie soll diese Kasse arbeiten?"))
        self.demo_option = QRadioButton(
            QCoreApplication.translate(
                "SetupWindow", "Demo – ohne Server, mit Beispieldaten (zum Ausprobieren und Vorführen)"
            )
        )
        self.testing_option = QRadioButton(
            QCoreApplication.translate("SetupWindow", "Testing – mit dem secuconnect-Testsystem koppeln")
        )
        self.live_option = QRadioButton(
            QCoreApplication.translate("SetupWindow", "Live – echter Betrieb, mit secuconnect koppeln")
        )
        self.demo_option.setChecked(True)
        self._profile_buttons = QButtonGroup(page)
        for button in (self.demo_option, self.testing_option, self.live_option):
            self._profile_buttons.addButton(button)
        self.quit_button = QPushButton(QCoreApplication.translate("SetupWindow", "Abbrechen"))
        self.next_button = QPushButton(QCoreApplication.translate("SetupWindow", "Weiter"))
        self.next_button.setDefault(True)
        self.quit_button.clicked.connect(self._quit)
        self.next_button.clicked.connect(self._choose_profile)

        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(question)
        layout.addWidget(self.demo_option)
        layout.addWidget(self.testing_option)
        layout.addWidget(self.live_option)
        layout.addStretch(1)
        layout.addLayout(_button_row(self.quit_button, self.next_button))
        return page

    def _build_credentials_page(self) -> QWidget:
        page = QWidget()
        self.credentials_title = _heading("")
        explanation = QLabel(
            QCoreApplication.translate(
                "SetupWindow",
                "Die Zugangsdaten (Client-ID und Client-Secret) erhalten Sie von secupay. "
                "Die Geräte-ID unterscheidet die Kassen einer Filiale.",
            )
        )
        explanation.setWordWrap(True)
        self.server_url_edit = QLineEdit()
        self.client_id_edit = QLineEdit()
        self.client_secret_edit = QLineEdit()
        self.client_secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_uuid_edit = QLineEdit(self._pairing.settings.device_uuid)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SetupWindow", "Server-Adresse"), self.server_url_edit)
        form.addRow(QCoreApplication.translate("SetupWindow", "Client-ID"), self.client_id_edit)
        form.addRow(QCoreApplication.translate("SetupWindow", "Client-Secret"), self.client_secret_edit)
        form.addRow(QCoreApplication.translate("SetupWindow", "Geräte-ID"), self.device_uuid_edit)
        self.credentials_error_label = QLabel("")
        self.credentials_error_label.setObjectName("setup_error")
        self.credentials_error_label.setWordWrap(True)
        self.back_button = QPushButton(QCoreApplication.translate("SetupWindow", "Zurück"))
        self.pair_button = QPushButton(QCoreApplication.translate("SetupWindow", "Kasse koppeln"))
        self.pair_button.setDefault(True)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(PAGE_CHOICE))
        self.pair_button.clicked.connect(self.start_pairing)

        layout = QVBoxLayout(page)
        layout.addWidget(self.credentials_title)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.credentials_error_label)
        layout.addStretch(1)
        layout.addLayout(_button_row(self.back_button, self.pair_button))
        return page

    def _build_pairing_page(self) -> QWidget:
        page = QWidget()
        instruction = QLabel(
            QCoreApplication.translate(
                "SetupWindow", "Bitte geben Sie diesen Code in SecuOffice ein, um die Kasse freizugeben:"
            )
        )
        instruction.setWordWrap(True)
        self.user_code_label = QLabel("")
        self.user_code_label.setObjectName("setup_user_code")
        self.user_code_label.setFont(_large_font(40, monospace=True))
        self.user_code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user_code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = QLabel(QCoreApplication.translate("SetupWindow", "unter der Adresse:"))
        # The code and where to enter it; hidden after a failure, which has no code to show.
        self._code_widgets: list[QWidget] = [instruction, self.user_code_label, where]
        self.verification_url_label = QLabel("")
        self.verification_url_label.setObjectName("setup_verification_url")
        self.verification_url_label.setFont(_large_font(20))
        self.verification_url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verification_url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.verification_url_label.setOpenExternalLinks(True)
        self._code_widgets.append(self.verification_url_label)
        self.status_label = QLabel("")
        self.status_label.setObjectName("setup_status")
        self.status_label.setWordWrap(True)
        self.countdown_label = QLabel("")
        self.restart_button = QPushButton(QCoreApplication.translate("SetupWindow", "Neu starten"))
        self.restart_button.setVisible(False)
        self.cancel_pairing_button = QPushButton(QCoreApplication.translate("SetupWindow", "Abbrechen"))
        self.restart_button.clicked.connect(self.start_pairing)
        self.cancel_pairing_button.clicked.connect(self.cancel_pairing)

        layout = QVBoxLayout(page)
        layout.addWidget(instruction)
        layout.addWidget(self.user_code_label)
        layout.addWidget(where)
        layout.addWidget(self.verification_url_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.countdown_label)
        layout.addStretch(1)
        layout.addLayout(_button_row(self.cancel_pairing_button, self.restart_button))
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = _heading(QCoreApplication.translate("SetupWindow", "Die Kasse ist eingerichtet."))
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        return page

    # -- public --------------------------------------------------------------------------------

    @property
    def is_pairing(self) -> bool:
        return self._pairing_task is not None and not self._pairing_task.done()

    def start_pairing(self) -> None:
        """Check the inputs and start (or restart) pairing with the server as an asyncio task."""
        api_url = self.server_url_edit.text().strip().rstrip("/")
        client_id = self.client_id_edit.text().strip()
        client_secret = self.client_secret_edit.text()
        device_uuid = self.device_uuid_edit.text().strip()
        problem = input_problem(api_url, client_id, client_secret, device_uuid)
        if problem:
            self.credentials_error_label.setText(problem)
            self.pages.setCurrentIndex(PAGE_CREDENTIALS)
            return
        self.credentials_error_label.setText("")
        self.cancel_pairing()
        self.user_code_label.setText("")
        self.verification_url_label.setText("")
        self.countdown_label.setText("")
        self.restart_button.setVisible(False)
        self._show_code_widgets(True)
        self.status_label.setText(QCoreApplication.translate("SetupWindow", "Code wird angefordert …"))
        self.pages.setCurrentIndex(PAGE_PAIRING)
        request = PairingRequest(self._profile, api_url, client_id, client_secret, device_uuid)
        self._pairing_task = asyncio.ensure_future(self._pair(request))

    def cancel_pairing(self) -> None:
        """Stop a running pairing (Cancel button, closing the window) and go back to the inputs."""
        self._countdown.stop()
        if self._pairing_task is not None and not self._pairing_task.done():
            self._pairing_task.cancel()
            logger.info("Pairing cancelled by the user")
        self._pairing_task = None
        if self.pages.currentIndex() == PAGE_PAIRING:
            self.pages.setCurrentIndex(PAGE_CREDENTIALS)

    # -- steps ---------------------------------------------------------------------------------

    def _choose_profile(self) -> None:
        if self.demo_option.isChecked():
            self._finish(self._pairing.choose_demo())
            return
        self._profile = Profile.TESTING if self.testing_option.isChecked() else Profile.LIVE
        if self._profile is Profile.TESTING:
            title = QCoreApplication.translate("SetupWindow", "Mit dem Testsystem koppeln")
        else:
            title = QCoreApplication.translate("SetupWindow", "Für den Live-Betrieb koppeln")
        self.credentials_title.setText(title)
        self.server_url_edit.setText(API_URLS[self._profile])
        self.pages.setCurrentIndex(PAGE_CREDENTIALS)

    async def _pair(self, request: PairingRequest) -> None:
        """Pair through the service, showing its codes; a failure becomes German text."""
        try:
            settings = await self._pairing.pair(request, self._show_codes)
        except PairingFailed as failure:
            self._show_failure(pairing_failure_text(failure), failure, request.api_url)
            return
        finally:
            # A cancelled pairing ends after the window's closeEvent, and the window may have
            # been deleted by then (the caller's deleteLater): only a living timer is stopped.
            if shiboken6.isValid(self._countdown):
                self._countdown.stop()
        self._finish(settings)

    def _show_codes(self, codes: PairingCodes) -> None:
        self.user_code_label.setText(codes.user_code)
        url = codes.verification_url or "SecuOffice"
        if codes.verification_url:
            self.verification_url_label.setText(f'<a href="{url}">{url}</a>')
        else:
            self.verification_url_label.setText(url)
        self.status_label.setText(QCoreApplication.translate("SetupWindow", "Warte auf die Freigabe …"))
        self._expires_at = time.monotonic() + codes.expires_in
        self._update_countdown()
        self._countdown.start()

    def _show_failure(self, text: str, failure: PairingFailed, api_url: str) -> None:
        """Say what went wrong instead of an empty code; offer "Erneut versuchen" and "Zurück"."""
        if failure.reason is PairingFailure.UNREACHABLE:
            text = "\n\n".join(
                (
                    text,
                    QCoreApplication.translate("SetupWindow", "Server-Adresse: {url}").format(url=api_url),
                    QCoreApplication.translate(
                        "SetupWindow",
                        "Bitte prüfen: Ist die Adresse richtig geschrieben? Hat die Kasse Netzwerk "
                        "(Kabel, WLAN)? Lässt eine Firewall oder ein Proxy die Verbindung zu?",
                    ),
                )
            )
        self._show_code_widgets(False)
        self.status_label.setText(text)
        self.countdown_label.setText("")
        self.restart_button.setText(QCoreApplication.translate("SetupWindow", "Erneut versuchen"))
        self.restart_button.setVisible(True)
        self.cancel_pairing_button.setText(QCoreApplication.translate("SetupWindow", "Zurück"))

    def _show_code_widgets(self, shown: bool) -> None:
        for widget in self._code_widgets:
            widget.setVisible(shown)
        if shown:
            self.cancel_pairing_button.setText(QCoreApplication.translate("SetupWindow", "Abbrechen"))

    def _update_countdown(self) -> None:
        remaining = max(0, int(self._expires_at - time.monotonic()))
        self.countdown_label.setText(
            QCoreApplication.translate(
                "SetupWindow", "Der Code ist noch {minutes}:{seconds:02d} Minuten gültig."
            ).format(minutes=remaining // 60, seconds=remaining % 60)
        )

    def _finish(self, settings: Settings) -> None:
        """Show that the till is set up (the service has saved ``settings``) and say so."""
        self._is_finished = True
        if settings.profile is Profile.DEMO:
            self.done_label.setText(
                QCoreApplication.translate("SetupWindow", "Demo-Modus eingerichtet. Die Kasse startet …")
            )
        else:
            self.done_label.setText(
                QCoreApplication.translate("SetupWindow", "Kopplung erfolgreich. Die Kasse startet …")
            )
        self.pages.setCurrentIndex(PAGE_DONE)
        self.finished.emit(SetupResult(settings))

    def _quit(self) -> None:
        self.cancel_pairing()
        self.cancelled.emit()

    # -- Qt overrides --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_pairing()
        if not self._is_finished:
            self.cancelled.emit()
        super().closeEvent(event)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("setup_heading")
    label.setFont(_large_font(18, bold=True))
    label.setWordWrap(True)
    return label


def _large_font(point_size: int, *, bold: bool = False, monospace: bool = False) -> QFont:
    font = QFont()
    if monospace:
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
    font.setPointSize(point_size)
    font.setBold(bold or monospace)
    return font


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
