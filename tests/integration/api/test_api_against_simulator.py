"""The API layer against the real simulator on loopback: sales, faults, token expiry, pairing."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from pos_gui.api.auth import (
    Authenticator,
    ClientCredentials,
    DeviceCredentials,
    poll_device_token,
    request_device_codes,
)
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.errors import (
    ApiTimeoutError,
    DeviceCodeExpiredError,
    InvalidResponseError,
    NotAllowedError,
    OutcomeUnknownError,
    ServerError,
)
from pos_gui.api.models import BasketInfo, BasketProduct, Ident, SmartTransactionDraft, TransactionBasket
from pos_gui.api.transport import build_http_client
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

pytestmark = pytest.mark.asyncio

CARD_WITH_5_EUR = "9276000000000029"
START_CASH = "/api/v2/Smart/Transactions/*/start/cash"


def seed_basket_draft(cardnumber: str | None = CARD_WITH_5_EUR) -> SmartTransactionDraft:
    """The seed's 7,96 € basket: Sandwich Romano, Fruit salad, 2× Water."""
    return SmartTransactionDraft(
        is_demo=True,
        merchant_ref="KASSE1",
        transaction_ref="BON-0001",
        basket=TransactionBasket(
            products=[
                BasketProduct(
                    id=1,
                    item_type="article",
                    desc="Sandwich Romano",
                    article_number="30037",
                    quantity=1,
                    price_one=349,
                    tax=7,
                ),
                BasketProduct(
                    id=2,
                    item_type="article",
                    desc="Fruit salad, small bowl",
                    article_number="30200",
                    quantity=1,
                    price_one=249,
                    tax=7,
                ),
                BasketProduct(
                    id=3,
                    item_type="article",
                    desc="Water, mildly sprinkling, 0.25 ltr.",
                    article_number="51",
                    ean="4999012345678",
                    quantity=2,
                    price_one=99,
                    tax=19,
                ),
            ]
        ),
        basket_info=BasketInfo(sum=796, currency="EUR"),
        idents=[Ident.card(cardnumber)] if cardnumber else [],
    )


@pytest_asyncio.fixture
async def admin(sim_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An async client for the simulator's ``/_sim/`` admin endpoints."""
    async with httpx.AsyncClient(base_url=sim_url, timeout=10.0) as admin_client:
        yield admin_client


def demo_client(sim_url: str, *, timeout: float = 5.0) -> SecuconnectClient:
    """An API client on the simulator with its demo client credentials."""
    http = build_http_client(sim_url, timeout=timeout)
    return SecuconnectClient(http, Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)))


@pytest_asyncio.fixture
async def client(sim_url: str) -> AsyncIterator[SecuconnectClient]:
    api = demo_client(sim_url)
    try:
        yield api
    finally:
        await api.aclose()


async def post(admin: httpx.AsyncClient, path: str, body: dict[str, Any] | None = None) -> Any:
    """POST to a ``/_sim/`` admin endpoint and return its JSON answer."""
    answer = await admin.post(path, json=body)
    answer.raise_for_status()
    return answer.json()


async def arm(
    admin: httpx.AsyncClient, fault: str, path: str = START_CASH, method: str = "POST", **extra: Any
) -> None:
    await post(admin, "/_sim/faults", {"method": method, "path": path, "fault": fault, **extra})


async def sim_state(admin: httpx.AsyncClient) -> dict[str, Any]:
    answer = await admin.get("/_sim/state")
    answer.raise_for_status()
    state: dict[str, Any] = answer.json()
    return state


async def test_scan_apply_and_pay_the_rest_in_cash(client: SecuconnectClient) -> None:
    card = await client.find_merchant_card(CARD_WITH_5_EUR)
    assert card is not None
    assert card.balance == 500
    assert client.request_count == 1  # one request per scan

    created = await client.create_transaction(seed_basket_draft())
    applied = await client.pre_transaction(created.id)
    paid = await client.start_transaction(created.id, "cash")

    assert client.request_count == 1 + 3  # create, preTransaction, start/cash
    assert created.status == "created"
    assert created.card_ident is not None
    assert created.card_ident.valid is True
    assert applied.missing_sum == 296
    assert applied.bonus_products == []
    assert paid.is_paid
    assert paid.payment_method == "cash"
    assert len(paid.loyalty_transaction_ids) == 1
    assert paid.receipt
    assert any("9276000000000029" in line.shown_value for line in paid.receipt)
    after = await client.find_merchant_card(CARD_WITH_5_EUR)
    assert after is not None
    assert after.balance == 0


async def test_pay_in_cash_without_applying_the_card(client: SecuconnectClient) -> None:
    created = await client.create_transaction(seed_basket_draft())
    paid = await client.start_transaction(created.id, "cash")

    assert paid.is_paid
    assert len(paid.loyalty_transaction_ids) == 1
    assert paid.receipt
    card = await client.find_merchant_card(CARD_WITH_5_EUR)
    assert card is not None
    assert card.balance == 500


async def test_validate_get_list_update_and_abort(client: SecuconnectClient) -> None:
    validation = await client.validate_merchant_card(CARD_WITH_5_EUR)
    assert validation.is_valid
    assert validation.is_locked is False
    assert (await client.validate_merchant_card("9276999999999999")).is_valid is False
    assert await client.find_merchant_card("9276999999999999") is None

    card = await client.find_merchant_card(CARD_WITH_5_EUR)
    assert card is not None
    assert card.id is not None
    assert (await client.get_merchant_card(card.id)).cardnumber == CARD_WITH_5_EUR

    created = await client.create_transaction(seed_basket_draft(cardnumber=None))
    smaller = seed_basket_draft(cardnumber=None)
    smaller.basket.products = smaller.basket.products[:1]
    smaller.basket_info.sum = 349
    updated = await client.update_transaction(created.id, smaller)
    assert updated.basket_info is not None
    assert updated.basket_info.sum == 349
    assert (await client.get_transaction(created.id)).basket_info == updated.basket_info
    listed = await client.list_transactions()
    assert created.id in [t.id for t in listed.data]
    aborted = await client.abort_transaction(created.id)
    assert aborted.status == "aborted"
    with pytest.raises(NotAllowedError) as caught:
        await client.start_transaction(created.id, "cash")
    assert caught.value.error_user


async def test_cancel_gives_the_card_its_money_back(client: SecuconnectClient) -> None:
    created = await client.create_transaction(seed_basket_draft())
    await client.pre_transaction(created.id)
    await client.start_transaction(created.id, "cash")

    cancelled = await client.cancel_transaction(created.id)

    assert cancelled.is_cancelled
    card = await client.find_merchant_card(CARD_WITH_5_EUR)
    assert card is not None
    assert card.balance == 500


async def test_answer_lost_after_booking_is_outcome_unknown_and_booked_once(
    client: SecuconnectClient, admin: httpx.AsyncClient
) -> None:
    created = await client.create_transaction(seed_basket_draft())
    await client.pre_transaction(created.id)
    await arm(admin, "drop_after")

    with pytest.raises(OutcomeUnknownError) as caught:
        await client.start_transaction(created.id, "cash")

    assert caught.value.transaction_id == created.id
    assert caught.value.action == "start/cash"
    read_back = await client.get_transaction(created.id)
    assert read_back.is_paid
    state = await sim_state(admin)
    assert [t["id"] for t in state["transactions"]] == [created.id]
    assert len(state["transactions"][0]["transactions"]) == 1  # exactly one loyalty booking
    (card,) = [c for c in state["cards"] if c["card"]["cardnumber"] == CARD_WITH_5_EUR]
    assert card["balance"] == 0


async def test_connection_dropped_before_processing_is_outcome_unknown_and_nothing_booked(
    client: SecuconnectClient, admin: httpx.AsyncClient
) -> None:
    created = await client.create_transaction(seed_basket_draft())
    await arm(admin, "drop_before")

    with pytest.raises(OutcomeUnknownError):
        await client.start_transaction(created.id, "cash")

    read_back = await client.get_transaction(created.id)
    assert read_back.status == "created"
    assert read_back.loyalty_transaction_ids == []


async def test_cut_off_answer_to_start_is_outcome_unknown_but_booked(
    client: SecuconnectClient, admin: httpx.AsyncClient
) -> None:
    created = await client.create_transaction(seed_basket_draft())
    await arm(admin, "malformed")

    with pytest.raises(OutcomeUnknownError):
        await client.start_transaction(created.id, "cash")

    assert (await client.get_transaction(created.id)).is_paid


async def test_server_error_on_start_is_outcome_unknown(
    client: SecuconnectClient, admin: httpx.AsyncClient
) -> None:
    created = await client.create_transaction(seed_basket_draft())
    await arm(admin, "status", status=503)

    with pytest.raises(OutcomeUnknownError) as caught:
        await client.start_transaction(created.id, "cash")

    assert "503" in caught.value.reason
    assert (await client.get_transaction(created.id)).status == "created"


async def test_slow_start_beyond_the_timeout_is_outcome_unknown(
    sim_url: str, admin: httpx.AsyncClient
) -> None:
    client = demo_client(sim_url, timeout=0.3)
    try:
        created = await client.create_transaction(seed_basket_draft())
        await arm(admin, "latency", latency_ms=800)

        with pytest.raises(OutcomeUnknownError):
            await client.start_transaction(created.id, "cash")
    finally:
        await client.aclose()


async def test_faults_on_reads_map_to_plain_errors(
    client: SecuconnectClient, admin: httpx.AsyncClient
) -> None:
    created = await client.create_transaction(seed_basket_draft())
    path = "/api/v2/Smart/Transactions/*"

    await arm(admin, "status", path=path, method="GET", status=500)
    with pytest.raises(ServerError) as server_error:
        await client.get_transaction(created.id)
    assert server_error.value.status_code == 500

    await arm(admin, "malformed", path=path, method="GET")
    with pytest.raises(InvalidResponseError):
        await client.get_transaction(created.id)

    await arm(admin, "latency", path=path, method="GET", latency_ms=50)
    assert (await client.get_transaction(created.id)).id == created.id


async def test_slow_read_beyond_the_timeout_is_a_timeout(sim_url: str, admin: httpx.AsyncClient) -> None:
    client = demo_client(sim_url, timeout=0.3)
    try:
        await arm(admin, "latency", path="/api/v2/Loyalty/MerchantCards", method="GET", latency_ms=800)
        with pytest.raises(ApiTimeoutError):
            await client.find_merchant_card(CARD_WITH_5_EUR)
    finally:
        await client.aclose()


@pytest.mark.parametrize("style", ["401", "403"])
async def test_token_expiring_in_the_middle_of_a_sale(
    client: SecuconnectClient, admin: httpx.AsyncClient, style: str
) -> None:
    await post(admin, "/_sim/settings", {"expired_token_style": style})
    created = await client.create_transaction(seed_basket_draft())
    await post(admin, "/_sim/tokens/expire")

    applied = await client.pre_transaction(created.id)
    await post(admin, "/_sim/tokens/expire")
    paid = await client.start_transaction(created.id, "cash")

    assert applied.missing_sum == 296
    assert paid.is_paid
    assert client.request_count == 5  # create, (rejected + resent) preTransaction, (rejected + resent) start


async def test_device_pairing_and_session_renewal(sim_url: str, admin: httpx.AsyncClient) -> None:
    http = build_http_client(sim_url, timeout=5.0)
    stored: list[str] = []
    sleeps: list[float] = []

    async def no_wait(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 3:  # somebody approves the till in SecuOffice while it polls
            await post(admin, "/_sim/devices/approve")

    try:
        codes = await request_device_codes(
            http, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "/vendor/pos-gui/cashier/7"
        )
        assert codes.user_code
        token = await poll_device_token(http, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, codes, sleep=no_wait)
        assert token.refresh_token
        assert len(sleeps) == 3  # pending, pending, approved

        credentials = DeviceCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "/vendor/pos-gui/cashier/7")
        auth = Authenticator(http, credentials, on_refresh_token=stored.append)
        auth.use_token(token)
        assert stored == [token.refresh_token]
        client = SecuconnectClient(http, auth)
        assert await client.find_merchant_card(CARD_WITH_5_EUR) is not None
        assert auth.request_count == 0

        # The session ends; the till renews it with the stored refresh token.
        await post(admin, "/_sim/tokens/expire")
        assert await client.find_merchant_card(CARD_WITH_5_EUR) is not None
        assert auth.request_count == 1
        assert stored == [token.refresh_token]
    finally:
        await http.aclose()


async def test_device_code_nobody_approves_expires(sim_url: str, admin: httpx.AsyncClient) -> None:
    await post(admin, "/_sim/settings", {"device_code_expires_in": 3, "device_poll_interval": 1})
    http = build_http_client(sim_url, timeout=5.0)
    fake_now = [0.0]

    async def fake_sleep(seconds: float) -> None:
        fake_now[0] += seconds

    try:
        codes = await request_device_codes(
            http, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "/vendor/pos-gui/cashier/8"
        )
        with pytest.raises(DeviceCodeExpiredError):
            await poll_device_token(
                http, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, codes, sleep=fake_sleep, clock=lambda: fake_now[0]
            )
    finally:
        await http.aclose()


async def test_no_secret_reaches_any_log_line(
    sim_url: str, admin: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    for name in (None, "httpx", "httpcore", "pos_gui", "pos_gui.api", "uvicorn", "uvicorn.access"):
        caplog.set_level(logging.DEBUG, logger=name)
    http = build_http_client(sim_url, timeout=5.0)
    secrets: list[str] = [DEMO_CLIENT_SECRET]
    try:
        # Client credentials and a whole sale with a token expiry in between.
        auth = Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
        client = SecuconnectClient(http, auth)
        await client.find_merchant_card(CARD_WITH_5_EUR)
        secrets.append(await auth.access_token())
        await post(admin, "/_sim/tokens/expire")
        created = await client.create_transaction(seed_basket_draft())
        secrets.append(await auth.access_token())
        await client.pre_transaction(created.id)
        await client.start_transaction(created.id, "cash")

        # Device pairing and a renewal with the refresh token.
        codes = await request_device_codes(
            http, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "/vendor/pos-gui/cashier/9"
        )
        secrets.append(codes.device_code)
        await post(admin, "/_sim/devices/approve")

        async def no_wait(seconds: float) -> None:
            return None

        token = await poll_device_token(http, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, codes, sleep=no_wait)
        assert token.refresh_token is not None
        secrets += [token.access_token, token.refresh_token]
        device_auth = Authenticator(
            http,
            DeviceCredentials(
                DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "/vendor/pos-gui/cashier/9", token.refresh_token
            ),
        )
        device_client = SecuconnectClient(http, device_auth)
        await device_client.get_transaction(created.id)
        secrets.append(await device_auth.access_token())
    finally:
        await http.aclose()

    assert any(r.name == "pos_gui.api" for r in caplog.records)
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # the libraries did log at DEBUG
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.exc_text or ''} {r.stack_info or ''}" for r in caplog.records
    )
    for secret in secrets:
        assert secret not in logged
    assert "Bearer" not in logged
