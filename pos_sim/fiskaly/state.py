"""The simulated fiskaly SIGN DE v2 account: tokens, one ready TSS, its clients, transactions, exports.

For the demo the TSS is created ready to use (state ``INITIALIZED``, admin PIN set) with a fixed id,
and one till client is registered; the TSE fixes every number, counter, time and signature
(:mod:`pos_sim.fiskaly.tse`). Revisions work as fiskaly documents them: a tx starts at revision 1,
each change sends the next revision, and the same revision with the same body again (a retry after
a lost answer) gets the same answer, with no second number or signature.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos_sim.fiskaly.errors import FiskalyError
from pos_sim.fiskaly.export import export_tar
from pos_sim.fiskaly.receipt import EMPTY_ABORT, PROCESS_TYPE, process_data_of, qr_code_data
from pos_sim.fiskaly.tse import SIGNATURE_ALGORITHM, TIMESTAMP_FORMAT, LogMessage, SimulatedTse

DEMO_API_KEY = "test_pos_gui_demo_api_key"
DEMO_API_SECRET = "pos-gui-demo-api-secret"
DEMO_TSS_ID = "6f0c2a1e-1b7d-4c57-9a0e-3d3c5a9e7b01"
DEMO_ADMIN_PIN = "12345"
DEMO_CLIENT_ID = "0b9d6f2a-8e4c-4a61-b2f7-5c1e9d3a4f02"
DEMO_CLIENT_SERIAL = "POS-GUI-DEMO-KASSE-1"
TOKEN_LIFETIME_SECONDS = 3600

TX_STATES = ("ACTIVE", "FINISHED", "CANCELLED")
EXPORT_STEPS = ("PENDING", "WORKING", "COMPLETED")  # one step further per status poll


@dataclass
class _Transaction:
    tx_id: str
    number: int
    client_id: str
    client_serial_number: str
    state: str
    revision: int
    time_start: int
    last_request: str  # the latest revision's body, canonical JSON: a retry must match it
    log: LogMessage  # the latest revision's signed log message
    time_end: int | None = None


@dataclass
class _Export:
    export_id: str
    step: int
    tar: bytes


@dataclass
class _Tss:
    tss_id: str
    tse: SimulatedTse
    state: str = "INITIALIZED"
    admin_logged_in: bool = False
    clients: dict[str, str] = field(default_factory=dict)  # client id -> serial number
    transactions: dict[str, _Transaction] = field(default_factory=dict)
    exports: dict[str, _Export] = field(default_factory=dict)


def _canonical(body: Any) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"))


class FiskalySimulator:
    """The fiskaly side of the simulator; every method is one API call and raises :class:`FiskalyError`.

    Args:
        clock: unix seconds, replaceable in tests (token expiry and TSE times).
    """

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, float] = {}  # access token -> expiry (unix seconds)
        self._refresh_tokens: set[str] = set()
        tss = _Tss(DEMO_TSS_ID, SimulatedTse(clock))
        tss.clients[DEMO_CLIENT_ID] = DEMO_CLIENT_SERIAL
        self._tss = {tss.tss_id: tss}

    def renew_certificate(self, valid_days: int) -> str:
        """Give the demo TSS a new certificate valid for ``valid_days`` from now (tests, demo)."""
        with self._lock:
            tss = self._tss_of(DEMO_TSS_ID)
            tss.tse.certificate = tss.tse.make_certificate(valid_days)
            return tss.tse.certificate

    # ------------------------------------------------------------------ auth

    def authenticate(self, body: Any) -> dict[str, Any]:
        body = body if isinstance(body, dict) else {}
        with self._lock:
            if body.get("refresh_token") in self._refresh_tokens:
                self._refresh_tokens.discard(body["refresh_token"])
            elif (body.get("api_key"), body.get("api_secret")) != (DEMO_API_KEY, DEMO_API_SECRET):
                raise FiskalyError(401, "E_UNAUTHORIZED", "Invalid api_key or api_secret")
            token, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
            expires_at = self._clock() + TOKEN_LIFETIME_SECONDS
            self._tokens[token] = expires_at
            self._refresh_tokens.add(refresh)
        return {
            "access_token": token,
            "access_token_expires_in": TOKEN_LIFETIME_SECONDS,
            "access_token_expires_at": int(expires_at),
            "refresh_token": refresh,
            "refresh_token_expires_in": 2 * TOKEN_LIFETIME_SECONDS,
        }

    def check_token(self, token: str | None) -> None:
        with self._lock:
            expires_at = self._tokens.get(token or "")
            if expires_at is None or expires_at <= self._clock():
                raise FiskalyError(401, "E_UNAUTHORIZED", "Missing, unknown or expired access token")

    def expire_tokens(self) -> int:
        """Admin: make every access token invalid (a test of the client's renewal)."""
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
        return count

    # ------------------------------------------------------------------ TSS, admin, clients

    def _tss_of(self, tss_id: str) -> _Tss:
        tss = self._tss.get(tss_id)
        if tss is None:
            raise FiskalyError(404, "E_TSS_NOT_FOUND", f"TSS {tss_id} not found")
        return tss

    def tss(self, tss_id: str) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            return {
                "_id": tss.tss_id,
                "_type": "TSS",
                "state": tss.state,
                "serial_number": tss.tse.serial_number,
                "public_key": tss.tse.public_key,
                "certificate": tss.tse.certificate,
                "signature_algorithm": SIGNATURE_ALGORITHM,
                "signature_timestamp_format": TIMESTAMP_FORMAT,
                "number_registered_clients": len(tss.clients),
            }

    def admin_login(self, tss_id: str, body: Any) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            if not isinstance(body, dict) or body.get("admin_pin") != DEMO_ADMIN_PIN:
                raise FiskalyError(403, "E_ADMIN_PIN_INVALID", "Wrong admin PIN")
            tss.admin_logged_in = True
        return {}

    def admin_logout(self, tss_id: str) -> dict[str, Any]:
        with self._lock:
            self._tss_of(tss_id).admin_logged_in = False
        return {}

    def _client_view(self, tss: _Tss, client_id: str) -> dict[str, Any]:
        return {
            "_id": client_id,
            "_type": "CLIENT",
            "serial_number": tss.clients[client_id],
            "tss_id": tss.tss_id,
            "state": "REGISTERED",
        }

    def register_client(self, tss_id: str, client_id: str, body: Any) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            serial = body.get("serial_number") if isinstance(body, dict) else None
            if not isinstance(serial, str) or not serial.strip():
                raise FiskalyError(400, "E_CLIENT_SERIAL_MISSING", "serial_number is required")
            if client_id in tss.clients:
                if tss.clients[client_id] != serial:
                    raise FiskalyError(
                        409, "E_CLIENT_CONFLICT", f"client {client_id} has another serial number"
                    )
                return self._client_view(tss, client_id)  # registering again is harmless
            if not tss.admin_logged_in:
                raise FiskalyError(401, "E_ADMIN_NOT_AUTHENTICATED", "Log in as the TSS admin first")
            tss.clients[client_id] = serial
            return self._client_view(tss, client_id)

    def client(self, tss_id: str, client_id: str) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            if client_id not in tss.clients:
                raise FiskalyError(404, "E_CLIENT_NOT_FOUND", f"client {client_id} not found")
            return self._client_view(tss, client_id)

    # ------------------------------------------------------------------ transactions

    def put_transaction(self, tss_id: str, tx_id: str, revision: int | None, body: Any) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            if tss.state != "INITIALIZED":
                raise FiskalyError(400, "E_TSS_NOT_INITIALIZED", f"TSS {tss_id} is {tss.state}")
            if revision is None or revision < 1:
                raise FiskalyError(400, "E_TX_REVISION_MISSING", "tx_revision must be a positive integer")
            if not isinstance(body, dict) or body.get("state") not in TX_STATES:
                raise FiskalyError(400, "E_TX_STATE_INVALID", f"state must be one of {', '.join(TX_STATES)}")
            client_id = body.get("client_id")
            if client_id not in tss.clients:
                raise FiskalyError(400, "E_CLIENT_NOT_FOUND", f"client {client_id} is not registered")
            request = _canonical(body)
            transaction = tss.transactions.get(tx_id)
            if transaction is None:
                return self._view(tss, self._start(tss, tx_id, revision, body))
            if revision == transaction.revision and request == transaction.last_request:
                return self._view(tss, transaction)  # a retry after a lost answer: same answer again
            if revision != transaction.revision + 1:
                raise FiskalyError(
                    409,
                    "E_TX_REVISION_CONFLICT",
                    f"tx_revision {revision} does not follow the latest revision {transaction.revision}",
                )
            if transaction.state != "ACTIVE":
                raise FiskalyError(
                    409, "E_TX_ALREADY_FINISHED", f"transaction {tx_id} is {transaction.state}"
                )
            if client_id != transaction.client_id:
                raise FiskalyError(
                    400, "E_CLIENT_MISMATCH", "a transaction stays with the client that started it"
                )
            self._change(tss, transaction, body, request)
            return self._view(tss, transaction)

    def _start(self, tss: _Tss, tx_id: str, revision: int, body: dict[str, Any]) -> _Transaction:
        if revision != 1:
            raise FiskalyError(
                409, "E_TX_REVISION_CONFLICT", f"transaction {tx_id} does not exist: revision 1 starts it"
            )
        if body["state"] != "ACTIVE":
            raise FiskalyError(400, "E_TX_STATE_INVALID", "a new transaction starts ACTIVE")
        serial = tss.clients[body["client_id"]]
        number = tss.tse.next_transaction_number()
        log = tss.tse.sign("START_TRANSACTION", serial, number, "", "")
        transaction = _Transaction(
            tx_id, number, body["client_id"], serial, "ACTIVE", 1, log.timestamp, _canonical(body), log
        )
        tss.transactions[tx_id] = transaction
        return transaction

    def _change(self, tss: _Tss, transaction: _Transaction, body: dict[str, Any], request: str) -> None:
        state = body["state"]
        if "schema" in body:
            process_type, data = PROCESS_TYPE, process_data_of(body["schema"])
        elif state == "CANCELLED":
            process_type, data = PROCESS_TYPE, EMPTY_ABORT
        elif state == "FINISHED":
            raise FiskalyError(
                400, "E_SCHEMA_INVALID", "a finished transaction needs schema.standard_v1.receipt"
            )
        else:
            process_type, data = "", ""
        operation = "UPDATE_TRANSACTION" if state == "ACTIVE" else "FINISH_TRANSACTION"
        log = tss.tse.sign(
            operation, transaction.client_serial_number, transaction.number, process_type, data
        )
        transaction.revision += 1
        transaction.state = state
        transaction.last_request = request
        transaction.log = log
        if state != "ACTIVE":
            transaction.time_end = log.timestamp

    def _view(self, tss: _Tss, transaction: _Transaction) -> dict[str, Any]:
        log = transaction.log
        view: dict[str, Any] = {
            "_id": transaction.tx_id,
            "_type": "TRANSACTION",
            "_env": "TEST",
            "tss_id": tss.tss_id,
            "tss_serial_number": tss.tse.serial_number,
            "client_id": transaction.client_id,
            "client_serial_number": transaction.client_serial_number,
            "number": transaction.number,
            "state": transaction.state,
            "revision": transaction.revision,
            "latest_revision": transaction.revision,
            "time_start": transaction.time_start,
            "schema": {
                "raw": {
                    "process_type": log.process_type,
                    "process_data": base64.b64encode(log.process_data.encode("utf-8")).decode("ascii"),
                }
            },
            "signature": {
                "value": log.signature,
                "algorithm": SIGNATURE_ALGORITHM,
                "counter": log.counter,
                "public_key": tss.tse.public_key,
            },
            "log": {
                "operation": log.operation,
                "timestamp": log.timestamp,
                "timestamp_format": TIMESTAMP_FORMAT,
            },
        }
        if transaction.time_end is not None:
            view["time_end"] = transaction.time_end
            view["qr_code_data"] = qr_code_data(
                client_serial_number=transaction.client_serial_number,
                process_type=log.process_type,
                process_data=log.process_data,
                number=transaction.number,
                counter=log.counter,
                time_start=transaction.time_start,
                time_end=transaction.time_end,
                algorithm=SIGNATURE_ALGORITHM,
                timestamp_format=TIMESTAMP_FORMAT,
                signature=log.signature,
                public_key=tss.tse.public_key,
            )
        return view

    def transaction(self, tss_id: str, tx_id_or_number: str) -> dict[str, Any]:
        """A tx by its id, or by its number when given digits only."""
        with self._lock:
            tss = self._tss_of(tss_id)
            found = tss.transactions.get(tx_id_or_number)
            if found is None and tx_id_or_number.isdigit():
                wanted = int(tx_id_or_number)
                found = next((tx for tx in tss.transactions.values() if tx.number == wanted), None)
            if found is None:
                raise FiskalyError(404, "E_TX_NOT_FOUND", f"transaction {tx_id_or_number} not found")
            return self._view(tss, found)

    # ------------------------------------------------------------------ export

    def _export_view(self, tss: _Tss, export: _Export) -> dict[str, Any]:
        return {
            "_id": export.export_id,
            "_type": "EXPORT",
            "tss_id": tss.tss_id,
            "state": EXPORT_STEPS[export.step],
        }

    def start_export(self, tss_id: str, export_id: str) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            if export_id in tss.exports:
                return self._export_view(tss, tss.exports[export_id])
            running = [export for export in tss.exports.values() if EXPORT_STEPS[export.step] != "COMPLETED"]
            if running:
                raise FiskalyError(
                    429, "E_EXPORT_DUPLICATE_RATE_LIMITED", "Another export of this TSS is running"
                )
            export = _Export(export_id, 0, export_tar(tss.tse))
            tss.exports[export_id] = export
            return self._export_view(tss, export)

    def _export_of(self, tss: _Tss, export_id: str) -> _Export:
        export = tss.exports.get(export_id)
        if export is None:
            raise FiskalyError(404, "E_EXPORT_NOT_FOUND", f"export {export_id} not found")
        return export

    def export_state(self, tss_id: str, export_id: str) -> dict[str, Any]:
        with self._lock:
            tss = self._tss_of(tss_id)
            export = self._export_of(tss, export_id)
            export.step = min(export.step + 1, len(EXPORT_STEPS) - 1)
            return self._export_view(tss, export)

    def export_file(self, tss_id: str, export_id: str) -> bytes:
        with self._lock:
            tss = self._tss_of(tss_id)
            export = self._export_of(tss, export_id)
            if EXPORT_STEPS[export.step] != "COMPLETED":
                raise FiskalyError(409, "E_EXPORT_NOT_COMPLETED", f"export {export_id} is not completed yet")
            return export.tar
