"""The till's secrets (client secret, refresh token) in the OS key store, never in the settings file.

``keyring`` picks the platform's store: Windows Credential Manager, macOS Keychain, the Secret
Service (GNOME Keyring, KWallet) on a Linux desktop. A store PC without one (a headless Linux, a
kiosk session without D-Bus) gets keyring's ``fail`` backend; then the secrets go to a JSON file in
the config folder that only the user may read (mode 0600), and a warning says so in the log.

Every value read or written is handed to ``on_secret``; the composition root passes the log
redaction's :func:`pos_gui.logging_setup.register_secret`, so a secret never appears in a log line.
(The store does not import the logging set-up itself: config sits below it in the layers.)
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

import keyring
import keyring.backend
import keyring.errors

from pos_gui.config.atomic_file import write_text_atomically
from pos_gui.config.paths import AppPaths

logger = logging.getLogger("pos_gui.config.secrets")

SERVICE_NAME = "pos-gui"

# The names the till stores.
CLIENT_SECRET = "client_secret"
REFRESH_TOKEN = "refresh_token"
# The chain's central database (pos_gui.replication.central_connection uses the same name).
CENTRAL_DB_PASSWORD = "central_db_password"
# The fiskaly API secret of the till's TSE (the key itself is in the settings).
TSE_API_SECRET = "tse_api_secret"
KNOWN_SECRET_NAMES = (CLIENT_SECRET, REFRESH_TOKEN, CENTRAL_DB_PASSWORD, TSE_API_SECRET)

# Backends that exist but cannot keep anything.
_UNUSABLE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null")


class SecretStore:
    """Named secrets of this till, in the OS key store or (without one) in a 0600 file.

    Args:
        paths: the till's folders; the fallback file is ``paths.secrets_fallback_file``.
        backend: the keyring backend to use; default: what ``keyring.get_keyring()`` chose.
        on_secret: called with every value read or written (``None`` when there is none), before
            it can reach a log line; the till registers it with the log redaction.

    Attributes:
        backend_description: for logs and the support bundle, e.g.
            ``"OS key store (SecretService Keyring)"`` or ``"file /…/secrets.json (mode 0600)"``.
    """

    def __init__(
        self,
        paths: AppPaths,
        *,
        backend: keyring.backend.KeyringBackend | None = None,
        on_secret: Callable[[str | None], None] = lambda value: None,
    ) -> None:
        self._on_secret = on_secret
        self._fallback_file = paths.secrets_fallback_file
        chosen = backend if backend is not None else keyring.get_keyring()
        self._keyring: keyring.backend.KeyringBackend | None = chosen if _is_usable(chosen) else None
        if self._keyring is not None:
            self.backend_description = f"OS key store ({_backend_name(self._keyring)})"
        else:
            self.backend_description = f"file {self._fallback_file} (mode 0600)"
            logger.warning(
                "No usable OS key store (keyring backend %s); secrets are kept in %s, "
                "readable by this user only",
                _backend_name(chosen),
                self._fallback_file,
            )

    @property
    def uses_os_key_store(self) -> bool:
        return self._keyring is not None

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or ``None`` when there is none."""
        if self._keyring is not None:
            value = self._keyring.get_password(SERVICE_NAME, name)
        else:
            value = self._read_file().get(name)
        self._on_secret(value)
        return value

    def set(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``, replacing an earlier one."""
        self._on_secret(value)
        if self._keyring is not None:
            self._keyring.set_password(SERVICE_NAME, name, value)
            return
        stored = self._read_file()
        stored[name] = value
        self._write_file(stored)

    def delete(self, name: str) -> None:
        """Forget the secret called ``name``; no error when there is none."""
        if self._keyring is not None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                self._keyring.delete_password(SERVICE_NAME, name)
            return
        stored = self._read_file()
        if stored.pop(name, None) is not None:
            self._write_file(stored)

    def delete_all(self) -> None:
        """Forget every secret of the till (``--reset-setup``), in the key store and the fallback file."""
        for name in KNOWN_SECRET_NAMES:
            self.delete(name)
        self._fallback_file.unlink(missing_ok=True)

    def _read_file(self) -> dict[str, str]:
        try:
            data: Any = json.loads(self._fallback_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            logger.warning(
                "The secrets file %s is unreadable (%s); treating it as empty", self._fallback_file, error
            )
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(key): str(value) for key, value in data.items() if isinstance(value, str)}

    def _write_file(self, stored: dict[str, str]) -> None:
        folder = self._fallback_file.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_text_atomically(self._fallback_file, json.dumps(stored))


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    """Whether ``backend`` can keep secrets: not the fail/null backend, and a read works."""
    if type(backend).__module__.startswith(_UNUSABLE_BACKENDS):
        return False
    try:
        # A Secret Service backend can look viable and still fail without a D-Bus session.
        backend.get_password(SERVICE_NAME, "__pos_gui_probe__")
    except Exception as error:
        logger.info("Keyring backend %s is not usable: %s", _backend_name(backend), error)
        return False
    return True
