"""The receipt of a signed sale: the seed sale's TSE block line by line (a fake signer fixes the
numbers, times and signature), the seller from the settings, the QR code on paper (GS ( k with the
exact payload) and "TSE ausgefallen" with the time when the TSE failed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pos_gui.config.settings import ShopSettings
from pos_gui.core.basket import Article, Basket
from pos_gui.core.payment import Payment
from pos_gui.core.receipt_layout import to_text
from pos_gui.core.sales_receipt import layout_sales_receipt
from pos_gui.fiscal.process_data import KassenbelegV1, process_data
from pos_gui.fiscal.qr import qr_code_payload
from pos_gui.fiscal.signer import (
    TseFinished,
    TseRecord,
    TseSignature,
    TseStarted,
    TseUnavailableError,
    TxState,
)
from pos_gui.persistence.sale_events import EventKind
from pos_gui.services.escpos_bytes import encode_receipt, qr_code_commands
from pos_gui.services.fiscal_signing import FiscalSigning
from pos_gui.services.ledger import Ledger
from pos_gui.services.receipts import sales_receipt_of

pytestmark = pytest.mark.asyncio

BERLIN = timezone(timedelta(hours=2))
SHOP = ShopSettings("John's Bakery", "Hauptstraße 1", "12345 Musterstadt", "12/345/67890", "DE123456789")
START = datetime(2020, 9, 17, 7, 42, 58, tzinfo=UTC)
END = datetime(2020, 9, 17, 7, 43, 1, tzinfo=UTC)
SIGNATURE = "MEUCIQDx" + "A" * 80
PUBLIC_KEY = "BHhB" + "B" * 84


class FixedSigner:
    """A TSE whose numbers, times and signature are fixed; ``fail`` makes every call fail."""

    is_certified = True

    def __init__(self) -> None:
        self.fail = False

    async def start(self, tx_id: str) -> TseStarted:
        if self.fail:
            raise TseUnavailableError("HTTP 503")
        return TseStarted(tx_id, 17, START, 41, 1)

    async def update(self, tx_id: str, receipt: KassenbelegV1) -> TseStarted:
        raise NotImplementedError

    async def finish(self, tx_id: str, receipt: KassenbelegV1) -> TseFinished:
        if self.fail:
            raise TseUnavailableError("HTTP 503")
        data = process_data(receipt)
        return TseFinished(
            tx_id=tx_id,
            state=TxState.FINISHED,
            number=17,
            time_start=START,
            time_end=END,
            signature=TseSignature(SIGNATURE, 42, "ecdsa-plain-SHA256", PUBLIC_KEY),
            timestamp_format="unixTime",
            tss_serial_number="a1b2c3d4" * 8,
            client_serial_number="KASSE-1",
            process_type="Kassenbeleg-V1",
            process_data=data,
            qr_code_data=qr_code_payload(
                client_serial_number="KASSE-1",
                process_type="Kassenbeleg-V1",
                process_data=data,
                number=17,
                signature_counter=42,
                time_start=START,
                time_end=END,
                algorithm="ecdsa-plain-SHA256",
                timestamp_format="unixTime",
                signature=SIGNATURE,
                public_key=PUBLIC_KEY,
            ),
        )

    async def cancel(self, tx_id: str, receipt: KassenbelegV1 | None = None) -> TseFinished:
        raise NotImplementedError

    async def read(self, tx_id: str) -> TseRecord:
        raise TseUnavailableError("HTTP 503")


def seed_sale(ledger: Ledger, fiscal: FiscalSigning) -> str:
    basket = Basket()
    basket.add(Article("30037", "", "Sandwich Romano", 349, 7))
    basket.add(Article("30200", "", "Fruit salad, small bowl", 249, 7))
    basket.add(Article("51", "4999012345678", "Water, mildly sprinkling, 0.25 ltr.", 99, 19), 2)
    record = ledger.open_sale(state="BASKET", basket=basket.lines)
    fiscal.sale_opened(record.sale_id)
    ledger.append(
        record.sale_id,
        EventKind.PAYMENT_CONFIRMED,
        transaction={"id": "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2"},
        payment=Payment.of(total=796, cash_due=296, tendered=500),
    )
    return record.sale_id


def build(tmp_path: Path) -> tuple[Ledger, FiscalSigning, FixedSigner]:
    ledger = Ledger(
        tmp_path / "journal.sqlite3", clock=lambda: datetime(2020, 9, 17, 9, 43, 5, tzinfo=BERLIN)
    )
    fiscal = FiscalSigning(
        ledger, training=False, clock=lambda: datetime(2020, 9, 17, 9, 43, 2, tzinfo=BERLIN)
    )
    signer = FixedSigner()
    fiscal.attach(signer)
    return ledger, fiscal, signer


async def test_the_seed_sales_receipt_with_its_tse_block_line_by_line(tmp_path: Path) -> None:
    ledger, fiscal, _signer = build(tmp_path)
    sale_id = seed_sale(ledger, fiscal)
    await fiscal.sale_paid(sale_id)

    receipt = sales_receipt_of(ledger.sale(sale_id), shop_lines=SHOP.receipt_lines())
    assert receipt is not None
    expected = """\
              John's Bakery
              Hauptstraße 1
            12345 Musterstadt
           St.-Nr. 12/345/67890
          USt-IdNr. DE123456789

17.09.2020 09:43                 Bon-Nr. 1
------------------------------------------
Sandwich Romano                     3,49 B
Fruit salad, small bowl             2,49 B
Water, mildly sprinkling, 0.25 ltr.
  2 x 0,99                          1,98 A
------------------------------------------
Summe                               7,96 €
------------------------------------------
Karte                               5,00 €
Bar zu zahlen                       2,96 €
Bar gegeben                         5,00 €
Rückgeld                            2,04 €

Satz           Netto       MwSt     Brutto
A 19 %          1,66       0,32       1,98
B  7 %          5,59       0,39       5,98

------------------------------------------
TSE-Transaktion                         17
TSE-Start         2020-09-17T07:42:58.000Z
TSE-Stop          2020-09-17T07:43:01.000Z
TSE-Signaturzähler                      42
TSE-Seriennummer
a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1
                    b2c3d4a1b2c3d4a1b2c3d4
TSE-Zeitformat                    unixTime
TSE-Hashalgorithmus     ecdsa-plain-SHA256
TSE-Signatur
MEUCIQDxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
                                      AAAA
TSE-PublicKey
BHhBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                                      BBBB
ClientID / KassenID                KASSE-1

                [QR-Code]

      Vielen Dank für Ihren Einkauf!
  TA STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2

                BON000001
"""
    assert to_text(layout_sales_receipt(receipt, 42)) == expected


async def test_the_paper_receipt_prints_the_qr_code_with_gs_k_and_the_exact_payload(tmp_path: Path) -> None:
    ledger, fiscal, _signer = build(tmp_path)
    sale_id = seed_sale(ledger, fiscal)
    finished = await fiscal.sale_paid(sale_id)
    assert finished is not None
    receipt = sales_receipt_of(ledger.sale(sale_id))
    assert receipt is not None

    data = encode_receipt(layout_sales_receipt(receipt, 42))

    payload = finished.qr_code_data.encode("ascii")
    assert finished.qr_code_data.startswith(
        "V0;KASSE-1;Kassenbeleg-V1;Beleg^1.98_5.98_0.00_0.00_0.00^2.96:Bar_5.00:Unbar;17;42;"
    )
    store = b"\x1d(k" + (len(payload) + 3).to_bytes(2, "little") + b"1P0" + payload
    assert store in data
    assert qr_code_commands(finished.qr_code_data) in data
    assert data.index(b"\x1d(k\x03\x001Q0") > data.index(store)  # printed after it is stored
    assert b"[QR-Code]" not in data  # paper gets the code, not the placeholder


async def test_an_outage_prints_tse_ausgefallen_with_the_time_and_the_sale_is_paid(tmp_path: Path) -> None:
    ledger, fiscal, signer = build(tmp_path)
    signer.fail = True
    sale_id = seed_sale(ledger, fiscal)

    assert await fiscal.sale_paid(sale_id) is None

    record = ledger.sale(sale_id)
    assert record.state == "PAID"
    assert [event.kind for event in ledger.events(sale_id)][-1] is EventKind.TSE_FAILED
    receipt = sales_receipt_of(record)
    assert receipt is not None
    text = to_text(layout_sales_receipt(receipt, 42))
    assert "            TSE ausgefallen\nZeitpunkt              17.09.2020 09:43:02\n" in text
    assert "TSE-Signatur" not in text
    assert fiscal.state == "down"
