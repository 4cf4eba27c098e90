"""The till's settings: one typed model with defaults, saved as JSON in the config directory.

Secrets (client secret, refresh token) never live here: they go to the key store
(``pos_gui.config.secrets``). A test reads the saved file to prove it.
"""

from __future__ import annotations

import enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
