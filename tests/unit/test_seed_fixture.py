"""The test suite's copy of the seed response is the seed itself."""

from __future__ import annotations

import pytest

from tests.helpers.seed import SEED_RESPONSE_PATH, SHARED_SEED_RESPONSE_PATH


@pytest.mark.skipif(not SHARED_SEED_RESPONSE_PATH.exists(), reason="shared/ is not beside the checkout")
def test_fixture_is_a_byte_for_byte_copy_of_the_shared_seed() -> None:
    assert SEED_RESPONSE_PATH.read_bytes() == SHARED_SEED_RESPONSE_PATH.read_bytes()
