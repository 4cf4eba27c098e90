""" "Einstellungen → Favoriten …": which articles the touch grid's "Favoriten" page shows.

The shop owner searches the catalogue by name (or types an article number or EAN), adds hits to
the list, removes or reorders entries, and saves: the article numbers go into the settings file
(``favourite_articles``) and the grid shows them at once. The same dialog decides whether the
grid is shown when the till starts. Non-modal, like every dialog of the till (a nested event
loop inside the qasync loop deadlocks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from pos_gui.config.settings import save_settings
from pos_gui.core.basket import Article
from pos_gui.core.money import format_eur
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.sale_input import CatalogLike
from pos_gui.ui.till_menus import add_window_action

if TYPE_CHECKING:
    from pos_gui.ui.backoffice import Backoffice
    from pos_gui.ui.main_window import MainWindow

log = logging.getLogger("pos_gui.ui.catalog.favourites_dialog")

SEARCH_HITS = 30
_NUMBER_ROLE = Qt.ItemDataRole.UserRole


def _item(article: Article) -> QListWidgetItem:
    item = QListWidgetItem(f"{article.name} – {format_eur(article.price)} ({article.article_number})")
    item.setData(_NUMBER_ROLE, article.article_number)
    return item


class FavouritesDialog(QDialog):
    """Search on the left, the favourites on the right; Speichern / Abbrechen.

    Args:
        catalog: the till's catalogue (search, lookup).
        favourites: the articles chosen so far (unknown article numbers are listed by number,
            so that saving does not silently drop them).
        grid_at_start: the "show the grid when the till starts" choice so far.
    """

    def __init__(
        self,
        catalog: CatalogLike,
        favourites: Sequence[str],
        grid_at_start: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("favouritesDialog")
        self.setWindowTitle(QCoreApplication.translate("FavouritesDialog", "Favoriten für das Produktraster"))
        self.setModal(False)
        self.setMinimumWidth(640)
        self._catalog = catalog
        self.search_input = QLineEdit(self)
        self.search_input.setObjectName("favouritesSearch")
        self.search_input.setPlaceholderText(
            QCoreApplication.translate("FavouritesDialog", "Name, Artikelnummer oder EAN")
        )
        self.hits = QListWidget(self)
        self.hits.setObjectName("favouritesHits")
        self.chosen = QListWidget(self)
        self.chosen.setObjectName("favouritesChosen")
        self.add_button = QPushButton(QCoreApplication.translate("FavouritesDialog", "Hinzufügen →"), self)
        self.remove_button = QPushButton(QCoreApplication.translate("FavouritesDialog", "Entfernen"), self)
        self.up_button = QPushButton(QCoreApplication.translate("FavouritesDialog", "Nach oben"), self)
        self.down_button = QPushButton(QCoreApplication.translate("FavouritesDialog", "Nach unten"), self)
        self.grid_at_start = QCheckBox(
            QCoreApplication.translate("FavouritesDialog", "Produktraster beim Start der Kasse zeigen"), self
        )
        self.grid_at_start.setChecked(grid_at_start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(QCoreApplication.translate("FavouritesDialog", "Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("FavouritesDialog", "Abbrechen")
        )
        # Enter in the search field adds the hit; it must not press "Speichern" as well.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        layout = QGridLayout(self)
        layout.addWidget(
            QLabel(QCoreApplication.translate("FavouritesDialog", "Artikel suchen:"), self), 0, 0
        )
        layout.addWidget(QLabel(QCoreApplication.translate("FavouritesDialog", "Favoriten:"), self), 0, 1)
        layout.addWidget(self.search_input, 1, 0)
        layout.addWidget(self.hits, 2, 0)
        layout.addWidget(self.add_button, 3, 0)
        layout.addWidget(self.chosen, 1, 1, 2, 1)
        row = QGridLayout()
        for column, button in enumerate((self.up_button, self.down_button, self.remove_button)):
            row.addWidget(button, 0, column)
        layout.addLayout(row, 3, 1)
        layout.addWidget(self.grid_at_start, 4, 0, 1, 2)
        layout.addWidget(buttons, 5, 0, 1, 2)

        for number in favourites:
            article = catalog.lookup(number)
            self.chosen.addItem(_item(article) if article is not None else self._unknown_item(number))
        self.search_input.textChanged.connect(self.search)
        self.search_input.returnPressed.connect(self.add_highlighted)
        self.hits.itemDoubleClicked.connect(lambda _item: self.add_highlighted())
        self.add_button.clicked.connect(self.add_highlighted)
        self.remove_button.clicked.connect(self.remove_highlighted)
        self.up_button.clicked.connect(lambda: self.move_highlighted(-1))
        self.down_button.clicked.connect(lambda: self.move_highlighted(1))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def article_numbers(self) -> list[str]:
        """The favourites as listed, top to bottom."""
        return [str(self.chosen.item(row).data(_NUMBER_ROLE)) for row in range(self.chosen.count())]

    def search(self, text: str) -> None:
        """List the articles matching ``text``: a code typed in full first, then the names."""
        self.hits.clear()
        text = text.strip()
        if not text:
            return
        found = self._catalog.search(text, limit=SEARCH_HITS) if len(text) >= 2 else []
        exact = self._catalog.lookup(text)
        if exact is not None:
            found = [exact, *(article for article in found if article.article_number != exact.article_number)]
        for article in found:
            self.hits.addItem(_item(article))
        if found:
            self.hits.setCurrentRow(0)

    def add_highlighted(self) -> None:
        """Add the highlighted hit (the first one unless another was chosen), once."""
        item = self.hits.currentItem()
        if item is None:
            return
        number = str(item.data(_NUMBER_ROLE))
        if number not in self.article_numbers():
            self.chosen.addItem(item.clone())
            self.chosen.setCurrentRow(self.chosen.count() - 1)

    def remove_highlighted(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)

    def move_highlighted(self, step: int) -> None:
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(target, item)
        self.chosen.setCurrentRow(target)

    def _unknown_item(self, number: str) -> QListWidgetItem:
        item = QListWidgetItem(
            QCoreApplication.translate("FavouritesDialog", "{number} (nicht im Katalog)").format(
                number=number
            )
        )
        item.setData(_NUMBER_ROLE, number)
        return item


class FavouritesSetting:
    """The "Favoriten …" entry: opens :class:`FavouritesDialog`, saves through the back office's
    settings (so the other settings saved there stay as they are) and gives the grid the new
    favourites."""

    def __init__(
        self, window: MainWindow, backoffice: Backoffice, catalog: Callable[[], CatalogLike]
    ) -> None:
        self.window = window
        self.backoffice = backoffice
        self._catalog = catalog
        self.dialog: FavouritesDialog | None = None
        self.action: QAction = add_window_action(
            window,
            window.settings_menu,
            QCoreApplication.translate("FavouritesDialog", "Favoriten …"),
            (),
            self.show_dialog,
            "favouritesAction",
        )
        settings = backoffice.settings
        window.product_grid.set_favourites(settings.favourite_articles)
        if settings.product_grid_at_start:
            window.product_grid.set_wanted(True, say_why=False)

    def show_dialog(self) -> FavouritesDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        settings = self.backoffice.settings
        dialog = FavouritesDialog(
            self._catalog(), settings.favourite_articles, settings.product_grid_at_start, self.window
        )
        dialog.accepted.connect(lambda: self.save(dialog.article_numbers(), dialog.grid_at_start.isChecked()))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _closed(self, dialog: FavouritesDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def save(self, article_numbers: Sequence[str], grid_at_start: bool) -> bool:
        """Save the favourites (and the start choice) in the settings file; the grid shows them now."""
        updated = self.backoffice.settings.replace(
            favourite_articles=tuple(article_numbers), product_grid_at_start=grid_at_start
        )
        try:
            save_settings(self.backoffice.paths, updated)
        except OSError as error:
            self._say(
                "error",
                QCoreApplication.translate(
                    "FavouritesDialog", "Die Favoriten konnten nicht gespeichert werden."
                ),
                str(error),
            )
            return False
        self.backoffice.settings = updated
        self.window.product_grid.set_favourites(updated.favourite_articles)
        log.info("favourites saved: %d articles", len(updated.favourite_articles))
        self._say(
            "info",
            QCoreApplication.translate("FavouritesDialog", "Favoriten gespeichert: {count} Artikel.").format(
                count=len(updated.favourite_articles)
            ),
        )
        return True

    def _say(self, level: str, text: str, details: str = "") -> None:
        self.window.show_message(CashierMessage(level, text, details))


def install_favourites_setting(window: MainWindow, backoffice: Backoffice) -> FavouritesSetting:
    """Add "Einstellungen → Favoriten …" to ``window`` and give its grid the saved favourites
    (and show the grid when the settings say so); returns it (keep it as long as the window)."""
    return FavouritesSetting(window, backoffice, lambda: window.presenter.catalog)
