"""A ledger that cannot be written (disk full, read-only file): the checkout takes no payment it
could not record, memory and ledger stay in step, and the next action works once writing does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.core.basket import Article
from pos_gui.services.checkout import (
    CheckoutBusyError,
    CheckoutService,
    CheckoutState,
    LedgerWriteError,
    PaymentNotRecordedError,
)
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import BONUS_CARD, FakeSecuconnect

SANDWICH = Article("30037", "", "Sandwich", 349, 7)
COFFEE = Article("30038", "4000000000017", "Kaffee", 249, 19)


class BreakableLedger(Ledger):
    """A ledger whose file turns read-only on demand: SQLite refuses every write from then on
    ("attempt to write a readonly database"), as on a read-only medium, until it is mended."""

    def break_writes(self) -> None:
        self._db.execute("PRAGMA query_only=ON")

    def mend(self) -> None:
        self._db.execute("PRAGMA query_only=OFF")


@pytest.fixture
def ledger(tmp_path: Path) -> BreakableLedger:
    return BreakableLedger(tmp_path / "ledger.sqlite3")


@pytest.fixture
def server() -> FakeSecuconnect:
    return FakeSecuconnect()


@pytest.fixture
def checkout(server: FakeSecuconnect, ledger: BreakableLedger) -> CheckoutService:
    async def no_sleep(_seconds: float) -> None:
        return None

    return CheckoutService(
        ServerConnection.of(server), ledger, device_id="SDV_T", is_demo=True, sleep=no_sleep
    )


def basket_of(checkout: CheckoutService) -> list[tuple[int, str, int]]:
    return [(line.line_id, line.article.name, line.quantity) for line in checkout.basket.lines]


def ledger_basket(ledger: Ledger, sale_id: str | None) -> list[tuple[int, str, int]]:
    assert sale_id is not None
    return [(line.line_id, line.article.name, line.quantity) for line in ledger.sale(sale_id).basket_lines()]


@pytest.mark.asyncio
async def test_a_cash_payment_the_ledger_cannot_record_is_not_sent_and_works_once_it_can(
    checkout: CheckoutService, server: FakeSecuconnect, ledger: BreakableLedger
) -> None:
    checkout.add_article(SANDWICH)
    ledger.break_writes()
    with pytest.raises(LedgerWriteError):
        await checkout.pay_cash()
    assert server.calls == []
    assert checkout.state is CheckoutState.BASKET
    assert ledger.sale(str(checkout.sale_id)).state == "BASKET"
    assert checkout.busy is False

    ledger.mend()
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID
    assert ledger.sale(str(checkout.sale_id)).state == "PAID"
    assert len(server.bookings) == 1


@pytest.mark.asyncio
async def test_applying_a_card_balance_the_ledger_cannot_record_sends_nothing(
    checkout: CheckoutService, server: FakeSecuconnect, ledger: BreakableLedger
) -> None:
    checkout.add_article(SANDWICH)
    await checkout.scan_card(BONUS_CARD)
    ledger.break_writes()
    with pytest.raises(LedgerWriteError):
        await checkout.apply_card_balance()
    assert [call[0] for call in server.calls] == ["find_card"]
    assert checkout.state is CheckoutState.CARD
    ledger.mend()
    await checkout.apply_card_balance()
    await checkout.pay_card()
    assert checkout.state is CheckoutState.PAID
    assert server.bookings == [str(checkout.transaction.id if checkout.transaction else "")]


@pytest.mark.asyncio
async def test_a_refused_edit_leaves_the_basket_and_the_card_as_they_were(
    checkout: CheckoutService, ledger: BreakableLedger
) -> None:
    checkout.add_article(SANDWICH)
    checkout.add_article(COFFEE, 2)
    sale_id = checkout.sale_id
    before = basket_of(checkout)
    ledger.break_writes()
    edits = [
        lambda: checkout.add_article(SANDWICH),
        lambda: checkout.add_article(Article("1", "", "Neu", 100, 7)),
        lambda: checkout.set_quantity(before[1][0], 5),
        lambda: checkout.void_line(before[0][0]),
        checkout.clear_basket,
    ]
    for edit in edits:
        with pytest.raises(LedgerWriteError):
            edit()
        assert basket_of(checkout) == before
        assert checkout.basket.total == 349 + 2 * 249
    with pytest.raises(LedgerWriteError):
        await checkout.scan_card(BONUS_CARD)
    assert checkout.card is None
    assert checkout.state is CheckoutState.BASKET
    assert ledger_basket(ledger, sale_id) == before

    ledger.mend()
    checkout.add_article(Article("1", "", "Neu", 100, 7))
    # The refused new line's id was not used: the ledger and the till agree on the next one.
    assert basket_of(checkout) == [*before, (3, "Neu", 1)]
    assert ledger_basket(ledger, sale_id) == basket_of(checkout)
    assert [r.basket_lines() for r in ledger.read_model_from_events()] == [
        ledger.sale(str(sale_id)).basket_lines()
    ]


def test_the_first_article_of_a_sale_is_refused_whole(
    checkout: CheckoutService, ledger: BreakableLedger
) -> None:
    ledger.break_writes()
    with pytest.raises(LedgerWriteError):
        checkout.add_article(SANDWICH)
    assert checkout.state is CheckoutState.EMPTY
    assert checkout.basket.is_empty
    assert checkout.sale_id is None
    ledger.mend()
    checkout.add_article(SANDWICH)
    assert ledger.sale(str(checkout.sale_id)).total == 349


def test_giving_up_a_sale_the_ledger_cannot_record_keeps_it(
    checkout: CheckoutService, ledger: BreakableLedger
) -> None:
    checkout.add_article(SANDWICH)
    ledger.break_writes()
    with pytest.raises(LedgerWriteError):
        checkout.new_sale()
    assert checkout.state is CheckoutState.BASKET
    assert ledger.unfinished_sales()[0].sale_id == checkout.sale_id
    ledger.mend()
    checkout.new_sale()
    assert checkout.state is CheckoutState.EMPTY
    assert ledger.unfinished_sales() == []


@pytest.mark.asyncio
async def test_a_booked_payment_the_ledger_cannot_record_stays_unknown_until_it_can(
    checkout: CheckoutService, server: FakeSecuconnect, ledger: BreakableLedger
) -> None:
    """The disk fills up between payment_announced and the server's answer: the money is
    booked, the till says so nowhere yet. It must neither look unpaid nor take it again."""
    checkout.add_article(SANDWICH)

    def break_before_start(action: str, _args: tuple[str, ...]) -> None:
        if action == "start/cash":
            ledger.break_writes()

    server.before_request = break_before_start
    with pytest.raises(PaymentNotRecordedError) as caught:
        await checkout.pay_cash()
    assert isinstance(caught.value, LedgerWriteError)
    assert checkout.state is CheckoutState.UNKNOWN
    assert ledger.sale(str(checkout.sale_id)).state == "PAYING"  # read back after a restart
    with pytest.raises(CheckoutBusyError):
        await checkout.pay_cash()
    with pytest.raises(PaymentNotRecordedError):
        await checkout.resolve_unknown(max_reads=1)
    assert checkout.state is CheckoutState.UNKNOWN

    ledger.mend()
    assert await checkout.resolve_unknown() is CheckoutState.PAID
    assert ledger.sale(str(checkout.sale_id)).state == "PAID"
    assert len(server.bookings) == 1
    checkout.new_sale()
    assert checkout.state is CheckoutState.EMPTY
