"""The services' way to the secuconnect API client, usable before that client exists.

The till window is built and shown before httpx and the API models are imported (the cold start);
the composition root builds the HTTP client, the authenticator and the API client right after and
hands them over with :meth:`ServerConnection.attach`. A use case that needs the server meanwhile
awaits :meth:`ServerConnection.client` and simply waits until then; from then on it gets the
client at once. Nothing here forwards API calls: callers use the client they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio

    from pos_gui.api.auth import Authenticator
    from pos_gui.api.client import SecuconnectClient


class ServerConnection:
    """Holds the API client and its authenticator once the composition root has built them.

    Attributes:
        current_client: the API client, or ``None`` before :meth:`attach`.
        authenticator: the authenticator, or ``None`` before :meth:`attach` (or when the client
            signs in by itself, as fakes in tests do).
    """

    def __init__(self) -> None:
        self.current_client: SecuconnectClient | None = None
        self.authenticator: Authenticator | None = None
        # Made by the first caller that has to wait: the connection is built before the event
        # loop (and asyncio) exist.
        self._attached: asyncio.Event | None = None

    @classmethod
    def of(cls, client: SecuconnectClient, authenticator: Authenticator | None = None) -> ServerConnection:
        """A connection that is ready from the start (headless runs and tests)."""
        connection = cls()
        connection.attach(client, authenticator)
        return connection

    def attach(self, client: SecuconnectClient, authenticator: Authenticator | None = None) -> None:
        """Hand over the built client; callers waiting in :meth:`client` go on."""
        self.current_client = client
        self.authenticator = authenticator
        if self._attached is not None:
            self._attached.set()

    async def client(self) -> SecuconnectClient:
        """The API client; waits until it has been attached."""
        if self.current_client is None:
            if self._attached is None:
                import asyncio

                self._attached = asyncio.Event()
            await self._attached.wait()
        assert self.current_client is not None
        return self.current_client

    async def access_token(self) -> str:
        """Sign in, or reuse the token: the status bar's connection check."""
        await self.client()
        if self.authenticator is None:
            return ""
        return await self.authenticator.access_token()

    async def aclose(self) -> None:
        """Close the API client (and its HTTP client), if one was attached."""
        if self.current_client is not None:
            await self.current_client.aclose()


class SaleServers:
    """Which server a sale's requests go to: the till's, or in training mode the training server.

    Training sales in testing and live mode go to a simulator of their own (``docs/shop-day.md``),
    which the composition root builds the first time training is switched on: ``training`` is
    that builder (called once, on the first training sale). Without one (demo mode, where the
    till's server is a simulator already) training sales go to the till's server too.
    """

    def __init__(
        self, till: ServerConnection, training: Callable[[], ServerConnection] | None = None
    ) -> None:
        self.till = till
        self._build_training = training
        self._training: ServerConnection | None = None

    @property
    def separate_training(self) -> bool:
        """Training sales go to a server of their own (testing and live mode)."""
        return self._build_training is not None

    def for_sale(self, training: bool) -> ServerConnection:
        """The connection for a sale opened with training mode ``training``."""
        if not training or self._build_training is None:
            return self.till
        if self._training is None:
            self._training = self._build_training()
        return self._training
