"""Wire models: the seed round trip, tolerance for unknown fields and spellings, aliases."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from pydantic import ValidationError

from pos_gui.api.models import (
    ApiErrorPayload,
    BasketInfo,
    BasketProduct,
    CardValidation,
    DeviceCodes,
    Ident,
    ListEnvelope,
    MerchantCard,
    PreTransactionResult,
    ReceiptLine,
    SmartTransaction,
    SmartTransactionDraft,
    TokenResponse,
    TransactionBasket,
)
from tests.helpers.seed import SEED_RESPONSE_PATH

SEED = SEED_RESPONSE_PATH


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed(seed_text: str) -> dict[str, Any]:
    return json.loads(seed_text)


def test_seed_round_trips_to_identical_json(seed_text: str, seed: dict[str, Any]) -> None:
    transaction = SmartTransaction.model_validate_json(seed_text)

    wire = transaction.to_wire()

    assert wire == seed
    # Same keys in the same order at every level: compare the serialised text.
    assert json.dumps(wire, indent=2) == json.dumps(seed, indent=2)
    same_via_dump = transaction.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert json.dumps(same_via_dump) == json.dumps(seed)


def test_seed_fields_read_as_python_values(seed: dict[str, Any]) -> None:
    transaction = SmartTransaction.model_validate(seed)

    assert transaction.id == "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2"
    assert transaction.is_paid
    assert transaction.trans_id == "29187332"
    assert transaction.payment_method == "cash"
    assert transaction.is_demo is True
    assert transaction.basket_info is not None
    assert (transaction.basket_info.sum, transaction.basket_info.missing_sum) == (796, 0)
    assert transaction.basket is not None
    assert [(p.article_number, p.price_one, p.quantity, p.tax) for p in transaction.basket.products] == [
        ("30037", 349, 1, 7),
        ("30200", 249, 1, 7),
        ("51", 99, 2, 19),
    ]
    assert sum(p.total for p in transaction.basket.products) == 796
    assert transaction.loyalty_transaction_ids == ["LTX_YBYPUETZ2HQXURG9XU0M5H4KGWW0NH"]
    card = transaction.merchant_card
    assert card is not None
    assert card.cardnumber == "9276004429942845"
    assert card.holder_name == "Max Mustermann"
    assert (card.balance, card.cash_balance, card.bonus_balance) == (1000, 1000, 0)
    assert card.cardgroup_name == "Geschenkgutschein"
    assert not card.is_locked
    assert card.is_active
    assert transaction.card_ident is not None
    assert transaction.card_ident.valid is True
    # Unknown top-level fields of the seed are kept as extras.
    assert transaction.model_extra is not None
    assert transaction.model_extra["application_context"]["locks"] == {"customer": False}


def test_seed_receipt_lines_are_readable_without_parsing(seed: dict[str, Any]) -> None:
    receipt = SmartTransaction.model_validate(seed).receipt

    assert [line.type for line in receipt] == [
        "separator",
        "name-value",
        "name-value",
        "space",
        "textline",
        "textline",
        "space",
        "textline",
        "textline",
    ]
    assert receipt[0].caption == "Kundenkarte"
    assert (receipt[2].name, receipt[2].shown_value) == ("TA Code: ", "29187332")
    assert receipt[3].value is None
    assert receipt[5].text == "7,96 EUR"
    assert receipt[5].is_important
    assert not receipt[4].is_important


def test_unknown_fields_are_kept_at_every_level() -> None:
    transaction = SmartTransaction.model_validate(
        {
            "id": "STX_1",
            "status": "ok",
            "new_top_level": {"a": 1},
            "basket": {"products": [{"id": 1, "priceOne": 100, "quantity": 1, "new_line_field": "x"}]},
            "idents": [
                {"type": "card", "value": "9276", "merchantcard": {"id": "MCD_1", "new_card_field": 3}}
            ],
        }
    )

    wire = transaction.to_wire()

    assert wire["new_top_level"] == {"a": 1}
    assert wire["basket"]["products"][0]["new_line_field"] == "x"
    assert wire["idents"][0]["merchantcard"]["new_card_field"] == 3


def test_trans_id_keeps_its_type() -> None:
    assert SmartTransaction.model_validate({"id": "STX_1", "trans_id": 29187330}).trans_id == 29187330
    assert SmartTransaction.model_validate({"id": "STX_1", "trans_id": "29187330"}).trans_id == "29187330"


@pytest.mark.parametrize("spelling", ["cancelled", "canceled"])
def test_both_cancelled_spellings_count_as_cancelled(spelling: str) -> None:
    transaction = SmartTransaction.model_validate({"id": "STX_1", "status": spelling})

    assert transaction.is_cancelled
    assert transaction.normalized_status == "cancelled"
    assert transaction.status == spelling  # the wire value is kept as sent
    assert not transaction.is_paid


@pytest.mark.parametrize(
    ("decoration", "alignment"),
    [
        ("align-left", "left"),
        ("align_left", "left"),
        ("align-right", "right"),
        ("align_right", "right"),
        ("align-center", "center"),
        ("align_center", "center"),
    ],
)
def test_receipt_decorations_accept_hyphen_and_underscore(decoration: str, alignment: str) -> None:
    line = ReceiptLine.model_validate(
        {"type": "textline", "value": {"text": "x", "decoration": [decoration, "important"]}}
    )

    assert line.alignment == alignment
    assert line.is_important
    assert line.to_wire()["value"]["decoration"] == [decoration, "important"]


def test_unknown_receipt_line_type_is_kept() -> None:
    line = ReceiptLine.model_validate({"type": "barcode", "value": {"data": "123"}})

    assert line.type == "barcode"
    assert line.to_wire() == {"type": "barcode", "value": {"data": "123"}}
    assert line.text == ""


def test_error_payload_reads_support_id_and_code() -> None:
    payload = ApiErrorPayload.model_validate(
        {
            "status": "error",
            "error": "ProductNotAllowedException",
            "error_details": "Valid auth token required",
            "error_user": "Es ist ein unbekannter Fehler aufgetreten (Code 2003)",
            "code": "2003",
            "supportId": "abc123",
        }
    )

    assert payload.support_id == "abc123"
    assert payload.code_number == 2003
    assert payload.error_user == "Es ist ein unbekannter Fehler aufgetreten (Code 2003)"
    assert ApiErrorPayload.model_validate({"code": 1003}).code_number == 1003
    assert ApiErrorPayload.model_validate({"code": "n/a"}).code_number is None


def test_python_names_and_camel_case_aliases_both_populate() -> None:
    by_name = BasketProduct(id=1, article_number="30037", price_one=349, quantity=1, tax=7, desc="Sandwich")
    by_alias = BasketProduct.model_validate(
        {"id": 1, "articleNumber": "30037", "priceOne": 349, "quantity": 1, "tax": 7, "desc": "Sandwich"}
    )

    assert by_name == by_alias
    assert by_name.to_wire() == {
        "id": 1,
        "articleNumber": "30037",
        "priceOne": 349,
        "quantity": 1,
        "tax": 7,
        "desc": "Sandwich",
    }


def test_draft_serialises_to_the_documented_create_body() -> None:
    draft = SmartTransactionDraft(
        merchant_ref="KASSE1",
        transaction_ref="BON-000123",
        basket=TransactionBasket(
            products=[
                BasketProduct(
                    id=1,
                    item_type="article",
                    desc="Coffee",
                    article_number="100",
                    quantity=2,
                    price_one=250,
                    tax=19,
                )
            ]
        ),
        basket_info=BasketInfo(sum=500),
        idents=[Ident.card("9276000000000001")],
    )

    assert draft.to_wire() == {
        "intent": "sale",
        "is_demo": False,
        "merchantRef": "KASSE1",
        "transactionRef": "BON-000123",
        "basket": {
            "products": [
                {
                    "id": 1,
                    "item_type": "article",
                    "desc": "Coffee",
                    "articleNumber": "100",
                    "quantity": 2,
                    "priceOne": 250,
                    "tax": 19,
                }
            ]
        },
        "basket_info": {"sum": 500, "currency": "EUR"},
        "idents": [{"type": "card", "value": "9276000000000001"}],
    }


def test_pre_transaction_result_and_bonus_used() -> None:
    result = PreTransactionResult.model_validate(
        {
            "missing_sum": 725,
            "bonus_products": [
                {"id": 4, "desc": "Bonus Steuer 7", "quantity": 1, "priceOne": -53, "tax": 7},
                {"id": 5, "desc": "Bonus Steuer 19", "quantity": 1, "priceOne": -18, "tax": 19},
            ],
        }
    )

    assert result.missing_sum == 725
    assert result.bonus_used == 71


def test_card_validation_and_merchant_card_list() -> None:
    validation = CardValidation.model_validate({"isValid": True, "hasPasscode": False, "isLocked": True})
    assert (validation.is_valid, validation.has_passcode, validation.is_locked) == (True, False, True)
    assert CardValidation.model_validate({"isValid": False}).is_locked is None

    cards = ListEnvelope[MerchantCard].model_validate(
        {
            "count": 1,
            "data": [
                {
                    "id": "MCD_1",
                    "card": {"cardnumber": "9276000000000029"},
                    "balance": 500,
                    "lock_status": "locked",
                }
            ],
        }
    )
    assert cards.count == 1
    assert cards.data[0].cardnumber == "9276000000000029"
    assert cards.data[0].is_locked
    assert cards.data[0].holder_name is None


def test_secrets_stay_out_of_model_repr() -> None:
    token = TokenResponse(access_token="tok-abc", refresh_token="ref-xyz", expires_in=1200)
    codes = DeviceCodes(
        device_code="dev-code-123",
        user_code="aa63q9k9",
        verification_url="http://x",
        expires_in=1200,
        interval=5,
    )

    assert "tok-abc" not in repr(token)
    assert "ref-xyz" not in repr(token)
    assert "dev-code-123" not in repr(codes)
    assert "aa63q9k9" in repr(codes)


# -- answers that cannot be true ---------------------------------------------------------------


def _answer(**basket_info: Any) -> str:
    return json.dumps({"id": "STX_1", "status": "ok", "basket_info": {"sum": 796, **basket_info}})


@pytest.mark.parametrize(
    "basket_info",
    [
        {"sum": 10**20},
        {"sum": -(10**20)},
        {"missing_sum": -1},
        {"missing_sum": 797},  # more to pay in cash than the whole sale
        {"missing_sum": 2.96},
        {"sum": "796"},
        {"sum": 7.96},
        {"gratuity": 10**12},
    ],
    ids=[
        "huge sum",
        "huge negative sum",
        "negative missing",
        "missing above sum",
        "float",
        "string",
        "euros",
        "tip",
    ],
)
def test_impossible_amounts_in_a_transaction_are_refused(basket_info: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SmartTransaction.model_validate_json(_answer(**basket_info))


def test_possible_amounts_are_adopted() -> None:
    transaction = SmartTransaction.model_validate_json(_answer(missing_sum=796, gratuity=0))
    assert transaction.missing_sum == 796
    assert SmartTransaction.model_validate_json(_answer(missing_sum=0)).missing_sum == 0


@pytest.mark.parametrize(
    "answer",
    [
        {"missing_sum": -296, "bonus_products": []},
        {"missing_sum": 10**20, "bonus_products": []},
        {"missing_sum": 296, "bonus_products": [{"id": 4, "desc": "Bonus", "priceOne": 53, "quantity": 1}]},
        {
            "missing_sum": 296,
            "bonus_products": [{"id": 4, "desc": "Bonus", "priceOne": -53, "quantity": 10**9}],
        },
    ],
    ids=["negative", "huge", "bonus adds to the bill", "huge quantity"],
)
def test_impossible_pre_transaction_results_are_refused(answer: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        PreTransactionResult.model_validate_json(json.dumps(answer))


@pytest.mark.parametrize("field", ["balance", "cash_balance", "bonus_balance", "points"])
def test_card_balances_out_of_range_are_refused(field: str) -> None:
    with pytest.raises(ValidationError):
        MerchantCard.model_validate_json(json.dumps({"id": "MCD_1", field: 10**20}))


def test_receipt_lines_of_unknown_shape_are_skipped_and_the_rest_adopted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    answer = {
        "id": "STX_1",
        "status": "ok",
        "trans_id": 29187332,
        "receipt": [
            {"type": "textline", "value": "Umsatz erfasst"},  # value is not an object
            {"type": "textline", "value": {"text": "7,96 EUR"}},
            ["separator"],
            {"value": {"text": "no type"}},
            {"type": "space"},
        ],
        "receipt_merchant": "Händlerbeleg",
    }
    caplog.set_level(logging.DEBUG, logger="pos_gui.api")

    transaction = SmartTransaction.model_validate_json(json.dumps(answer))

    assert transaction.is_paid
    assert transaction.trans_id == 29187332
    assert [(line.type, line.text) for line in transaction.receipt] == [
        ("textline", "7,96 EUR"),
        ("space", ""),
    ]
    assert transaction.receipt_merchant == []
    assert any("3 of 5 lines have an unknown shape" in record.getMessage() for record in caplog.records)


def test_a_receipt_that_is_not_a_list_reads_as_no_receipt() -> None:
    transaction = SmartTransaction.model_validate_json(
        json.dumps({"id": "STX_1", "status": "ok", "receipt": 7})
    )
    assert transaction.receipt == []
