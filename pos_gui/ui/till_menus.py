"""The till window's menus ("Kasse", "Verkäufe", "Einstellungen", "Hilfe") and their shortcuts.

:func:`build_till_menus` fills the menu bar of the main window; :func:`add_window_action` is the
one way an entry is added, here and by the back office, so that every shortcut also works while
the menu bar is hidden (kiosk) and obeys the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QPushButton, QWidget

if TYPE_CHECKING:
    from pos_gui.ui.main_window import MainWindow


@dataclass(frozen=True)
class TillMenus:
    """The menus of the till window, and the entry other parts refer to."""

    till: QMenu
    sales: QMenu
    settings: QMenu
    help: QMenu
    new_sale: QAction


def add_window_action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    shortcuts: Sequence[str],
    slot: Callable[[], object],
    name: str,
    *,
    before: QAction | None = None,
) -> QAction:
    """A menu entry named ``name`` (automation) that calls ``slot``; ``before`` places it above
    that entry instead of at the end."""
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcuts:
        action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    if before is not None:
        menu.insertAction(before, action)
    else:
        menu.addAction(action)
    # Also on the window itself, so the shortcut works while the menu bar is hidden (kiosk).
    window.addAction(action)
    return action


def build_till_menus(window: MainWindow) -> TillMenus:
    """The till's own menu entries (the back office adds its entries to the same menus)."""
    menu_bar = window.menuBar()
    till_menu = menu_bar.addMenu(QCoreApplication.translate("MainWindow", "&Kasse"))
    sales_menu = menu_bar.addMenu(QCoreApplication.translate("MainWindow", "&Verkäufe"))
    settings_menu = menu_bar.addMenu(QCoreApplication.translate("MainWindow", "&Einstellungen"))
    help_menu = menu_bar.addMenu(QCoreApplication.translate("MainWindow", "&Hilfe"))
    view = window.basket_view
    payment = window.payment_panel
    new_sale = add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Neuer Verkauf"),
        ("Ctrl+N",),
        window.new_sale,
        "newSaleAction",
    )
    till_menu.addSeparator()
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Artikelfeld"),
        ("F2",),
        lambda: _focus(view.article_input),
        "focusArticleAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Kartenfeld"),
        ("F4",),
        lambda: _focus(window.card_panel.card_input),
        "focusCardAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Feld „Gegeben“"),
        ("F8",),
        lambda: _focus(payment.tendered_input),
        "focusCashAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Produktraster (Touch)"),
        ("F7",),
        window.product_grid.toggle,
        "productGridAction",
    )
    till_menu.addSeparator()
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Guthaben einlösen"),
        ("F9",),
        lambda: _click(payment.apply_card_button),
        "applyCardAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Mit Karte bezahlen"),
        ("F11",),
        lambda: _click(payment.pay_card_button),
        "payCardAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Bar bezahlen"),
        ("F12",),
        lambda: _click(payment.pay_cash_button),
        "payCashAction",
    )
    till_menu.addSeparator()
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Position stornieren"),
        ("Del",),
        view.void_selected_line,
        "voidLineAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Warenkorb leeren"),
        (),
        window.clear_basket,
        "clearBasketAction",
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Karte entfernen"),
        (),
        window.presenter.remove_card,
        "removeCardAction",
    )
    till_menu.addSeparator()
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("MainWindow", "Beenden"),
        (),
        window.close_asking,
        "quitAction",
    )
    add_window_action(
        window,
        help_menu,
        QCoreApplication.translate("MainWindow", "Tastenkürzel"),
        ("F1",),
        lambda: window.help_overlay.toggle(),
        "helpAction",
    )
    return TillMenus(till_menu, sales_menu, settings_menu, help_menu, new_sale)


def _focus(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if hasattr(widget, "selectAll"):
        widget.selectAll()


def _click(button: QPushButton) -> None:
    # Shortcuts obey the button's state: a disabled pay button cannot be triggered by F12 either.
    if button.isEnabled() and button.isVisible():
        button.click()
