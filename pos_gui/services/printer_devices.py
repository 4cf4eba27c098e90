"""The receipt printer's connection: addresses, opening the device, sending bytes, clear errors.

Whatever goes wrong at the device becomes :class:`~pos_gui.services.printer_errors.PrinterError`
with a German message for the log and a template the UI shows in the cashier's language. These
functions block (sockets, USB); :class:`pos_gui.services.printing.PrintingService` runs them in a
worker thread under a time limit.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP, PrinterError

if TYPE_CHECKING:
    from pos_gui.config.settings import PrinterSettings

log = logging.getLogger("pos_gui.services.printing")

DEFAULT_NETWORK_PORT = 9100


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
