"""The status bar's two flags: is the server reachable, is the till signed in.

:class:`ConnectionStatus` learns them from the sign-in at start-up (:meth:`check`) and from every
service call's success or failure (:meth:`call_succeeded`, :meth:`call_failed`), and emits
``changed`` only when one of them really changes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_gui.services.errors import ApiConnectionError, ApiError, AuthenticationError, OAuthError
from pos_gui.ui.presenters.error_text import CashierMessage, describe_error


class ConnectionStatus(QObject):
    """Server reachable / signed in, each ``None`` while not known yet.

    Signals:
        changed(): ``server_reachable`` or ``signed_in`` changed.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server_reachable: bool | None = None
        self.signed_in: bool | None = None

    def set(self, *, reachable: bool | None, signed_in: bool | None) -> None:
        if (reachable, signed_in) != (self.server_reachable, self.signed_in):
            self.server_reachable = reachable
            self.signed_in = signed_in
            self.changed.emit()

    def call_succeeded(self) -> None:
        """A call that always talks to the server got its answer."""
        self.set(reachable=True, signed_in=True)

    def call_failed(self, error: BaseException) -> None:
        """What a failed call says about the server (nothing, for most errors)."""
        if isinstance(error, ApiConnectionError):
            self.set(reachable=False, signed_in=self.signed_in)
        elif isinstance(error, AuthenticationError | OAuthError):
            self.set(reachable=True, signed_in=False)

    def payment_unanswered(self) -> None:
        """A payment got no usable answer: the server is not reachable as far as the till knows."""
        self.set(reachable=False, signed_in=self.signed_in)

    async def check(self, sign_in: Callable[[], Awaitable[object]]) -> CashierMessage | None:
        """Sign in once and set both flags; returns what to tell the cashier when it failed."""
        try:
            await sign_in()
        except (AuthenticationError, OAuthError):
            self.set(reachable=True, signed_in=False)
            return CashierMessage(
                "error",
                QCoreApplication.translate(
                    "CheckoutPresenter",
                    "Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen.",
                ),
            )
        except ApiConnectionError:
            self.set(reachable=False, signed_in=False)
            return CashierMessage(
                "error",
                QCoreApplication.translate("CheckoutPresenter", "Der Server ist nicht erreichbar."),
            )
        except ApiError as error:
            self.set(reachable=True, signed_in=False)
            return describe_error(error)
        self.set(reachable=True, signed_in=True)
        return None
