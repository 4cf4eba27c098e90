"""A TSE signer on fiskaly SIGN DE v2 (cloud TSE), over httpx.

Import this module lazily (it imports httpx), from the composition root only. The root builds the
``httpx.AsyncClient`` (this package may import :mod:`pos_gui.core` only, so not the API layer's
transport) with ``base_url`` at the API root, e.g. ``https://kassensichv-middleware.fiskaly.com/api/v2``.

The calls (see ``docs/fiscal.md``): ``POST /auth`` for a bearer token (renewed a minute before it
expires, and once more on a 401); ``PUT /tss/{tss}/tx/{tx}?tx_revision=n`` with state ``ACTIVE``,
then ``FINISHED`` (with ``schema.standard_v1.receipt``) or ``CANCELLED``; ``GET`` of the tx for
recovery; ``PUT /tss/{tss}/client/{client}`` to register the till; the TSS export as a TAR.

Retrying is safe: the tx id is a UUID the till chose, and a revision counts as done only once its
answer arrived. After a lost answer the same call sends the same revision with the same body again;
the TSE answers it as before (no second number, no second signature).
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType, fiskaly_receipt_schema
from pos_gui.fiscal.signer import (
    TseError,
    TseFinished,
    TseRecord,
    TseRefusedError,
    TseSignature,
    TseStarted,
    TseUnavailableError,
    TxState,
)

# Renew the token this long before fiskaly says it expires: a request must not race the expiry.
TOKEN_REFRESH_MARGIN_SECONDS = 60.0
EXPORT_DONE_STATES = ("COMPLETED",)
EXPORT_FAILED_STATES = ("ERROR", "EXPIRED", "CANCELLED", "DELETED")


class TseExportFailedError(TseError):
    """The TSS export ended in a failed state (``ERROR``, ``EXPIRED``, ...)."""


def _json_object(answer: httpx.Response) -> dict[str, Any]:
    """The answer's JSON object; anything else means the outcome is unknown."""
    try:
        body = answer.json()
    except ValueError as error:
        raise TseUnavailableError(f"unreadable answer from the TSE: {error}") from error
    if not isinstance(body, dict):
        raise TseUnavailableError("unreadable answer from the TSE: not a JSON object")
    return body


def _refusal(answer: httpx.Response) -> TseRefusedError:
    """fiskaly's error ``{status_code, error, code, message}`` as a :class:`TseRefusedError`."""
    try:
        body = answer.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return TseRefusedError(answer.status_code, "", answer.text[:200])
    message = body.get("message") or body.get("error") or answer.reason_phrase
    return TseRefusedError(answer.status_code, str(body.get("code") or ""), str(message))


def _utc(unix_seconds: Any) -> datetime:
    if isinstance(unix_seconds, bool) or not isinstance(unix_seconds, int):
        raise ValueError(f"not a unix time: {unix_seconds!r}")
    return datetime.fromtimestamp(unix_seconds, UTC)


def _started(tx_id: str, body: dict[str, Any]) -> TseStarted:
    try:
        return TseStarted(
            tx_id=tx_id,
            number=int(body["number"]),
            time_start=_utc(body["time_start"]),
            signature_counter=int(body["signature"]["counter"]),
            revision=int(body["latest_revision"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise TseUnavailableError(f"unreadable TSE transaction: {error!r}") from error


def _finished(tx_id: str, body: dict[str, Any]) -> TseFinished:
    try:
        signature = body["signature"]
        raw = body["schema"]["raw"]
        return TseFinished(
            tx_id=tx_id,
            state=TxState(body["state"]),
            number=int(body["number"]),
            time_start=_utc(body["time_start"]),
            time_end=_utc(body["time_end"]),
            signature=TseSignature(
                value=str(signature["value"]),
                counter=int(signature["counter"]),
                algorithm=str(signature["algorithm"]),
                public_key=str(signature["public_key"]),
            ),
            timestamp_format=str(body["log"]["timestamp_format"]),
            tss_serial_number=str(body["tss_serial_number"]),
            client_serial_number=str(body["client_serial_number"]),
            process_type=str(raw["process_type"]),
            process_data=base64.b64decode(raw["process_data"], validate=True).decode("utf-8"),
            qr_code_data=str(body["qr_code_data"]),
        )
    except (KeyError, TypeError, ValueError) as error:  # binascii and Unicode errors are ValueErrors
        raise TseUnavailableError(f"unreadable TSE transaction: {error!r}") from error


class FiskalySigner:
    """A :class:`~pos_gui.fiscal.signer.TseSigner` on fiskaly SIGN DE v2.

    Args:
        http: the client for the API root (built and closed by the composition root).
        api_key: the fiskaly API key (TEST or LIVE: the key decides).
        api_secret: its secret.
        tss_id: the TSS this till signs with.
        client_id: the till's client id at that TSS (registered with :meth:`register_client`).
        clock: monotonic seconds, replaceable in tests (token expiry).
    """

    is_certified = True

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: str,
        api_secret: str,
        tss_id: str,
        client_id: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._api_key = api_key
        self._api_secret = api_secret
        self.tss_id = tss_id
        self.client_id = client_id
        self._clock = clock
        self._token: str | None = None
        self._token_renew_at = 0.0
        # The latest revision the TSE confirmed, per tx id; the next call sends one more.
        self._revisions: dict[str, int] = {}

    # ------------------------------------------------------------------ transport

    async def authenticate(self) -> None:
        """Get a fresh bearer token (also done on demand by every call)."""
        answer = await self._send("POST", "/auth", {"api_key": self._api_key, "api_secret": self._api_secret})
        body = _json_object(answer)
        token, expires_in = body.get("access_token"), body.get("access_token_expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int | float):
            raise TseUnavailableError("unreadable answer from the TSE: no access token")
        self._token = token
        self._token_renew_at = self._clock() + float(expires_in) - TOKEN_REFRESH_MARGIN_SECONDS

    async def _bearer(self) -> str:
        if self._token is None or self._clock() >= self._token_renew_at:
            await self.authenticate()
        assert self._token is not None  # authenticate() set it or raised
        return self._token

    async def _send(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        params: dict[str, Any] | None = None,
    ) -> httpx.Response:
        """One request; a 401 renews the token and sends once more. Raises the signer's errors."""
        authorized = path != "/auth"
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {await self._bearer()}"} if authorized else {}
            try:
                answer = await self._http.request(method, path, json=body, params=params, headers=headers)
            except httpx.RequestError as error:  # time-outs, refused or dropped connections
                raise TseUnavailableError(f"{method} {path}: no answer ({error!r})") from error
            if answer.status_code == 401 and authorized and attempt == 1:
                self._token = None  # revoked or expired early: one new token, one more try
                continue
            break
        if answer.status_code >= 500:
            raise TseUnavailableError(f"{method} {path}: HTTP {answer.status_code}")
        if answer.status_code >= 400:
            raise _refusal(answer)
        return answer

    # ------------------------------------------------------------------ the till's client

    async def register_client(self, serial_number: str, *, admin_pin: str) -> str:
        """Register this till (``client_id``) with its serial number; returns the serial the TSS keeps.

        Registering needs the TSS admin login, which this opens and closes again.
        """
        tss = f"/tss/{self.tss_id}"
        await self._send("POST", f"{tss}/admin/auth", {"admin_pin": admin_pin})
        try:
            answer = await self._send(
                "PUT", f"{tss}/client/{self.client_id}", {"serial_number": serial_number}
            )
        finally:
            await self._send("POST", f"{tss}/admin/logout", {})
        return str(_json_object(answer).get("serial_number", ""))

    async def read_tss(self) -> dict[str, Any]:
        """The TSS as fiskaly describes it (``state``, ``serial_number``, ``certificate`` as PEM, …):
        the back office's "TSE prüfen"."""
        return _json_object(await self._send("GET", f"/tss/{self.tss_id}"))

    # ------------------------------------------------------------------ transactions

    async def _put_tx(self, tx_id: str, revision: int, body: dict[str, Any]) -> dict[str, Any]:
        path = f"/tss/{self.tss_id}/tx/{tx_id}"
        answer = _json_object(await self._send("PUT", path, body, params={"tx_revision": revision}))
        latest = answer.get("latest_revision")
        self._revisions[tx_id] = latest if isinstance(latest, int) else revision
        return answer

    async def _next_revision(self, tx_id: str) -> int:
        if tx_id not in self._revisions:
            await self.read(tx_id)  # after a restart: learn where the transaction stands
        return self._revisions[tx_id] + 1

    async def start(self, tx_id: str) -> TseStarted:
        body = await self._put_tx(tx_id, 1, {"state": TxState.ACTIVE.value, "client_id": self.client_id})
        return _started(tx_id, body)

    async def update(self, tx_id: str, receipt: KassenbelegV1) -> TseStarted:
        request = {
            "state": TxState.ACTIVE.value,
            "client_id": self.client_id,
            "schema": fiskaly_receipt_schema(receipt),
        }
        return _started(tx_id, await self._put_tx(tx_id, await self._next_revision(tx_id), request))

    async def finish(self, tx_id: str, receipt: KassenbelegV1) -> TseFinished:
        return await self._close(tx_id, TxState.FINISHED, receipt)

    async def cancel(self, tx_id: str, receipt: KassenbelegV1 | None = None) -> TseFinished:
        receipt = receipt or KassenbelegV1.abort()
        if receipt.receipt_type is not ReceiptType.AV_BELEGABBRUCH or receipt.payments():
            raise ValueError("a cancelled transaction is an AVBelegabbruch without payments")
        return await self._close(tx_id, TxState.CANCELLED, receipt)

    async def _close(self, tx_id: str, state: TxState, receipt: KassenbelegV1) -> TseFinished:
        request = {
            "state": state.value,
            "client_id": self.client_id,
            "schema": fiskaly_receipt_schema(receipt),
        }
        body = await self._put_tx(tx_id, await self._next_revision(tx_id), request)
        finished = _finished(tx_id, body)
        if finished.state is not state:
            raise TseUnavailableError(f"the TSE answered state {finished.state} to {state}")
        return finished

    async def read(self, tx_id: str) -> TseRecord:
        body = _json_object(await self._send("GET", f"/tss/{self.tss_id}/tx/{tx_id}"))
        started = _started(tx_id, body)
        self._revisions[tx_id] = started.revision
        try:
            state = TxState(str(body.get("state")))
        except ValueError as error:
            raise TseUnavailableError(f"unreadable TSE transaction state: {error}") from error
        finished = None if state is TxState.ACTIVE else _finished(tx_id, body)
        return TseRecord(tx_id, state, started.number, started.revision, started.time_start, finished)

    # ------------------------------------------------------------------ TSS export (TAR)

    async def start_export(self, export_id: str) -> str:
        """Ask for the TSS's export (every log message); returns its state. One at a time per TSS."""
        answer = await self._send("PUT", f"/tss/{self.tss_id}/export/{export_id}", {})
        return str(_json_object(answer).get("state", ""))

    async def export_state(self, export_id: str) -> str:
        answer = await self._send("GET", f"/tss/{self.tss_id}/export/{export_id}")
        return str(_json_object(answer).get("state", ""))

    async def download_export(self, export_id: str) -> bytes:
        """The finished export's TAR file."""
        answer = await self._send("GET", f"/tss/{self.tss_id}/export/{export_id}/file")
        return answer.content

    async def export_tar(
        self, export_id: str, *, poll_seconds: float = 2.0, timeout_seconds: float = 600.0
    ) -> bytes:
        """Start the export, poll until it is done, and download the TAR.

        Raises:
            TseExportFailedError: the export ended in a failed state.
            TseUnavailableError: it was not done within ``timeout_seconds``.
        """
        state = await self.start_export(export_id)
        give_up_at = self._clock() + timeout_seconds
        while state not in EXPORT_DONE_STATES:
            if state in EXPORT_FAILED_STATES:
                raise TseExportFailedError(f"TSS export {export_id} ended as {state}")
            if self._clock() >= give_up_at:
                raise TseUnavailableError(f"TSS export {export_id} not done after {timeout_seconds:.0f} s")
            await asyncio.sleep(poll_seconds)
            state = await self.export_state(export_id)
        return await self.download_export(export_id)
