"""The checkout state machine against the in-memory fake server: transitions, request counts,
double submit, the journal written before each request, and UNKNOWN payments."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pos_gui.api.errors import ApiConnectionError, BadRequestError, OutcomeUnknownError
from pos_gui.core.basket import Article
from pos_gui.services.checkout import (
    CardRejectedError,
    CheckoutBusyError,
    CheckoutService,
    CheckoutState,
)
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import (
    BONUS_CARD,
    LOCKED_CARD,
    SEED_CARD,
    UNKNOWN_CARD,
    FakeSecuconnect,
)

SANDWICH = Article("30037", "", "Sandwich", 349, 7)
COFFEE = Article("30038", "4000000000017", "Kaffee", 249, 19)
ROLL = Article("30039", "", "Brötchen", 99, 7)
DEVICE_ID = "SDV_TESTTILL"


@pytest.fixture
def journal(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "journal.sqlite3")


@pytest.fixture
def server() -> FakeSecuconnect:
    return FakeSecuconnect()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def checkout(server: FakeSecuconnect, journal: Ledger, sleeps: list[float]) -> CheckoutService:
    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    return CheckoutService(
        ServerConnection.of(server), journal, device_id=DEVICE_ID, is_demo=True, sleep=fake_sleep
    )


def fill_seed_basket(checkout: CheckoutService) -> None:
    """The documented basket: 349 + 249 + 2 × 99 = 796."""
    checkout.add_article(SANDWICH)
    checkout.add_article(COFFEE)
    checkout.add_article(ROLL, 2)


# -- basket and card --------------------------------------------------------------------------


def test_first_article_opens_a_journaled_sale(checkout: CheckoutService, journal: Ledger) -> None:
    changes: list[CheckoutState] = []
    checkout.on_change = lambda: changes.append(checkout.state)
    assert checkout.state is CheckoutState.EMPTY
    checkout.add_article(SANDWICH)
    assert checkout.state is CheckoutState.BASKET
    assert changes == [CheckoutState.BASKET]
    assert checkout.sale_id is not None
    record = journal.sale(checkout.sale_id)
    assert record.state == "BASKET"
    assert record.total == 349
    assert record.basket[0].article.name == "Sandwich"


def test_voiding_the_last_line_voids_the_sale(checkout: CheckoutService, journal: Ledger) -> None:
    checkout.add_article(SANDWICH)
    sale_id = checkout.sale_id
    assert sale_id is not None
    checkout.void_line(checkout.basket.lines[0].line_id)
    assert checkout.state is CheckoutState.EMPTY
    assert journal.sale(sale_id).state == "VOIDED"
    assert journal.unfinished_sales() == []


@pytest.mark.asyncio
async def test_malformed_card_is_rejected_without_a_request(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    for number in ("1234", "9275004429942845", "92760044299428456", "927600442994284x"):
        with pytest.raises(CardRejectedError) as caught:
            await checkout.scan_card(number)
        assert caught.value.reason == "malformed"
    assert server.calls == []


@pytest.mark.asyncio
async def test_unknown_and_locked_cards_are_rejected_after_one_lookup(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    with pytest.raises(CardRejectedError) as unknown:
        await checkout.scan_card(UNKNOWN_CARD)
    assert unknown.value.reason == "unknown"
    with pytest.raises(CardRejectedError) as locked:
        await checkout.scan_card(LOCKED_CARD)
    assert locked.value.reason == "locked"
    assert locked.value.card is not None
    assert server.count("find_card") == 2
    assert checkout.card is None
    assert checkout.state is CheckoutState.EMPTY


@pytest.mark.asyncio
async def test_scan_shows_balance_and_prediction_after_one_request(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    card = await checkout.scan_card(f" {SEED_CARD}\n")
    assert card.balance == 1000
    assert checkout.state is CheckoutState.CARD
    assert server.calls == [("find_card", SEED_CARD)]
    assert checkout.prediction is not None
    assert checkout.prediction.card_pays == 796
    assert checkout.prediction.missing_sum == 0
    # The prediction follows the basket without a request.
    checkout.add_article(SANDWICH, 1)
    assert checkout.prediction.missing_sum == 145
    assert len(server.calls) == 1


# -- payment: request counts and bodies ---------------------------------------------------------


@pytest.mark.asyncio
async def test_cash_without_card_is_two_requests(
    checkout: CheckoutService, server: FakeSecuconnect, journal: Ledger
) -> None:
    fill_seed_basket(checkout)
    transaction = await checkout.pay_cash(1000)
    assert [call[0] for call in server.calls] == ["create", "start/cash"]
    assert checkout.state is CheckoutState.PAID
    assert transaction.status == "ok"
    assert checkout.payment is not None
    assert (checkout.payment.total, checkout.payment.cash_due, checkout.payment.change) == (796, 796, 204)
    draft = server.drafts[0]
    assert draft.intent == "sale"
    assert draft.is_demo is True
    assert draft.basket_info.sum == 796
    assert draft.basket_info.currency == "EUR"
    assert sum(p.total for p in draft.basket.products) == 796
    assert draft.idents == []
    assert draft.transaction_ref is not None
    assert DEVICE_ID in draft.transaction_ref
    assert str(checkout.sale_number) in draft.transaction_ref
    assert checkout.sale_id is not None
    record = journal.sale(checkout.sale_id)
    assert record.state == "PAID"
    assert record.tendered == 1000
    assert record.receipt is not None
    assert record.receipt["transaction"]["id"] == transaction.id
    assert record.receipt["payment"]["change"] == 204


@pytest.mark.asyncio
async def test_apply_then_pay_cash_is_three_requests_and_collects_the_missing_sum(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    checkout.add_article(SANDWICH, 2)  # 796 + 698 = 1494; the card holds 1000
    await checkout.scan_card(SEED_CARD)
    server.calls.clear()
    applied = await checkout.apply_card_balance()
    assert applied.missing_sum == 494
    assert checkout.state is CheckoutState.APPLIED
    assert checkout.amount_due == 494
    await checkout.pay_cash(500)
    assert [call[0] for call in server.calls] == ["create", "pre", "start/cash"]
    assert server.drafts[0].idents[0].value == SEED_CARD
    assert checkout.payment is not None
    assert (checkout.payment.card_paid, checkout.payment.cash_due, checkout.payment.change) == (1000, 494, 6)


@pytest.mark.asyncio
async def test_card_pays_everything_with_start_loyalty(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(SEED_CARD)
    await checkout.apply_card_balance()
    assert checkout.amount_due == 0
    await checkout.pay_card()
    assert [call[0] for call in server.calls] == ["find_card", "create", "pre", "start/loyalty"]
    assert checkout.state is CheckoutState.PAID
    assert checkout.payment is not None
    assert checkout.payment.card_paid == 796


@pytest.mark.asyncio
async def test_pay_card_needs_a_covering_applied_balance(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    checkout.add_article(SANDWICH, 2)
    await checkout.scan_card(SEED_CARD)
    with pytest.raises(CheckoutBusyError):
        await checkout.pay_card()
    await checkout.apply_card_balance()
    sent = len(server.calls)
    with pytest.raises(CheckoutBusyError):
        await checkout.pay_card()
    assert len(server.calls) == sent


@pytest.mark.asyncio
async def test_tendered_below_the_amount_due_sends_nothing(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    with pytest.raises(ValueError):
        await checkout.pay_cash(795)
    assert server.calls == []
    assert checkout.state is CheckoutState.BASKET


@pytest.mark.asyncio
async def test_basket_change_after_apply_puts_the_basket_again_and_needs_a_new_apply(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(BONUS_CARD)
    await checkout.apply_card_balance()
    transaction_id = checkout.transaction.id if checkout.transaction else None
    checkout.add_article(COFFEE)
    assert checkout.state is CheckoutState.CARD
    assert checkout.applied is None
    assert checkout.amount_due == 796 + 249
    await checkout.pay_cash()
    assert [call[0] for call in server.calls] == ["find_card", "create", "pre", "update", "start/cash"]
    assert server.calls[-1] == ("start/cash", transaction_id)
    assert server.drafts[-1].basket_info.sum == 796 + 249
    assert server.bookings == [transaction_id]


@pytest.mark.asyncio
async def test_pay_after_apply_without_change_sends_only_start(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(BONUS_CARD)
    await checkout.apply_card_balance()
    # Applying twice sends nothing.
    await checkout.apply_card_balance()
    await checkout.pay_cash()
    assert [call[0] for call in server.calls] == ["find_card", "create", "pre", "start/cash"]


# -- double submit --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_double_submit_sends_one_start(checkout: CheckoutService, server: FakeSecuconnect) -> None:
    fill_seed_basket(checkout)
    gate = asyncio.Event()
    server.hold["start/cash"] = gate
    first = asyncio.create_task(checkout.pay_cash())
    await asyncio.sleep(0.01)
    assert checkout.busy
    assert checkout.state is CheckoutState.PAYING
    # Key repeat, double click, F12 again: each one refused at once.
    for _ in range(3):
        with pytest.raises(CheckoutBusyError):
            await checkout.pay_cash()
    with pytest.raises(CheckoutBusyError):
        await checkout.apply_card_balance()
    with pytest.raises(CheckoutBusyError):
        checkout.add_article(SANDWICH)
    gate.set()
    await first
    assert server.count("start/cash") == 1
    assert not checkout.busy
    with pytest.raises(CheckoutBusyError):
        await checkout.pay_cash()
    assert server.count("start/cash") == 1


@pytest.mark.asyncio
async def test_two_pay_tasks_started_together_give_one_request(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    results = await asyncio.gather(checkout.pay_cash(), checkout.pay_cash(), return_exceptions=True)
    assert sum(isinstance(result, CheckoutBusyError) for result in results) == 1
    assert server.count("create") == 1
    assert server.count("start/cash") == 1


@pytest.mark.asyncio
async def test_articles_may_be_added_while_the_card_is_looked_up(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    gate = asyncio.Event()
    server.hold["find_card"] = gate
    lookup = asyncio.create_task(checkout.scan_card(SEED_CARD))
    await asyncio.sleep(0.01)
    assert checkout.busy
    checkout.add_article(SANDWICH)
    with pytest.raises(CheckoutBusyError):
        await checkout.pay_cash()
    gate.set()
    await lookup
    assert checkout.state is CheckoutState.CARD
    assert checkout.basket.total == 349


# -- the journal comes first ------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_journal_is_written_before_each_request(
    checkout: CheckoutService, server: FakeSecuconnect, journal: Ledger
) -> None:
    seen: list[tuple[str, str, str | None, int | None]] = []

    def record_journal(action: str, args: tuple[str, ...]) -> None:
        if checkout.sale_id is None:
            seen.append((action, "-", None, None))
            return
        row = journal.sale(checkout.sale_id)
        seen.append((action, row.state, row.transaction_id, row.tendered))

    server.before_request = record_journal
    fill_seed_basket(checkout)
    await checkout.scan_card(BONUS_CARD)
    await checkout.apply_card_balance()
    await checkout.pay_cash(1000)
    transaction_id = checkout.transaction.id if checkout.transaction else None
    assert seen == [
        ("find_card", "BASKET", None, None),
        ("create", "CARD", None, None),
        ("pre", "CARD", transaction_id, None),
        ("start/cash", "PAYING", transaction_id, 1000),
    ]


# -- errors -------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_connection_error_on_create_keeps_the_basket(
    checkout: CheckoutService, server: FakeSecuconnect, journal: Ledger
) -> None:
    fill_seed_basket(checkout)
    server.fail("create", ApiConnectionError("server not reachable"))
    with pytest.raises(ApiConnectionError):
        await checkout.pay_cash()
    assert checkout.state is CheckoutState.BASKET
    assert checkout.basket.total == 796
    assert checkout.transaction is None
    assert not checkout.busy
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID
    assert len(server.bookings) == 1


@pytest.mark.asyncio
async def test_refused_start_returns_to_the_previous_state(
    checkout: CheckoutService, server: FakeSecuconnect, journal: Ledger
) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(SEED_CARD)
    await checkout.apply_card_balance()
    server.fail("start/cash", BadRequestError(400, error="ProductFormatException", error_user="Falsch"))
    with pytest.raises(BadRequestError):
        await checkout.pay_cash()
    assert checkout.state is CheckoutState.APPLIED
    assert checkout.sale_id is not None
    row = journal.sale(checkout.sale_id)
    assert row.state == "APPLIED"
    assert row.error is not None
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID


@pytest.mark.asyncio
async def test_lost_pre_transaction_answer_forces_a_put_before_paying(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(SEED_CARD)
    server.fail("pre", ApiConnectionError("connection lost"), when="after")
    with pytest.raises(ApiConnectionError):
        await checkout.apply_card_balance()
    assert checkout.state is CheckoutState.CARD
    assert checkout.amount_due == 796
    await checkout.pay_cash()
    # The server had applied the balance; the PUT takes it back before the full cash payment.
    assert [call[0] for call in server.calls][-2:] == ["update", "start/cash"]
    assert checkout.state is CheckoutState.PAID


# -- UNKNOWN -----------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_lost_start_answer_resolves_to_paid_with_one_booking(
    checkout: CheckoutService, server: FakeSecuconnect, journal: Ledger, sleeps: list[float]
) -> None:
    fill_seed_basket(checkout)
    server.fail("start/cash", OutcomeUnknownError("?", "start/cash", "connection lost"), when="after")
    with pytest.raises(OutcomeUnknownError):
        await checkout.pay_cash(1000)
    assert checkout.state is CheckoutState.UNKNOWN
    assert checkout.sale_id is not None
    assert journal.sale(checkout.sale_id).state == "UNKNOWN"
    for action in (checkout.pay_cash, checkout.apply_card_balance, checkout.pay_card):
        with pytest.raises(CheckoutBusyError):
            await action()
    with pytest.raises(CheckoutBusyError):
        checkout.add_article(SANDWICH)
    with pytest.raises(CheckoutBusyError):
        checkout.new_sale()
    server.fail("get", ApiConnectionError("still down"))
    server.fail("get", OutcomeUnknownError("?", "get", "5xx"))
    state = await checkout.resolve_unknown()
    assert state is CheckoutState.PAID
    assert sleeps == [0.2, 0.5]
    assert server.count("start/cash") == 1
    assert len(server.bookings) == 1
    assert checkout.payment is not None
    assert checkout.payment.change == 204
    row = journal.sale(checkout.sale_id)
    assert row.state == "PAID"
    assert row.receipt is not None


@pytest.mark.asyncio
async def test_start_that_never_ran_resolves_to_pay_again_on_the_same_transaction(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(SEED_CARD)
    await checkout.apply_card_balance()
    transaction_id = checkout.transaction.id if checkout.transaction else None
    server.fail("start/cash", OutcomeUnknownError("?", "start/cash", "no answer in time"))
    with pytest.raises(OutcomeUnknownError):
        await checkout.pay_cash()
    assert await checkout.resolve_unknown() is CheckoutState.APPLIED
    assert checkout.amount_due == 0
    await checkout.pay_cash()
    assert server.count("create") == 1
    assert [call for call in server.calls if call[0] == "start/cash"] == [("start/cash", transaction_id)] * 2
    assert server.bookings == [transaction_id]


@pytest.mark.asyncio
async def test_resolve_gives_up_after_max_reads_and_stays_unknown(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    fill_seed_basket(checkout)
    server.fail("start/cash", OutcomeUnknownError("?", "start/cash", "dropped"), when="after")
    with pytest.raises(OutcomeUnknownError):
        await checkout.pay_cash()
    for _ in range(3):
        server.fail("get", ApiConnectionError("down"))
    assert await checkout.resolve_unknown(max_reads=3) is CheckoutState.UNKNOWN
    assert await checkout.resolve_unknown() is CheckoutState.PAID


@pytest.mark.asyncio
async def test_new_sale_after_paid_starts_empty(checkout: CheckoutService, journal: Ledger) -> None:
    fill_seed_basket(checkout)
    await checkout.pay_cash()
    first_number = checkout.sale_number
    checkout.new_sale()
    assert checkout.state is CheckoutState.EMPTY
    assert checkout.basket.is_empty
    assert checkout.transaction is None
    checkout.add_article(SANDWICH)
    assert checkout.sale_number == (first_number or 0) + 1


@pytest.mark.asyncio
async def test_new_sale_abandons_an_unstarted_sale(checkout: CheckoutService, journal: Ledger) -> None:
    fill_seed_basket(checkout)
    await checkout.scan_card(SEED_CARD)
    await checkout.apply_card_balance()
    sale_id = checkout.sale_id
    assert sale_id is not None
    checkout.new_sale()
    assert checkout.state is CheckoutState.EMPTY
    assert journal.sale(sale_id).state == "VOIDED"
