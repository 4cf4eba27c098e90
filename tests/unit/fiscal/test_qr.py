"""The DSFinV-K Anhang I QR payload (V0) and its time format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pos_gui.fiscal.qr import iso_millis_z, qr_code_payload


def test_the_twelve_fields_in_order() -> None:
    payload = qr_code_payload(
        client_serial_number="KASSE-1",
        process_type="Kassenbeleg-V1",
        process_data="Beleg^4.20_0.00_0.00_0.00_0.00^4.20:Unbar",
        number=1,
        signature_counter=27,
        time_start=datetime(2026, 8, 18, 18, 38, 19, tzinfo=UTC),
        time_end=datetime(2026, 8, 18, 18, 38, 21, 250_000, tzinfo=UTC),
        algorithm="ecdsa-plain-SHA256",
        timestamp_format="unixTime",
        signature="c2lnbmF0dXJl",
        public_key="cHVibGljIGtleQ==",
    )

    assert payload == (
        "V0;KASSE-1;Kassenbeleg-V1;Beleg^4.20_0.00_0.00_0.00_0.00^4.20:Unbar;1;27;"
        "2026-08-18T18:38:19.000Z;2026-08-18T18:38:21.250Z;ecdsa-plain-SHA256;unixTime;"
        "c2lnbmF0dXJl;cHVibGljIGtleQ=="
    )


def test_times_are_utc_with_milliseconds_and_z() -> None:
    berlin_summer = timezone(timedelta(hours=2))

    assert iso_millis_z(datetime(2026, 8, 18, 20, 38, 19, 999_999, tzinfo=berlin_summer)) == (
        "2026-08-18T18:38:19.999Z"
    )


def test_a_time_without_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        iso_millis_z(datetime(2026, 8, 18, 18, 38, 19))
