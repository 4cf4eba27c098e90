"""Fault definitions and matching (the HTTP side is in tests/integration/pos_sim)."""

from __future__ import annotations

from typing import Any

import pytest

from pos_sim.faults import FaultBoard, parse_fault, path_matches

START_CASH = "/api/v2/Smart/Transactions/*/start/cash"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v2/Smart/Transactions/STX_1/start/cash", True),
        ("/API/V2/smart/transactions/STX_1/START/CASH", True),
        ("/api/v2/Smart/Transactions/STX_1/start/loyalty", False),
        ("/api/v2/Smart/Transactions/start/cash", False),
        ("/api/v2/Smart/Transactions/a/b/start/cash", False),
    ],
)
def test_star_is_exactly_one_segment_and_case_is_ignored(path: str, expected: bool) -> None:
    assert path_matches(START_CASH, path) is expected


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("/api/v2/**", "/api/v2/Smart/Transactions", True),
        ("/api/v2/**", "/api/v2/Smart/Transactions/STX_1/start/cash", True),
        ("/api/v2/**", "/api/v2", True),
        ("/api/v2/**", "/oauth/token", False),
        ("/**", "/oauth/token", True),
        ("/**", "/_sim/reset", False),
        ("/**", "/_SIM/faults", False),
        ("/_sim/**", "/_sim/reset", False),
    ],
)
def test_double_star_at_the_end_is_any_rest_but_never_an_admin_path(
    pattern: str, path: str, expected: bool
) -> None:
    assert path_matches(pattern, path) is expected


def test_board_fires_count_times_for_the_matching_method_only() -> None:
    board = FaultBoard()
    board.arm(parse_fault({"method": "POST", "path": START_CASH, "fault": "drop_after", "count": 2}))
    request = ("POST", "/api/v2/Smart/Transactions/STX_1/start/cash")

    assert board.take("GET", request[1]) is None
    fired = [board.take(*request) for _ in range(3)]

    assert [f.fault if f else None for f in fired] == ["drop_after", "drop_after", None]
    assert board.armed() == []


def test_defaults_and_clear() -> None:
    board = FaultBoard()
    fault = parse_fault({"path": START_CASH, "fault": "status"})
    assert (fault.method, fault.status, fault.count, fault.latency_ms) == ("*", 503, 1, 0)
    board.arm(fault)
    board.clear()
    assert board.take("POST", "/api/v2/Smart/Transactions/x/start/cash") is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"path": START_CASH},
        {"path": START_CASH, "fault": "boom"},
        {"path": "api/v2", "fault": "latency"},
        {"path": START_CASH, "fault": "latency", "count": "1"},
        {"path": START_CASH, "fault": "status", "status": 700},
        {"path": START_CASH, "fault": "latency", "method": 5},
        {"path": START_CASH, "fault": "latency", "count": 0},
    ],
)
def test_bad_definitions_raise_value_error(data: Any) -> None:
    with pytest.raises(ValueError):
        parse_fault(data)
