"""What a DSFinV-K export is made of: the till's master data, its TSE, and its Z closings.

A typed, frozen input model, independent of where the facts come from (the ledger adapter builds
it; tests and the benchmark generate it). Amounts are integer cents, VAT rates whole percents,
times timezone-aware datetimes (written as the till's wall-clock time). The names follow the
DSFinV-K where a field maps to one column (``BON_TYP``, ``GV_TYP``, ``ZAHLART_TYP``).

A cancellation (Storno) is a new receipt of type ``Beleg`` with every amount negated and a
``StornoReference`` to the original; ``AVBelegstorno`` is not usable with a TSE (fiscal-de.md b.5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from pos_gui.core.money import Cents


class ReceiptType(StrEnum):
    """BON_TYP: the kind of event a receipt records."""

    BELEG = "Beleg"  # a sale, refund or cancellation: changes the business's assets
    AV_TRAINING = "AVTraining"  # training mode: no real payment, not in the Z totals
    AV_BELEGABBRUCH = "AVBelegabbruch"  # a basket abandoned after its TSE transaction started


class BusinessCase(StrEnum):
    """GV_TYP: what a receipt line is, in the spec's words (Anhang C)."""

    UMSATZ = "Umsatz"
    PFAND = "Pfand"
    PFAND_RUECKZAHLUNG = "PfandRueckzahlung"
    RABATT = "Rabatt"
    AUFSCHLAG = "Aufschlag"
    ZUSCHUSS_ECHT = "ZuschussEcht"
    ZUSCHUSS_UNECHT = "ZuschussUnecht"
    TRINKGELD_AG = "TrinkgeldAG"
    TRINKGELD_AN = "TrinkgeldAN"
    EINZWECKGUTSCHEIN_KAUF = "EinzweckgutscheinKauf"
    EINZWECKGUTSCHEIN_EINLOESUNG = "EinzweckgutscheinEinloesung"
    MEHRZWECKGUTSCHEIN_KAUF = "MehrzweckgutscheinKauf"
    MEHRZWECKGUTSCHEIN_EINLOESUNG = "MehrzweckgutscheinEinloesung"
    FORDERUNGSENTSTEHUNG = "Forderungsentstehung"
    FORDERUNGSAUFLOESUNG = "Forderungsaufloesung"
    ANZAHLUNGSEINSTELLUNG = "Anzahlungseinstellung"
    ANZAHLUNGSAUFLOESUNG = "Anzahlungsaufloesung"
    # The cash drawer's own movements (no sale, not taxable):
    ANFANGSBESTAND = "Anfangsbestand"  # opening float
    PRIVATENTNAHME = "Privatentnahme"
    PRIVATEINLAGE = "Privateinlage"
    GELDTRANSIT = "Geldtransit"  # to the bank or the safe, or between tills
    LOHNZAHLUNG = "Lohnzahlung"
    EINZAHLUNG = "Einzahlung"
    AUSZAHLUNG = "Auszahlung"
    DIFFERENZ_SOLL_IST = "DifferenzSollIst"  # the cash count's difference


CASH_DRAWER_CASES = frozenset(
    {
        BusinessCase.ANFANGSBESTAND,
        BusinessCase.PRIVATENTNAHME,
        BusinessCase.PRIVATEINLAGE,
        BusinessCase.GELDTRANSIT,
        BusinessCase.LOHNZAHLUNG,
        BusinessCase.EINZAHLUNG,
        BusinessCase.AUSZAHLUNG,
        BusinessCase.DIFFERENZ_SOLL_IST,
        BusinessCase.TRINKGELD_AN,
    }
)


class PaymentType(StrEnum):
    """ZAHLART_TYP (Anhang D)."""

    BAR = "Bar"
    UNBAR = "Unbar"
    KEINE = "Keine"
    EC_KARTE = "ECKarte"
    KREDITKARTE = "Kreditkarte"
    EL_ZAHLUNGSDIENSTLEISTER = "ElZahlungsdienstleister"
    # Payment from a previously loaded balance: the secucard balance share (a tax-adviser
    # question, docs/fiscal.md "DSFinV-K export").
    GUTHABENKARTE = "Guthabenkarte"


CARD_BALANCE_PAYMENT_NAME = "secucard Guthaben"


@dataclass(frozen=True)
class Address:
    """A name and address as the master data tables hold them (LAND is ISO 3166 alpha-3)."""

    name: str
    street: str
    postcode: str
    city: str
    country: str = "DEU"


@dataclass(frozen=True)
class TillMasterData:
    """The till and its business (Stamm_Kassen, Stamm_Abschluss, Stamm_Orte).

    ``kasse_id`` is Z_KASSE_ID, the closing till's id (the serial registered at the TSE).
    """

    kasse_id: str
    serial_number: str
    brand: str
    model: str
    software_brand: str
    software_version: str
    business: Address
    location: Address
    tax_number: str
    vat_id: str = ""
    base_currency: str = "EUR"


@dataclass(frozen=True)
class TseMasterData:
    """One TSE the till signed with (Stamm_TSE). ``tse_id`` numbers it within the export."""

    tse_id: int
    serial_number: str  # hex hash of the public key
    signature_algorithm: str
    time_format: str  # unixTime, utcTime, generalizedTime, ...
    public_key: str  # base64
    certificate: str = ""  # base64, split into 1000-character columns by the writer
    process_data_encoding: str = "UTF-8"


@dataclass(frozen=True)
class TseTransaction:
    """What the TSE fixed for one receipt (TSE_Transaktionen); times in the TSE's own format."""

    tse_id: int
    number: int
    start: str
    end: str
    process_type: str
    signature_counter: int
    signature: str
    process_data: str


@dataclass(frozen=True)
class ReceiptLine:
    """One receipt line (Bonpos). The gross is ``quantity * unit_price``; a Storno negates the quantity."""

    line_number: int
    text: str
    quantity: int
    unit_price: Cents  # gross, per unit
    vat_rate: int
    business_case: BusinessCase = BusinessCase.UMSATZ
    article_number: str = ""
    gtin: str = ""
    voided: bool = False  # P_STORNO: a position voided inside a still-open receipt

    @property
    def gross(self) -> Cents:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class ReceiptPayment:
    """One way a receipt was paid (Bonkopf_Zahlarten), in the base currency."""

    payment_type: PaymentType
    amount: Cents
    name: str = ""


@dataclass(frozen=True)
class StornoReference:
    """The receipt a cancellation undoes (Bon_Referenzen, REF_TYP ``Transaktion``)."""

    kasse_id: str
    z_number: int
    z_created: datetime
    receipt_id: str


@dataclass(frozen=True)
class Receipt:
    """One receipt (Bonkopf) with its lines, payments, reference and TSE data.

    ``receipt_id`` is BON_ID, ``number`` the gapless BON_NR. Exactly one of ``tse`` and
    ``tse_error`` is set: a receipt either was signed or carries the outage note.
    """

    receipt_id: str
    number: int
    receipt_type: ReceiptType
    start: datetime
    end: datetime
    cashier_id: str
    cashier_name: str
    lines: tuple[ReceiptLine, ...]
    payments: tuple[ReceiptPayment, ...] = ()
    storno_of: StornoReference | None = None
    tse: TseTransaction | None = None
    tse_error: str = ""
    terminal_id: str = ""

    @property
    def gross(self) -> Cents:
        return sum(line.gross for line in self.lines)

    @property
    def is_cancellation(self) -> bool:
        return self.storno_of is not None


@dataclass(frozen=True)
class CashMovement:
    """Money into or out of the drawer without a sale: float, deposits, withdrawals, tips, counts.

    ``amount`` is signed: positive goes into the drawer, negative comes out. It is recorded as a
    ``Beleg`` with one line of its business case (not taxable) paid ``Bar`` (see
    :func:`receipt_of_movement`), and it is signed like any other receipt.
    """

    receipt_id: str
    number: int
    business_case: BusinessCase
    amount: Cents
    time: datetime
    cashier_id: str
    cashier_name: str
    text: str = ""
    tse: TseTransaction | None = None
    tse_error: str = ""

    def __post_init__(self) -> None:
        if self.business_case not in CASH_DRAWER_CASES:
            raise ValueError(f"{self.business_case} is not a cash drawer movement")


def receipt_of_movement(movement: CashMovement) -> Receipt:
    """The receipt a cash movement is exported as: one not-taxable line, paid in cash."""
    return Receipt(
        receipt_id=movement.receipt_id,
        number=movement.number,
        receipt_type=ReceiptType.BELEG,
        start=movement.time,
        end=movement.time,
        cashier_id=movement.cashier_id,
        cashier_name=movement.cashier_name,
        lines=(
            ReceiptLine(
                line_number=1,
                text=movement.text or str(movement.business_case),
                quantity=1,
                unit_price=movement.amount,
                vat_rate=0,
                business_case=movement.business_case,
            ),
        ),
        payments=(ReceiptPayment(PaymentType.BAR, movement.amount, "Bar"),),
        tse=movement.tse,
        tse_error=movement.tse_error,
    )


@dataclass(frozen=True)
class ZClosing:
    """One Z closing (Kassenabschluss): its number, business day, receipts and cash movements."""

    number: int
    created: datetime
    business_day: date
    receipts: tuple[Receipt, ...] = ()
    cash_movements: tuple[CashMovement, ...] = ()

    def all_receipts(self) -> list[Receipt]:
        """Receipts and cash movements together, in receipt-number order."""
        merged = [*self.receipts, *(receipt_of_movement(m) for m in self.cash_movements)]
        merged.sort(key=lambda receipt: receipt.number)
        return merged


@dataclass(frozen=True)
class ExportInput:
    """Everything one export writes: master data, TSEs, and the closings in the chosen range.

    ``closings`` may be any iterable (a generator reading the ledger), so a long range is
    never held in memory at once; it is iterated exactly once.
    """

    till: TillMasterData
    tses: tuple[TseMasterData, ...]
    closings: Iterable[ZClosing]
    tse_exports: tuple[tuple[str, bytes], ...] = ()  # (file name, TAR bytes) placed beside the CSVs
