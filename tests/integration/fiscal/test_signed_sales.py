"""Sales through the checkout, signed by the simulator's TSE: every receipt's signature verified with
the returned public key, the processData of cash, card-share and abandoned sales, and an outage
(503 or a lost answer) that never stops a sale and never gives it a second TSE transaction."""

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
from pos_gui.core.basket import Article
from pos_gui.fiscal.signer import TseFinished
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutService, CheckoutState
from pos_gui.services.fiscal_signing import FiscalSigning
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from pos_sim import demo_data
from pos_sim.fiskaly.state import DEMO_CLIENT_SERIAL
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from tests.integration.fiscal.conftest import AnswerLog, arm, signer_on, signing_data, verify_signature

pytestmark = pytest.mark.asyncio


@dataclass
class SigningTill:
    checkout: CheckoutService
    fiscal: FiscalSigning
    ledger: Ledger


def article(code: str) -> Article:
    found = Catalog.demo().lookup(code)
    assert found is not None
    return found


@pytest_asyncio.fixture
async def till(sim_url: str, tmp_path: Path, fiskaly_http: httpx.AsyncClient) -> AsyncIterator[SigningTill]:
    http = build_http_client(sim_url, timeout=2.0)
    client = SecuconnectClient(
        http, Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    )
    ledger = Ledger(tmp_path / "journal.sqlite3")
    fiscal = FiscalSigning(ledger, training=False, finish_deadline=3.0)
    fiscal.attach(signer_on(fiskaly_http))
    checkout = CheckoutService(
        ServerConnection.of(client), ledger, device_id="SDV_TSE", is_demo=True, fiscal=fiscal
    )
    try:
        yield SigningTill(checkout, fiscal, ledger)
    finally:
        await fiscal.wait_idle()
        await http.aclose()
        ledger.close()


def finished_of(till: SigningTill, sale_id: str) -> TseFinished:
    tse = till.ledger.sale(sale_id).tse
    assert tse is not None
    assert tse["result"] is not None, tse
    return TseFinished.from_json(tse["result"])


async def test_cash_and_card_sales_are_signed_and_every_signature_verifies(
    till: SigningTill, answer_log: AnswerLog
) -> None:
    checkout = till.checkout
    paid: list[str] = []
    checkout.add_article(article("30037"), 2)  # 2 x 3,49 at 7 %
    checkout.add_article(article("4001"))  # 2,20 at 19 %
    assert checkout.sale_id is not None
    paid.append(checkout.sale_id)
    await checkout.pay_cash(1000)
    checkout.new_sale()
    checkout.add_article(article("4001"), 3)  # 6,60 at 19 %
    assert checkout.sale_id is not None
    paid.append(checkout.sale_id)
    await checkout.scan_card(demo_data.BONUS_CARD_NUMBER)
    await checkout.apply_card_balance()
    await checkout.pay_card()
    assert checkout.state is CheckoutState.PAID

    cash_sale, card_sale = (finished_of(till, sale_id) for sale_id in paid)
    assert cash_sale.process_data == "Beleg^2.20_6.98_0.00_0.00_0.00^9.18:Bar"
    assert card_sale.process_data == "Beleg^6.60_0.00_0.00_0.00_0.00^6.60:Unbar"
    assert cash_sale.client_serial_number == DEMO_CLIENT_SERIAL
    assert card_sale.number == cash_sale.number + 1
    # Every answer the TSE gave for these sales verifies with the public key it returned.
    answers = [
        answer
        for answer in answer_log.transactions
        if answer["_id"] in {s.tx_id for s in (cash_sale, card_sale)}
    ]
    assert len(answers) == 4  # one start and one finish per sale, nothing else
    for answer in answers:
        verify_signature(
            answer["signature"]["value"], answer["signature"]["public_key"], signing_data(answer)
        )
    finish = next(a for a in answers if a["_id"] == cash_sale.tx_id and a["state"] == "FINISHED")
    assert finish["signature"]["value"] == cash_sale.signature.value
    assert cash_sale.qr_code_data.startswith(f"V0;{DEMO_CLIENT_SERIAL};Kassenbeleg-V1;Beleg^2.20_6.98")


async def test_a_given_up_basket_is_cancelled_as_avbelegabbruch(till: SigningTill) -> None:
    checkout = till.checkout
    checkout.add_article(article("4001"))
    sale_id = checkout.sale_id
    assert sale_id is not None
    checkout.clear_basket()
    await till.fiscal.wait_idle()

    cancelled = finished_of(till, sale_id)
    assert cancelled.state == "CANCELLED"
    assert cancelled.process_data.startswith("AVBelegabbruch^")


async def test_demo_sales_are_signed_as_training(till: SigningTill) -> None:
    till.fiscal.training = True
    till.checkout.add_article(article("4001"))
    sale_id = till.checkout.sale_id
    assert sale_id is not None
    await till.checkout.pay_cash()

    assert finished_of(till, sale_id).process_data == "AVTraining^2.20_0.00_0.00_0.00_0.00^2.20:Bar"


@pytest.mark.parametrize("fault", [{"fault": "status", "status": 503}, {"fault": "drop_after"}])
async def test_an_outage_at_the_finish_never_stops_the_sale_and_never_makes_a_second_tx(
    till: SigningTill, admin: httpx.AsyncClient, answer_log: AnswerLog, fault: dict[str, object]
) -> None:
    checkout = till.checkout
    checkout.add_article(article("4001"))
    sale_id = checkout.sale_id
    assert sale_id is not None
    await till.fiscal.wait_idle()  # the start has answered
    # Every tx request fails now: the finish, and the read-back of the one retry.
    await arm(admin, str(fault["fault"]), count=5, **{k: v for k, v in fault.items() if k != "fault"})

    await checkout.pay_cash()

    assert checkout.state is CheckoutState.PAID  # cash is never refused
    tse = till.ledger.sale(sale_id).tse
    assert tse is not None
    assert tse["state"] == "started"
    assert tse["failure"]["step"] == "finish"
    assert till.fiscal.state == "down"
    (await admin.post("/_sim/reset")).raise_for_status()  # disarms the faults; the TSS stays

    assert await till.fiscal.reconcile() == 1
    finished = finished_of(till, sale_id)
    assert finished.state == "FINISHED"
    assert till.fiscal.state == "ok"
    numbers = {answer["number"] for answer in answer_log.transactions if answer["_id"] == finished.tx_id}
    assert numbers == {finished.number}  # one TSE transaction, whatever was repeated
    assert await till.fiscal.reconcile() == 0  # closed exactly once
