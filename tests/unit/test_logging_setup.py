"""The log file, its rotation, and the redaction of secrets."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.logging_setup import (
    LOG_FILE_BACKUPS,
    RedactionFilter,
    log_files,
    redact,
    register_secret,
    setup_logging,
    start_log_rotation,
)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """Folders under ``tmp_path`` (``tests/conftest.py`` undoes ``setup_logging``)."""
    return resolve_paths(tmp_path)


@pytest.mark.parametrize(
    ("line", "leaked"),
    [
        ("Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi.payload.sig"),
        ("POST /oauth/token grant_type=device&client_secret=topsecret&code=1", "topsecret"),
        ('{"access_token": "acc-123", "expires_in": 1200}', "acc-123"),
        ("{'refresh_token': 'ref-456'}", "ref-456"),
        ("polling with device_code=dev-789", "dev-789"),
        ("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"),
    ],
)
def test_known_secret_shapes_are_masked(line: str, leaked: str) -> None:
    masked = redact(line)
    assert leaked not in masked
    assert "***" in masked


def test_registered_secrets_are_masked_wherever_they_appear() -> None:
    register_secret("kx9-registered-value")
    register_secret("ab")  # too short to mask safely: ignored
    assert redact("value kx9-registered-value in the middle") == "value *** in the middle"
    assert redact("ab stays") == "ab stays"


def test_ordinary_lines_are_left_alone() -> None:
    line = "Transaction STX_123 paid: 7,96 EUR, missing_sum 500"
    assert redact(line) == line


def test_log_file_gets_named_loggers_and_masks_secrets(paths: AppPaths) -> None:
    log_file = setup_logging(paths, console=False)
    register_secret("hunter2-refresh")
    logging.getLogger("pos_gui.api.auth").info("token %s and Bearer abc.def", "hunter2-refresh")
    try:
        raise RuntimeError("failed with client_secret=very-secret")
    except RuntimeError:
        logging.getLogger("pos_gui.app").exception("it broke")
    text = log_file.read_text(encoding="utf-8")
    assert "pos_gui.api.auth: token *** and Bearer ***" in text
    assert "client_secret=***" in text
    assert "hunter2-refresh" not in text
    assert "very-secret" not in text
    assert "abc.def" not in text


def test_httpx_info_lines_are_not_written(paths: AppPaths) -> None:
    log_file = setup_logging(paths, console=False)
    logging.getLogger("httpx").info('HTTP Request: POST https://x/oauth/token "HTTP/1.1 200 OK"')
    logging.getLogger("httpx").warning("httpx warning stays")
    text = log_file.read_text(encoding="utf-8")
    assert "HTTP Request" not in text
    assert "httpx warning stays" in text


def test_debug_lines_only_with_debug(paths: AppPaths) -> None:
    log_file = setup_logging(paths, console=False)
    logging.getLogger("pos_gui.x").debug("quiet detail")
    setup_logging(paths, debug=True, console=False)  # a second call replaces the first's handlers
    logging.getLogger("pos_gui.x").debug("loud detail")
    text = log_file.read_text(encoding="utf-8")
    assert "quiet detail" not in text
    assert text.count("loud detail") == 1


def test_log_file_rotates(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pos_gui.logging_setup.LOG_FILE_MAX_BYTES", 2_000)
    setup_logging(paths, console=False)
    for number in range(400):
        logging.getLogger("pos_gui.rotation").info("line %d %s", number, "x" * 40)
    files = log_files(paths)
    assert len(files) == LOG_FILE_BACKUPS + 1
    assert files[-1] == paths.log_file  # newest last
    assert "line 399" in files[-1].read_text(encoding="utf-8")


def test_filter_survives_bad_format_arguments() -> None:
    record = logging.LogRecord("pos_gui", logging.INFO, __file__, 1, "%d apples", ("many",), None)
    assert RedactionFilter().filter(record)
    assert "apples" in record.getMessage()


def test_rotation_started_later_keeps_the_earlier_lines_and_their_masking(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pos_gui.logging_setup.LOG_FILE_MAX_BYTES", 2_000)
    log_file = setup_logging(paths, console=False, rotate=False)
    for number in range(100):
        logging.getLogger("pos_gui.start").info("before the window %d %s", number, "x" * 40)
    assert log_files(paths) == [log_file]  # no rotation yet: the file only grows
    register_secret("late-secret-value")
    start_log_rotation()
    start_log_rotation()  # twice is harmless
    logging.getLogger("pos_gui.start").info("after the window, token late-secret-value")
    for number in range(100):
        logging.getLogger("pos_gui.start").info("more %d %s", number, "y" * 40)
    files = log_files(paths)
    assert len(files) == LOG_FILE_BACKUPS + 1
    everything = "".join(path.read_text(encoding="utf-8") for path in files)
    assert "before the window 99" in everything
    assert "after the window, token ***" in everything
    assert "late-secret-value" not in everything
