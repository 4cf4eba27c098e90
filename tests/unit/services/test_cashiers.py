"""Cashiers: PIN login as a slow hash, switching, rights by role, manager override, idle lock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pos_gui.persistence.cashiers import CashierStore, InvalidPinError
from pos_gui.persistence.ledger import Ledger
from pos_gui.services.cashiers import CashierSession, Right, RightMissingError, Role


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def session(tmp_path: Path) -> CashierSession:
    clock = FakeClock()
    session = CashierSession(
        CashierStore(tmp_path / "cashiers.sqlite3"), Ledger(tmp_path / "journal.sqlite3"), monotonic=clock
    )
    session.create_first_manager("Marta", "4711")
    session.store.add("Kai", Role.CASHIER, "123456")
    return session


def ids(session: CashierSession) -> dict[str, str]:
    return {cashier.name: cashier.cashier_id for cashier in session.cashiers()}


def test_the_pin_is_kept_only_as_a_salted_hash(session: CashierSession, tmp_path: Path) -> None:
    assert b"4711" not in (tmp_path / "cashiers.sqlite3").read_bytes()
    with pytest.raises(InvalidPinError):
        session.store.add("Zu kurz", Role.CASHIER, "123")


def test_a_wrong_pin_logs_nobody_in_and_switching_takes_under_two_seconds(session: CashierSession) -> None:
    assert session.log_in(ids(session)["Kai"], "000000") is None
    assert session.current is None
    session.log_in(ids(session)["Kai"], "123456")

    started = time.monotonic()
    session.log_in(ids(session)["Marta"], "4711")

    assert time.monotonic() - started < 2.0
    assert session.name == "Marta"
    kinds = [event.kind for event in session.ledger.all_events()]
    assert kinds == ["cashier_logged_in", "cashier_logged_out", "cashier_logged_in"]


def test_a_cashier_needs_a_managers_pin_for_a_storno_and_both_ids_are_logged(session: CashierSession) -> None:
    session.log_in(ids(session)["Kai"], "123456")
    with pytest.raises(RightMissingError):
        session.check(Right.STORNO)
    assert session.override(Right.STORNO, "123456") is None  # a cashier's PIN is no manager's

    manager = session.override(Right.STORNO, "4711")

    assert manager is not None
    granted = session.ledger.all_events(kinds=["override_granted"])[0].payload
    assert granted == {
        "cashier_id": ids(session)["Kai"],
        "manager_id": ids(session)["Marta"],
        "right": "storno",
    }


def test_the_till_locks_after_the_idle_minutes(session: CashierSession) -> None:
    clock = session._monotonic
    assert isinstance(clock, FakeClock)
    session.log_in(ids(session)["Kai"], "123456")
    clock.now += 4 * 60
    assert not session.lock_if_idle()
    session.touch()
    clock.now += 5 * 60
    assert session.lock_if_idle()
    assert session.current is None


def test_demo_cashiers_left_half_made_by_a_kill_are_completed_and_a_shops_own_are_left_alone(
    tmp_path: Path,
) -> None:
    demo = CashierSession(CashierStore(tmp_path / "demo.sqlite3"), Ledger(tmp_path / "demo-journal.sqlite3"))
    demo.store.add("Anna Demo", Role.MANAGER, "1234")  # the till was killed right after the first

    names = sorted(cashier.name for cashier in demo.ensure_demo_cashiers())

    assert names == ["Anna Demo", "Ben Demo"]
    assert sorted(cashier.name for cashier in demo.ensure_demo_cashiers()) == names  # not twice

    # A store with a cashier of the shop's own gets no demo cashiers added.
    shop = CashierSession(CashierStore(tmp_path / "shop.sqlite3"), Ledger(tmp_path / "shop-journal.sqlite3"))
    shop.create_first_manager("Marta", "4711")
    assert [cashier.name for cashier in shop.ensure_demo_cashiers()] == ["Marta"]
