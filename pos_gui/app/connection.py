"""Which server the till talks to, and how it signs in there.

The only module of ``pos_gui`` that imports the simulator (``pos_sim``): its embedding adapter
for demo mode and for training mode's own server (:class:`TrainingServer`), and the demo till's
credentials. The import-linter contracts in ``pyproject.toml`` hold every other module to that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pos_gui.services.server_connection import ServerConnection

if TYPE_CHECKING:
    import argparse
    import concurrent.futures

    from pos_gui.api.auth import ClientCredentials, DeviceCredentials
    from pos_gui.api.client import SecuconnectClient
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.settings import Settings
    from pos_gui.services.demo_control import CardFeature, DemoCard
    from pos_gui.services.fiscal_setup import SaleRefusal


@dataclass(frozen=True)
class TseAccess:
    """Where the till's TSE (fiskaly SIGN DE v2, or the simulator's copy of it) answers, and the
    till's access to it: API root, API key and secret, its TSS and its client there; ``signer``
    ``none`` is the demo-only signer without a TSE (refused in live mode)."""

    api_url: str
    api_key: str
    api_secret: str
    tss_id: str
    client_id: str
    signer: str = "fiskaly"
    client_serial: str = ""


def demo_tse_access(api_url: str) -> TseAccess:
    """The simulator's fiskaly at ``api_url``, with its demo key, TSS and client."""
    from pos_sim.fiskaly import FISKALY_API
    from pos_sim.fiskaly.state import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_TSS_ID

    return TseAccess(
        api_url.rstrip("/") + FISKALY_API, DEMO_API_KEY, DEMO_API_SECRET, DEMO_TSS_ID, DEMO_CLIENT_ID
    )


@dataclass
class Connection:
    """Where the till sends its requests and how it signs in.

    Attributes:
        profile: ``DEMO``, ``TESTING`` or ``LIVE`` (status bar, banner, ledger file).
        api_url: the server's root URL.
        credentials: client or device credentials for the authenticator.
        on_refresh_token: where a new refresh token is stored (paired devices).
        stop: what to call at shutdown after the HTTP client is closed (the embedded simulator).
        start: what makes the server answer (the embedded simulator); blocking, so it is called
            off the GUI thread, after the window is shown.
        tse: the TSE the till signs its sales with, or ``None`` (no signing).
        tse_refusal: why the till may not sell (live mode without a TSE), or ``None``.
    """

    profile: str
    api_url: str
    credentials: ClientCredentials | DeviceCredentials
    on_refresh_token: Callable[[str], None] | None = None
    stop: Callable[[], None] = field(default=lambda: None)
    start: Callable[[], None] = field(default=lambda: None)
    tse: TseAccess | None = None
    tse_refusal: SaleRefusal | None = None

    @classmethod
    def demo(
        cls,
        api_url: str,
        *,
        stop: Callable[[], None] = lambda: None,
        start: Callable[[], None] = lambda: None,
    ) -> Connection:
        """The DEMO profile on a simulator at ``api_url``, signing in as its demo till."""
        from pos_gui.api.auth import ClientCredentials
        from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

        return cls(
            "DEMO",
            api_url,
            ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            stop=stop,
            start=start,
            tse=demo_tse_access(api_url),
        )


def decide_connection(args: argparse.Namespace, paths: AppPaths, settings: Settings) -> Connection:
    """Decide the server and credentials; for the embedded simulator, reserve its port only.

    Imports the API client's modules (httpx, the API models) and may ask the OS key store, so it
    runs off the GUI thread.
    """
    from pos_gui.api.auth import ClientCredentials, DeviceCredentials
    from pos_gui.app.cli import profile_of
    from pos_gui.app.tse_setup import live_tse_access
    from pos_gui.app.wiring import secret_store
    from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, TSE_API_SECRET
    from pos_gui.config.settings import API_URLS
    from pos_gui.services.fiscal_setup import live_tse_refusal

    profile = profile_of(args, settings)
    if args.api_url:
        return Connection(profile, args.api_url, ClientCredentials(args.client_id, args.client_secret))
    if profile == "DEMO":
        from pos_sim.embedded import EmbeddedSimulator

        simulator = EmbeddedSimulator()
        return Connection.demo(simulator.url, stop=simulator.stop, start=simulator.start)
    assert settings.profile is not None
    secrets = secret_store(paths)
    api_url = settings.api_url or API_URLS[settings.profile]
    credentials = DeviceCredentials(
        client_id=settings.client_id or "",
        client_secret=secrets.get(CLIENT_SECRET) or "",
        uuid=settings.device_uuid,
        refresh_token=secrets.get(REFRESH_TOKEN),
    )
    tse_api_secret = secrets.get(TSE_API_SECRET)
    return Connection(
        profile,
        api_url,
        credentials,
        on_refresh_token=lambda token: secrets.set(REFRESH_TOKEN, token),
        tse=live_tse_access(settings.tse, tse_api_secret),
        tse_refusal=live_tse_refusal(profile, settings.tse, has_api_secret=bool(tse_api_secret)),
    )


# A number of the right shape that the simulator does not know ("Karte unbekannt").
UNKNOWN_DEMO_CARD_NUMBER = "9276000000009999"


def demo_card_list() -> list[DemoCard]:
    """The simulator's demo cards as plain data for the presenter's card list, and one unknown."""
    from pos_gui.services.demo_control import DemoCard
    from pos_sim import demo_data

    features: dict[str, CardFeature] = {
        demo_data.BONUS_CARD_NUMBER: "bonus",
        demo_data.LOW_BALANCE_CARD_NUMBER: "low",
        demo_data.EMPTY_CARD_NUMBER: "empty",
        demo_data.LOCKED_CARD_NUMBER: "locked",
        demo_data.PASSCODE_CARD_NUMBER: "passcode",
        demo_data.BONUS_ONLY_CARD_NUMBER: "bonus_only",
    }
    cards = [
        DemoCard(
            number=card.cardnumber,
            holder=card.holder_name,
            cardgroup=card.cardgroup_name,
            cash=card.cash_balance,
            bonus=card.bonus_balance,
            feature=features.get(card.cardnumber, "normal"),
            pin=card.pin,
        )
        for card in demo_data.demo_cards()
    ]
    cards.append(DemoCard(UNKNOWN_DEMO_CARD_NUMBER, "", "", 0, 0, "unknown"))
    return cards


def embedded_demo_connection() -> Connection:
    """The DEMO connection on a fresh embedded simulator (memory only), not started yet:
    call its ``start`` (blocking) before the first request and its ``stop`` at the end."""
    from pos_sim.embedded import EmbeddedSimulator

    simulator = EmbeddedSimulator()
    return Connection.demo(simulator.url, stop=simulator.stop, start=simulator.start)


class TrainingServer:
    """Training mode's server in testing and live mode: an embedded simulator of its own.

    A training sale must never reach the real server (``docs/shop-day.md``). Nothing is built
    until training is switched on: :meth:`connection` (the checkout's ``training_server``) then
    returns a :class:`~pos_gui.services.server_connection.ServerConnection` at once and starts the
    simulator on a thread of its own (it blocks for a good part of a second); the first request
    waits until it answers.
    """

    def __init__(self) -> None:
        self.server: _TrainingConnection | None = None

    def connection(self) -> ServerConnection:
        if self.server is None:
            self.server = _TrainingConnection()
        return self.server

    async def aclose(self) -> None:
        """Close its HTTP client and stop the simulator (if training was ever switched on)."""
        if self.server is not None:
            await self.server.aclose()


def _started_training_simulator() -> Connection:
    """A fresh embedded simulator (memory only), started: blocking."""
    connection = embedded_demo_connection()
    try:
        connection.start()
    except BaseException:
        connection.stop()
        raise
    return connection


class _TrainingConnection(ServerConnection):
    """A server connection that attaches itself to the training simulator once that is up."""

    def __init__(self) -> None:
        import concurrent.futures
        import threading

        super().__init__()
        self.simulator: concurrent.futures.Future[Connection] = concurrent.futures.Future()
        threading.Thread(target=self._start, name="training-simulator", daemon=True).start()

    def _start(self) -> None:
        try:
            self.simulator.set_result(_started_training_simulator())
        except BaseException as error:  # handed to the first request, which raises it
            self.simulator.set_exception(error)

    async def client(self) -> SecuconnectClient:
        if self.current_client is None:
            import asyncio

            connection = await asyncio.wrap_future(self.simulator)
            if self.current_client is None:
                # On the event loop's thread: attach wakes the requests that wait for it.
                from pos_gui.app.wiring import connect_server

                connect_server(self, connection)
        return await super().client()

    async def aclose(self) -> None:
        await super().aclose()
        import asyncio

        try:
            connection = await asyncio.wrap_future(self.simulator)
        except Exception:
            return  # it never started: nothing to stop
        await asyncio.to_thread(connection.stop)
