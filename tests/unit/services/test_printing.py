"""Receipts on paper: ESC/POS bytes, code page, cut, drawer, devices, errors, the support command."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pos_gui.config.settings import PrinterSettings
from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.receipt_layout import Align, LayoutLine, aligned
from pos_gui.core.sales_receipt import SalesReceipt
from pos_gui.services import printer_devices, printing
from pos_gui.services.escpos_bytes import encode_drawer_kick, encode_receipt
from pos_gui.services.printer_devices import parse_network_address, parse_usb_address
from pos_gui.services.printer_errors import PrinterError
from pos_gui.services.printing import (
    PrintingService,
    customer_receipt_layout,
    merchant_copy_layout,
    render_receipt_command,
)
from tests.helpers.network import closed_port

ESC = b"\x1b"
GS = b"\x1d"
SELECT_CP858 = ESC + b"t" + bytes([19])
BOLD_ON = ESC + b"E\x01"
CUT = GS + b"V\x00"
DRAWER_KICK = ESC + b"p"

GERMAN_LINES = [
    aligned("Größe", 42, Align.CENTER, bold=True),
    LayoutLine("Grüße"),
    LayoutLine("Summe                               7,96 €"),
]

SEED_RECEIPT = [
    {"type": "separator", "value": {"caption": "Kundenkarte"}},
    {"type": "name-value", "value": {"name": "TA Code: ", "value": "29187332", "decoration": []}},
    {"type": "textline", "value": {"text": "10,00 EUR", "decoration": ["important"]}},
]
MERCHANT_RECEIPT = [
    {"type": "separator", "value": {"caption": "Kartenzahlung"}},
    {"type": "name-value", "value": {"name": "Betrag", "value": "7,96 EUR", "decoration": []}},
]


def transaction(*, merchant_print: bool, is_demo: bool = False) -> dict[str, Any]:
    return {
        "id": "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2",
        "status": "ok",
        "receipt": SEED_RECEIPT,
        "receipt_merchant": MERCHANT_RECEIPT,
        "receipt_merchant_print": merchant_print,
        "is_demo": is_demo,
    }


def test_german_receipt_selects_cp858_and_encodes_umlauts_and_euro() -> None:
    data = encode_receipt(GERMAN_LINES)
    assert SELECT_CP858 in data
    text_start = data.index(SELECT_CP858)
    assert b"Gr\x94\xe1e" in data[text_start:]  # Größe: ö = 0x94, ß = 0xE1
    assert b"Gr\x81\xe1e" in data[text_start:]  # Grüße: ü = 0x81
    assert b"7,96 \xd5" in data[text_start:]  # € = 0xD5 in CP858
    assert "€".encode() not in data
    assert data.endswith(CUT)
    assert data.count(CUT) == 1


def test_important_lines_are_bold_and_centred_lines_centred_by_the_printer() -> None:
    data = encode_receipt(GERMAN_LINES)
    before_title = data[: data.index(b"Gr\x94\xe1e")]
    assert before_title.endswith(BOLD_ON + ESC + b"a\x01")  # bold, then centre
    # The padding is left to the printer, so the title is sent without leading spaces.
    assert b" Gr\x94\xe1e" not in data


def test_typographic_characters_print_as_ascii_not_question_marks() -> None:
    data = encode_receipt([LayoutLine("DEMO – keine „echte“ Zahlung…")])
    assert b'DEMO - keine "echte" Zahlung...' in data


def test_drawer_kick_comes_before_the_text_and_the_cut_stays_last() -> None:
    data = encode_receipt(GERMAN_LINES, open_drawer=True)
    assert data.index(DRAWER_KICK) < data.index(b"Gr\x94\xe1e")
    assert data.endswith(CUT)
    assert encode_drawer_kick().startswith(DRAWER_KICK)


def test_unknown_code_page_is_a_printer_error() -> None:
    with pytest.raises(PrinterError, match="Codepage"):
        encode_receipt(GERMAN_LINES, code_page="CP999")


def test_addresses_are_parsed_or_refused_in_german() -> None:
    assert parse_network_address("192.168.1.50") == ("192.168.1.50", 9100)
    assert parse_network_address("bondrucker.local:9101") == ("bondrucker.local", 9101)
    assert parse_usb_address("04b8:0202") == (0x04B8, 0x0202)
    with pytest.raises(PrinterError, match="Drucker nicht erreichbar: ungültiger Port"):
        parse_network_address("192.168.1.50:abc")
    with pytest.raises(PrinterError, match="USB-Adresse"):
        parse_usb_address("epson")


def test_printer_error_carries_its_template_for_the_ui_and_reads_german() -> None:
    with pytest.raises(PrinterError) as caught:
        parse_network_address("192.168.1.50:abc")
    error = caught.value
    assert str(error) == "Drucker nicht erreichbar: ungültiger Port in „192.168.1.50:abc“"
    assert error.template == "Drucker nicht erreichbar: ungültiger Port in „{address}“"
    assert error.parameters == {"address": "192.168.1.50:abc"}


def test_printer_error_with_a_finished_text_keeps_its_braces() -> None:
    error = PrinterError("PDF: /tmp/{belege}/1.pdf")
    assert str(error) == "PDF: /tmp/{belege}/1.pdf"
    assert error.parameters == {}


def test_merchant_copy_only_when_the_server_asks_for_it() -> None:
    assert merchant_copy_layout(transaction(merchant_print=False), 42) is None
    copy = merchant_copy_layout(transaction(merchant_print=True), 42)
    assert copy is not None
    texts = [line.text.strip() for line in copy]
    assert texts[0] == "Händlerbeleg"
    assert "Kartenzahlung" in texts
    empty = dict(transaction(merchant_print=True), receipt_merchant=[])
    assert merchant_copy_layout(empty, 42) is None


def test_reprint_of_a_demo_transaction_without_sales_data_still_says_demo() -> None:
    texts = [
        line.text.strip()
        for line in customer_receipt_layout(transaction(merchant_print=False, is_demo=True), 32)
    ]
    assert texts[1] == "DEMO - keine echte Zahlung"
    assert texts[-2] == "DEMO - keine echte Zahlung"
    assert "Kundenkarte" in texts


@pytest.mark.asyncio
async def test_print_transaction_writes_customer_receipt_and_merchant_copy_to_a_file(tmp_path: Path) -> None:
    output = tmp_path / "receipts.bin"
    service = PrintingService(PrinterSettings(kind="file", address=str(output), width=42))
    await service.print_transaction(transaction(merchant_print=True), open_drawer=True)
    data = output.read_bytes()
    assert data.count(CUT) == 2
    assert data.count(DRAWER_KICK) == 1
    customer, merchant = data.split(CUT)[:2]
    assert b"Kundenkarte" in customer
    assert b"H\x84ndlerbeleg" in merchant  # ä = 0x84 in CP858
    assert data.endswith(CUT)


@pytest.mark.asyncio
async def test_kind_none_prints_nothing_and_cannot_open_the_drawer() -> None:
    service = PrintingService(PrinterSettings(kind="none"))
    assert not service.can_print
    await service.print_layout(GERMAN_LINES)
    with pytest.raises(PrinterError, match="Schublade"):
        await service.open_drawer()


@pytest.mark.asyncio
async def test_system_kind_hands_the_layout_to_the_system_printer() -> None:
    printed: list[Sequence[LayoutLine]] = []

    async def system_printer(lines: Sequence[LayoutLine]) -> None:
        printed.append(lines)

    service = PrintingService(PrinterSettings(kind="system"), system_printer=system_printer)
    assert service.can_print
    await service.print_layout(GERMAN_LINES)
    assert printed == [GERMAN_LINES]


@pytest.mark.asyncio
async def test_open_drawer_sends_only_the_kick(tmp_path: Path) -> None:
    output = tmp_path / "drawer.bin"
    service = PrintingService(PrinterSettings(kind="file", address=str(output)))
    await service.open_drawer()
    assert output.read_bytes() == encode_drawer_kick()


@pytest.mark.asyncio
async def test_unreachable_network_printer_fails_fast_without_blocking_the_loop() -> None:
    port = closed_port()
    service = PrintingService(PrinterSettings(kind="network", address=f"127.0.0.1:{port}"), timeout=2.0)
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    beating = asyncio.create_task(heartbeat())
    started = time.monotonic()
    try:
        with pytest.raises(PrinterError, match=r"^Drucker nicht erreichbar: ") as caught:
            await service.print_layout(GERMAN_LINES)
    finally:
        beating.cancel()
    assert time.monotonic() - started < 2.0
    assert ticks >= 1  # the loop kept running while the thread tried to connect
    # A refused connection is named in words the cashier can act on, with the address.
    assert str(caught.value) == (
        f"Drucker nicht erreichbar: 127.0.0.1:{port} lehnt die Verbindung ab. "
        "Ist der Drucker eingeschaltet und die Adresse richtig?"
    )
    assert caught.value.parameters == {"address": f"127.0.0.1:{port}"}


@pytest.mark.asyncio
async def test_network_printer_receives_exactly_the_encoded_bytes() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        service = PrintingService(PrinterSettings(kind="network", address=f"127.0.0.1:{port}"), timeout=2.0)
        # The kernel accepts the connection into the backlog and buffers the short receipt, so
        # the print completes before the test reads it.
        await service.print_layout(GERMAN_LINES)
        connection, _ = listener.accept()
        with connection:
            connection.settimeout(2.0)
            received = b""
            while chunk := connection.recv(4096):
                received += chunk
    assert received == encode_receipt(GERMAN_LINES)


@pytest.mark.asyncio
async def test_a_printer_that_hangs_gives_a_printer_error_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def hanging_device(settings: PrinterSettings, data: bytes, timeout: float) -> None:
        release.wait(10)

    monkeypatch.setattr(printing, "send_to_device", hanging_device)
    service = PrintingService(PrinterSettings(kind="network", address="10.0.0.9"), timeout=0.05)
    try:
        with pytest.raises(PrinterError, match="keine Antwort"):
            await service.print_layout(GERMAN_LINES)
    finally:
        release.set()


@pytest.mark.asyncio
async def test_file_printer_in_a_missing_folder_is_a_printer_error(tmp_path: Path) -> None:
    service = PrintingService(PrinterSettings(kind="file", address=str(tmp_path / "no" / "such" / "dir.bin")))
    with pytest.raises(PrinterError, match=r"^Drucker nicht erreichbar: ") as caught:
        await service.print_layout(GERMAN_LINES)
    # Any other OS failure: its own text is a parameter, shown as it is in any language.
    assert caught.value.template == "Drucker nicht erreichbar: {reason}"
    assert "No such file or directory" in caught.value.parameters["reason"]


def wrapped_like_python_escpos(os_error: OSError) -> Exception:
    """python-escpos raises its own error while handling the socket's (``__context__``)."""
    try:
        try:
            raise os_error
        except OSError as error:
            raise RuntimeError(f"Could not open socket for drucker.local:\n{error}")  # noqa: B904
    except RuntimeError as wrapped:
        return wrapped


@pytest.mark.parametrize(
    ("os_error", "expected"),
    [
        (
            socket.gaierror(-2, "Name or service not known"),
            "Drucker nicht erreichbar: Adresse drucker.local ist unbekannt.",
        ),
        (
            TimeoutError("timed out"),
            "Drucker nicht erreichbar: drucker.local antwortet nicht. "
            "Ist der Drucker eingeschaltet und im Netzwerk?",
        ),
        (
            OSError(113, "No route to host"),
            "Drucker nicht erreichbar: Could not open socket for drucker.local: [Errno 113] No route to host",
        ),
    ],
)
def test_network_failures_are_named_for_the_cashier(os_error: OSError, expected: str) -> None:
    # Without a network here, the lookup and time-out cases are built the way python-escpos
    # raises them rather than provoked.
    error = printer_devices._unreachable(wrapped_like_python_escpos(os_error), "drucker.local")
    assert str(error) == expected


def test_render_receipt_command_prints_both_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "stx.json"
    path.write_text(json.dumps(transaction(merchant_print=True)), encoding="utf-8")
    assert render_receipt_command([str(path), "--width", "32"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == ["", "          Kundenkarte", "", "TA Code:                29187332"]
    assert "=" * 32 in lines
    assert "          Händlerbeleg" in lines
    assert all(len(line) <= 32 for line in lines)


def test_render_receipt_command_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert render_receipt_command([str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert render_receipt_command([str(tmp_path / "missing.json"), "--width", "40"]) == 2


# A cash drawer kick (ESC p 0 25 250) and a paper cut (GS V 0) hidden in texts.
HOSTILE_TEXT = "\x1bp\x00\x19\xfa und \x1dV\x00"


def _hostile_sale() -> SalesReceipt:
    article = Article("1", "", f"Brezel {HOSTILE_TEXT}", 85, 7)
    return SalesReceipt.from_basket(
        [BasketLine(1, article, 1)],
        shop_lines=(f"Bäckerei{HOSTILE_TEXT}",),
        issued_at=datetime(2024, 5, 1, 9, 30),
        receipt_number="1",
        card_paid=0,
        cash_due=85,
        tendered=85,
        change=0,
    )


def _hostile_transaction() -> dict[str, Any]:
    return {
        **transaction(merchant_print=False),
        "receipt": [
            {"type": "textline", "value": {"text": f"Danke {HOSTILE_TEXT}"}},
            {"type": "name-value", "value": {"name": HOSTILE_TEXT, "value": f"1{HOSTILE_TEXT}"}},
            {"type": "separator", "value": {"caption": HOSTILE_TEXT}},
        ],
    }


@pytest.mark.asyncio
@pytest.mark.parametrize("open_drawer", [False, True])
async def test_commands_in_receipt_texts_and_article_names_never_reach_the_printer(
    tmp_path: Path, open_drawer: bool
) -> None:
    output = tmp_path / "receipts.bin"
    service = PrintingService(PrinterSettings(kind="file", address=str(output), width=42))

    await service.print_transaction(_hostile_transaction(), sales=_hostile_sale(), open_drawer=open_drawer)

    data = output.read_bytes()
    assert data.count(GS + b"V") == 1  # our one cut
    assert data.endswith(CUT)
    assert data.count(DRAWER_KICK) == (1 if open_drawer else 0)
    assert b"\x00\x19" not in data
    assert b"Brezel p\xa3 und V" in data  # the printable rest: ú = 0xA3 in CP858
    assert b"Danke p\xa3 und V" in data


def test_a_layout_line_built_with_control_characters_is_printed_without_them() -> None:
    data = encode_receipt([LayoutLine(f"Summe {HOSTILE_TEXT}")])

    assert data.count(GS + b"V") == 1
    assert DRAWER_KICK not in data
    assert b"Summe p\xa3 und V\n" in data
