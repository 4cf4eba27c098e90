"""Storno against the simulator: the card's money back, a negated receipt, once, a lost answer read back."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from pos_gui.api.errors import OutcomeUnknownError
from pos_gui.app.connection import demo_card_list, embedded_demo_connection
from pos_gui.app.wiring import build_headless_till
from pos_gui.core.sales_receipt import layout_sales_receipt
from pos_gui.persistence.cashiers import CashierStore
from pos_gui.services.cashiers import CashierSession, RightMissingError
from pos_gui.services.catalog import Catalog
from pos_gui.services.storno import StornoRefusedError, StornoService, StornoUnknownError, storno_receipt


class LosesTheCancelAnswer:
    """The real client, except that the answer to cancel is lost after the server acted."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    async def cancel_transaction(self, transaction_id: str) -> Any:
        await self._client.cancel_transaction(transaction_id)
        raise OutcomeUnknownError(transaction_id, "cancel", "answer lost")


async def a_paid_card_sale(tmp_path: Path, connection: Any) -> tuple[Any, CashierSession, str, str, int]:
    till = build_headless_till(connection, tmp_path / "journal.sqlite3", device_id="T1", is_demo=True)
    session = CashierSession(CashierStore(tmp_path / "cashiers.sqlite3"), till.journal)
    session.ensure_demo_cashiers()
    ben = next(c for c in session.cashiers() if c.name == "Ben Demo")
    session.log_in(ben.cashier_id, "1111")
    till.checkout.set_cashier(session.name)
    card = next(c for c in demo_card_list() if c.feature == "low")
    client = await till.server.client()
    before = (await client.find_merchant_card(card.number)).balance
    till.checkout.add_article(max(Catalog.demo().articles, key=lambda a: a.price), 2)
    await till.checkout.scan_card(card.number)
    await till.checkout.apply_card_balance()
    await till.checkout.pay_cash(till.checkout.amount_due)
    assert till.checkout.sale_id is not None
    return till, session, till.checkout.sale_id, card.number, before


def test_a_storno_gives_the_card_its_money_back_and_is_refused_the_second_time(tmp_path: Path) -> None:
    connection = embedded_demo_connection()
    connection.start()

    async def day() -> None:
        till, session, sale_id, card_number, before = await a_paid_card_sale(tmp_path, connection)
        storno = StornoService(till.server, till.journal, session)
        client = await till.server.client()
        assert (await client.find_merchant_card(card_number)).balance < before
        with pytest.raises(RightMissingError):
            await storno.storno(sale_id, "falscher Artikel")
        manager = session.override(storno_right(), "1234")
        assert manager is not None

        result = await storno.storno(sale_id, "falscher Artikel", manager_id=manager.cashier_id)

        assert (await client.find_merchant_card(card_number)).balance == before
        sale = till.journal.sale(sale_id)
        assert result.receipt_number == sale.sale_number + 1
        assert result.cash_to_pay_out == sale.payment.cash_due if sale.payment else False
        text = [line.text for line in layout_sales_receipt(storno_receipt(result.event), 42)]
        assert any(f"Storno zu Bon-Nr. {sale.sale_number}" in line for line in text)
        assert any("-" in line and "Summe" in line for line in text)
        with pytest.raises(StornoRefusedError, match="bereits storniert"):
            await storno.storno(sale_id, "nochmal", manager_id=manager.cashier_id)
        overrides = [e for e in till.journal.all_events(kinds=["override_granted"])]
        assert overrides[0].payload["manager_id"] == manager.cashier_id
        assert overrides[0].payload["cashier_id"] == session.current.cashier_id if session.current else False
        await till.aclose()

    try:
        asyncio.run(day())
    finally:
        connection.stop()


def test_a_cancel_whose_answer_is_lost_is_read_back_before_anything_else(tmp_path: Path) -> None:
    connection = embedded_demo_connection()
    connection.start()

    async def day() -> None:
        till, session, sale_id, card_number, before = await a_paid_card_sale(tmp_path, connection)
        real = await till.server.client()
        lossy = type(till.server).of(LosesTheCancelAnswer(real))
        manager = session.override(storno_right(), "1234")
        assert manager is not None
        storno = StornoService(lossy, till.journal, session)

        with pytest.raises(StornoUnknownError):
            await storno.storno(sale_id, "Kunde", manager_id=manager.cashier_id)
        assert storno.storno_state(sale_id) == "pending"
        with pytest.raises(StornoRefusedError, match="geklärt"):
            storno.check_reversible(till.journal.sale(sale_id))

        results = await storno.resolve_pending()

        assert [r.original_number for r in results] == [till.journal.sale(sale_id).sale_number]
        assert storno.storno_state(sale_id) == "booked"
        assert (await real.find_merchant_card(card_number)).balance == before
        await till.aclose()

    try:
        asyncio.run(day())
    finally:
        connection.stop()


def storno_right() -> Any:
    from pos_gui.services.cashiers import Right

    return Right.STORNO
