"""The headless runner's pieces that do not need a server: article specs and the state lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutService
from pos_gui.services.checkout_runner import Reporter, parse_articles
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import FakeSecuconnect


def test_parse_articles_with_quantities() -> None:
    items = parse_articles("30037, 51x2,", Catalog.demo())
    assert [(article.article_number, quantity) for article, quantity in items] == [("30037", 1), ("51", 2)]


def test_unknown_article_is_refused() -> None:
    with pytest.raises(ValueError, match="nope"):
        parse_articles("nope", Catalog.demo())


def test_reporter_prints_one_line_per_state_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checkout = CheckoutService(
        ServerConnection.of(FakeSecuconnect()), Ledger(tmp_path / "j.sqlite3"), device_id="T", is_demo=True
    )
    checkout.on_change = Reporter(checkout, hold=None, hold_seconds=0)
    article = Catalog.demo().articles[0]
    checkout.add_article(article)
    checkout.add_article(article)  # same state: no new line
    checkout.clear_basket()
    assert capsys.readouterr().out.splitlines() == ["STATE BASKET sale=1 tx=-", "STATE EMPTY sale=None tx=-"]
