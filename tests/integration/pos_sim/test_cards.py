"""Loyalty merchant cards over HTTP: lookup by number, read by id, validation, admin changes."""

from __future__ import annotations

import httpx
import pytest

CARDS = "/api/v2/Loyalty/MerchantCards"
DEMO_CARDS = {
    "9276004429942845": ("Max Mustermann", "Geschenkgutschein", 1000, 0, 0, "unlocked", 0),
    "9276000000000011": ("Erika Musterfrau", "Kundenkarte Bäckerei", 2000, 350, 120, "unlocked", 0),
    "9276000000000029": ("Jonas Beispiel", "Geschenkgutschein", 500, 0, 0, "unlocked", 0),
    "9276000000000037": ("Lea Leer", "Geschenkgutschein", 0, 0, 0, "unlocked", 0),
    "9276000000000045": ("Gesperrt Gustav", "Kundenkarte Bäckerei", 1500, 0, 0, "locked", 0),
    "9276000000000052": ("Paula Passcode", "Geschenkgutschein", 3000, 0, 0, "unlocked", 1),
    "9276000000000060": ("Bruno Bonus", "Kundenkarte Bäckerei", 0, 150, 800, "unlocked", 0),
}


@pytest.mark.parametrize("cardnumber", sorted(DEMO_CARDS))
def test_every_demo_card_is_found_by_number_with_its_balances(client: httpx.Client, cardnumber: str) -> None:
    holder, group, cash, bonus, points, lock_status, passcode = DEMO_CARDS[cardnumber]

    found = client.get(CARDS, params={"q": f'card.cardnumber:"{cardnumber}"'}).json()

    assert found["count"] == 1
    card = found["data"][0]
    assert card["card"]["cardnumber"] == cardnumber
    assert card["customer"]["contact"]["name"] == holder
    assert card["cardgroup"]["display_name"] == group
    assert (card["cash_balance"], card["bonus_balance"], card["balance"]) == (cash, bonus, cash + bonus)
    assert (card["points"], card["lock_status"], card["passcode"]) == (points, lock_status, passcode)
    assert client.get(f"{CARDS}/{card['id']}").json() == card


def test_unknown_number_finds_nothing_and_is_not_valid(client: httpx.Client) -> None:
    assert client.get(CARDS, params={"q": "card.cardnumber:9276123412341234"}).json() == {
        "count": 0,
        "data": [],
    }
    answer = client.post(f"{CARDS}/me/validateMerchantcard", json={"cardnumber": "9276123412341234"})
    assert answer.json() == {"isValid": False}


@pytest.mark.parametrize(
    ("cardnumber", "expected"),
    [
        ("9276004429942845", {"isValid": True, "hasPasscode": False, "isLocked": False}),
        ("9276000000000045", {"isValid": True, "hasPasscode": False, "isLocked": True}),
        ("9276000000000052", {"isValid": True, "hasPasscode": True, "isLocked": False}),
    ],
)
def test_validate_merchantcard(client: httpx.Client, cardnumber: str, expected: dict[str, bool]) -> None:
    answer = client.post(f"{CARDS}/me/validateMerchantcard", json={"cardnumber": cardnumber})
    assert answer.json() == expected


def test_admin_creates_and_replaces_a_card(client: httpx.Client, sim_admin: httpx.Client) -> None:
    created = sim_admin.post(
        "/_sim/cards",
        json={
            "cardnumber": "9276000000000086",
            "cash_balance": 1234,
            "holder": "Neu Kunde",
            "lock_status": "unlocked",
        },
    ).json()
    replaced = sim_admin.post(
        "/_sim/cards", json={"cardnumber": "9276000000000086", "cash_balance": 10, "lock_status": "locked"}
    ).json()

    assert created["cash_balance"] == 1234
    assert replaced["id"] == created["id"]
    found = client.get(CARDS, params={"q": "card.cardnumber:9276000000000086"}).json()["data"][0]
    assert (found["cash_balance"], found["lock_status"]) == (10, "locked")
    assert sim_admin.post("/_sim/cards", json={"cash_balance": 1}).status_code == 400


def test_reset_restores_the_demo_cards(client: httpx.Client, sim_admin: httpx.Client) -> None:
    sim_admin.post("/_sim/cards", json={"cardnumber": "9276004429942845", "cash_balance": 1})
    sim_admin.post("/_sim/reset").raise_for_status()
    assert (
        client.get(CARDS, params={"q": "card.cardnumber:9276004429942845"}).json()["data"][0]["balance"]
        == 1000
    )


def test_merchant_probe(client: httpx.Client) -> None:
    merchant = client.get("/api/v2/General/Merchants/me").json()
    assert merchant == {
        "object": "general.merchants",
        "id": "MRC_35SZ3R5GGQQP4T0U2T5GFAN9P6C4PG",
        "companyname": "John's Bakery",
    }
