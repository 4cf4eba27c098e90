"""Who is at the till: cashiers log in with their PIN, roles give rights, a manager's PIN overrides.

:class:`CashierSession` is the till's one answer to "who serves now": it logs cashiers in and
out (each a ledger event), locks the till after an idle time, checks a right for the current
cashier and, when the cashier lacks it, takes a manager's PIN on the spot (an override, logged
with both ids). Every sale carries the current cashier's name (:attr:`CashierSession.name`).
Qt-free; the screens are in ``pos_gui.ui.day``.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from datetime import date
from typing import Final

from pos_gui.persistence.cashiers import Cashier, CashierStore
from pos_gui.persistence.day_events import DayEventKind, day_subject
from pos_gui.persistence.ledger import Ledger

__all__ = [
    "Cashier",
    "CashierSession",
    "CashierStore",
    "NotLoggedInError",
    "Right",
    "RightMissingError",
    "Role",
]


class Role(enum.StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"


class Right(enum.StrEnum):
    """What a role may do besides selling."""

    STORNO = "storno"
    CASH_OUT = "cash_out"
    NO_SALE_DRAWER = "no_sale_drawer"
    X_REPORT = "x_report"
    Z_CLOSING = "z_closing"
    DISCOUNT = "discount"
    SETTINGS = "settings"
    TRAINING_MODE = "training_mode"


RIGHTS_OF_ROLE: Final[dict[str, frozenset[Right]]] = {
    # A cashier may take an X report (it changes nothing); everything that moves money out of
    # the drawer or undoes a sale needs a manager.
    Role.CASHIER: frozenset({Right.X_REPORT}),
    Role.MANAGER: frozenset(Right),
}

DEFAULT_IDLE_LOCK_MINUTES: Final = 5

# Demo mode's ready cashiers (shown on the login screen with their PINs).
DEMO_CASHIERS: Final = (("Anna Demo", Role.MANAGER, "1234"), ("Ben Demo", Role.CASHIER, "1111"))


class NotLoggedInError(Exception):
    """No cashier is logged in (or the till is locked)."""


class RightMissingError(Exception):
    """The current cashier lacks ``right``: a manager's PIN may override (:meth:`CashierSession.override`)."""

    def __init__(self, right: Right) -> None:
        super().__init__(f"Dafür ist die Freigabe einer Marktleitung nötig ({right.value}).")
        self.right = right


class CashierSession:
    """The cashier logged in at this till, the idle lock and the rights.

    Args:
        store: the cashiers.
        ledger: where logins, logouts and overrides are recorded.
        idle_lock_minutes: lock after this long without :meth:`touch` (0: never).
        monotonic: the clock of the idle lock; tests pass a fake.
        today: the business day of the events' subject.
    """

    def __init__(
        self,
        store: CashierStore,
        ledger: Ledger,
        *,
        idle_lock_minutes: float = DEFAULT_IDLE_LOCK_MINUTES,
        monotonic: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.ledger = ledger
        self.idle_lock_minutes = idle_lock_minutes
        self._monotonic = monotonic
        self._today = today
        self.current: Cashier | None = None
        self.training = False
        self._last_activity = monotonic()

    # -- first run and demo ------------------------------------------------------------------------

    def needs_first_manager(self) -> bool:
        """No cashier at all yet: the first run creates a manager."""
        return not self.store.all()

    def create_first_manager(self, name: str, pin: str) -> Cashier:
        if not self.needs_first_manager():
            raise ValueError("the till already has cashiers")
        return self.store.add(name, Role.MANAGER, pin)

    def ensure_demo_cashiers(self) -> list[Cashier]:
        """Demo mode: the ready demo cashiers, created once.

        Created one by one, so a till killed between two of them finds only some: those missing
        are added as long as the store holds demo cashiers alone (never behind the back of a
        shop that set up its own)."""
        present = {cashier.name for cashier in self.store.all()}
        demo_names = {name for name, _role, _pin in DEMO_CASHIERS}
        if present <= demo_names:
            for name, role, pin in DEMO_CASHIERS:
                if name not in present:
                    self.store.add(name, role, pin)
        return self.store.all()

    # -- logging in and out ------------------------------------------------------------------------

    def cashiers(self) -> list[Cashier]:
        return self.store.all()

    def log_in(self, cashier_id: str, pin: str) -> Cashier | None:
        """Log ``cashier_id`` in (switching from whoever was logged in); ``None`` for a wrong PIN."""
        cashier = self.store.check_pin(cashier_id, pin)
        if cashier is None:
            return None
        if self.current is not None and self.current.cashier_id != cashier.cashier_id:
            self.log_out(reason="switch")
        self.current = cashier
        self.touch()
        self.ledger.append_day_event(
            self._subject(),
            DayEventKind.CASHIER_LOGGED_IN,
            {"cashier_id": cashier.cashier_id, "name": cashier.name, "role": cashier.role},
        )
        return cashier

    def log_out(self, *, reason: str = "logout") -> None:
        """Log the current cashier out (``reason``: ``logout``, ``switch``, ``idle_lock``)."""
        if self.current is None:
            return
        cashier, self.current = self.current, None
        self.ledger.append_day_event(
            self._subject(),
            DayEventKind.CASHIER_LOGGED_OUT,
            {"cashier_id": cashier.cashier_id, "reason": reason},
        )

    @property
    def name(self) -> str | None:
        """The current cashier's name (the receipt's "Es bediente Sie …"), or ``None``."""
        return self.current.name if self.current else None

    def require(self) -> Cashier:
        if self.current is None:
            raise NotLoggedInError("Bitte anmelden.")
        return self.current

    # -- idle lock ---------------------------------------------------------------------------------

    def touch(self) -> None:
        """The cashier did something: the idle time starts again."""
        self._last_activity = self._monotonic()

    def lock_if_idle(self) -> bool:
        """Log out after the idle time; ``True`` when it did (the window shows the login)."""
        if self.current is None or self.idle_lock_minutes <= 0:
            return False
        if self._monotonic() - self._last_activity < self.idle_lock_minutes * 60:
            return False
        self.log_out(reason="idle_lock")
        return True

    # -- rights ------------------------------------------------------------------------------------

    def may(self, right: Right) -> bool:
        return self.current is not None and right in RIGHTS_OF_ROLE.get(self.current.role, frozenset())

    def check(self, right: Right) -> Cashier:
        """The current cashier if they have ``right``; else :class:`RightMissingError`."""
        cashier = self.require()
        if not self.may(right):
            raise RightMissingError(right)
        return cashier

    def override(self, right: Right, manager_pin: str) -> Cashier | None:
        """A manager's PIN on the spot grants ``right`` once; logged with both ids.

        Returns the manager, or ``None`` when the PIN is no manager's.
        """
        cashier = self.require()
        manager = self.store.find_by_pin(manager_pin, role=Role.MANAGER)
        if manager is None:
            return None
        self.ledger.append_day_event(
            self._subject(),
            DayEventKind.OVERRIDE_GRANTED,
            {"cashier_id": cashier.cashier_id, "manager_id": manager.cashier_id, "right": right.value},
        )
        return manager

    # -- training mode ---------------------------------------------------------------------------

    def switch_training(self, on: bool, *, overridden: bool = False) -> None:
        """Training mode on or off for this session (a manager's right; logged)."""
        cashier = self.require() if overridden else self.check(Right.TRAINING_MODE)
        self.training = on
        self.ledger.append_day_event(
            self._subject(), DayEventKind.TRAINING_SWITCHED, {"cashier_id": cashier.cashier_id, "on": on}
        )

    def _subject(self) -> str:
        return day_subject(self._today().isoformat())
