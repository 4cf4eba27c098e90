"""The receipt's TSE block (KassenSichV §6): the signed transaction's data and its QR code.

Every receipt of a signed sale carries the TSE transaction number, start and end time, the
signature counter, the TSE's serial number, the signature, the time format, the algorithm, the
public key and the till's serial (client id), plus the DSFinV-K QR code of all of them. When the
TSE failed, the receipt says so instead ("TSE ausgefallen", with the time), as AEAO 2.7 asks.
Labels as ``docs/fiscal.md``. The values arrive as text (the services format them); no Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_gui.core.receipt_layout import (
    Align,
    LayoutLine,
    aligned,
    aligned_block,
    blank_line,
    rule_line,
    two_columns,
)

TSE_OUTAGE_TEXT = "TSE ausgefallen"
QR_PLACEHOLDER = "[QR-Code]"


@dataclass(frozen=True)
class TseBlock:
    """A signed sale's TSE data, each value as printed (times ISO 8601 UTC with ``Z``)."""

    transaction_number: str
    time_start: str
    time_end: str
    signature_counter: str
    serial_number: str
    signature: str
    time_format: str
    algorithm: str
    public_key: str
    client_id: str
    qr_data: str

    def rows(self) -> list[tuple[str, str]]:
        """Label and value, in the order the receipt prints them."""
        return [
            ("TSE-Transaktion", self.transaction_number),
            ("TSE-Start", self.time_start),
            ("TSE-Stop", self.time_end),
            ("TSE-Signaturzähler", self.signature_counter),
            ("TSE-Seriennummer", self.serial_number),
            ("TSE-Zeitformat", self.time_format),
            ("TSE-Hashalgorithmus", self.algorithm),
            ("TSE-Signatur", self.signature),
            ("TSE-PublicKey", self.public_key),
            ("ClientID / KassenID", self.client_id),
        ]


@dataclass(frozen=True)
class TseOutage:
    """The sale could not be signed: when it failed (local time, as printed)."""

    failed_at: str


def layout_tse_block(tse: TseBlock | TseOutage, width: int) -> list[LayoutLine]:
    """The TSE block after the receipt's totals: a rule, the rows (long values on their own lines,
    right-aligned and wrapped) and the QR code; or the outage note with its time."""
    lines = [rule_line(width)]
    if isinstance(tse, TseOutage):
        lines += aligned_block(TSE_OUTAGE_TEXT, width, Align.CENTER, bold=True)
        lines += two_columns("Zeitpunkt", tse.failed_at, width)
        return lines
    for label, value in tse.rows():
        lines += two_columns(label, value, width)
    if tse.qr_data:
        lines.append(blank_line())
        placeholder = aligned(QR_PLACEHOLDER, width, Align.CENTER)
        lines.append(LayoutLine(placeholder.text, align=Align.CENTER, qr=tse.qr_data))
    return lines
