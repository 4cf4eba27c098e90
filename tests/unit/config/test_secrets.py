"""Secrets go to the OS key store when there is one, else to a 0600 file; never to the settings."""

from __future__ import annotations

import logging
import stat
import sys
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from pos_gui.app.wiring import secret_store
from pos_gui.config.paths import AppPaths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SERVICE_NAME, SecretStore
from pos_gui.config.settings import Profile, Settings, save_settings
from pos_gui.logging_setup import redact
from tests.helpers.keyrings import MemoryKeyring


class BrokenKeyring(MemoryKeyring):
    """Looks like a real backend but fails on use, like Secret Service without a D-Bus session."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("no D-Bus session")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_secrets_go_to_the_os_key_store(paths: AppPaths, memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(paths)
    assert store.uses_os_key_store
    assert "MemoryKeyring" in store.backend_description
    store.set(REFRESH_TOKEN, "refresh-abc-123")
    store.set(CLIENT_SECRET, "client-secret-xyz")
    assert memory_keyring.passwords[(SERVICE_NAME, REFRESH_TOKEN)] == "refresh-abc-123"
    assert store.get(CLIENT_SECRET) == "client-secret-xyz"
    assert not paths.secrets_fallback_file.exists()
    store.delete(REFRESH_TOKEN)
    store.delete(REFRESH_TOKEN)  # deleting twice is fine
    assert store.get(REFRESH_TOKEN) is None


def test_without_a_key_store_secrets_go_to_a_private_file_with_a_warning(
    paths: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="pos_gui.config.secrets"):
        store = SecretStore(paths, backend=keyring.backends.fail.Keyring())
    assert not store.uses_os_key_store
    assert any("No usable OS key store" in record.getMessage() for record in caplog.records)
    store.set(REFRESH_TOKEN, "refresh-file-456")
    assert "refresh-file-456" in paths.secrets_fallback_file.read_text(encoding="utf-8")
    if sys.platform != "win32":
        assert stat.S_IMODE(paths.secrets_fallback_file.stat().st_mode) == 0o600
    # A new store (the next start) reads it back.
    assert (
        SecretStore(paths, backend=keyring.backends.fail.Keyring()).get(REFRESH_TOKEN) == "refresh-file-456"
    )
    store.delete(REFRESH_TOKEN)
    assert store.get(REFRESH_TOKEN) is None


def test_a_backend_that_fails_on_use_falls_back_to_the_file(paths: AppPaths) -> None:
    store = SecretStore(paths, backend=BrokenKeyring())
    assert not store.uses_os_key_store
    store.set(CLIENT_SECRET, "s3cret-value")
    assert store.get(CLIENT_SECRET) == "s3cret-value"


def test_delete_all_forgets_everything(paths: AppPaths, memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(paths)
    store.set(REFRESH_TOKEN, "refresh-1")
    store.set(CLIENT_SECRET, "secret-1")
    store.delete_all()
    assert memory_keyring.passwords == {}
    file_store = SecretStore(paths, backend=keyring.backends.fail.Keyring())
    file_store.set(REFRESH_TOKEN, "refresh-2")
    file_store.delete_all()
    assert not paths.secrets_fallback_file.exists()


def test_stored_secrets_are_masked_in_log_lines_and_absent_from_settings(
    paths: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    # The store as the composition root builds it: wired to the log redaction.
    store = secret_store(paths)
    store.set(REFRESH_TOKEN, "opaque-token-without-a-key-name")
    save_settings(paths, Settings(profile=Profile.TESTING, client_id="till-1"))
    assert "opaque-token-without-a-key-name" not in paths.settings_file.read_text(encoding="utf-8")
    assert redact("got opaque-token-without-a-key-name back") == "got *** back"


def test_secrets_read_from_the_key_store_are_masked_in_log_lines(
    paths: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    # Stored by an earlier run (or the installer); this run only reads it.
    memory_keyring.set_password(SERVICE_NAME, CLIENT_SECRET, "secret-from-an-earlier-run")
    assert redact("sent secret-from-an-earlier-run") == "sent secret-from-an-earlier-run"
    assert secret_store(paths).get(CLIENT_SECRET) == "secret-from-an-earlier-run"
    assert redact("sent secret-from-an-earlier-run") == "sent ***"


def test_the_store_hands_every_value_it_reads_or_writes_to_on_secret(
    paths: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    seen: list[str | None] = []
    store = SecretStore(paths, on_secret=seen.append)
    store.set(CLIENT_SECRET, "written-value")
    store.get(CLIENT_SECRET)
    store.get(REFRESH_TOKEN)
    assert seen == ["written-value", "written-value", None]
