"""Ids and timestamps shaped like the real server's."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from pos_sim.ids import berlin_timestamp, new_id, new_support_id, new_user_code, stable_id


def test_ids_are_prefix_and_30_upper_case_alphanumerics() -> None:
    ids = {new_id("STX") for _ in range(50)}
    assert len(ids) == 50
    assert all(re.fullmatch(r"STX_[A-Z0-9]{30}", i) for i in ids)
    assert re.fullmatch(r"[0-9a-f]{32}", new_support_id())


def test_stable_ids_repeat_for_the_same_seed_only() -> None:
    assert stable_id("MCD", "9276000000000011") == stable_id("MCD", "9276000000000011")
    assert stable_id("MCD", "9276000000000011") != stable_id("MCD", "9276000000000029")
    assert re.fullmatch(r"MCD_[A-Z0-9]{30}", stable_id("MCD", "x"))


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        (datetime(2020, 9, 17, 7, 18, 14, tzinfo=UTC), "2020-09-17T09:18:14+02:00"),
        (datetime(2026, 1, 5, 12, 0, tzinfo=UTC), "2026-01-05T13:00:00+01:00"),
        (datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC), "2026-03-29T01:59:59+01:00"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "2026-03-29T03:00:00+02:00"),
        (datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC), "2026-10-25T02:59:59+02:00"),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), "2026-10-25T02:00:00+01:00"),
    ],
)
def test_timestamps_are_berlin_time_with_offset(utc: datetime, local: str) -> None:
    assert berlin_timestamp(utc) == local


def test_pairing_codes_have_no_look_alike_characters() -> None:
    codes = "".join(new_user_code() for _ in range(200))
    assert len(codes) == 1600
    assert not set(codes) & set("0o1li")
