"""The simulated TSE itself: a real ECDSA key, gapless numbers and counters, signed log messages.

Every log message (a start, an update, a finish) is signed with ECDSA P-256 over SHA-256, in the
"plain" format (``ecdsa-plain-SHA256``: the signature is r ‖ s, 32 bytes each, base64). The key is
made when the TSE is made (at simulator start-up) and never leaves it; the public key is published
as base64 of its uncompressed X9.62 point, and the TSS serial number is the hex SHA-256 of that
point (as a real TSE's serial is the hash of its public key).

The signing data of a log message is the UTF-8 text of these eight fields, joined with ``\\n``
(a test rebuilds it from the tx answer to verify the signature):

    operation            START_TRANSACTION, UPDATE_TRANSACTION or FINISH_TRANSACTION (``log.operation``)
    tss serial number    ``tss_serial_number``
    client serial number ``client_serial_number``
    transaction number   ``number``
    signature counter    ``signature.counter``
    log time             unix seconds (``log.timestamp``)
    process type         ``schema.raw.process_type`` ("" on a start)
    process data         ``schema.raw.process_data`` decoded from base64 ("" on a start)

This is the simulator's own documented format, not the BSI TR-03151 ASN.1 log message.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

SIGNATURE_ALGORITHM = "ecdsa-plain-SHA256"
TIMESTAMP_FORMAT = "unixTime"
COORDINATE_BYTES = 32  # P-256
# A TSE's certificate is valid for a few years (BSI: usually five); the simulated one from its start.
CERTIFICATE_VALID_DAYS = 5 * 365


@dataclass(frozen=True)
class LogMessage:
    """One signed log message, as the TSE keeps it for the export."""

    operation: str
    client_serial_number: str
    number: int
    counter: int
    timestamp: int
    process_type: str
    process_data: str
    signing_data: bytes
    signature: str  # base64 of r ‖ s


def signing_data(
    *,
    operation: str,
    tss_serial_number: str,
    client_serial_number: str,
    number: int,
    counter: int,
    timestamp: int,
    process_type: str,
    process_data: str,
) -> bytes:
    """The bytes a log message's signature is over (see the module docstring)."""
    fields = [
        operation,
        tss_serial_number,
        client_serial_number,
        str(number),
        str(counter),
        str(timestamp),
        process_type,
        process_data,
    ]
    return "\n".join(fields).encode("utf-8")


class SimulatedTse:
    """One TSS's secure element: its key, its transaction numbers and its signature counter.

    Args:
        clock: unix seconds (the TSE fixes every time), replaceable in tests.
    """

    def __init__(
        self, clock: Callable[[], float] = time.time, *, certificate_valid_days: int = CERTIFICATE_VALID_DAYS
    ) -> None:
        self._key = ec.generate_private_key(ec.SECP256R1())
        point = self._key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.public_key = base64.b64encode(point).decode("ascii")
        self.serial_number = hashlib.sha256(point).hexdigest()
        self._clock = clock
        self._last_number = 0
        self._last_counter = 0
        self.log: list[LogMessage] = []
        self.certificate = self.make_certificate(certificate_valid_days)

    def make_certificate(self, valid_days: int) -> str:
        """A self-signed X.509 certificate (PEM) of the TSE's key, valid from now for
        ``valid_days`` (the real TSS answers with its BSI-issued one in the field ``certificate``)."""
        from datetime import UTC, datetime, timedelta

        from cryptography import x509
        from cryptography.x509.oid import NameOID

        now = datetime.fromtimestamp(self._clock(), UTC)
        name = x509.Name(
            [x509.NameAttribute(NameOID.COMMON_NAME, f"Simulated TSE {self.serial_number[:16]}")]
        )
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self._key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=valid_days))
            .sign(self._key, hashes.SHA256())
        )
        return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def now(self) -> int:
        return int(self._clock())

    def next_transaction_number(self) -> int:
        self._last_number += 1
        return self._last_number

    def sign(
        self, operation: str, client_serial_number: str, number: int, process_type: str, process_data: str
    ) -> LogMessage:
        """Sign one log message now, with the next signature counter, and keep it."""
        self._last_counter += 1
        timestamp = self.now()
        data = signing_data(
            operation=operation,
            tss_serial_number=self.serial_number,
            client_serial_number=client_serial_number,
            number=number,
            counter=self._last_counter,
            timestamp=timestamp,
            process_type=process_type,
            process_data=process_data,
        )
        r, s = decode_dss_signature(self._key.sign(data, ec.ECDSA(hashes.SHA256())))
        plain = r.to_bytes(COORDINATE_BYTES, "big") + s.to_bytes(COORDINATE_BYTES, "big")
        message = LogMessage(
            operation=operation,
            client_serial_number=client_serial_number,
            number=number,
            counter=self._last_counter,
            timestamp=timestamp,
            process_type=process_type,
            process_data=process_data,
            signing_data=data,
            signature=base64.b64encode(plain).decode("ascii"),
        )
        self.log.append(message)
        return message
