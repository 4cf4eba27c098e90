"""The till window on screens smaller than a 1366×768 store screen: 1024×768 and 800×600.

:class:`ScreenFit` follows the window's size. Below 1200×700 it switches the style sheet's
compact type on (the ``compact="true"`` rules of ``till.qss``: the pay buttons stand one under
the other there, so everything on the right is a little smaller); below 900 pixels wide the basket
drops its unit price and VAT columns. Each width band shares the width out between basket and
payment its own way. Everything changes only when the window crosses a limit: a re-polish of
every widget costs a few tens of milliseconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pos_gui.ui.itemmodels.basket_model import COLUMN_UNIT_PRICE, COLUMN_VAT
from pos_gui.ui.widgets.button_flow import ButtonFlow

if TYPE_CHECKING:
    from pos_gui.ui.main_window import MainWindow

# Below this width or height (a 1024×768 or 800×600 terminal) the window uses compact type.
COMPACT_BELOW = (1200, 700)
# Below this width (an 800×600 terminal) the basket shows fewer columns.
NARROW_BELOW = 900
# The basket's share of the width (percent) per band. Wide (1366): room for both pay buttons
# side by side. Compact (1024): the pay buttons stand one under the other, so the basket gets
# more. Narrow (800): half each.
LEFT_SHARE = {"wide": 54, "compact": 58, "narrow": 51}


class ScreenFit:
    """Adapts ``window`` to its size; call :meth:`fit` from its ``resizeEvent``."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.compact = False
        self.band = "wide"

    def fit(self, width: int, height: int) -> None:
        self._set_compact(width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1])
        self._set_band("narrow" if width < NARROW_BELOW else "compact" if self.compact else "wide")

    def _set_band(self, band: str) -> None:
        if self.band == band:
            return
        self.band = band
        window = self._window
        # The VAT is listed below the basket and the line total stays: the names keep room.
        for column in (COLUMN_UNIT_PRICE, COLUMN_VAT):
            window.basket_view.table.setColumnHidden(column, band == "narrow")
        total = sum(window.splitter.sizes())
        left = total * LEFT_SHARE[band] // 100
        window.splitter.setSizes([left, total - left])

    def _set_compact(self, compact: bool) -> None:
        if self.compact == compact:
            return
        self.compact = compact
        window = self._window
        window.setProperty("compact", compact)
        window.payment_panel.set_compact(compact)
        widget: QWidget
        for widget in (window, *window.findChildren(QWidget)):
            if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        # The buttons' sizes changed with their type: the wrapping rows place them again.
        for flow in window.findChildren(ButtonFlow):
            flow.relayout()
