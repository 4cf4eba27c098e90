"""The first-run setup: profile choice and device pairing (``SetupWindow``)."""

from pos_gui.ui.setup.setup_window import SetupResult, SetupWindow

__all__ = ["SetupResult", "SetupWindow"]
