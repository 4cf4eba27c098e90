"""The TSE in the till's status bar ("TSE: bereit" / "TSE: ausgefallen seit 10:42"), and the
checkout's refusal to sell in live mode without a TSE, in the cashier's language.

Both follow :class:`~pos_gui.services.fiscal_signing.FiscalSigning`: its ``on_state`` is called
whenever its ``state`` or ``refusal`` changes (on the event loop's thread, the GUI thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow

if TYPE_CHECKING:
    from pos_gui.services.fiscal_setup import SaleRefusal
    from pos_gui.services.fiscal_signing import FiscalSigning
    from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter


def refusal_text(refusal: SaleRefusal) -> str:
    """Why the till may not sell, translated (the service marks its templates in ``FiscalSetup``)."""
    return refusal.text(QCoreApplication.translate("FiscalSetup", refusal.template))


def tse_status_text(fiscal: FiscalSigning) -> str:
    """The status bar's TSE text for the signing's state now."""
    if fiscal.refusal is not None:
        return QCoreApplication.translate("TseStatus", "TSE: nicht eingerichtet")
    if fiscal.state == "down" and fiscal.down_since is not None:
        return QCoreApplication.translate("TseStatus", "TSE: ausgefallen seit {time}").format(
            time=fiscal.down_since.strftime("%H:%M")
        )
    if fiscal.state == "ok":
        return QCoreApplication.translate("TseStatus", "TSE: bereit")
    return QCoreApplication.translate("TseStatus", "TSE: wird verbunden …")


def install_tse_status(window: QMainWindow, fiscal: FiscalSigning, presenter: CheckoutPresenter) -> QLabel:
    """Add the TSE label to ``window``'s status bar and keep it current; the presenter refuses to
    start a sale while the signing says so. Returns the label (object name ``tseStatus``)."""
    label = QLabel(window)
    label.setObjectName("tseStatus")

    def update() -> None:
        label.setText(tse_status_text(fiscal))
        # Red while the TSE is down or missing: the cashier must know the receipts say so.
        bad = fiscal.refusal is not None or fiscal.state == "down"
        label.setStyleSheet("color: #b00020; font-weight: bold;" if bad else "")

    update()
    window.statusBar().addPermanentWidget(label)
    fiscal.on_state = update
    presenter.sale_refusal = lambda: refusal_text(fiscal.refusal) if fiscal.refusal is not None else ""
    return label
