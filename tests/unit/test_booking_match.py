"""The chaos run's matching of server bookings to ledger sales, on made-up data (issue 15 #11)."""

from __future__ import annotations

from types import SimpleNamespace

from bench.booking_match import (
    Booking,
    LedgerSale,
    bookings_on_server,
    describe,
    match_bookings,
    sales_in_ledger,
)


def _sale(number: int, total: int, transaction_id: str, state: str = "PAID") -> LedgerSale:
    return LedgerSale(f"TILL/{number}", state, transaction_id, total)


def _booking(number: int, amount: int, transaction_id: str) -> Booking:
    return Booking(f"TILL/{number}", transaction_id, amount)


def test_every_booking_matched_to_its_sale_is_ok() -> None:
    match = match_bookings(
        [_booking(1, 796, "STX_1"), _booking(2, 250, "STX_2")],
        [_sale(1, 796, "STX_1"), _sale(2, 250, "STX_2")],
    )
    assert match.ok
    assert match.matched == 2


def test_a_sale_booked_twice_is_a_duplicate() -> None:
    match = match_bookings(
        [_booking(1, 796, "STX_1"), _booking(1, 796, "STX_9")],
        [_sale(1, 796, "STX_1")],
    )
    assert not match.ok
    assert match.duplicates == ["TILL/1"]
    assert match.transaction_mismatches == ["TILL/1: server STX_9, ledger STX_1"]
    assert match.matched == 0


def test_a_booking_of_another_amount_than_the_ledger_is_a_mismatch() -> None:
    match = match_bookings([_booking(1, 795, "STX_1")], [_sale(1, 796, "STX_1")])
    assert match.amount_mismatches == ["TILL/1: server 795, ledger 796"]
    assert not match.ok


def test_a_paid_sale_without_a_booking_and_a_booking_without_a_paid_sale_are_reported() -> None:
    match = match_bookings(
        [_booking(2, 100, "STX_2")],
        [_sale(1, 796, "STX_1"), _sale(2, 100, "STX_2", state="PAYING")],
    )
    assert match.paid_not_booked == ["TILL/1"]
    assert match.booked_not_paid == ["TILL/2"]
    assert not match.ok


def test_only_booked_transactions_of_the_server_state_count() -> None:
    transactions = [
        {"id": "STX_1", "status": "ok", "transactionRef": "TILL/1", "basket_info": {"sum": 796}},
        {"id": "STX_2", "status": "created", "transactionRef": "TILL/2", "basket_info": {"sum": 100}},
    ]
    assert bookings_on_server(transactions) == [Booking("TILL/1", "STX_1", 796)]


def test_ledger_records_are_referenced_as_the_checkout_references_them() -> None:
    record = SimpleNamespace(sale_number=7, state="PAID", transaction_id="STX_7", total=1234)
    assert sales_in_ledger([record], "SDV_X") == [LedgerSale("SDV_X/7", "PAID", "STX_7", 1234)]


def test_describe_names_the_first_few() -> None:
    assert describe([]) == "0"
    assert describe(["a", "b", "c", "d", "e"]) == "5 (a, b, c, … 2 more)"
