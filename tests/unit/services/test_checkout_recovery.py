"""Crash recovery: a fresh checkout on the journal of a crashed one reconciles with the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.api.errors import ApiConnectionError, NotAllowedError, OutcomeUnknownError
from pos_gui.services.checkout import CheckoutService, CheckoutState, SaleAlreadyPaidError
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout import COFFEE, DEVICE_ID, SANDWICH, fill_seed_basket
from tests.unit.services.test_checkout_fake import BONUS_CARD, SEED_CARD, FakeSecuconnect


def restart(server: FakeSecuconnect, path: Path) -> tuple[CheckoutService, Ledger]:
    """What a restarted till has: the same server, the journal file, a new checkout."""
    journal = Ledger(path)

    async def no_sleep(seconds: float) -> None:
        return None

    return CheckoutService(
        ServerConnection.of(server), journal, device_id=DEVICE_ID, is_demo=True, sleep=no_sleep
    ), journal


async def crash_while_paying_cash(
    server: FakeSecuconnect, journal_path: Path, *, booked: bool, tendered: int | None = None
) -> CheckoutService:
    """A till that "dies" while start/cash of the seed basket is in flight: with ``booked`` the
    server books it and nobody hears the answer, else it never reaches the server."""
    crashed, _ = restart(server, journal_path)
    fill_seed_basket(crashed)
    server.fail(
        "start/cash", OutcomeUnknownError("?", "start/cash", "killed"), when="after" if booked else "before"
    )
    with pytest.raises(OutcomeUnknownError):
        await crashed.pay_cash(tendered)
    return crashed


async def restored_after_a_lost_start(
    server: FakeSecuconnect, journal_path: Path
) -> tuple[CheckoutService, Ledger, str]:
    """The restarted till, its journal and the transaction id, after a crash during start/cash
    that the server never saw: the sale is restored, its transaction still ``created``."""
    await crash_while_paying_cash(server, journal_path, booked=False)
    checkout, journal = restart(server, journal_path)
    assert [item.outcome for item in await checkout.recover()] == ["restored"]
    assert checkout.transaction is not None
    return checkout, journal, checkout.transaction.id


def book_late(server: FakeSecuconnect, transaction_id: str) -> None:
    """The start/cash from before the crash reaches the server now and books the sale."""
    server.transactions[transaction_id].status = "ok"
    server.transactions[transaction_id].payment_method = "cash"
    server.bookings.append(transaction_id)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def server() -> FakeSecuconnect:
    return FakeSecuconnect()


@pytest.mark.asyncio
async def test_basket_never_sent_comes_back_with_its_card(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    crashed, _ = restart(server, journal_path)
    fill_seed_basket(crashed)
    await crashed.scan_card(SEED_CARD)
    server.calls.clear()

    checkout, _ = restart(server, journal_path)
    recovered = await checkout.recover()
    assert [(item.outcome, item.total, item.transaction_id) for item in recovered] == [
        ("restored", 796, None)
    ]
    assert checkout.state is CheckoutState.CARD
    assert checkout.basket.total == 796
    assert checkout.card is not None
    assert checkout.card.cardnumber == SEED_CARD
    assert server.calls == [("find_card", SEED_CARD)]
    # The restored sale goes on as usual, and new articles keep unique line ids.
    checkout.add_article(COFFEE, 2)
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID
    assert len({line.line_id for line in checkout.basket.lines}) == len(checkout.basket.lines)


@pytest.mark.asyncio
async def test_paid_on_the_server_is_completed(server: FakeSecuconnect, journal_path: Path) -> None:
    # The process "dies" while start/cash is in flight: the server books, nobody hears the answer.
    crashed = await crash_while_paying_cash(server, journal_path, booked=True, tendered=1000)
    sale_id = crashed.sale_id

    checkout, journal = restart(server, journal_path)
    recovered = await checkout.recover()
    assert [item.outcome for item in recovered] == ["completed"]
    assert recovered[0].transaction is not None
    assert recovered[0].transaction.status == "ok"
    assert checkout.state is CheckoutState.EMPTY
    assert sale_id is not None
    row = journal.sale(sale_id)
    assert row.state == "PAID"
    assert row.receipt is not None
    assert row.receipt["payment"]["change"] == 204
    assert journal.last_completed() == row
    assert len(server.bookings) == 1
    # Recovering again finds nothing to do.
    assert await checkout.recover() == []


@pytest.mark.asyncio
async def test_created_transaction_is_paid_on_the_same_transaction(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    crashed = await crash_while_paying_cash(server, journal_path, booked=False)
    transaction_id = crashed.transaction.id if crashed.transaction else None

    checkout, _ = restart(server, journal_path)
    recovered = await checkout.recover()
    assert [(item.outcome, item.transaction_id) for item in recovered] == [("restored", transaction_id)]
    assert checkout.state is CheckoutState.BASKET
    server.calls.clear()
    await checkout.pay_cash()
    assert server.calls == [("start/cash", transaction_id)]
    assert server.bookings == [transaction_id]


@pytest.mark.asyncio
async def test_applied_balance_comes_back_applied(server: FakeSecuconnect, journal_path: Path) -> None:
    crashed, _ = restart(server, journal_path)
    fill_seed_basket(crashed)
    await crashed.scan_card(BONUS_CARD)
    await crashed.apply_card_balance()
    due = crashed.amount_due

    checkout, _ = restart(server, journal_path)
    server.calls.clear()
    await checkout.recover()
    assert checkout.state is CheckoutState.APPLIED
    assert checkout.amount_due == due
    # The card came with the transaction: no lookup.
    assert [call[0] for call in server.calls] == ["get"]


@pytest.mark.asyncio
async def test_basket_changed_after_create_is_put_again(server: FakeSecuconnect, journal_path: Path) -> None:
    crashed, _ = restart(server, journal_path)
    fill_seed_basket(crashed)
    await crashed.scan_card(SEED_CARD)
    await crashed.apply_card_balance()
    crashed.add_article(SANDWICH, 3)

    checkout, _ = restart(server, journal_path)
    await checkout.recover()
    assert checkout.state is CheckoutState.CARD
    assert checkout.basket.total == 796 + 3 * 349
    server.calls.clear()
    await checkout.pay_cash()
    assert [call[0] for call in server.calls] == ["update", "start/cash"]
    assert server.drafts[-1].basket_info.sum == 796 + 3 * 349


@pytest.mark.asyncio
async def test_unreachable_server_leaves_the_sale_pending(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    await crash_while_paying_cash(server, journal_path, booked=True)

    checkout, journal = restart(server, journal_path)
    server.fail("get", ApiConnectionError("down"))
    recovered = await checkout.recover()
    assert [item.outcome for item in recovered] == ["pending"]
    assert checkout.state is CheckoutState.EMPTY
    assert len(journal.unfinished_sales()) == 1
    # Later, with the server back, the same call completes it.
    assert [item.outcome for item in await checkout.recover()] == ["completed"]
    assert journal.unfinished_sales() == []


@pytest.mark.asyncio
async def test_older_unstarted_sale_is_discarded_for_the_newest(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    await crash_while_paying_cash(server, journal_path, booked=False)
    # Restart with the server down: that sale stays pending, and the cashier starts another one.
    second, _ = restart(server, journal_path)
    server.fail("get", ApiConnectionError("down"))
    assert [item.outcome for item in await second.recover()] == ["pending"]
    second.add_article(COFFEE)

    checkout, journal = restart(server, journal_path)
    recovered = await checkout.recover()
    assert [item.outcome for item in recovered] == ["discarded", "restored"]
    assert checkout.basket.total == 249
    assert len(journal.unfinished_sales()) == 1


@pytest.mark.asyncio
async def test_start_refused_because_a_late_start_already_booked_it_reads_back_paid(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    checkout, journal, transaction_id = await restored_after_a_lost_start(server, journal_path)
    # The first start reaches the server only now, after the restart read "created".
    book_late(server, transaction_id)
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID
    assert [call[0] for call in server.calls][-2:] == ["start/cash", "get"]
    assert len(server.bookings) == 1
    assert journal.unfinished_sales() == []


@pytest.mark.asyncio
async def test_basket_edited_after_a_late_start_booked_it_is_settled_as_booked(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    """Restored as unpaid, then the pre-crash start/cash arrives late and books the sale; the
    cashier adds an article and pays again. The PUT is refused: the sale is paid, as booked,
    and nothing is booked twice."""
    checkout, journal, transaction_id = await restored_after_a_lost_start(server, journal_path)
    book_late(server, transaction_id)
    checkout.add_article(COFFEE, 1)
    assert checkout.basket.total == 796 + COFFEE.price

    with pytest.raises(SaleAlreadyPaidError):
        await checkout.pay_cash(2000)

    assert checkout.state is CheckoutState.PAID
    assert checkout.basket.total == 796  # what the server booked, without the coffee
    assert checkout.payment is not None
    assert (checkout.payment.total, checkout.payment.cash_due, checkout.payment.card_paid) == (796, 796, 0)
    assert [call[0] for call in server.calls][-2:] == ["update", "get"]
    assert server.bookings == [transaction_id]
    assert journal.unfinished_sales() == []
    (record,) = [sale for sale in journal.all_sales() if sale.transaction_id == transaction_id]
    assert record.state == "PAID"
    assert record.total == 796
    assert sum(line.total for line in record.basket_lines()) == 796


@pytest.mark.asyncio
async def test_refused_update_of_a_transaction_that_was_not_booked_is_an_error(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    checkout, journal, transaction_id = await restored_after_a_lost_start(server, journal_path)
    server.transactions[transaction_id].status = "cancelled"
    checkout.add_article(COFFEE, 1)
    with pytest.raises(NotAllowedError):
        await checkout.pay_cash(2000)
    assert checkout.state is not CheckoutState.PAID
    assert server.bookings == []
    assert len(journal.unfinished_sales()) == 1


@pytest.mark.asyncio
async def test_giving_up_a_restored_sale_aborts_its_transaction_so_a_late_start_books_nothing(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    checkout, journal, transaction_id = await restored_after_a_lost_start(server, journal_path)
    checkout.new_sale()
    (abandoned,) = checkout.take_abandoned()
    assert abandoned.transaction_id == transaction_id
    assert checkout.take_abandoned() == []  # each given-up sale is handed out once

    assert await checkout.abort_abandoned(abandoned) is False
    assert server.transactions[transaction_id].status == "aborted"
    # The start from before the crash arrives now: refused, nothing booked.
    with pytest.raises(NotAllowedError):
        await server.start_transaction(transaction_id, "cash")
    assert server.bookings == []
    assert journal.unfinished_sales() == []


@pytest.mark.asyncio
async def test_a_given_up_sale_that_a_late_start_had_booked_is_recorded_as_paid(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    checkout, journal, transaction_id = await restored_after_a_lost_start(server, journal_path)
    sale_id = checkout.sale_id
    # The late start books it, and then the cashier gives the sale up.
    book_late(server, transaction_id)
    checkout.new_sale()
    (abandoned,) = checkout.take_abandoned()

    assert await checkout.abort_abandoned(abandoned) is True
    assert sale_id is not None
    record = journal.sale(sale_id)
    assert record.state == "PAID"
    assert (record.total, record.cash, record.card_share) == (796, 796, 0)
    assert record.receipt is not None
    assert server.bookings == [transaction_id]
    assert checkout.state is CheckoutState.EMPTY  # the next sale is untouched


@pytest.mark.asyncio
async def test_a_sale_given_up_before_any_transaction_leaves_nothing_to_abort(
    server: FakeSecuconnect, journal_path: Path
) -> None:
    checkout, _ = restart(server, journal_path)
    fill_seed_basket(checkout)
    checkout.new_sale()
    assert checkout.take_abandoned() == []
    assert server.count("abort") == 0
