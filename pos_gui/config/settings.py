"""The till's settings: one typed model with defaults, saved as JSON in the config directory.

Secrets (client secret, refresh token) never live here: they go to the key store
(``pos_gui.config.secrets``). A test reads the saved file to prove it.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pos_gui.config.paths import AppPaths

logger = logging.getLogger("pos_gui.config")


class Profile(enum.StrEnum):
    """Which server the till talks to. DEMO is the embedded simulator."""

    DEMO = "demo"
    TESTING = "testing"
    LIVE = "live"


API_URLS: dict[Profile, str] = {
    Profile.TESTING: "https://connect-testing.secuconnect.com",
    Profile.LIVE: "https://connect.secucard.com",
}

PrinterKind = Literal["none", "file", "network", "usb", "serial", "system"]


class PrinterSettings(BaseModel):
    """Where receipts go and how wide they are.

    Attributes:
        kind: ``none`` (preview only), ``file`` (raw ESC/POS bytes to ``address``, a path),
            ``network`` (``address`` = ``host[:port]``, port 9100 by default), ``usb``
            (``address`` = ``vendor:product`` in hex, e.g. ``04b8:0202``), ``serial``
            (``address`` = device path, e.g. ``/dev/ttyUSB0`` or ``COM3``), ``system`` (the
            operating system's printer through Qt).
        width: characters per line: 32 (58 mm), 42 or 48 (80 mm).
        code_page: the printer code page; CP858 prints € and German umlauts.
        auto_print: print the customer receipt after every sale without asking.
        ask_before_print: ask "Beleg drucken?" instead (only when ``auto_print`` is off).
        open_drawer_after_cash: kick the cash drawer after a cash payment.
    """

    model_config = ConfigDict(extra="ignore")

    kind: PrinterKind = "none"
    address: str = ""
    width: Literal[32, 42, 48] = 42
    code_page: str = "CP858"
    auto_print: bool = True
    ask_before_print: bool = False
    open_drawer_after_cash: bool = True


class Settings(BaseModel):
    """Everything the till remembers between starts (no secrets).

    ``profile`` is ``None`` until the first-run setup has been completed.
    """

    model_config = ConfigDict(extra="ignore")

    profile: Profile | None = None
    api_url: str | None = None
    client_id: str | None = None
    device_uuid: str = "/vendor/pos-gui/cashier/1"
    language: Literal["de", "en"] = "de"
    printer: PrinterSettings = Field(default_factory=PrinterSettings)

    @property
    def is_configured(self) -> bool:
        """Whether the first-run setup has been completed (a profile has been chosen)."""
        return self.profile is not None


def load_settings(paths: AppPaths) -> Settings:
    """The saved settings, or the defaults when there is no file yet.

    A broken file (not JSON, wrong types) never stops the till: it is kept beside as
    ``settings.json.broken`` for support, a warning is logged, and the defaults are returned, so the
    first-run setup is offered again.
    """
    path = paths.settings_file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        logger.warning("Cannot read the settings file %s (%s); using the defaults", path, error)
        return Settings()
    try:
        return Settings.model_validate_json(text)
    except ValidationError as error:
        logger.warning(
            "The settings file %s is broken (%d problems, first: %s); using the defaults",
            path,
            error.error_count(),
            error.errors()[0]["msg"] if error.errors() else "?",
        )
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".broken"))
    return Settings()


def save_settings(paths: AppPaths, settings: Settings) -> Path:
    """Write the settings as JSON, atomically: a crash mid-write leaves the old file intact.

    Returns the path written.
    """
    path = paths.settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    # The temporary file lives in the same folder, so os.replace is a rename on one file system.
    handle, temp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def delete_settings(paths: AppPaths) -> None:
    """Remove the settings file (``--reset-setup``); the next start offers the first-run setup."""
    paths.settings_file.unlink(missing_ok=True)


class _ForgetsSecrets(Protocol):
    def delete_all(self) -> None: ...


def reset_setup(paths: AppPaths, secrets: _ForgetsSecrets) -> None:
    """``--reset-setup``: forget the settings and every secret; the next start asks again."""
    delete_settings(paths)
    secrets.delete_all()
    logger.warning("Setup reset: settings and secrets deleted, the first-run setup will be shown")


def first_run_setup_needed(
    settings: Settings, *, demo: bool = False, smoke_test: bool = False, api_url: str | None = None
) -> bool:
    """Whether to show the first-run setup: only when nothing is configured and the command line
    did not already decide (``--demo`` runs the simulator, ``--smoke-test`` and ``--api-url`` never ask).
    """
    if demo or smoke_test or api_url:
        return False
    return not settings.is_configured
