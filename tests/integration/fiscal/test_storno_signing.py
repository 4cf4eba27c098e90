"""The Storno receipt signed by the simulator's TSE: its own transaction (``Beleg``, every amount
negated), its steps as day events before the receipt is printed, the signature verified with the
public key the TSE returned; a TSE outage leaves the Storno booked with "TSE ausgefallen"."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.transport import build_http_client
from pos_gui.app.connection import demo_card_list
from pos_gui.core.sales_receipt import layout_sales_receipt
from pos_gui.core.tse_receipt_block import TseBlock, TseOutage
from pos_gui.persistence.cashiers import CashierStore
from pos_gui.services.cashiers import CashierSession
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutService
from pos_gui.services.fiscal_signing import FiscalSigning
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from pos_gui.services.storno import StornoService, storno_receipt
from pos_gui.services.storno_signing import StornoSigning
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from tests.integration.fiscal.conftest import AnswerLog, arm, signer_on, signing_data, verify_signature

pytestmark = pytest.mark.asyncio


@dataclass
class StornoTill:
    checkout: CheckoutService
    fiscal: FiscalSigning
    ledger: Ledger
    storno: StornoService
    manager_id: str


@pytest_asyncio.fixture
async def till(sim_url: str, tmp_path: Path, fiskaly_http: httpx.AsyncClient) -> AsyncIterator[StornoTill]:
    http = build_http_client(sim_url, timeout=2.0)
    client = SecuconnectClient(
        http, Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    )
    ledger = Ledger(tmp_path / "journal.sqlite3")
    fiscal = FiscalSigning(ledger, training=False, finish_deadline=2.0)
    fiscal.attach(signer_on(fiskaly_http))
    server = ServerConnection.of(client)
    checkout = CheckoutService(server, ledger, device_id="SDV_STORNO", is_demo=True, fiscal=fiscal)
    session = CashierSession(CashierStore(tmp_path / "cashiers.sqlite3"), ledger)
    anna = next(c for c in session.ensure_demo_cashiers() if c.name == "Anna Demo")
    assert session.log_in(anna.cashier_id, "1234") is not None
    storno = StornoService(server, ledger, session)
    storno.sign_storno = StornoSigning(fiscal).sign_storno
    try:
        yield StornoTill(checkout, fiscal, ledger, storno, anna.cashier_id)
    finally:
        await fiscal.wait_idle()
        await http.aclose()
        ledger.close()


async def a_paid_sale(till: StornoTill) -> str:
    """2 x 3,49 (7 %) and 2,20 (19 %): part from a card's low balance, the rest in cash."""
    catalog = Catalog.demo()
    for code, quantity in (("30037", 2), ("4001", 1)):
        article = catalog.lookup(code)
        assert article is not None
        till.checkout.add_article(article, quantity)
    sale_id = till.checkout.sale_id
    assert sale_id is not None
    low = next(card for card in demo_card_list() if card.feature == "low")
    await till.checkout.scan_card(low.number)
    await till.checkout.apply_card_balance()
    await till.checkout.pay_cash(till.checkout.amount_due)
    return sale_id


def receipt_text(till: StornoTill, result: object) -> list[str]:
    receipt = storno_receipt(result.event, tse=result.tse)  # type: ignore[attr-defined]
    return [line.text for line in layout_sales_receipt(receipt, 42)]


async def test_a_storno_is_signed_as_a_negated_beleg_and_its_signature_verifies(
    till: StornoTill, answer_log: AnswerLog
) -> None:
    sale_id = await a_paid_sale(till)
    sale = till.ledger.sale(sale_id)
    assert sale.payment is not None
    assert sale.tse is not None

    result = await till.storno.storno(sale_id, "falscher Artikel")

    assert isinstance(result.tse, TseBlock)
    cash, card = sale.payment.cash_due, sale.payment.card_paid
    assert cash > 0
    assert card > 0
    expected = f"Beleg^-2.20_-6.98_0.00_0.00_0.00^-{cash / 100:.2f}:Bar_-{card / 100:.2f}:Unbar"
    answers = [a for a in answer_log.transactions if a["number"] == int(result.tse.transaction_number)]
    assert [a["state"] for a in answers] == ["ACTIVE", "FINISHED"]  # one start, one finish
    finish = answers[-1]
    assert finish["schema"]["raw"]["process_type"] == "Kassenbeleg-V1"
    assert signing_data(finish).decode().endswith(expected)
    verify_signature(finish["signature"]["value"], finish["signature"]["public_key"], signing_data(finish))
    assert result.tse.signature == finish["signature"]["value"]
    # Its own transaction, the next number after the sale's.
    assert int(result.tse.transaction_number) > int(sale.tse["number"])
    # In the ledger before the receipt: planned, then finished, right after the booked Storno.
    kinds = [e.kind for e in till.ledger.all_events(after_seq=result.event.seq)]
    assert kinds[:2] == ["storno_tse_planned", "storno_tse_finished"]
    text = receipt_text(till, result)
    assert any(
        line.startswith("TSE-Transaktion") and line.endswith(result.tse.transaction_number) for line in text
    )
    assert not any("TSE ausgefallen" in line for line in text)
    # A second call (a read-back booking the Storno again) signs nothing new.
    assert await StornoSigning(till.fiscal).sign_storno(result.event) == result.tse
    assert len([a for a in answer_log.transactions if a["_id"] == finish["_id"]]) == 2


async def test_a_tse_outage_leaves_the_storno_booked_with_tse_ausgefallen(
    till: StornoTill, admin: httpx.AsyncClient
) -> None:
    sale_id = await a_paid_sale(till)
    await till.fiscal.wait_idle()
    await arm(admin, "status", status=503, count=10)
    try:
        result = await till.storno.storno(sale_id, "Kunde")
    finally:
        (await admin.delete("/_sim/faults")).raise_for_status()

    assert isinstance(result.tse, TseOutage)
    assert till.storno.storno_state(sale_id) == "booked"
    assert till.fiscal.state == "down"
    kinds = [e.kind for e in till.ledger.all_events(after_seq=result.event.seq)]
    assert kinds[:2] == ["storno_tse_planned", "storno_tse_failed"]
    text = receipt_text(till, result)
    assert any("TSE ausgefallen" in line for line in text)
    assert any(line.startswith("Zeitpunkt") for line in text)
    assert not any(line.startswith("TSE-Transaktion") for line in text)
