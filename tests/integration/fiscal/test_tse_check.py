""" "TSE prüfen" against the simulator's fiskaly: the TSS answers ready with its serial and the
certificate's expiry (from the PEM in the TSS's ``certificate`` field); 90 days before it the
page warns; a wrong API secret and an unreachable TSE say why."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from pos_gui.app.connection import TseAccess
from pos_gui.app.tse_setup import tss_reader
from pos_gui.services.tse_check import CERTIFICATE_WARNING_DAYS, check_tse, utc_now
from pos_sim.fiskaly import FISKALY_API
from pos_sim.fiskaly.state import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_TSS_ID

pytestmark = pytest.mark.asyncio


def access(sim_url: str, *, secret: str = DEMO_API_SECRET) -> TseAccess:
    return TseAccess(sim_url + FISKALY_API, DEMO_API_KEY, secret, DEMO_TSS_ID, DEMO_CLIENT_ID)


async def test_the_simulated_tss_is_ready_with_serial_and_certificate_expiry(
    sim_url: str, admin: httpx.AsyncClient
) -> None:
    (await admin.post("/_sim/fiskaly/certificate", json={"valid_days": 5 * 365})).raise_for_status()
    check = await check_tse(tss_reader(access(sim_url)), tss_id=DEMO_TSS_ID)

    assert check.ok, check.text()
    assert check.text() == f"TSE bereit (TSS {DEMO_TSS_ID}, Seriennummer {check.serial_number})."
    assert len(check.serial_number) == 64
    days = check.days_left(utc_now())
    assert days is not None
    assert 5 * 365 - 2 <= days <= 5 * 365
    assert not check.expiry_warning(utc_now())


async def test_a_certificate_that_expires_within_90_days_is_warned_about(
    sim_url: str, admin: httpx.AsyncClient
) -> None:
    (await admin.post("/_sim/fiskaly/certificate", json={"valid_days": 89})).raise_for_status()
    try:
        check = await check_tse(tss_reader(access(sim_url)), tss_id=DEMO_TSS_ID)
        assert check.ok
        assert check.expiry_warning(utc_now())
        assert not check.expiry_warning(utc_now() - timedelta(days=2))  # 91 days before: no warning yet
        assert CERTIFICATE_WARNING_DAYS == 90
    finally:
        await admin.post("/_sim/fiskaly/certificate", json={"valid_days": 5 * 365})


async def test_a_wrong_secret_is_refused_with_the_tses_reason(sim_url: str) -> None:
    check = await check_tse(tss_reader(access(sim_url, secret="wrong")), tss_id=DEMO_TSS_ID)
    assert not check.ok
    assert check.text().startswith("TSE lehnt ab: ")
    assert "E_UNAUTHORIZED" in check.text() or "Invalid api_key" in check.text()


async def test_an_unreachable_tse_says_so() -> None:
    unreachable = TseAccess(
        "http://127.0.0.1:9/api/v2", DEMO_API_KEY, DEMO_API_SECRET, DEMO_TSS_ID, DEMO_CLIENT_ID
    )
    check = await check_tse(tss_reader(unreachable), tss_id=DEMO_TSS_ID)
    assert not check.ok
    assert check.text().startswith("TSE nicht erreichbar: ")
