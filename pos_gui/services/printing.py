"""Receipts leaving the till: which layout goes to which printer, one job at a time.

The layout comes from :mod:`pos_gui.core.receipt_layout` and :mod:`pos_gui.core.sales_receipt`;
:mod:`pos_gui.services.escpos_bytes` turns it into ESC/POS bytes and
:mod:`pos_gui.services.printer_devices` sends them to the printer named in
:class:`~pos_gui.config.settings.PrinterSettings` (network, USB, serial, or a file).

Why it looks the way it does:

- **Off the UI thread.** Opening a socket or a USB device blocks. Every device access runs in a
  worker thread (``asyncio.to_thread``) under a time limit, and one job at a time (a lock), so a
  dead printer never freezes the till and two receipts never interleave on the paper.
- **One clear error.** Whatever goes wrong at the device becomes :class:`PrinterError`. Its
  ``str()`` is German ("Drucker nicht erreichbar: …", for the log); it also carries the message
  template and its parameters, so the UI shows the message in the cashier's language
  (``pos_gui.ui.presenters.error_text.printer_error_text``). The UI then offers retry, PDF, or
  continuing without paper.

The error type and its message templates live in :mod:`pos_gui.services.printer_errors`, so
that the cashier's error texts need not load this module before the till window is shown.

The ``system`` printer kind (the operating system's printer through Qt) is not handled here: the
UI passes a ``system_printer`` coroutine function in (``pos_gui.ui.printing``), so this module
stays free of Qt.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_gui.core.receipt_layout import (
    SUPPORTED_WIDTHS,
    Align,
    LayoutLine,
    aligned_block,
    blank_line,
    layout_server_receipt,
    to_text,
)
from pos_gui.core.sales_receipt import SalesReceipt, compose_receipt, demo_banner
from pos_gui.services.escpos_bytes import encode_drawer_kick, encode_receipt
from pos_gui.services.printer_devices import send_to_device
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP, PrinterError

if TYPE_CHECKING:
    from pos_gui.config.settings import PrinterSettings

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5.0
MERCHANT_COPY_TITLE = "Händlerbeleg"
TEST_PRINT_TITLE = "Testdruck"

SystemPrinter = Callable[[Sequence[LayoutLine]], Awaitable[None]]
"""Prints a layout through the operating system (supplied by the UI for ``kind == "system"``)."""


def customer_receipt_layout(
    transaction: object, width: int, sales: SalesReceipt | None = None
) -> list[LayoutLine]:
    """The customer receipt: the till's sales receipt (when given), then the server's lines.

    Without ``sales`` (e.g. reprinting from a stored transaction), only the server's receipt is
    laid out, with the DEMO banner at top and bottom when the transaction is a demo one.
    """
    server_lines = _field(transaction, "receipt") or []
    if sales is not None:
        return compose_receipt(sales, server_lines, width)
    return _with_demo_banners(layout_server_receipt(server_lines, width), transaction, width)


def merchant_copy_layout(transaction: object, width: int) -> list[LayoutLine] | None:
    """The merchant copy (Händlerbeleg) to print, or ``None`` when none is due.

    A copy is due when the server sets ``receipt_merchant_print`` and sends ``receipt_merchant``
    lines (reference §10.3: read as "this copy must be printed").
    """
    merchant_lines = _field(transaction, "receipt_merchant") or []
    if not _field(transaction, "receipt_merchant_print") or not merchant_lines:
        return None
    body = layout_server_receipt(merchant_lines, width)
    if not body:
        return None
    title = aligned_block(MERCHANT_COPY_TITLE, width, Align.CENTER, bold=True, large=True)
    return _with_demo_banners([*title, blank_line(), *body], transaction, width)


def _with_demo_banners(layout: list[LayoutLine], transaction: object, width: int) -> list[LayoutLine]:
    if not _field(transaction, "is_demo"):
        return layout
    return [*demo_banner(width), blank_line(), *layout, blank_line(), *demo_banner(width)]


def _field(transaction: object, name: str) -> Any:
    """A field of the transaction, whether it is the API model or a plain dict from JSON."""
    if isinstance(transaction, Mapping):
        return transaction.get(name)
    return getattr(transaction, name, None)


# --- Devices -------------------------------------------------------------------------------------


class PrintingService:
    """Prints receipts and opens the cash drawer, without ever blocking the event loop.

    Construct once in the composition root; call :meth:`update_settings` when the cashier saves
    new printer settings.

    Attributes:
        settings: the current printer settings.
        timeout: seconds one print job may take before it fails with :class:`PrinterError`.
    """

    def __init__(
        self,
        settings: PrinterSettings,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        system_printer: SystemPrinter | None = None,
    ) -> None:
        self.settings = settings
        self.timeout = timeout
        self._system_printer = system_printer
        self._lock = asyncio.Lock()

    def update_settings(self, settings: PrinterSettings) -> None:
        self.settings = settings

    @property
    def can_print(self) -> bool:
        """``False`` when receipts are only shown on screen (``kind == "none"``)."""
        if self.settings.kind == "none":
            return False
        return self.settings.kind != "system" or self._system_printer is not None

    @property
    def can_open_drawer(self) -> bool:
        """The drawer hangs on an ESC/POS printer (not on the OS printer, not on none)."""
        return self.settings.kind in ("network", "usb", "serial", "file")

    async def print_layout(self, lines: Sequence[LayoutLine], *, open_drawer: bool = False) -> None:
        """Print one receipt (and cut). Does nothing when :attr:`can_print` is ``False``.

        Raises:
            PrinterError: the printer failed or did not answer within :attr:`timeout`.
        """
        if self.settings.kind == "none":
            return
        if self.settings.kind == "system":
            if self._system_printer is None:
                raise PrinterError(
                    QT_TRANSLATE_NOOP(
                        "PrinterError", "Drucker nicht erreichbar: kein Systemdrucker verfügbar"
                    )
                )
            await self._system_printer(lines)
            return
        code_page = self.settings.code_page
        # Encoding runs in the worker thread too: the first use imports python-escpos (~0.5 s).
        await self._send(lambda: encode_receipt(lines, code_page=code_page, open_drawer=open_drawer))

    async def print_transaction(
        self,
        transaction: object,
        *,
        sales: SalesReceipt | None = None,
        open_drawer: bool = False,
        merchant_copy: bool = True,
    ) -> None:
        """Print the customer receipt of a paid transaction, then the merchant copy when due.

        Args:
            transaction: the server's Smart Transaction (API model or dict).
            sales: the till's own receipt for this sale; ``None`` prints only the server's lines.
            open_drawer: kick the cash drawer with the customer receipt (after a cash payment).
            merchant_copy: ``False`` to never print the merchant copy (a setting of the shop).
        """
        width = self.settings.width
        await self.print_layout(customer_receipt_layout(transaction, width, sales), open_drawer=open_drawer)
        merchant = merchant_copy_layout(transaction, width) if merchant_copy else None
        if merchant is not None:
            await self.print_layout(merchant)

    async def open_drawer(self) -> None:
        """Kick the cash drawer ("Schublade öffnen") without printing anything.

        Raises:
            PrinterError: no ESC/POS printer is configured, or it failed.
        """
        if not self.can_open_drawer:
            raise PrinterError(
                QT_TRANSLATE_NOOP("PrinterError", "Schublade nicht erreichbar: kein Bondrucker eingestellt")
            )
        await self._send(encode_drawer_kick)

    async def test_print(self) -> None:
        """Print a short test page with umlauts and € so the code page can be checked."""
        await self.print_layout(test_page_layout(self.settings))

    async def warm_up(self) -> None:
        """Import python-escpos in a worker thread, so the first receipt prints without delay."""
        await asyncio.to_thread(importlib.import_module, "escpos.printer")

    async def _send(self, encode: Callable[[], bytes]) -> None:
        settings = self.settings
        timeout = self.timeout

        def encode_and_send() -> None:
            send_to_device(settings, encode(), timeout)

        async with self._lock:
            try:
                # The worker thread cannot be cancelled; the socket/USB time-outs end it soon
                # after. The extra margin lets the device's own, more precise error arrive first.
                await asyncio.wait_for(
                    asyncio.to_thread(encode_and_send),
                    timeout=timeout + min(1.0, timeout),
                )
            except TimeoutError:
                raise PrinterError(
                    QT_TRANSLATE_NOOP(
                        "PrinterError", "Drucker nicht erreichbar: keine Antwort nach {seconds} s"
                    ),
                    seconds=f"{self.timeout:.0f}",
                ) from None


def test_page_layout(settings: PrinterSettings) -> list[LayoutLine]:
    """A test page: title, the settings, a ruler of the width, and the special characters."""
    width = settings.width
    lines = [
        *aligned_block(TEST_PRINT_TITLE, width, Align.CENTER, bold=True, large=True),
        blank_line(),
        LayoutLine(f"Anschluss: {settings.kind} {settings.address}".rstrip()[:width]),
        LayoutLine(f"Breite: {width} Zeichen, Codepage {settings.code_page}"[:width]),
        LayoutLine(("1234567890" * 5)[:width]),
        LayoutLine("Umlaute: ä ö ü Ä Ö Ü ß"),
        LayoutLine("Euro: 7,96 €", bold=True),
        *aligned_block("zentriert", width, Align.CENTER),
        *aligned_block("rechts", width, Align.RIGHT),
    ]
    return lines


# --- Support command -----------------------------------------------------------------------------


def render_receipt_command(argv: Sequence[str]) -> int:
    """``pos-gui render-receipt FILE.json [--width 42]``: print a transaction's receipts as text.

    ``FILE.json`` is a Smart Transaction as the API returns it (or as the journal stores it).
    Prints the customer receipt and, when due, the merchant copy. Returns the exit code: 0, or 1
    when the file cannot be read, or 2 for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog="pos-gui render-receipt",
        description="Print the receipt of a Smart Transaction (JSON file) as fixed-width text.",
    )
    parser.add_argument("file", type=Path, help="the transaction as JSON")
    parser.add_argument("--width", type=int, choices=SUPPORTED_WIDTHS, default=42, help="characters per line")
    try:
        arguments = parser.parse_args(list(argv))
    except SystemExit as exit_request:
        return int(exit_request.code or 0)
    try:
        transaction = json.loads(arguments.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"render-receipt: cannot read {arguments.file}: {error}", file=sys.stderr)
        return 1
    if not isinstance(transaction, Mapping):
        print(f"render-receipt: {arguments.file} is not a JSON object", file=sys.stderr)
        return 1
    output = to_text(customer_receipt_layout(transaction, arguments.width))
    merchant = merchant_copy_layout(transaction, arguments.width)
    if merchant is not None:
        output += "\n" + "=" * arguments.width + "\n" + to_text(merchant)
    sys.stdout.write(output)
    return 0
