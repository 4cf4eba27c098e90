"""The simulator's state rules without HTTP: tokens on a fake clock, device codes, sales, storage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pos_sim.errors import OAuthFailure, SimApiError
from pos_sim.settings import SimulatorSettings
from pos_sim.state import SimulatorState
from pos_sim.store import SqliteStore

CREDENTIALS = {"client_id": "demo-till", "client_secret": "demo-secret"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def seed_sale(cardnumber: str = "9276000000000029") -> dict[str, Any]:
    return {
        "basket": {
            "products": [
                {
                    "id": 1,
                    "articleNumber": "30037",
                    "desc": "Sandwich Romano",
                    "quantity": 1,
                    "priceOne": 349,
                    "tax": 7,
                },
                {
                    "id": 2,
                    "articleNumber": "30200",
                    "desc": "Fruit salad",
                    "quantity": 1,
                    "priceOne": 249,
                    "tax": 7,
                },
                {"id": 3, "articleNumber": "51", "desc": "Water", "quantity": 2, "priceOne": 99, "tax": 19},
            ]
        },
        "basket_info": {"sum": 796, "currency": "EUR"},
        "idents": [{"type": "card", "value": cardnumber}],
    }


def balance_of(state: SimulatorState, cardnumber: str) -> int:
    balance: int = state.find_cards(f"card.cardnumber:{cardnumber}", None, 0)["data"][0]["balance"]
    return balance


def test_access_tokens_expire_after_the_configured_lifetime() -> None:
    clock = FakeClock()
    state = SimulatorState(SimulatorSettings(token_ttl_seconds=60), clock=clock)
    access = state.oauth_token({"grant_type": "client_credentials", **CREDENTIALS})["access_token"]

    state.check_access(access)
    clock.now += 59
    state.check_access(access)
    clock.now += 1
    with pytest.raises(SimApiError) as caught:
        state.check_access(access)
    assert (caught.value.status_code, caught.value.code) == (401, 2003)


def test_device_code_expires_unless_approved_in_time() -> None:
    clock = FakeClock()
    state = SimulatorState(SimulatorSettings(device_code_expires_in=30), clock=clock)
    codes = state.oauth_token({"grant_type": "device", "uuid": "/vendor/x/cashier/1", **CREDENTIALS})
    poll = {"grant_type": "device", "code": codes["device_code"], **CREDENTIALS}

    with pytest.raises(OAuthFailure) as pending:
        state.oauth_token(poll)
    assert (pending.value.status_code, pending.value.error) == (401, "authorization_pending")
    clock.now += 30
    with pytest.raises(OAuthFailure) as expired:
        state.oauth_token(poll)
    assert (expired.value.status_code, expired.value.error) == (400, "expired_token")


def test_every_poll_of_an_approved_code_returns_the_same_refresh_token() -> None:
    state = SimulatorState(SimulatorSettings(device_approve_after_polls=1))
    codes = state.oauth_token({"grant_type": "device", "uuid": "/vendor/x/cashier/1", **CREDENTIALS})
    poll = {"grant_type": "device", "code": codes["device_code"], **CREDENTIALS}

    first, second = state.oauth_token(poll), state.oauth_token(poll)

    assert first["refresh_token"] == second["refresh_token"]
    assert first["access_token"] != second["access_token"]


def test_applied_card_is_booked_on_start_and_given_back_on_cancel() -> None:
    state = SimulatorState()
    transaction = state.create_transaction(seed_sale())
    assert state.pre_transaction(transaction["id"]) == {"missing_sum": 296, "bonus_products": []}
    assert balance_of(state, "9276000000000029") == 500  # applying charges nothing yet

    paid = state.start(transaction["id"], "CASH")
    assert (paid["status"], paid["payment_method"]) == ("ok", "cash")
    assert balance_of(state, "9276000000000029") == 0

    state.cancel(transaction["id"])
    assert balance_of(state, "9276000000000029") == 500


def test_card_spent_elsewhere_after_apply_refuses_start() -> None:
    state = SimulatorState()
    first = state.create_transaction(seed_sale())
    second = state.create_transaction(seed_sale())
    state.pre_transaction(first["id"])
    state.pre_transaction(second["id"])
    state.start(first["id"], "cash")

    with pytest.raises(SimApiError) as caught:
        state.start(second["id"], "cash")

    assert (caught.value.status_code, caught.value.code) == (403, 1003)
    assert state.get_transaction(second["id"])["status"] == "processing"


def test_only_cash_and_loyalty_can_be_started() -> None:
    state = SimulatorState()
    transaction = state.create_transaction(seed_sale())
    with pytest.raises(SimApiError) as caught:
        state.start(transaction["id"], "cashless")
    assert caught.value.status_code == 403


def test_reset_restores_demo_data_and_start_settings_but_keeps_tokens() -> None:
    state = SimulatorState()
    access = state.oauth_token({"grant_type": "client_credentials", **CREDENTIALS})["access_token"]
    state.update_settings({"strict_basket_sum": False})
    state.put_card({"cardnumber": "9276004429942845", "cash_balance": 1})
    state.create_transaction(seed_sale())

    state.reset()

    assert state.settings.strict_basket_sum is True
    assert balance_of(state, "9276004429942845") == 1000
    assert state.admin_state()["transactions"] == []
    state.check_access(access)


def test_settings_updates_are_validated() -> None:
    state = SimulatorState()
    for bad in ({"token_ttl_seconds": -1}, {"device_approve_after_polls": 0}, {"colour": "red"}):
        with pytest.raises(ValueError):
            state.update_settings(bad)
    assert state.update_settings({"device_approve_after_polls": 3}).device_approve_after_polls == 3


def test_sqlite_store_restores_everything_a_new_state_needs(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    first = SimulatorState(store=SqliteStore(path))
    paid_id = first.create_transaction(seed_sale())["id"]
    first.pre_transaction(paid_id)
    paid = first.start(paid_id, "cash")
    open_sale = first.create_transaction(seed_sale("9276004429942845"))
    first.close()

    second = SimulatorState(store=SqliteStore(path))

    assert second.get_transaction(paid_id) == paid
    assert [t["id"] for t in second.admin_state()["transactions"]] == [paid_id, open_sale["id"]]
    assert balance_of(second, "9276000000000029") == 0
    again = second.start(open_sale["id"], "cash")
    assert int(again["trans_id"]) == int(paid["trans_id"]) + 1
    second.close()


def test_reset_drops_pending_device_codes_but_keeps_approved_ones() -> None:
    state = SimulatorState()
    approved = state.oauth_token({"grant_type": "device", "uuid": "/vendor/x/cashier/1", **CREDENTIALS})
    state.approve_devices()
    pending = state.oauth_token({"grant_type": "device", "uuid": "/vendor/x/cashier/2", **CREDENTIALS})

    state.reset()

    assert state.approve_devices() == 0
    assert "refresh_token" in state.oauth_token(
        {"grant_type": "device", "code": approved["device_code"], **CREDENTIALS}
    )
    with pytest.raises(OAuthFailure) as caught:
        state.oauth_token({"grant_type": "device", "code": pending["device_code"], **CREDENTIALS})
    assert caught.value.error == "invalid_grant"
