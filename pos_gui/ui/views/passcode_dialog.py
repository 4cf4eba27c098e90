"""The non-modal PIN dialog for a card with a passcode (the customer types, nothing is echoed)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from pos_gui.ui.presenters.passcode_prompt import PasscodePrompt
from pos_gui.ui.widgets.scanner_filter import mark_scanner_free


def show_passcode_dialog(parent: QWidget, prompt: PasscodePrompt, wrong_before: bool) -> QInputDialog:
    """Open the PIN dialog over ``parent``; its answer goes to ``prompt`` (Esc: cancelled)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("passcodeDialog")
    # A PIN typed fast is still a PIN, not a scanned article.
    mark_scanner_free(dialog)
    dialog.setAccessibleName(QCoreApplication.translate("PasscodeDialog", "PIN der Kundenkarte"))
    dialog.setWindowTitle(QCoreApplication.translate("PasscodeDialog", "PIN der Kundenkarte"))
    if wrong_before:
        label = QCoreApplication.translate(
            "PasscodeDialog",
            "Die PIN war falsch. Bitte die Kundin / den Kunden die PIN erneut eingeben lassen:",
        )
    else:
        label = QCoreApplication.translate(
            "PasscodeDialog",
            "Diese Karte ist mit einer PIN geschützt. Bitte die Kundin / den Kunden die PIN eingeben lassen:",
        )
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.textValueSelected.connect(prompt.answer)
    dialog.rejected.connect(lambda: prompt.answer(None))
    dialog.open()
    return dialog
