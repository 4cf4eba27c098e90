"""The seed's start/cash response, reproduced field for field (ids, timestamps, TA code aside)."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.integration.pos_sim.helpers import seed_basket_body, seed_response

ID_PATTERN = re.compile(r"^[A-Z]{3}_[A-Z0-9]{30}$")
TIMESTAMP_PATTERN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
# Fields whose values differ per run by nature; their shape is still checked.
VOLATILE_KEYS = {"id", "created", "updated", "last_usage", "last_charge", "trans_id"}


def compare(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Differences in keys (and their order), types and values; volatile values only by shape."""
    problems: list[str] = []
    if type(expected) is not type(actual):
        return [f"{path}: type {type(actual).__name__}, seed has {type(expected).__name__}"]
    if isinstance(expected, dict):
        if list(expected) != list(actual):
            problems.append(f"{path}: keys {list(actual)}, seed has {list(expected)}")
        for key in expected:
            if key not in actual:
                continue
            sub = f"{path}.{key}"
            if key in VOLATILE_KEYS and isinstance(expected[key], str):
                if not isinstance(actual[key], str):
                    problems.append(f"{sub}: not a string")
                elif key in ("created", "updated", "last_usage", "last_charge"):
                    if not TIMESTAMP_PATTERN.match(actual[key]):
                        problems.append(f"{sub}: {actual[key]!r} is not an ISO timestamp with offset")
                elif key == "id" and ID_PATTERN.match(expected[key]) and not ID_PATTERN.match(actual[key]):
                    problems.append(f"{sub}: {actual[key]!r} is not a realistic id")
                elif key == "id" and not ID_PATTERN.match(expected[key]) and expected[key] != actual[key]:
                    problems.append(f"{sub}: {actual[key]!r} != {expected[key]!r}")
                elif key == "trans_id" and not actual[key].isdigit():
                    problems.append(f"{sub}: {actual[key]!r} is not a TA code")
                continue
            problems += compare(expected[key], actual[key], sub)
    elif isinstance(expected, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(actual)} items, seed has {len(expected)}"]
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            problems += compare(want, got, f"{path}[{index}]")
    elif expected != actual:
        problems.append(f"{path}: {actual!r} != {expected!r}")
    return problems


def test_start_cash_without_pre_transaction_matches_the_seed_response(client: httpx.Client) -> None:
    seed = seed_response()
    created = client.post("/api/v2/Smart/Transactions", json=seed_basket_body())
    assert created.status_code == 200, created.text

    started = client.post(f"/api/v2/Smart/Transactions/{created.json()['id']}/start/cash", json={})

    assert started.status_code == 200, started.text
    response = started.json()
    # The TA code is the only receipt value allowed to differ, and it must equal trans_id.
    ta_line = response["receipt"][2]["value"]
    assert ta_line["name"] == "TA Code: "
    assert ta_line["value"] == response["trans_id"]
    ta_line["value"] = seed["receipt"][2]["value"]["value"]
    assert compare(seed, response) == []
    # Ids that name fixed demo objects are the seed's own.
    assert response["merchant"]["id"] == seed["merchant"]["id"]
    assert response["idents"][0]["merchantcard"]["id"] == seed["idents"][0]["merchantcard"]["id"]
    assert response["idents"][0]["customer"]["id"] == seed["idents"][0]["customer"]["id"]
    assert response["id"] == created.json()["id"]


def test_the_comparison_notices_a_changed_value_type_and_key_order() -> None:
    seed = seed_response()
    changed = seed_response()
    changed["basket_info"]["missing_sum"] = None
    changed["trans_id"] = 29187332
    changed["basket"] = {"type": "default", "products": changed["basket"]["products"], "texts": []}
    problems = compare(seed, changed)
    assert any("missing_sum" in p for p in problems)
    assert any("trans_id" in p for p in problems)
    assert any("$.basket: keys" in p for p in problems)
