"""Where the till's bundled files are: the demo catalogue, the style sheet, the translations.

A plain path beside this module rather than ``importlib.resources``: the till always runs from
files (pip installs the package as files; the frozen build puts the data files beside the modules
and sets ``__file__`` to match), and ``importlib.resources`` loads zipfile and friends, about
12 ms of every start.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).parent / "resources"


def resource_file(*parts: str) -> Path:
    """The bundled file ``resources/<parts…>``, e.g. ``resource_file("styles", "till.qss")``."""
    return RESOURCES_DIR.joinpath(*parts)
