"""Fixtures for the fiskaly client against the simulator's fiskaly API on loopback.

The simulated TSS lives as long as the session's simulator (``/_sim/reset`` does not touch it), so
tests compare numbers and counters with what they saw before, never with absolute values.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from pos_gui.fiscal.fiskaly import FiskalySigner
from pos_sim.fiskaly import FISKALY_API
from pos_sim.fiskaly.state import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_TSS_ID


class AnswerLog:
    """Every transaction answer the client received, as JSON (an httpx response hook)."""

    def __init__(self) -> None:
        self.transactions: list[dict[str, Any]] = []

    async def __call__(self, response: httpx.Response) -> None:
        if "/tx/" in response.url.path and response.status_code == 200:
            await response.aread()
            self.transactions.append(response.json())


def signer_on(http: httpx.AsyncClient) -> FiskalySigner:
    return FiskalySigner(
        http, api_key=DEMO_API_KEY, api_secret=DEMO_API_SECRET, tss_id=DEMO_TSS_ID, client_id=DEMO_CLIENT_ID
    )


@pytest.fixture
def answer_log() -> AnswerLog:
    return AnswerLog()


@pytest_asyncio.fixture
async def fiskaly_http(sim_url: str, answer_log: AnswerLog) -> AsyncIterator[httpx.AsyncClient]:
    """An async client at the simulated fiskaly API root; ``answer_log`` gets every tx answer."""
    async with httpx.AsyncClient(
        base_url=sim_url + FISKALY_API, timeout=5.0, event_hooks={"response": [answer_log]}
    ) as http:
        yield http


@pytest_asyncio.fixture
async def admin(sim_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An async client for the simulator's ``/_sim/`` admin endpoints (faults, token expiry)."""
    async with httpx.AsyncClient(base_url=sim_url, timeout=10.0) as admin_client:
        yield admin_client


async def arm(admin: httpx.AsyncClient, fault: str, **extra: Any) -> None:
    """Arm a fault for the next transaction PUT of the simulated fiskaly API."""
    body = {"method": "PUT", "path": "/fiskaly/api/v2/tss/*/tx/*", "fault": fault, **extra}
    (await admin.post("/_sim/faults", json=body)).raise_for_status()


def signing_data(answer: dict[str, Any]) -> bytes:
    """The documented signing data of a tx answer (pos_sim.fiskaly.tse), rebuilt from the answer alone."""
    raw = answer["schema"]["raw"]
    fields = [
        answer["log"]["operation"],
        answer["tss_serial_number"],
        answer["client_serial_number"],
        str(answer["number"]),
        str(answer["signature"]["counter"]),
        str(answer["log"]["timestamp"]),
        raw["process_type"],
        base64.b64decode(raw["process_data"]).decode("utf-8"),
    ]
    return "\n".join(fields).encode("utf-8")


def verify_signature(signature_b64: str, public_key_b64: str, data: bytes) -> None:
    """Raises ``InvalidSignature`` unless ``signature`` (plain r ‖ s) is over ``data`` with that key."""
    public_key = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), base64.b64decode(public_key_b64)
    )
    plain = base64.b64decode(signature_b64)
    r, s = int.from_bytes(plain[:32], "big"), int.from_bytes(plain[32:], "big")
    public_key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
