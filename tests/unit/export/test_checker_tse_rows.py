"""The checker reads transactions_tse.csv as an auditor does: every row is signed, or says why not.

A signed row needs the TSE's number, times, counter and signature, from a TSE that tse.csv lists
for its Z, and no TSE_TA_FEHLER; an unsigned row needs the TSE_TA_FEHLER note. Each broken ZIP
here is the small day of ``test_dsfinvk_export`` with one value of that table changed.
"""

from __future__ import annotations

from pathlib import Path

from pos_gui.export.checker import check_export
from tests.unit.export.test_dsfinvk_export import SMALL_DAY, _export, _rewritten

SIGNED_B2 = '"B2";1;2;"1787000000";"1787000030";"Kassenbeleg-V1";4;"c2ln";;'
OUTAGE_B5 = '"B5";1;;;;;;;"TSE nicht erreichbar";'


def _tse_table_changed(tmp_path: Path, old: str, new: str) -> list[str]:
    good = _export(tmp_path, SMALL_DAY)
    assert check_export(good) == []
    broken = _rewritten(good, "transactions_tse.csv", lambda text: _replace_once(text, old, new))
    return check_export(broken)


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_signed_row_without_its_signature_is_found(tmp_path: Path) -> None:
    findings = _tse_table_changed(tmp_path, SIGNED_B2, SIGNED_B2.replace('"c2ln"', ""))

    assert findings == ["transactions_tse.csv line 3: receipt B2 is signed without TSE_TA_SIG"]


def test_a_row_with_neither_signature_nor_note_is_found(tmp_path: Path) -> None:
    findings = _tse_table_changed(tmp_path, OUTAGE_B5, OUTAGE_B5.replace('"TSE nicht erreichbar"', ""))

    assert findings == [
        "transactions_tse.csv line 6: receipt B5 has neither a TSE signature nor a TSE_TA_FEHLER note"
    ]


def test_a_signed_row_with_an_error_note_is_found(tmp_path: Path) -> None:
    findings = _tse_table_changed(tmp_path, SIGNED_B2, SIGNED_B2.replace(";;", ';"TSE ausgefallen";'))

    assert findings == [
        "transactions_tse.csv line 3: receipt B2 is signed and yet has a TSE_TA_FEHLER note ('TSE ausgefallen')"
    ]


def test_a_signature_by_a_tse_not_in_tse_csv_is_found(tmp_path: Path) -> None:
    findings = _tse_table_changed(tmp_path, SIGNED_B2, SIGNED_B2.replace('"B2";1;', '"B2";2;'))

    assert findings == [
        "transactions_tse.csv line 3: receipt B2 is signed by TSE_ID 2, which tse.csv does not list for Z 1"
    ]
