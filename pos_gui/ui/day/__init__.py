"""The screens of a shop's day at the till (issue 12): login and cashier switch, a manager's
override, the opening float, cash in / out, X report and Z closing with the count, Storno,
training mode. The back end is in :mod:`pos_gui.services` (``cashiers``, ``shift``,
``closing``, ``storno``); :func:`install_shop_day` hooks the screens into the till window.
"""

from pos_gui.ui.day.day_presenter import DayPresenter, DayServices
from pos_gui.ui.day.install import ShopDayScreens, install_shop_day

__all__ = ["DayPresenter", "DayServices", "ShopDayScreens", "install_shop_day"]
