"""The seed documents the project comes from, as test fixtures.

`tests/fixtures/seed-start-cash-response.json` is a byte-for-byte copy of
`shared/reference/seed-start-cash-response.json` (a test checks it while the shared folder sits
beside the checkout), so the suite runs wherever the repository is cloned.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEED_RESPONSE_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "seed-start-cash-response.json"
SHARED_SEED_RESPONSE_PATH = (
    Path(__file__).resolve().parents[3] / "shared" / "reference" / "seed-start-cash-response.json"
)


def seed_response_text() -> str:
    """The seed's start/cash response exactly as the file holds it."""
    return SEED_RESPONSE_PATH.read_text(encoding="utf-8")


def seed_response() -> dict[str, Any]:
    """The seed's start/cash response, parsed."""
    result: dict[str, Any] = json.loads(seed_response_text())
    return result
