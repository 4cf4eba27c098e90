"""Smart Transactions against the simulator over HTTP: the cashier's flows and the state rules."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.pos_sim.helpers import SEED_CARD, api_client, assert_api_error, seed_basket_body

LOW_BALANCE_CARD = "9276000000000029"
BONUS_CARD = "9276000000000011"
BONUS_ONLY_CARD = "9276000000000060"
LOCKED_CARD = "9276000000000045"
TX = "/api/v2/Smart/Transactions"


def create(client: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(TX, json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def card(client: httpx.Client, cardnumber: str) -> dict[str, Any]:
    found = client.get("/api/v2/Loyalty/MerchantCards", params={"q": f"card.cardnumber:{cardnumber}"}).json()
    assert found["count"] == 1
    result: dict[str, Any] = found["data"][0]
    return result


def texts(receipt: list[dict[str, Any]]) -> list[str]:
    """The receipt as the cashier reads it: one string per line."""
    shown = []
    for line in receipt:
        value = line.get("value", {})
        if line["type"] == "separator":
            shown.append(f"== {value.get('caption', '')}")
        elif line["type"] == "name-value":
            shown.append(f"{value['name']}{value['value']}")
        elif line["type"] == "textline":
            shown.append(value["text"])
        else:
            shown.append("")
    return shown


def test_card_with_too_little_balance_pays_five_euros_and_the_rest_is_cash(client: httpx.Client) -> None:
    transaction = create(client, seed_basket_body(LOW_BALANCE_CARD))
    assert transaction["status"] == "created"
    assert "missing_sum" not in transaction["basket_info"]
    assert transaction["idents"][0]["merchantcard"]["balance"] == 500

    applied = client.post(f"{TX}/{transaction['id']}/preTransaction")
    assert applied.json() == {"missing_sum": 296, "bonus_products": []}
    processing = client.get(f"{TX}/{transaction['id']}").json()
    assert processing["status"] == "processing"
    assert processing["basket_info"]["missing_sum"] == 296

    paid = client.post(f"{TX}/{transaction['id']}/start/cash", json={}).json()

    assert paid["status"] == "ok"
    assert paid["payment_method"] == "cash"
    assert paid["basket_info"]["missing_sum"] == 296
    assert len(paid["transactions"]) == 1
    assert paid["transactions"][0]["object"] == "loyalty.transactions"
    assert paid["transactions"][0]["id"].startswith("LTX_")
    assert isinstance(paid["trans_id"], str)
    assert texts(paid["receipt"]) == [
        "== Kundenkarte",
        f"Kartennummer: {LOW_BALANCE_CARD}",
        f"TA Code: {paid['trans_id']}",
        "",
        "Umsatz erfasst:",
        "7,96 EUR",
        "",
        "Mit Karte bezahlt:",
        "5,00 EUR",
        "",
        "Aktuelles Guthaben",
        "0,00 EUR",
    ]
    assert card(client, LOW_BALANCE_CARD)["balance"] == 0
    assert paid["idents"][0]["merchantcard"]["cash_balance"] == 0


def test_documented_bonus_example_gives_one_negative_line_per_vat_rate(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    sim_admin.post(
        "/_sim/cards", json={"cardnumber": "9276000000000078", "bonus_balance": 71, "holder": "Doku Beispiel"}
    )
    transaction = create(client, seed_basket_body("9276000000000078"))

    applied = client.post(f"{TX}/{transaction['id']}/preTransaction").json()

    assert applied["missing_sum"] == 725
    lines = [(p["desc"], p["priceOne"], p["tax"], p["quantity"]) for p in applied["bonus_products"]]
    assert lines == [("Bonus Steuer 7", -53, 7, 1), ("Bonus Steuer 19", -18, 19, 1)]
    basket = client.get(f"{TX}/{transaction['id']}").json()["basket"]["products"]
    assert [p["desc"] for p in basket[3:]] == ["Bonus Steuer 7", "Bonus Steuer 19"]
    assert [p["id"] for p in basket] == [1, 2, 3, 4, 5]


def test_bonus_only_card_spends_its_bonus_per_vat_rate_with_the_left_over_cent_on_19_percent(
    client: httpx.Client,
) -> None:
    # 150 cents over 5,98 € at 7 % and 1,98 € at 19 %: 112,69 and 37,31 rounded down are 112 and
    # 37; the cent left over goes to the highest rate (reference §8.2). The till's own prediction
    # is compared in test_card_share_agreement.py.
    transaction = create(client, seed_basket_body(BONUS_ONLY_CARD))

    applied = client.post(f"{TX}/{transaction['id']}/preTransaction").json()

    assert [(p["desc"], p["priceOne"], p["tax"]) for p in applied["bonus_products"]] == [
        ("Bonus Steuer 7", -112, 7),
        ("Bonus Steuer 19", -38, 19),
    ]
    assert applied["missing_sum"] == 646
    paid = client.post(f"{TX}/{transaction['id']}/start/cash", json={}).json()
    assert paid["status"] == "ok"
    assert card(client, BONUS_ONLY_CARD)["bonus_balance"] == 0


def test_card_covering_everything_pays_with_start_loyalty(client: httpx.Client) -> None:
    transaction = create(client, seed_basket_body(BONUS_CARD))
    applied = client.post(f"{TX}/{transaction['id']}/preTransaction").json()
    assert applied["missing_sum"] == 0

    paid = client.post(f"{TX}/{transaction['id']}/start/loyalty", json={}).json()

    assert paid["status"] == "ok"
    assert paid["payment_method"] == "loyalty"
    after = card(client, BONUS_CARD)
    assert (after["bonus_balance"], after["cash_balance"]) == (0, 2000 - (796 - 350))
    assert texts(paid["receipt"])[-1] == "15,54 EUR"


def test_start_loyalty_is_refused_while_money_is_missing_or_nothing_is_applied(client: httpx.Client) -> None:
    not_applied = create(client, seed_basket_body(BONUS_CARD))
    refused = client.post(f"{TX}/{not_applied['id']}/start/loyalty", json={})
    assert_api_error(refused, 403, "ProductNotAllowedException", 1003)

    short = create(client, seed_basket_body(LOW_BALANCE_CARD))
    client.post(f"{TX}/{short['id']}/preTransaction")
    refused = client.post(f"{TX}/{short['id']}/start/loyalty", json={})
    assert_api_error(refused, 403, "ProductNotAllowedException", 1003)
    assert client.get(f"{TX}/{short['id']}").json()["status"] == "processing"
    assert card(client, LOW_BALANCE_CARD)["balance"] == 500


def test_put_after_pre_transaction_drops_the_applied_card(client: httpx.Client) -> None:
    transaction = create(client, seed_basket_body(BONUS_ONLY_CARD))
    client.post(f"{TX}/{transaction['id']}/preTransaction")
    echoed = client.get(f"{TX}/{transaction['id']}").json()
    body = seed_basket_body(BONUS_ONLY_CARD)
    body["basket"]["products"] = echoed["basket"]["products"]  # a careless client sends the bonus lines back

    updated = client.put(f"{TX}/{transaction['id']}", json=body).json()

    assert updated["status"] == "created"
    assert [p["desc"] for p in updated["basket"]["products"]] == [
        "Sandwich Romano",
        "Fruit salad, small bowl",
        "Water, mildly sprinkling, 0.25 ltr.",
    ]
    assert "missing_sum" not in updated["basket_info"]
    paid = client.post(f"{TX}/{transaction['id']}/start/cash", json={}).json()
    assert paid["basket_info"]["missing_sum"] == 0
    assert card(client, BONUS_ONLY_CARD)["bonus_balance"] == 150


def test_cancel_gives_the_card_its_money_back_with_a_storno_receipt(client: httpx.Client) -> None:
    transaction = create(client, seed_basket_body(LOW_BALANCE_CARD))
    client.post(f"{TX}/{transaction['id']}/preTransaction")
    client.post(f"{TX}/{transaction['id']}/start/cash", json={})

    cancelled = client.post(f"{TX}/{transaction['id']}/cancel").json()

    assert cancelled["status"] == "cancelled"
    assert len(cancelled["transactions"]) == 2
    shown = texts(cancelled["receipt"])
    assert "STORNO" in shown
    assert shown[-3:] == ["", "Aktuelles Guthaben", "5,00 EUR"]
    assert card(client, LOW_BALANCE_CARD)["balance"] == 500
    again = client.post(f"{TX}/{transaction['id']}/cancel")
    assert_api_error(again, 403, "ProductNotAllowedException", 1003)


def test_abort_only_before_payment(client: httpx.Client) -> None:
    open_sale = create(client, seed_basket_body(SEED_CARD))
    assert client.post(f"{TX}/{open_sale['id']}/abort").json()["status"] == "aborted"
    assert_api_error(
        client.post(f"{TX}/{open_sale['id']}/start/cash", json={}), 403, "ProductNotAllowedException"
    )

    paid = create(client, seed_basket_body(SEED_CARD))
    client.post(f"{TX}/{paid['id']}/start/cash", json={})
    assert_api_error(client.post(f"{TX}/{paid['id']}/abort"), 403, "ProductNotAllowedException", 1003)


@pytest.mark.parametrize(
    ("action", "method"),
    [("start/cash", "POST"), ("preTransaction", "POST"), ("abort", "POST"), ("", "PUT")],
)
def test_actions_on_a_paid_transaction_are_not_allowed(
    client: httpx.Client, action: str, method: str
) -> None:
    transaction = create(client, seed_basket_body(SEED_CARD))
    client.post(f"{TX}/{transaction['id']}/start/cash", json={})
    url = f"{TX}/{transaction['id']}/{action}".rstrip("/")

    answer = client.request(method, url, json=seed_basket_body(SEED_CARD))

    body = assert_api_error(answer, 403, "ProductNotAllowedException", 1003)
    assert "ok" in body["error_details"]
    assert client.get(f"{TX}/{transaction['id']}").json()["status"] == "ok"


def test_unknown_ids_are_404(client: httpx.Client) -> None:
    assert_api_error(client.get(f"{TX}/STX_NOSUCHTRANSACTION0000000000000"), 404, "ProductNotFoundException")
    assert_api_error(client.post(f"{TX}/STX_NOSUCH/start/cash", json={}), 404, "ProductNotFoundException")
    assert_api_error(client.get("/api/v2/Loyalty/MerchantCards/MCD_NOSUCH"), 404, "ProductNotFoundException")
    assert_api_error(client.get("/api/v2/Smart/NoSuchThing"), 404, "ProductNotFoundException")


def test_malformed_json_is_400(client: httpx.Client) -> None:
    answer = client.post(TX, content=b'{"basket": {', headers={"Content-Type": "application/json"})
    body = assert_api_error(answer, 400, "ProductFormatException")
    assert "JSON" in body["error_details"]


def test_basket_sum_mismatch_is_400_unless_the_check_is_off(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    body = seed_basket_body(SEED_CARD)
    body["basket_info"]["sum"] = 795
    assert_api_error(client.post(TX, json=body), 400, "ProductFormatException")
    assert client.get(TX).json()["count"] == 0

    sim_admin.post("/_sim/settings", json={"strict_basket_sum": False}).raise_for_status()
    assert client.post(TX, json=body).json()["basket_info"]["sum"] == 795


def test_locked_and_unknown_cards_resolve_invalid_and_cannot_be_applied(client: httpx.Client) -> None:
    body = seed_basket_body(LOCKED_CARD)
    body["idents"].append({"type": "card", "value": "9276999999999999"})
    transaction = create(client, body)

    assert [(i["valid"], i["merchantcard"]) for i in transaction["idents"]] == [(False, None), (False, None)]
    refused = client.post(f"{TX}/{transaction['id']}/preTransaction")
    assert_api_error(refused, 403, "ProductNotAllowedException", 1003)
    assert card(client, LOCKED_CARD)["cash_balance"] == 1500


def test_cash_sale_without_card_records_revenue_without_loyalty_booking(client: httpx.Client) -> None:
    transaction = create(client, seed_basket_body(None))

    paid = client.post(f"{TX}/{transaction['id']}/start/cash", json={}).json()

    assert (paid["status"], paid["transactions"], paid["receipt"], paid["idents"]) == ("ok", [], [], [])


def test_paths_are_case_insensitive_and_the_docs_authenticate_header_works(sim_url: str) -> None:
    http = api_client(sim_url)
    token = http.headers.pop("Authorization").split()[1]
    try:
        created = http.post(
            "/API/V2/smart/transactions", json=seed_basket_body(), headers={"Authenticate": f"Bearer {token}"}
        )
        assert created.status_code == 200, created.text
        started = http.post(
            f"/api/v2/SMART/TRANSACTIONS/{created.json()['id']}/START/CASH",
            json={},
            headers={"Authenticate": f"Bearer {token}"},
        )
        assert started.json()["status"] == "ok"
    finally:
        http.close()


def test_list_filters_by_status_and_pages(client: httpx.Client) -> None:
    ids = [create(client, seed_basket_body(SEED_CARD))["id"] for _ in range(3)]
    client.post(f"{TX}/{ids[1]}/start/cash", json={})

    assert [t["id"] for t in client.get(TX, params={"q": "status:ok"}).json()["data"]] == [ids[1]]
    page = client.get(TX, params={"q": "status:created", "count": 1, "offset": 1}).json()
    assert page["count"] == 2
    assert [t["id"] for t in page["data"]] == [ids[2]]
    assert client.get(TX, params={"q": f"idents.value:{SEED_CARD} AND status:created"}).json()["count"] == 2


def test_admin_state_shows_every_transaction_as_the_api_returns_it(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    transaction = create(client, seed_basket_body(SEED_CARD))
    paid = client.post(f"{TX}/{transaction['id']}/start/cash", json={}).json()

    state = sim_admin.get("/_sim/state").json()

    assert state["transactions"] == [paid]
    assert len(state["cards"]) == 7
    assert all(c["object"] == "loyalty.merchantcards" for c in state["cards"])


def test_is_demo_is_echoed_and_changes_no_receipt_line(client: httpx.Client) -> None:
    receipts = []
    for is_demo in (True, False):
        transaction = create(client, seed_basket_body(SEED_CARD, is_demo=is_demo))
        assert transaction["is_demo"] is is_demo
        paid = client.post(f"{TX}/{transaction['id']}/start/cash", json={}).json()
        receipts.append([line for line in texts(paid["receipt"]) if not line.startswith("TA Code")])
    assert receipts[0] == receipts[1]
