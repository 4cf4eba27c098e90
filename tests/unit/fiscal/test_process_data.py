"""Kassenbeleg-V1 processData and fiskaly's receipt schema, as literal strings and bodies."""

from __future__ import annotations

import pytest

from pos_gui.fiscal.process_data import (
    KassenbelegV1,
    ReceiptType,
    VatSlot,
    decimal_amount,
    fiskaly_receipt_schema,
    process_data,
)


def test_the_reference_example_a_cash_sale_at_7_percent() -> None:
    receipt = KassenbelegV1.of_rates(ReceiptType.BELEG, {7: 255}, cash=255)

    assert process_data(receipt) == "Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar"


def test_every_slot_in_its_fixed_order_and_cash_before_non_cash() -> None:
    receipt = KassenbelegV1(
        ReceiptType.BELEG,
        {
            VatSlot.NULL: 2500,
            VatSlot.NORMAL: 119,
            VatSlot.SPECIAL_RATE_2: 3,
            VatSlot.REDUCED_1: 107,
            VatSlot.SPECIAL_RATE_1: 1,
        },
        cash=30,
        non_cash=2700,
    )

    assert process_data(receipt) == "Beleg^1.19_1.07_0.01_0.03_25.00^0.30:Bar_27.00:Unbar"


def test_a_card_only_sale_lists_only_unbar() -> None:
    receipt = KassenbelegV1.of_rates(ReceiptType.BELEG, {19: 420}, non_cash=420)

    assert process_data(receipt) == "Beleg^4.20_0.00_0.00_0.00_0.00^4.20:Unbar"


def test_a_refund_is_negative_with_a_leading_minus() -> None:
    receipt = KassenbelegV1.of_rates(ReceiptType.BELEG, {19: -1005, 7: -5}, cash=-1010)

    assert process_data(receipt) == "Beleg^-10.05_-0.05_0.00_0.00_0.00^-10.10:Bar"


def test_training_and_abort_receipt_types() -> None:
    training = KassenbelegV1.of_rates(ReceiptType.AV_TRAINING, {7: 349}, cash=349)

    assert process_data(training) == "AVTraining^0.00_3.49_0.00_0.00_0.00^3.49:Bar"
    assert process_data(KassenbelegV1.abort({19: 100, 7: 200})) == "AVBelegabbruch^1.00_2.00_0.00_0.00_0.00^"
    assert process_data(KassenbelegV1.abort()) == "AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^"


def test_a_rate_without_a_slot_is_refused() -> None:
    with pytest.raises(ValueError, match="16 %"):
        KassenbelegV1.of_rates(ReceiptType.BELEG, {16: 100})


@pytest.mark.parametrize(
    ("cents", "text"),
    [(0, "0.00"), (5, "0.05"), (100, "1.00"), (123456, "1234.56"), (-1, "-0.01"), (-250, "-2.50")],
)
def test_decimal_amounts_have_two_places_a_dot_and_no_grouping(cents: int, text: str) -> None:
    assert decimal_amount(cents) == text


def test_fiskaly_schema_carries_the_same_amounts() -> None:
    receipt = KassenbelegV1.of_rates(ReceiptType.BELEG, {19: 119, 7: 255, 0: 2500}, cash=74, non_cash=2800)

    assert fiskaly_receipt_schema(receipt) == {
        "standard_v1": {
            "receipt": {
                "receipt_type": "RECEIPT",
                "amounts_per_vat_rate": [
                    {"vat_rate": "NORMAL", "amount": "1.19"},
                    {"vat_rate": "REDUCED_1", "amount": "2.55"},
                    {"vat_rate": "NULL", "amount": "25.00"},
                ],
                "amounts_per_payment_type": [
                    {"payment_type": "CASH", "amount": "0.74", "currency_code": "EUR"},
                    {"payment_type": "NON_CASH", "amount": "28.00", "currency_code": "EUR"},
                ],
            }
        }
    }


def test_fiskaly_receipt_types_of_training_and_abort() -> None:
    training = fiskaly_receipt_schema(KassenbelegV1(ReceiptType.AV_TRAINING))
    abort = fiskaly_receipt_schema(KassenbelegV1.abort())

    assert training["standard_v1"]["receipt"]["receipt_type"] == "TRAINING"
    assert abort["standard_v1"]["receipt"] == {
        "receipt_type": "CANCELLATION",
        "amounts_per_vat_rate": [],
        "amounts_per_payment_type": [],
    }
