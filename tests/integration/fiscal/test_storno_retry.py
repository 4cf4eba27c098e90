"""A Storno the TSE could not sign (an outage, a kill) is signed late, by its planned tx id, once.

The till's own wiring (``pos_gui.app.wiring``) hooks the Stornos into the sales' reconciliation:
at start-up (the signer attached), on ``FiscalSigning.reconcile`` and when the TSE answers again.
Afterwards the ledger has ``storno_tse_finished`` for the tx id planned before the first call, the
simulated TSS has exactly one finished transaction for the Storno, and the Storno's TSE block read
from the ledger (a reprint) carries the signature instead of "TSE ausgefallen".
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.transport import build_http_client
from pos_gui.app.connection import demo_card_list
from pos_gui.app.wiring import _fiscal_signing
from pos_gui.core.sales_receipt import layout_sales_receipt
from pos_gui.core.tse_receipt_block import TseBlock, TseOutage
from pos_gui.fiscal.fiskaly import FiskalySigner
from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.fiscal.signer import TseFinished
from pos_gui.persistence.cashiers import CashierStore
from pos_gui.persistence.day_events import LedgerEvent
from pos_gui.services.cashiers import CashierSession
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutService
from pos_gui.services.fiscal_receipts import storno_kassenbeleg
from pos_gui.services.fiscal_signing import FiscalSigning
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from pos_gui.services.storno import StornoService, storno_receipt
from pos_gui.services.storno_signing import StornoSigning
from pos_sim.fiskaly.state import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_TSS_ID
from pos_sim.settings import DEMO_CLIENT_ID as SHOP_CLIENT_ID
from pos_sim.settings import DEMO_CLIENT_SECRET as SHOP_CLIENT_SECRET
from tests.integration.fiscal.conftest import arm, signer_on, signing_data, verify_signature
from tests.integration.fiscal.test_fiscal_kills import SimulatedTss

pytestmark = pytest.mark.asyncio


@dataclass
class Till:
    """One till on a ledger file; :meth:`restart` is the next start on the same file."""

    path: Path
    server: ServerConnection
    session: CashierSession
    fiskaly_http: httpx.AsyncClient
    ledger: Ledger
    fiscal: FiscalSigning
    checkout: CheckoutService
    storno: StornoService
    closed: bool = False

    @classmethod
    def on(
        cls,
        path: Path,
        server: ServerConnection,
        session: CashierSession | None,
        fiskaly_http: httpx.AsyncClient,
    ) -> Till:
        """``session``: ``None`` for a cashier session on this till's ledger, Anna logged in."""
        ledger = Ledger(path)
        if session is None:
            session = CashierSession(CashierStore(path.parent / "cashiers.sqlite3"), ledger)
            anna = next(c for c in session.ensure_demo_cashiers() if c.name == "Anna Demo")
            assert session.log_in(anna.cashier_id, "1234") is not None
        fiscal = _fiscal_signing(ledger, training=False)
        fiscal.finish_deadline = 2.0
        checkout = CheckoutService(server, ledger, device_id="SDV_STORNO_RETRY", is_demo=True, fiscal=fiscal)
        storno = StornoService(server, ledger, session)
        storno.sign_storno = StornoSigning(fiscal).sign_storno
        return cls(path, server, session, fiskaly_http, ledger, fiscal, checkout, storno)

    def attach(self, signer: FiskalySigner | None = None) -> None:
        self.fiscal.attach(signer or signer_on(self.fiskaly_http))

    async def close(self) -> None:
        """Shut down (idempotent): the background work done, the ledger closed."""
        await self.fiscal.wait_idle()
        if not self.closed:
            self.ledger.close()
            self.closed = True


@pytest_asyncio.fixture
async def till(sim_url: str, tmp_path: Path, fiskaly_http: httpx.AsyncClient) -> AsyncIterator[list[Till]]:
    """The till (first in the list); a test that restarts it appends the next start."""
    http = build_http_client(sim_url, timeout=2.0)
    client = SecuconnectClient(
        http, Authenticator(http, ClientCredentials(SHOP_CLIENT_ID, SHOP_CLIENT_SECRET))
    )
    tills = [Till.on(tmp_path / "journal.sqlite3", ServerConnection.of(client), None, fiskaly_http)]
    try:
        yield tills
    finally:
        for one in tills:
            await one.close()
        await http.aclose()


@pytest.fixture
def tss(sim_url: str) -> Iterator[SimulatedTss]:
    reader = SimulatedTss(sim_url)
    yield reader
    reader.close()


async def a_paid_sale(till: Till) -> str:
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
    await till.fiscal.wait_idle()
    return sale_id


def storno_tse_events(till: Till, booked: LedgerEvent) -> list[LedgerEvent]:
    return [e for e in till.ledger.all_events(after_seq=booked.seq) if e.subject_id == booked.subject_id]


def planned_tx_id(till: Till, booked: LedgerEvent) -> str:
    [planned] = [e for e in storno_tse_events(till, booked) if e.kind == "storno_tse_planned"]
    return str(planned.payload["tse_tx_id"])


def reprint(till: Till, booked: LedgerEvent) -> list[str]:
    """The Storno receipt as composed again from the ledger (its TSE block read back)."""
    tse = StornoSigning(till.fiscal).tse_of(booked.subject_id).receipt_block()
    return [line.text for line in layout_sales_receipt(storno_receipt(booked, tse=tse), 42)]


def assert_signed_once(till: Till, tss: SimulatedTss, booked: LedgerEvent, tx_id: str) -> dict[str, Any]:
    """The ledger's one ``storno_tse_finished`` is the TSS's answer for ``tx_id``; that answer."""
    finished = [e for e in storno_tse_events(till, booked) if e.kind == "storno_tse_finished"]
    assert len(finished) == 1
    result = TseFinished.from_json(finished[0].payload["tse_result"])
    assert result.tx_id == tx_id
    assert finished[0].payload["tse_signed_late_at"]  # marked as signed after the outage
    at_tss = tss.transaction(tx_id)
    assert at_tss is not None
    assert at_tss["state"] == "FINISHED"
    assert at_tss["number"] == result.number
    assert at_tss["signature"]["value"] == result.signature.value
    assert result.process_data.startswith("Beleg^-2.20_-6.98_")  # the Storno, every amount negated
    verify_signature(at_tss["signature"]["value"], at_tss["signature"]["public_key"], signing_data(at_tss))
    text = reprint(till, booked)
    assert any(line.startswith("TSE-Transaktion") and line.endswith(str(result.number)) for line in text)
    assert not any("TSE ausgefallen" in line for line in text)
    return at_tss


async def storno_during_an_outage(till: Till, admin: httpx.AsyncClient, fault: dict[str, Any]) -> LedgerEvent:
    sale_id = await a_paid_sale(till)
    await arm(admin, **fault)
    try:
        result = await till.storno.storno(sale_id, "Kunde")
    finally:
        (await admin.delete("/_sim/faults")).raise_for_status()
    assert isinstance(result.tse, TseOutage)
    assert any("TSE ausgefallen" in line for line in reprint(till, result.event))
    return result.event


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param({"fault": "status", "status": 503, "count": 10}, id="tse-never-saw-it"),
        pytest.param({"fault": "drop_after", "count": 1}, id="started-answer-lost"),
    ],
)
async def test_a_storno_signed_during_an_outage_is_signed_with_its_planned_tx_id_once_the_tse_is_back(
    till: list[Till], admin: httpx.AsyncClient, tss: SimulatedTss, fault: dict[str, Any]
) -> None:
    one = till[0]
    one.attach()
    numbers_before = tss.count() + 1  # the sale's transaction comes first
    booked = await storno_during_an_outage(one, admin, fault)
    tx_id = planned_tx_id(one, booked)
    assert one.fiscal.state == "down"

    assert await one.fiscal.reconcile() == 1

    assert_signed_once(one, tss, booked, tx_id)
    assert tss.count() == numbers_before + 1  # one transaction for the Storno, whatever was repeated
    assert one.fiscal.state == "ok"

    # Again (a second reconciliation, a second retry): nothing changes.
    events_before = len(one.ledger.all_events())
    assert await one.fiscal.reconcile() == 0
    assert await StornoSigning(one.fiscal).retry_unsigned() == 0
    await one.fiscal.wait_idle()
    assert len(one.ledger.all_events()) == events_before
    assert tss.count() == numbers_before + 1


async def test_a_storno_finished_at_the_tse_but_not_in_the_ledger_gets_the_tse_answer_recorded(
    till: list[Till], admin: httpx.AsyncClient, tss: SimulatedTss, fiskaly_http: httpx.AsyncClient
) -> None:
    one = till[0]
    one.attach()
    booked = await storno_during_an_outage(one, admin, {"fault": "status", "status": 503, "count": 10})
    tx_id = planned_tx_id(one, booked)
    # The TSE finished it after all (say, an answer lost on the way back): only the ledger lacks it.
    other_client = signer_on(fiskaly_http)
    await other_client.start(tx_id)
    earlier = await other_client.finish(tx_id, storno_kassenbeleg(booked, ReceiptType.BELEG))
    numbers = tss.count()

    assert await one.fiscal.reconcile() == 1

    at_tss = assert_signed_once(one, tss, booked, tx_id)
    assert at_tss["number"] == earlier.number  # the TSE's answer, no second transaction
    assert tss.count() == numbers


class FinishNeverAnswers(FiskalySigner):
    """The till is killed while a finish is on the way: once :attr:`hang` is set, no finish comes back."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        super().__init__(
            http,
            api_key=DEMO_API_KEY,
            api_secret=DEMO_API_SECRET,
            tss_id=DEMO_TSS_ID,
            client_id=DEMO_CLIENT_ID,
        )
        self.hang = False
        self.finish_sent = asyncio.Event()

    async def finish(self, tx_id: str, receipt: KassenbelegV1) -> TseFinished:
        if not self.hang:
            return await super().finish(tx_id, receipt)
        self.finish_sent.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_a_storno_killed_after_its_start_is_finished_on_the_next_start(
    till: list[Till], tss: SimulatedTss, fiskaly_http: httpx.AsyncClient
) -> None:
    first = till[0]
    killed_signer = FinishNeverAnswers(fiskaly_http)
    first.attach(killed_signer)
    sale_id = await a_paid_sale(first)
    killed_signer.hang = True
    storno = asyncio.create_task(first.storno.storno(sale_id, "Kunde"))
    await asyncio.wait_for(killed_signer.finish_sent.wait(), 10)
    storno.cancel()  # the kill: nothing after the start reaches the ledger
    with pytest.raises(asyncio.CancelledError):
        await storno
    [booked] = [e for e in first.ledger.all_events() if e.kind == "storno_booked"]
    tx_id = planned_tx_id(first, booked)
    assert [e.kind for e in storno_tse_events(first, booked)] == ["storno_tse_planned"]
    at_kill = tss.transaction(tx_id)
    assert at_kill is not None
    assert at_kill["state"] == "ACTIVE"  # open at the TSE
    numbers = tss.count()
    await first.close()

    # The next start on the same ledger: the signer attached, the reconciliation runs by itself.
    second = Till.on(first.path, first.server, first.session, fiskaly_http)
    till.append(second)
    second.attach()
    await second.fiscal.wait_idle()

    assert_signed_once(second, tss, booked, tx_id)
    assert tss.count() == numbers  # finished, not started again
    assert await second.fiscal.reconcile() == 0


async def test_the_next_signed_sale_after_an_outage_signs_the_storno_too(
    till: list[Till], admin: httpx.AsyncClient, tss: SimulatedTss
) -> None:
    one = till[0]
    one.attach()
    booked = await storno_during_an_outage(one, admin, {"fault": "status", "status": 503, "count": 10})
    tx_id = planned_tx_id(one, booked)

    one.checkout.new_sale()
    await a_paid_sale(one)  # the TSE answers again: the till is back to "ok" and reconciles

    assert one.fiscal.state == "ok"
    assert_signed_once(one, tss, booked, tx_id)
    assert isinstance(StornoSigning(one.fiscal).tse_of(booked.subject_id).receipt_block(), TseBlock)
