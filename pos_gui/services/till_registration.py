"""The till's registration facts (ELSTER §146a(4) AO data sheet) and its DSFinV-K master data.

Since 2025 every till is reported to the tax office (§146a Abs. 4 AO, through ELSTER) with: the
till's serial number, brand and model, its software and version, the purchase date, and its TSE's
serial number and certificate expiry. What the till cannot know itself (serial, brand, model,
purchase date, and the certificate expiry when the signer does not say it) is kept in
``config/till-registration.json`` beside the settings file, written atomically; the shop's name,
address and tax numbers come from the settings (``ShopSettings``), the TSE serial from the
ledger's signed transactions (the TSE's own answer) or else the settings.

:func:`data_sheet` is the page the back office shows and :func:`data_sheet_text` the file it
exports; :func:`till_master_data` is the same facts as the DSFinV-K export's ``Stamm_Kassen``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from pos_gui import __version__
from pos_gui.config.atomic_file import write_text_atomically
from pos_gui.config.settings import Settings
from pos_gui.export.model import Address, TillMasterData

REGISTRATION_FILE = "till-registration.json"
SOFTWARE_NAME = "pos-gui"
DEFAULT_TILL_ID = "KASSE-1"


@dataclass(frozen=True)
class TillRegistration:
    """What store IT types in once (texts; dates as ``YYYY-MM-DD``, empty when not known)."""

    serial_number: str = ""
    brand: str = ""
    model: str = ""
    purchase_date: str = ""
    tse_certificate_expiry: str = ""


def load_registration(config_dir: Path) -> TillRegistration:
    """The saved facts, or empty ones (no file yet, or a file that is not readable JSON)."""
    try:
        data = json.loads((config_dir / REGISTRATION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return TillRegistration()
    if not isinstance(data, dict):
        return TillRegistration()
    known = {item.name for item in fields(TillRegistration)}
    return TillRegistration(**{key: str(value) for key, value in data.items() if key in known})


def save_registration(config_dir: Path, registration: TillRegistration) -> Path:
    path = config_dir / REGISTRATION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps(asdict(registration), indent=2, ensure_ascii=False) + "\n")
    return path


def till_id(settings: Settings, registration: TillRegistration, signed_serial: str = "") -> str:
    """The till's id (Z_KASSE_ID, KASSE_SERIENNR): its serial, else its serial at the TSE."""
    return registration.serial_number or settings.tse.client_serial or signed_serial or DEFAULT_TILL_ID


def _address(name: str, street: str, zip_city: str) -> Address:
    postcode, _, city = zip_city.strip().partition(" ")
    return Address(name or "-", street or "-", postcode or "-", city or "-")


def till_master_data(
    settings: Settings, registration: TillRegistration, *, signed_serial: str = ""
) -> TillMasterData:
    """The export's master data: the till from the registration, the business from the settings."""
    shop = settings.shop
    kasse_id = till_id(settings, registration, signed_serial)
    business = _address(shop.name, shop.street, shop.zip_city)
    return TillMasterData(
        kasse_id=kasse_id,
        serial_number=kasse_id,
        brand=registration.brand or SOFTWARE_NAME,
        model=registration.model or SOFTWARE_NAME,
        software_brand=SOFTWARE_NAME,
        software_version=__version__,
        business=business,
        location=business,
        tax_number=shop.tax_number or "-",
        vat_id=shop.vat_id,
    )


@dataclass(frozen=True)
class DataSheetRow:
    """One fact of the data sheet: its label (German, as ELSTER names it), value and source."""

    label: str
    value: str
    source: str


def data_sheet(
    settings: Settings,
    registration: TillRegistration,
    *,
    tse_serial: str = "",
    tse_certificate_expiry: str = "",
) -> list[DataSheetRow]:
    """The §146a(4) facts in ELSTER's order; ``tse_*`` as the signer or the ledger says, if known."""
    missing = "(nicht erfasst)"
    expiry = tse_certificate_expiry or registration.tse_certificate_expiry
    serial = tse_serial or settings.tse.tss_id
    return [
        DataSheetRow("Seriennummer der Kasse", till_id(settings, registration), "Kassendaten"),
        DataSheetRow("Hersteller der Kasse", registration.brand or missing, "Kassendaten"),
        DataSheetRow("Modell der Kasse", registration.model or missing, "Kassendaten"),
        DataSheetRow("Software", SOFTWARE_NAME, "Programm"),
        DataSheetRow("Softwareversion", __version__, "Programm"),
        DataSheetRow("Anschaffungsdatum", registration.purchase_date or missing, "Kassendaten"),
        DataSheetRow(
            "Seriennummer der TSE",
            serial or missing,
            "TSE (signierte Vorgänge)" if tse_serial else "Einstellungen",
        ),
        DataSheetRow(
            "Ablauf des TSE-Zertifikats",
            expiry or missing,
            "TSE" if tse_certificate_expiry else "Kassendaten",
        ),
        DataSheetRow("Steuernummer", settings.shop.tax_number or missing, "Einstellungen"),
        DataSheetRow("Betrieb", settings.shop.name or missing, "Einstellungen"),
        DataSheetRow(
            "Anschrift",
            ", ".join(part for part in (settings.shop.street, settings.shop.zip_city) if part) or missing,
            "Einstellungen",
        ),
    ]


def data_sheet_text(rows: list[DataSheetRow]) -> str:
    """The data sheet as a CSV file (``;``, UTF-8 with header): what store IT types into ELSTER."""

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = ["Angabe;Wert;Quelle"]
    lines += [";".join(quoted(text) for text in (row.label, row.value, row.source)) for row in rows]
    return "\r\n".join(lines) + "\r\n"
