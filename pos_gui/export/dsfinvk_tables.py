"""The DSFinV-K's tables: file, table name, columns with type, length or decimals, primary key.

The facts of the spec (DSFinV-K 2.x, taxonomy 2.1: chapters 3.1 single records, 3.2 master data,
3.3 cash closing), as pretix's python-dsfinvk models and the official index.xml list them. Both
the writer (index.xml, CSV headers, value formats, length checks) and the checker read this one
list, so the two cannot drift apart.

Column kinds: ``ALPHA`` text with a maximum length (``None``: no limit in the spec), ``NUMERIC``
with a fixed number of decimals, ``TIMESTAMP`` (``YYYY-MM-DDThh:mm:ss``, the till's local time)
and ``DATE`` (``YYYY-MM-DD``). ``money`` marks numeric columns filled from integer cents.
``cut`` marks free text (article texts, names, addresses) that the writer shortens to the
maximum length; any other too-long value (ids, TSE data) is refused, since cutting would
falsify it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TAXONOMY_VERSION = "2.1"
DTD_FILE = "gdpdu-01-09-2004.dtd"
TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"hh:mm:ss'
DATE_FORMAT = "YYYY-MM-DD"


class Kind(StrEnum):
    ALPHA = "AlphaNumeric"
    NUMERIC = "Numeric"
    TIMESTAMP = "Timestamp"
    DATE = "Date"


@dataclass(frozen=True)
class Column:
    """One column: name, kind, and its limits."""

    name: str
    kind: Kind
    description: str
    max_length: int | None = None
    accuracy: int = 0
    money: bool = False
    cut: bool = False


@dataclass(frozen=True)
class Table:
    """One CSV file: its URL in the ZIP, the spec's table name, columns; the first
    ``primary_key_count`` columns form the primary key."""

    file: str
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key_count: int

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _text(name: str, max_length: int | None, description: str, *, cut: bool = False) -> Column:
    return Column(name, Kind.ALPHA, description, max_length=max_length, cut=cut)


def _number(name: str, accuracy: int, description: str) -> Column:
    return Column(name, Kind.NUMERIC, description, accuracy=accuracy)


def _money(name: str, accuracy: int, description: str) -> Column:
    return Column(name, Kind.NUMERIC, description, accuracy=accuracy, money=True)


def _stamp(name: str, description: str) -> Column:
    return Column(name, Kind.TIMESTAMP, description)


# Every table starts with the closing's key; the single-record tables add the receipt's id.
_CLOSING_KEY = (
    _text("Z_KASSE_ID", 50, "ID der (Abschluss-) Kasse"),
    _stamp("Z_ERSTELLUNG", "Zeitpunkt des Kassenabschlusses"),
    _number("Z_NR", 0, "Nr. des Kassenabschlusses"),
)
_RECEIPT_KEY = (*_CLOSING_KEY, _text("BON_ID", 40, "Vorgangs-ID"))
_LINE_NUMBER = _text("POS_ZEILE", 50, "Zeilennummer")
_VAT_KEY = _number("UST_SCHLUESSEL", 0, "ID des USt-Satzes")


def _address(prefix: str, with_tax_ids: bool) -> tuple[Column, ...]:
    columns: tuple[Column, ...] = (
        _text(f"{prefix}NAME", 60, "Name", cut=True),
        _text(f"{prefix}STRASSE", 60, "Straße", cut=True),
        _text(f"{prefix}PLZ", 10, "Postleitzahl"),
        _text(f"{prefix}ORT", 62, "Ort", cut=True),
        _text(f"{prefix}LAND", 3, "Land"),
    )
    if with_tax_ids:
        columns += (_text(f"{prefix}STNR", 20, "Steuernummer"),)
    return (*columns, _text(f"{prefix}USTID", 15, "USt-IdNr."))


CASHPOINT_CLOSING = Table(
    "cashpointclosing.csv",
    "Stamm_Abschluss",
    "Stammdaten des Kassenabschlusses",
    (
        *_CLOSING_KEY,
        Column("Z_BUCHUNGSTAG", Kind.DATE, "Vom Erstellungsdatum abweichender Verbuchungstag"),
        _text("TAXONOMIE_VERSION", 10, "Version der DFKA-Taxonomie-Kasse"),
        _text("Z_START_ID", 40, "Erste BON_ID im Abschluss"),
        _text("Z_ENDE_ID", 40, "Letzte BON_ID im Abschluss"),
        *_address("", with_tax_ids=True),
        _money("Z_SE_ZAHLUNGEN", 2, "Summe aller Zahlungen"),
        _money("Z_SE_BARZAHLUNGEN", 2, "Summe aller Barzahlungen"),
    ),
    3,
)
LOCATION = Table(
    "location.csv",
    "Stamm_Orte",
    "Standort der Kasse",
    (*_CLOSING_KEY, *_address("LOC_", with_tax_ids=False)),
    3,
)
CASH_REGISTER = Table(
    "cashregister.csv",
    "Stamm_Kassen",
    "Stammdaten der Kasse",
    (
        *_CLOSING_KEY,
        _text("KASSE_BRAND", 50, "Marke der Kasse", cut=True),
        _text("KASSE_MODELL", 50, "Modellbezeichnung", cut=True),
        _text("KASSE_SERIENNR", 70, "Seriennummer der Kasse"),
        _text("KASSE_SW_BRAND", 50, "Markenbezeichnung der Software", cut=True),
        _text("KASSE_SW_VERSION", 50, "Version der Software"),
        _text("KASSE_BASISWAEH_CODE", 3, "Basiswährung der Kasse"),
        _text("KEINE_UST_ZUORDNUNG", 1, "UmsatzsteuerNichtErmittelbar"),
    ),
    3,
)
TERMINALS = Table(
    "slaves.csv",
    "Stamm_Terminals",
    "Erfassungsterminals",
    (
        *_CLOSING_KEY,
        _text("TERMINAL_ID", 50, "ID des Terminals"),
        _text("TERMINAL_BRAND", 50, "Marke des Terminals", cut=True),
        _text("TERMINAL_MODELL", 50, "Modellbezeichnung des Terminals", cut=True),
        _text("TERMINAL_SERIENNR", 70, "Seriennummer des Terminals"),
        _text("TERMINAL_SW_BRAND", 50, "Markenbezeichnung der Software", cut=True),
        _text("TERMINAL_SW_VERSION", 50, "Version der Software"),
    ),
    4,
)
AGENCIES = Table(
    "pa.csv",
    "Stamm_Agenturen",
    "Agenturen (Umsätze für fremde Rechnung)",
    (
        *_CLOSING_KEY,
        _number("AGENTUR_ID", 0, "ID der Agentur"),
        *_address("AGENTUR_", with_tax_ids=True),
    ),
    4,
)
VAT = Table(
    "vat.csv",
    "Stamm_USt",
    "Stammdaten zur Umsatzsteuer",
    (
        *_CLOSING_KEY,
        _VAT_KEY,
        _number("UST_SATZ", 2, "Prozentsatz"),
        _text("UST_BESCHR", 55, "Beschreibung", cut=True),
    ),
    4,
)
TSE = Table(
    "tse.csv",
    "Stamm_TSE",
    "Stammdaten der TSE",
    (
        *_CLOSING_KEY,
        _number("TSE_ID", 0, "ID der TSE"),
        _text("TSE_SERIAL", 68, "Seriennummer der TSE"),
        _text("TSE_SIG_ALGO", 30, "Signaturalgorithmus"),
        _text("TSE_ZEITFORMAT", 31, "Format der Log-Time"),
        _text("TSE_PD_ENCODING", 5, "Text-Encoding der processData"),
        _text("TSE_PUBLIC_KEY", 512, "Öffentlicher Schlüssel (base64)"),
        *(
            _text(f"TSE_ZERTIFIKAT_{part}", 1000, f"Zertifikat, Teil {part} (base64)")
            for part in ("I", "II", "III", "IV", "V", "VI", "VII")
        ),
    ),
    4,
)
BUSINESS_CASES = Table(
    "businesscases.csv",
    "Z_GV_Typ",
    "Summen je Geschäftsvorfallart",
    (
        *_CLOSING_KEY,
        _text("GV_TYP", 30, "Typ der Geschäftsvorfall-Art"),
        _text("GV_NAME", 40, "Name der Geschäftsvorfall-Art", cut=True),
        _number("AGENTUR_ID", 0, "ID der Agentur"),
        _VAT_KEY,
        _money("Z_UMS_BRUTTO", 5, "Bruttoumsatz"),
        _money("Z_UMS_NETTO", 5, "Nettoumsatz"),
        _money("Z_UST", 5, "USt"),
    ),
    7,
)
PAYMENT = Table(
    "payment.csv",
    "Z_Zahlart",
    "Summen je Zahlart",
    (
        *_CLOSING_KEY,
        _text("ZAHLART_TYP", 25, "Typ der Zahlart"),
        _text("ZAHLART_NAME", 60, "Name der Zahlart", cut=True),
        _money("Z_ZAHLART_BETRAG", 2, "Betrag"),
    ),
    5,
)
CASH_PER_CURRENCY = Table(
    "cash_per_currency.csv",
    "Z_Waehrungen",
    "Bargeld je Währung",
    (*_CLOSING_KEY, _text("ZAHLART_WAEH", 3, "Währung"), _money("ZAHLART_BETRAG_WAEH", 2, "Betrag")),
    4,
)
TRANSACTIONS = Table(
    "transactions.csv",
    "Bonkopf",
    "Bonkopf (elektronisches Rechnungsdoppel)",
    (
        *_RECEIPT_KEY,
        _number("BON_NR", 0, "Bonnummer"),
        _text("BON_TYP", 30, "Bontyp"),
        _text("BON_NAME", 60, "Zusatz-Beschreibung zum Bontyp", cut=True),
        _text("TERMINAL_ID", 50, "ID des Erfassungsterminals"),
        _number("BON_STORNO", 0, "Storno-Kennzeichen"),
        _stamp("BON_START", "Zeitpunkt des Vorgangsstarts"),
        _stamp("BON_ENDE", "Zeitpunkt der Vorgangsbeendigung"),
        _text("BEDIENER_ID", 50, "Bediener-ID"),
        _text("BEDIENER_NAME", 50, "Bediener-Name", cut=True),
        _money("UMS_BRUTTO", 2, "Brutto-Gesamtumsatz"),
        _text("KUNDE_NAME", 50, "Name des Leistungsempfängers", cut=True),
        _text("KUNDE_ID", 50, "Kundennummer des Leistungsempfängers"),
        _text("KUNDE_TYP", 50, "Art des Leistungsempfängers"),
        _text("KUNDE_STRASSE", 60, "Straße des Leistungsempfängers", cut=True),
        _text("KUNDE_PLZ", 10, "PLZ des Leistungsempfängers"),
        _text("KUNDE_ORT", 62, "Ort des Leistungsempfängers", cut=True),
        _text("KUNDE_LAND", 3, "Land des Leistungsempfängers"),
        _text("KUNDE_USTID", 15, "USt-IdNr. des Leistungsempfängers"),
        _text("BON_NOTIZ", 255, "Zusätzliche Informationen zum Bonkopf", cut=True),
    ),
    4,
)
TRANSACTIONS_VAT = Table(
    "transactions_vat.csv",
    "Bonkopf_USt",
    "Bonkopf je USt-Satz",
    (
        *_RECEIPT_KEY,
        _VAT_KEY,
        _money("BON_BRUTTO", 5, "Bruttoumsatz"),
        _money("BON_NETTO", 5, "Nettoumsatz"),
        _money("BON_UST", 5, "USt"),
    ),
    5,
)
ALLOCATION_GROUPS = Table(
    "allocation_groups.csv",
    "Bonkopf_AbrKreis",
    "Abrechnungskreise",
    (*_RECEIPT_KEY, _text("ABRECHNUNGSKREIS", 50, "z. B. Tischnummer")),
    5,
)
DATA_PAYMENT = Table(
    "datapayment.csv",
    "Bonkopf_Zahlarten",
    "Zahlarten je Bon",
    (
        *_RECEIPT_KEY,
        _text("ZAHLART_TYP", 25, "Typ der Zahlart"),
        _text("ZAHLART_NAME", 60, "Name der Zahlart", cut=True),
        _text("ZAHLWAEH_CODE", 3, "Währungscode"),
        _money("ZAHLWAEH_BETRAG", 2, "Betrag in Fremdwährung"),
        _money("BASISWAEH_BETRAG", 2, "Betrag in Basiswährung"),
    ),
    6,
)
REFERENCES = Table(
    "references.csv",
    "Bon_Referenzen",
    "Referenzen auf andere Vorgänge",
    (
        *_RECEIPT_KEY,
        _LINE_NUMBER,
        _text("REF_TYP", 20, "Art der Referenz"),
        _text("REF_NAME", 40, "Beschreibung der Referenz", cut=True),
        _stamp("REF_DATUM", "Zeitpunkt des referenzierten Kassenabschlusses"),
        _text("REF_Z_KASSE_ID", 50, "ID der referenzierten Kasse"),
        _number("REF_Z_NR", 0, "Nr. des referenzierten Kassenabschlusses"),
        _text("REF_BON_ID", 40, "Referenzierte Vorgangs-ID"),
    ),
    5,
)
TRANSACTIONS_TSE = Table(
    "transactions_tse.csv",
    "TSE_Transaktionen",
    "TSE-Transaktionen",
    (
        *_RECEIPT_KEY,
        _number("TSE_ID", 0, "ID der TSE"),
        _number("TSE_TANR", 0, "Transaktionsnummer"),
        _text("TSE_TA_START", None, "Log-Time der StartTransaction-Operation"),
        _text("TSE_TA_ENDE", None, "Log-Time der FinishTransaction-Operation"),
        _text("TSE_TA_VORGANGSART", 30, "processType"),
        _number("TSE_TA_SIGZ", 0, "Signaturzähler"),
        _text("TSE_TA_SIG", 512, "Signatur"),
        _text("TSE_TA_FEHLER", 200, "Hinweise auf Fehler der TSE", cut=True),
        _text("TSE_VORGANGSDATEN", None, "Daten des Vorgangs (processData)"),
    ),
    5,
)
LINES = Table(
    "lines.csv",
    "Bonpos",
    "Bonpositionen",
    (
        *_RECEIPT_KEY,
        _LINE_NUMBER,
        _text("GUTSCHEIN_NR", 50, "Gutschein-Nr."),
        _text("ARTIKELTEXT", 255, "Artikeltext", cut=True),
        _text("POS_TERMINAL_ID", 50, "ID des Positions-Terminals"),
        _text("GV_TYP", 30, "Geschäftsvorfall-Art"),
        _text("GV_NAME", 40, "Zusatz zur Geschäftsvorfall-Art", cut=True),
        _number("INHAUS", 0, "Verzehr an Ort und Stelle"),
        _number("P_STORNO", 0, "Positionsstorno-Kennzeichnung"),
        _number("AGENTUR_ID", 0, "ID der Agentur"),
        _text("ART_NR", 50, "Artikelnummer"),
        _text("GTIN", 50, "GTIN"),
        _text("WARENGR_ID", 40, "Warengruppen-ID"),
        _text("WARENGR", 50, "Bezeichnung Warengruppe", cut=True),
        _number("MENGE", 3, "Menge"),
        _number("FAKTOR", 3, "Faktor, z. B. Gebindegrößen"),
        _text("EINHEIT", 50, "Maßeinheit"),
        _money("STK_BR", 5, "Preis pro Einheit inkl. USt"),
    ),
    5,
)
LINES_VAT = Table(
    "lines_vat.csv",
    "Bonpos_USt",
    "Bonpositionen je USt-Satz",
    (
        *_RECEIPT_KEY,
        _LINE_NUMBER,
        _VAT_KEY,
        _money("POS_BRUTTO", 5, "Bruttoumsatz"),
        _money("POS_NETTO", 5, "Nettoumsatz"),
        _money("POS_UST", 5, "USt"),
    ),
    6,
)
SUBITEMS = Table(
    "subitems.csv",
    "Bonpos_Zusatzinfo",
    "Zusammensetzung von Warenzusammenstellungen",
    (
        *_RECEIPT_KEY,
        _LINE_NUMBER,
        _text("ZI_ART_NR", 50, "Artikelnummer"),
        _text("ZI_GTIN", 50, "GTIN"),
        _text("ZI_NAME", 50, "Artikelbezeichnung", cut=True),
        _text("ZI_WARENGR_ID", 40, "Warengruppen-ID"),
        _text("ZI_WARENGR", 50, "Bezeichnung Warengruppe", cut=True),
        _number("ZI_MENGE", 3, "Menge"),
        _number("ZI_FAKTOR", 3, "Faktor"),
        _text("ZI_EINHEIT", 50, "Maßeinheit"),
        _number("ZI_UST_SCHLUESSEL", 0, "ID USt-Satz des Basispreises"),
        _money("ZI_BASISPREIS_BRUTTO", 5, "Basispreis brutto"),
        _money("ZI_BASISPREIS_NETTO", 5, "Basispreis netto"),
        _money("ZI_BASISPREIS_UST", 5, "Basispreis USt"),
    ),
    5,
)
ITEM_AMOUNTS = Table(
    "itemamounts.csv",
    "Bonpos_Preisfindung",
    "Preisfindung je Position",
    (
        *_RECEIPT_KEY,
        _LINE_NUMBER,
        _text("TYP", 20, "base_amount, discount oder extra_amount"),
        _VAT_KEY,
        _money("PF_BRUTTO", 5, "Bruttoumsatz"),
        _money("PF_NETTO", 5, "Nettoumsatz"),
        _money("PF_UST", 5, "USt"),
    ),
    5,
)

# The order of the official index.xml: master data, cash closing, single records.
TABLES: tuple[Table, ...] = (
    CASHPOINT_CLOSING,
    LOCATION,
    CASH_REGISTER,
    TERMINALS,
    AGENCIES,
    VAT,
    TSE,
    BUSINESS_CASES,
    PAYMENT,
    CASH_PER_CURRENCY,
    TRANSACTIONS,
    TRANSACTIONS_VAT,
    ALLOCATION_GROUPS,
    DATA_PAYMENT,
    REFERENCES,
    TRANSACTIONS_TSE,
    LINES,
    LINES_VAT,
    SUBITEMS,
    ITEM_AMOUNTS,
)
TABLE_BY_FILE = {table.file: table for table in TABLES}

# USt-Schlüssel (fixed ids of the spec): 1 = 19 %, 2 = 7 %, 5 = not taxable (0 %). The till's
# articles carry whole-percent rates, so the average rates (3, 4) never occur.
VAT_KEY_OF_RATE = {19: 1, 7: 2, 0: 5}
VAT_DESCRIPTIONS = {1: "Regelsteuersatz", 2: "Ermäßigter Steuersatz", 5: "Nicht Steuerbar"}
