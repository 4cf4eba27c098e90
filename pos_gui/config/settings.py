"""The till's settings: typed records with defaults, saved as JSON in the config directory.

Secrets (client secret, refresh token) never live here: they go to the key store
(``pos_gui.config.secrets``). A test reads the saved file to prove it.

The settings are read before the till window is shown, so this module uses the standard library
only: plain frozen dataclasses checked in ``__post_init__``, and a reader that names what is wrong
with a broken file. (With pydantic the import alone cost a fifth of a second of every start.)
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, get_args

from pos_gui.config.atomic_file import write_text_atomically
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
PaperWidth = Literal[32, 42, 48]
Language = Literal["de", "en"]


class SettingsError(ValueError):
    """A settings value of the wrong type or outside its allowed values; says which field."""


def _check_type(owner: str, name: str, value: object, expected: type | tuple[type, ...]) -> None:
    # bool is an int in Python; a width of True is still wrong.
    if isinstance(value, bool) and expected in (int, str):
        raise SettingsError(f"{owner}.{name}: expected {expected.__name__}, got {value!r}")
    if not isinstance(value, expected):
        names = expected.__name__ if isinstance(expected, type) else " or ".join(t.__name__ for t in expected)
        raise SettingsError(f"{owner}.{name}: expected {names}, got {value!r}")


def _check_choice(owner: str, name: str, value: object, allowed: tuple[object, ...]) -> None:
    if isinstance(value, bool) or value not in allowed:
        raise SettingsError(f"{owner}.{name}: {value!r} is not one of {', '.join(map(repr, allowed))}")


@dataclass(frozen=True)
class PrinterSettings:
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

    kind: PrinterKind = "none"
    address: str = ""
    width: PaperWidth = 42
    code_page: str = "CP858"
    auto_print: bool = True
    ask_before_print: bool = False
    open_drawer_after_cash: bool = True

    def __post_init__(self) -> None:
        _check_choice("printer", "kind", self.kind, get_args(PrinterKind))
        _check_type("printer", "address", self.address, str)
        _check_choice("printer", "width", self.width, get_args(PaperWidth))
        _check_type("printer", "code_page", self.code_page, str)
        for flag in ("auto_print", "ask_before_print", "open_drawer_after_cash"):
            _check_type("printer", flag, getattr(self, flag), bool)

    @classmethod
    def from_json(cls, data: object) -> PrinterSettings:
        """From the ``printer`` object of the settings file; unknown keys are ignored."""
        if not isinstance(data, dict):
            raise SettingsError(f"printer: expected an object, got {data!r}")
        return cls(**_known_fields(cls, data))


@dataclass(frozen=True)
class ShopSettings:
    """The seller every receipt names (UStG §14, KassenSichV): name, address, tax numbers."""

    name: str = ""
    street: str = ""
    zip_city: str = ""
    tax_number: str = ""  # Steuernummer
    vat_id: str = ""  # USt-IdNr.

    def __post_init__(self) -> None:
        for name in ("name", "street", "zip_city", "tax_number", "vat_id"):
            _check_type("shop", name, getattr(self, name), str)

    def receipt_lines(self) -> tuple[str, ...]:
        """The receipt head: name, street, zip and city, the tax numbers; empty ones left out."""
        lines = [self.name, self.street, self.zip_city]
        if self.tax_number:
            lines.append(f"St.-Nr. {self.tax_number}")
        if self.vat_id:
            lines.append(f"USt-IdNr. {self.vat_id}")
        return tuple(line.strip() for line in lines if line.strip())


TseSignerKind = Literal["fiskaly", "none"]


@dataclass(frozen=True)
class TseSettings:
    """The TSE the till signs with (store IT). The API secret lives in the key store.

    Attributes:
        signer: ``fiskaly`` (fiskaly SIGN DE v2) or ``none`` (demo only; live mode refuses it).
        api_url: fiskaly's API root.
        api_key: the fiskaly API key.
        tss_id: the TSS this till signs with.
        client_id: the till's client at that TSS.
        client_serial: the till's serial number there (``ClientID / KassenID``).
    """

    signer: TseSignerKind = "fiskaly"
    api_url: str = "https://kassensichv-middleware.fiskaly.com/api/v2"
    api_key: str = ""
    tss_id: str = ""
    client_id: str = ""
    client_serial: str = ""

    def __post_init__(self) -> None:
        _check_choice("tse", "signer", self.signer, get_args(TseSignerKind))
        for name in ("api_url", "api_key", "tss_id", "client_id", "client_serial"):
            _check_type("tse", name, getattr(self, name), str)

    @property
    def is_configured(self) -> bool:
        return self.signer == "fiskaly" and bool(self.api_key and self.tss_id and self.client_id)


@dataclass(frozen=True)
class CentralSettings:
    """The chain's central database the till copies its ledger to (``docs/chains.md``).

    Attributes:
        dsn: libpq connection string *without* the password (that is in the key store under
            ``central_db_password``); empty: the till does not replicate.
        store_id: the store the till belongs to, for the central per-store views.
    """

    dsn: str = ""
    store_id: str = ""

    def __post_init__(self) -> None:
        for name in ("dsn", "store_id"):
            _check_type("central", name, getattr(self, name), str)

    @property
    def is_configured(self) -> bool:
        return bool(self.dsn.strip())


@dataclass(frozen=True)
class Settings:
    """Everything the till remembers between starts (no secrets).

    ``profile`` is ``None`` until the first-run setup has been completed. Settings are immutable:
    ``settings.replace(printer=…)`` gives the changed copy to save.
    """

    profile: Profile | None = None
    api_url: str | None = None
    client_id: str | None = None
    device_uuid: str = "/vendor/pos-gui/cashier/1"
    language: Language = "de"
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    shop: ShopSettings = field(default_factory=ShopSettings)
    tse: TseSettings = field(default_factory=TseSettings)
    central: CentralSettings = field(default_factory=CentralSettings)
    # The till locks (login again with the PIN) after this many minutes without a sale action; 0: never.
    idle_lock_minutes: int = 5
    # The touch grid's "Favoriten" page: article numbers in the order shown (docs/catalog.md).
    favourite_articles: tuple[str, ...] = ()
    # Show the touch grid (F7) when the till starts: a touch till wants it, a scanner till not.
    product_grid_at_start: bool = False

    def __post_init__(self) -> None:
        if self.profile is not None and not isinstance(self.profile, Profile):
            _check_choice("settings", "profile", self.profile, tuple(Profile))
            # The JSON file holds the profile's value; the enum member is what the till compares.
            object.__setattr__(self, "profile", Profile(self.profile))
        for optional_text in ("api_url", "client_id"):
            value = getattr(self, optional_text)
            if value is not None:
                _check_type("settings", optional_text, value, str)
        _check_type("settings", "device_uuid", self.device_uuid, str)
        _check_choice("settings", "language", self.language, get_args(Language))
        _check_type("settings", "printer", self.printer, PrinterSettings)
        _check_type("settings", "shop", self.shop, ShopSettings)
        _check_type("settings", "tse", self.tse, TseSettings)
        _check_type("settings", "central", self.central, CentralSettings)
        _check_type("settings", "idle_lock_minutes", self.idle_lock_minutes, int)
        if self.idle_lock_minutes < 0:
            raise SettingsError("settings.idle_lock_minutes: must not be negative")
        # The file holds a JSON list; the record keeps a tuple (it is frozen, and hashable).
        if isinstance(self.favourite_articles, list):
            object.__setattr__(self, "favourite_articles", tuple(self.favourite_articles))
        _check_type("settings", "favourite_articles", self.favourite_articles, tuple)
        for number in self.favourite_articles:
            _check_type("settings", "favourite_articles", number, str)
        _check_type("settings", "product_grid_at_start", self.product_grid_at_start, bool)

    @property
    def is_configured(self) -> bool:
        """Whether the first-run setup has been completed (a profile has been chosen)."""
        return self.profile is not None

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (checked like the original)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_json(cls, data: object) -> Settings:
        """From the parsed settings file; unknown keys are ignored, wrong values raise SettingsError."""
        if not isinstance(data, dict):
            raise SettingsError(f"settings: expected an object, got {type(data).__name__}")
        values = _known_fields(cls, data)
        if "printer" in values:
            values["printer"] = PrinterSettings.from_json(values["printer"])
        records: tuple[tuple[str, type], ...] = (
            ("shop", ShopSettings),
            ("tse", TseSettings),
            ("central", CentralSettings),
        )
        for name, record in records:
            if name in values:
                if not isinstance(values[name], dict):
                    raise SettingsError(f"{name}: expected an object, got {values[name]!r}")
                values[name] = record(**_known_fields(record, values[name]))
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """The settings file's content: plain JSON values (the profile as its value)."""
        data = dataclasses.asdict(self)
        data["profile"] = self.profile.value if self.profile is not None else None
        return data


def _known_fields(record: type, data: dict[str, Any]) -> dict[str, Any]:
    # Keys written by a newer or older till are ignored, so a downgrade still starts.
    names = {item.name for item in dataclasses.fields(record)}
    return {key: value for key, value in data.items() if key in names}


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
        return Settings.from_json(json.loads(text))
    except (ValueError, TypeError) as error:
        # json.JSONDecodeError and SettingsError are ValueErrors.
        logger.warning("The settings file %s is broken (%s); using the defaults", path, error)
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".broken"))
    return Settings()


def save_settings(paths: AppPaths, settings: Settings) -> Path:
    """Write the settings as JSON, atomically: a crash mid-write leaves the old file intact.

    Returns the path written.
    """
    path = paths.settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps(settings.to_json(), indent=2, ensure_ascii=False) + "\n")
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
