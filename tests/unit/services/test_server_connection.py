"""ServerConnection: callers wait for the client the composition root attaches later."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pos_gui.services.server_connection import ServerConnection


class _FakeClient:
    closed = False

    async def aclose(self) -> None:
        self.closed = True


class _FakeAuthenticator:
    async def access_token(self) -> str:
        return "token-1"


@pytest.mark.asyncio
async def test_a_caller_waits_until_the_client_is_attached() -> None:
    connection = ServerConnection()
    client: Any = _FakeClient()
    waiting = asyncio.ensure_future(connection.client())
    await asyncio.sleep(0)
    assert not waiting.done()
    connection.attach(client, _FakeAuthenticator())  # type: ignore[arg-type]
    assert await asyncio.wait_for(waiting, 1) is client
    assert await connection.access_token() == "token-1"
    await connection.aclose()
    assert client.closed


@pytest.mark.asyncio
async def test_of_is_ready_at_once_and_closing_nothing_is_fine() -> None:
    client: Any = _FakeClient()
    assert await ServerConnection.of(client).client() is client
    assert await ServerConnection.of(client).access_token() == ""
    await ServerConnection().aclose()
