"""Receipts leaving the till: ESC/POS bytes, the printer connection, the cash drawer.

The layout comes from :mod:`pos_gui.core.receipt_layout` and :mod:`pos_gui.core.sales_receipt`;
this module turns it into ESC/POS bytes with python-escpos and sends them to the printer named in
:class:`~pos_gui.config.settings.PrinterSettings` (network, USB, serial, or a file).

Why it looks the way it does:

- **Code page.** The printer is switched to CP858 (``ESC t 19`` on Epson-compatible printers) and
  the text is encoded with Python's ``cp858`` codec, so € (0xD5), ä ö ü and ß print correctly.
  python-escpos does this when the encoding is forced with ``charcode("CP858")``; its automatic
  mode would switch code pages in the middle of a line for €. Typographic characters a receipt
  printer has no glyph for (– „ “ …) are replaced by their ASCII look-alikes first.
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
import socket
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_gui.core.receipt_layout import (
    SUPPORTED_WIDTHS,
    Align,
    LayoutLine,
    aligned_block,
    blank_line,
    layout_server_receipt,
    printable,
    to_text,
)
from pos_gui.core.sales_receipt import SalesReceipt, compose_receipt, demo_banner
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP, PrinterError

if TYPE_CHECKING:
    from pos_gui.config.settings import PrinterSettings

log = logging.getLogger(__name__)

DEFAULT_NETWORK_PORT = 9100
DEFAULT_TIMEOUT_SECONDS = 5.0
MERCHANT_COPY_TITLE = "Händlerbeleg"
TEST_PRINT_TITLE = "Testdruck"

# Characters that receipt fonts lack, mapped to what a cashier would type instead.
_TYPOGRAPHIC_REPLACEMENTS = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u201e": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201a": "'",
        "\u2018": "'",
        "\u2019": "'",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)

SystemPrinter = Callable[[Sequence[LayoutLine]], Awaitable[None]]
"""Prints a layout through the operating system (supplied by the UI for ``kind == "system"``)."""


# --- ESC/POS bytes -------------------------------------------------------------------------------


def encode_receipt(
    lines: Iterable[LayoutLine],
    *,
    code_page: str = "CP858",
    cut: bool = True,
    open_drawer: bool = False,
) -> bytes:
    """The ESC/POS byte stream for a receipt.

    The stream initialises the printer, selects ``code_page``, optionally kicks the cash drawer
    (first, so the drawer opens while the paper is still printing), prints every line (bold and
    double height where the layout asks for it, centred and right-aligned lines aligned by the
    printer), feeds and cuts. The cut is the last command.

    Raises:
        PrinterError: the code page is unknown to python-escpos.
    """
    printer = _new_byte_buffer(code_page)
    if open_drawer:
        printer.cashdraw(2)
    for line in lines:
        _write_line(printer, line)
    printer.set(bold=False, align="left", normal_textsize=True)
    if cut:
        printer.cut()
    data: bytes = printer.output
    return data


def encode_drawer_kick() -> bytes:
    """The ESC/POS command that opens the cash drawer (``ESC p``, pin 2)."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.cashdraw(2)
    data: bytes = printer.output
    return data


def _new_byte_buffer(code_page: str) -> Any:
    # python-escpos costs about half a second to import; only pay for it when printing.
    from escpos.printer import Dummy

    printer = Dummy()
    printer.hw("INIT")
    try:
        printer.charcode(code_page.upper())
    except (KeyError, ValueError) as error:
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "Unbekannte Codepage des Druckers: {code_page}"),
            code_page=code_page,
        ) from error
    return printer


def _write_line(printer: Any, line: LayoutLine) -> None:
    printer.set(
        bold=line.bold,
        align=line.align.value,
        double_height=line.large,
        normal_textsize=not line.large,
    )
    # The layout padded centred and right-aligned lines with spaces; the printer aligns them
    # itself, which stays right even when its real width differs from the configured one.
    text = line.text if line.align is Align.LEFT else line.text.strip()
    # The layout removed control characters already; a line built elsewhere gets the same
    # treatment here, because an ESC or GS in text would be executed by the printer.
    printer.text(printable(text.translate(_TYPOGRAPHIC_REPLACEMENTS)) + "\n")


# --- Receipts of a transaction -------------------------------------------------------------------


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


def parse_network_address(address: str) -> tuple[str, int]:
    """``"host"`` or ``"host:port"`` → ``(host, port)``; the port defaults to 9100 (raw printing)."""
    address = address.strip()
    if not address:
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: keine Netzwerkadresse eingestellt")
        )
    host, separator, port_text = address.rpartition(":")
    if not separator:
        return address, DEFAULT_NETWORK_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: ungültiger Port in „{address}“"),
            address=address,
        )
    return host.strip("[]"), int(port_text)


def parse_usb_address(address: str) -> tuple[int, int]:
    """``"04b8:0202"`` (vendor:product in hex) → ``(0x04B8, 0x0202)``."""
    vendor_text, _, product_text = address.strip().partition(":")
    try:
        return int(vendor_text, 16), int(product_text, 16)
    except ValueError:
        raise PrinterError(
            QT_TRANSLATE_NOOP(
                "PrinterError",
                "Drucker nicht erreichbar: USB-Adresse „{address}“ ist nicht Hersteller:Produkt (hex)",
            ),
            address=address.strip(),
        ) from None


def send_to_device(settings: PrinterSettings, data: bytes, timeout: float) -> None:
    """Send ``data`` to the configured printer, blocking. Run it in a worker thread.

    Raises:
        PrinterError: the printer cannot be opened or written to.
    """
    if settings.kind == "file":
        _send_to_file(settings.address, data)
        return
    device = _open_escpos_device(settings, timeout)
    try:
        device._raw(data)
    except Exception as error:  # any failure at the device is a printer problem for the cashier
        raise _unreachable(error, settings.address.strip()) from error
    finally:
        _close_quietly(device)


def _send_to_file(path_text: str, data: bytes) -> None:
    if not path_text.strip():
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: keine Datei eingestellt")
        )
    # Append, so that a support file collects every receipt; a device file accepts it the same.
    try:
        with Path(path_text).open("ab") as output:
            output.write(data)
    except OSError as error:
        raise _unreachable(error) from error


def _open_escpos_device(settings: PrinterSettings, timeout: float) -> Any:
    from escpos.printer import Network, Serial, Usb

    device: Any
    if settings.kind == "network":
        host, port = parse_network_address(settings.address)
        device = Network(host=host, port=port, timeout=timeout)
    elif settings.kind == "usb":
        vendor, product = parse_usb_address(settings.address)
        # pyusb counts its time-out in milliseconds.
        device = Usb(idVendor=vendor, idProduct=product, timeout=int(timeout * 1000))
    elif settings.kind == "serial":
        if not settings.address.strip():
            raise PrinterError(
                QT_TRANSLATE_NOOP(
                    "PrinterError", "Drucker nicht erreichbar: keine serielle Schnittstelle eingestellt"
                )
            )
        device = Serial(devfile=settings.address.strip(), timeout=timeout)
    else:
        raise PrinterError(
            QT_TRANSLATE_NOOP(
                "PrinterError", "Drucker nicht erreichbar: Druckerart „{kind}“ druckt nicht direkt"
            ),
            kind=settings.kind,
        )
    try:
        device.open()
    except Exception as error:  # python-escpos raises its own, OSError, or RuntimeError (no pyusb)
        _close_quietly(device)
        raise _unreachable(error, settings.address.strip()) from error
    return device


def _close_quietly(device: Any) -> None:
    try:
        device.close()
    except Exception:  # closing a broken connection must not hide the original error
        log.debug("closing the printer failed", exc_info=True)


def _unreachable(error: BaseException, address: str = "") -> PrinterError:
    """The printer failed with ``error`` (an OS or python-escpos error, whose text is technical).

    The usual network failures get a sentence the cashier can act on; python-escpos wraps the
    socket's error, so the chain of causes is searched for it.
    """
    cause = _os_cause(error)
    if address and isinstance(cause, ConnectionRefusedError):
        return PrinterError(
            QT_TRANSLATE_NOOP(
                "PrinterError",
                "Drucker nicht erreichbar: {address} lehnt die Verbindung ab. "
                "Ist der Drucker eingeschaltet und die Adresse richtig?",
            ),
            address=address,
        )
    if address and isinstance(cause, TimeoutError):
        return PrinterError(
            QT_TRANSLATE_NOOP(
                "PrinterError",
                "Drucker nicht erreichbar: {address} antwortet nicht. "
                "Ist der Drucker eingeschaltet und im Netzwerk?",
            ),
            address=address,
        )
    if address and isinstance(cause, socket.gaierror):
        return PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: Adresse {address} ist unbekannt."),
            address=address,
        )
    return PrinterError(
        QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: {reason}"), reason=_describe(error)
    )


def _os_cause(error: BaseException) -> BaseException | None:
    """The first OS error in ``error``'s chain of causes (itself included), or ``None``."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


# --- The service ---------------------------------------------------------------------------------


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
