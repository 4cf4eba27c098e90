"""The presenter's remote control of the demo: reset, demo cards and one-click scenarios.

Demo mode runs the till against the embedded simulator. Its admin endpoints (``/_sim/``, see
``docs/simulator.md``) reset the demo data and arm faults; :class:`DemoControl` talks to them
over plain HTTP, like any other client, so nothing above the composition root imports the
simulator. httpx is imported when the first request is sent, never on the way to the window.

The ledger is append-only, so a reset does not delete the demo's sales: :class:`DemoResetLog`
keeps the times of the resets in a small file beside the demo journal (not in the ledger), and
today's sales list shows only what was sold after the last one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pos_gui.config.atomic_file import write_text_atomically
from pos_gui.config.settings import PrinterSettings

log = logging.getLogger("pos_gui.services.demo_control")

# What a demo card demonstrates; the UI turns it into the cashier's words.
CardFeature = Literal["normal", "bonus", "bonus_only", "low", "empty", "locked", "passcode", "unknown"]

START_CASH_PATH = "/api/v2/Smart/Transactions/*/start/cash"
# Every API path (the simulator never lets a ``**`` fault touch its admin endpoints).
WHOLE_API_PATH = "/api/v2/**"
# How many requests "Server nicht erreichbar" swallows: enough for a scan and its retry.
UNREACHABLE_REQUESTS = 3
# A printer address nobody answers on (TCP port 9, "discard", is closed on a till): a print job
# fails at once with "connection refused", which is what the printer-failure dialog is about.
UNREACHABLE_PRINTER_ADDRESS = "127.0.0.1:9"


@dataclass(frozen=True)
class DemoCard:
    """One demo card as the presenter's card list shows it (money in cents).

    Attributes:
        number: the card number to scan.
        holder: the card holder's name ("" for an unknown card).
        cardgroup: the card group's name ("" for an unknown card).
        cash, bonus: the balances.
        feature: what the card demonstrates.
        pin: the customer's PIN of a passcode card, else ``None``.
    """

    number: str
    holder: str
    cardgroup: str
    cash: int
    bonus: int
    feature: CardFeature
    pin: str | None = None


class DemoControlError(Exception):
    """The simulator's admin endpoints did not do what was asked (the text says why)."""


class DemoResetLog:
    """The times of the demo's resets, in a JSON file of their own (appended, never rewritten
    in place: each write adds one entry to the list it read)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def resets(self) -> list[datetime]:
        """Every recorded reset, oldest first; an unreadable file counts as none (demo only)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [datetime.fromisoformat(text) for text in data["resets"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("demo reset file %s unreadable, ignored: %s", self.path, error)
            return []

    def last_reset(self) -> datetime | None:
        """When the demo was last reset (timezone-aware), or ``None``."""
        resets = self.resets()
        return resets[-1] if resets else None

    def record(self, when: datetime) -> None:
        """Add a reset at ``when`` (timezone-aware)."""
        entries = [moment.isoformat() for moment in self.resets()] + [when.isoformat()]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.path, json.dumps({"resets": entries}, indent=1) + "\n")


def unreachable_printer(printer: PrinterSettings) -> PrinterSettings:
    """``printer`` pointed at a network printer that is not there, printing after every sale."""
    return replace(
        printer, kind="network", address=UNREACHABLE_PRINTER_ADDRESS, auto_print=True, ask_before_print=False
    )


class DemoControl:
    """Reset and faults of the demo's simulator, over its admin endpoints.

    Args:
        simulator_url: the simulator's base URL (the admin endpoints are under ``/_sim/``).
        cards: the demo cards, as the composition root read them from the simulator's data.
        reset_log: where the resets are recorded.
        timeout: seconds an admin request may take.
    """

    def __init__(
        self, simulator_url: str, cards: Sequence[DemoCard], reset_log: DemoResetLog, *, timeout: float = 5.0
    ) -> None:
        self.simulator_url = simulator_url.rstrip("/")
        self.cards = list(cards)
        self.reset_log = reset_log
        self.timeout = timeout

    def card_with(self, feature: CardFeature) -> DemoCard:
        """The first demo card that demonstrates ``feature``."""
        return next(card for card in self.cards if card.feature == feature)

    async def reset(self) -> datetime:
        """Demo data back (balances, no transactions, no faults); the reset recorded. Returns its time."""
        await self._send("POST", "/_sim/reset")
        when = datetime.now().astimezone()
        self.reset_log.record(when)
        log.info("demo reset at %s", when.isoformat())
        return when

    async def lose_next_payment_answer(self) -> None:
        """The next cash payment is booked, but its answer never arrives (``drop_after``)."""
        await self._arm({"method": "POST", "path": START_CASH_PATH, "fault": "drop_after", "count": 1})

    async def make_server_unreachable(self, requests: int = UNREACHABLE_REQUESTS) -> None:
        """The next ``requests`` API requests get no answer: the connection closes at once."""
        await self._arm({"method": "*", "path": WHOLE_API_PATH, "fault": "drop_before", "count": requests})

    async def current_cards(self) -> list[DemoCard]:
        """The demo cards with the balances the simulator holds now (unknown cards as they are)."""
        state = await self._send("GET", "/_sim/state")
        balances = {
            card["card"]["cardnumber"]: (card["cash_balance"], card["bonus_balance"])
            for card in state.get("cards", [])
            if isinstance(card, dict) and "card" in card
        }
        updated = []
        for card in self.cards:
            if card.number in balances:
                cash, bonus = balances[card.number]
                card = replace(card, cash=int(cash), bonus=int(bonus))
            updated.append(card)
        return updated

    async def _arm(self, fault: dict[str, Any]) -> None:
        await self._send("POST", "/_sim/faults", fault)
        log.info("demo fault armed: %s", fault)

    async def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        import httpx  # only when the presenter uses the demo menu

        try:
            async with httpx.AsyncClient(base_url=self.simulator_url, timeout=self.timeout) as client:
                response = await client.request(method, path, json=body)
                response.raise_for_status()
                return response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise DemoControlError(f"{method} {path}: {error}") from error
