"""``pos-sim`` as a program: prints its URL, answers within 2 s, keeps ``--state`` across restarts."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

START_LIMIT_SECONDS = 2.0


@contextmanager
def pos_sim(*args: str) -> Iterator[tuple[str, float]]:
    """Run ``pos-sim --port 0 …``; yield its printed URL and the seconds until it answered."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_sim.cli", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stderr is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), (
            url,
            process.stderr.read() if process.poll() is not None else "",
        )
        with httpx.Client(verify=False) as http:
            assert http.get(f"{url}/_sim/health", timeout=5).json() == {"status": "ok"}
        yield url, time.monotonic() - started
    finally:
        process.terminate()
        try:
            exit_code = process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
    assert exit_code == 0


def test_pos_sim_prints_its_url_and_answers_within_two_seconds() -> None:
    with pos_sim() as (url, seconds), httpx.Client(base_url=url, verify=False) as http:
        answer = http.post(
            "/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "demo-till",
                "client_secret": "demo-secret",
            },
        )
        assert answer.status_code == 200
    assert seconds < START_LIMIT_SECONDS


def test_pos_sim_state_file_survives_a_restart(tmp_path: Path) -> None:
    state_file = str(tmp_path / "state.sqlite")
    with pos_sim("--state", state_file) as (url, _), httpx.Client(base_url=url, verify=False) as http:
        http.post(
            "/_sim/cards", json={"cardnumber": "9276000000000094", "cash_balance": 4242}
        ).raise_for_status()
    with pos_sim("--state", state_file) as (url, _), httpx.Client(base_url=url, verify=False) as http:
        cards = {c["card"]["cardnumber"]: c for c in http.get("/_sim/state").json()["cards"]}
        assert cards["9276000000000094"]["cash_balance"] == 4242
