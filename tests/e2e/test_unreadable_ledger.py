"""A damaged ledger stops the start with words, not a traceback (issue 15 #9).

Refusing is right (selling on without the record would lose the day); the message says why, where
the file is and what support needs, and the damaged file is left exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_gui.app.ledger_check import EXIT_LEDGER_UNREADABLE, LedgerUnreadableError, open_ledger
from pos_gui.services.ledger import Ledger

DAMAGED = b"this is no SQLite file, the disk garbled it\x00" * 200


def test_a_garbled_file_is_refused_naming_the_file_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(DAMAGED)
    with pytest.raises(LedgerUnreadableError) as refused:
        open_ledger(path)
    text = str(refused.value)
    assert str(path) in text
    assert "beschädigt" in text
    assert "Support" in text
    assert path.read_bytes() == DAMAGED  # evidence kept as it was


def test_a_damaged_page_behind_a_good_header_is_found_too(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    ledger = Ledger(path)
    for number in range(300):
        ledger.open_sale(state="BASKET", basket=[], card_number=f"9276{number:012d}")
    ledger.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Keep the header page, overwrite every page after it: the sales table's pages are gone.
    data[page_size:] = b"\xff" * (len(data) - page_size)
    path.write_bytes(bytes(data))
    for leftover in tmp_path.glob("journal.sqlite3-*"):
        leftover.unlink()
    with pytest.raises(LedgerUnreadableError):
        open_ledger(path)


def test_a_good_ledger_opens(tmp_path: Path) -> None:
    open_ledger(tmp_path / "journal.sqlite3").close()


@pytest.mark.slow
def test_the_till_refuses_to_start_on_a_garbled_ledger_with_a_clear_message(tmp_path: Path) -> None:
    # The smoke test runs the demo profile, whose ledger is journal-demo.sqlite3.
    ledger = tmp_path / "data" / "journal-demo.sqlite3"
    ledger.parent.mkdir(parents=True)
    ledger.write_bytes(DAMAGED)
    result = subprocess.run(
        [sys.executable, "-m", "pos_gui", "--smoke-test", "--basedir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == EXIT_LEDGER_UNREADABLE, result.stderr
    assert "Das Kassenjournal kann nicht gelesen werden" in result.stderr
    assert str(ledger) in result.stderr
    assert "Traceback" not in result.stderr
    assert ledger.read_bytes() == DAMAGED
