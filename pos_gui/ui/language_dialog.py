""" "Einstellungen → Sprache …": the till's language (Deutsch / English), saved in the settings file.

The choice takes effect at the next start: the translators are installed once, before the window
is built (:mod:`pos_gui.ui.i18n`), and retranslating every widget of a running till is not worth
its risk. ``--lang`` on the command line still wins over the saved setting.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos_gui.config.settings import Language, save_settings
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.till_menus import add_window_action

if TYPE_CHECKING:
    from pos_gui.ui.backoffice import Backoffice
    from pos_gui.ui.main_window import MainWindow

log = logging.getLogger("pos_gui.ui.language_dialog")

# Each language in its own name: whoever cannot read the current one still finds theirs.
LANGUAGE_NAMES: tuple[tuple[Language, str], ...] = (("de", "Deutsch"), ("en", "English"))


class LanguageDialog(QDialog):
    """The language choice with Speichern / Abbrechen (non-modal; the owner saves on ``accepted``).

    Attributes:
        buttons_by_language: the radio button of each language.
    """

    def __init__(self, current: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageDialog")
        self.setWindowTitle(QCoreApplication.translate("LanguageDialog", "Sprache"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(QCoreApplication.translate("LanguageDialog", "Sprache der Kasse:"), self))
        self._group = QButtonGroup(self)
        self.buttons_by_language: dict[Language, QRadioButton] = {}
        for language, name in LANGUAGE_NAMES:
            button = QRadioButton(name, self)
            button.setObjectName(f"language_{language}")
            button.setChecked(language == current)
            self._group.addButton(button)
            self.buttons_by_language[language] = button
            layout.addWidget(button)
        note = QLabel(
            QCoreApplication.translate("LanguageDialog", "Wird beim nächsten Start übernommen."), self
        )
        note.setObjectName("languageNote")
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(QCoreApplication.translate("LanguageDialog", "Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("LanguageDialog", "Abbrechen")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def language(self) -> Language:
        """The language chosen."""
        return next(language for language, button in self.buttons_by_language.items() if button.isChecked())


class LanguageSetting:
    """The "Sprache …" entry: opens :class:`LanguageDialog`, saves the choice through the back
    office's settings (so the printer settings saved there stay as they are)."""

    def __init__(self, window: MainWindow, backoffice: Backoffice) -> None:
        self.window = window
        self.backoffice = backoffice
        self.dialog: LanguageDialog | None = None
        self.action: QAction = add_window_action(
            window,
            window.settings_menu,
            QCoreApplication.translate("LanguageDialog", "Sprache …"),
            (),
            self.show_dialog,
            "languageAction",
        )

    def show_dialog(self) -> LanguageDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = LanguageDialog(self.backoffice.settings.language, self.window)
        dialog.accepted.connect(lambda: self.save(dialog.language()))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _closed(self, dialog: LanguageDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def save(self, language: Language) -> bool:
        """Save ``language`` in the settings file; it applies from the next start."""
        updated = self.backoffice.settings.replace(language=language)
        try:
            save_settings(self.backoffice.paths, updated)
        except OSError as error:
            self._say(
                "error",
                QCoreApplication.translate(
                    "LanguageDialog", "Die Einstellungen konnten nicht gespeichert werden."
                ),
                str(error),
            )
            return False
        self.backoffice.settings = updated
        log.info("language saved: %s (from the next start)", language)
        self._say(
            "info",
            QCoreApplication.translate(
                "LanguageDialog", "Sprache gespeichert. Wird beim nächsten Start übernommen."
            ),
        )
        return True

    def _say(self, level: str, text: str, details: str = "") -> None:
        self.window.show_message(CashierMessage(level, text, details))


def install_language_setting(window: MainWindow, backoffice: Backoffice) -> LanguageSetting:
    """Add "Einstellungen → Sprache …" to ``window``; returns it (keep it as long as the window)."""
    return LanguageSetting(window, backoffice)
