"""The receipt's QR code content: DSFinV-K Anhang I, version ``V0``.

Twelve fields joined with ``;``: ``V0``, client serial, processType, processData, transaction number,
signature counter, start time, end time (log time), signature algorithm, log time format, signature
(base64), public key (base64). Times are ISO 8601 in UTC with milliseconds and ``Z``.
fiskaly returns this ready-made (``qr_code_data``); a signer that does not, builds it here.
"""

from __future__ import annotations

from datetime import UTC, datetime

QR_VERSION = "V0"


def iso_millis_z(moment: datetime) -> str:
    """``moment`` in UTC as ``2026-08-18T18:38:19.000Z``; a naive datetime is refused."""
    if moment.tzinfo is None:
        raise ValueError("a TSE time must carry its time zone")
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def qr_code_payload(
    *,
    client_serial_number: str,
    process_type: str,
    process_data: str,
    number: int,
    signature_counter: int,
    time_start: datetime,
    time_end: datetime,
    algorithm: str,
    timestamp_format: str,
    signature: str,
    public_key: str,
) -> str:
    """The ``V0;…`` text to put in the receipt's QR code."""
    fields = [
        QR_VERSION,
        client_serial_number,
        process_type,
        process_data,
        str(number),
        str(signature_counter),
        iso_millis_z(time_start),
        iso_millis_z(time_end),
        algorithm,
        timestamp_format,
        signature,
        public_key,
    ]
    return ";".join(fields)
