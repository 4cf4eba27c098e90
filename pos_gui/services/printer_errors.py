"""The printer's one error type, :class:`PrinterError`, and its translatable message templates.

Apart from :mod:`pos_gui.services.printing` so that the cashier's error texts
(:mod:`pos_gui.ui.presenters.error_text`), which are loaded with the till window, need not load
the printing service, python-escpos's helpers and the receipt layout before the first paint.
Qt-free: the UI translates the templates when it shows them.
"""

from __future__ import annotations

from collections.abc import Mapping


def QT_TRANSLATE_NOOP(context: str, source_text: str) -> str:
    """Mark ``source_text`` for the translation catalogue without translating it here.

    ``pyside6-lupdate`` extracts calls of a function of this name, so the German messages below
    get English entries in context ``context`` although this module imports no Qt; the UI
    translates them when it shows them. Returns ``source_text`` unchanged.
    """
    del context
    return source_text


PRINTER_ERROR_CONTEXT = "PrinterError"
"""The translation context of every :class:`PrinterError` template."""


class PrinterError(Exception):
    """The receipt could not be printed (or the drawer not opened).

    ``str(error)`` is the German message (logs, support). For the screen, the UI translates
    :attr:`template` in context :data:`PRINTER_ERROR_CONTEXT` and fills in :attr:`parameters`.

    Attributes:
        template: the German message, with ``{name}`` placeholders when there are parameters.
        parameters: the placeholder values: technical details (an OS error text, an address) that
            are shown as they are.
    """

    def __init__(self, template: str, /, **parameters: str) -> None:
        self.template = template
        self.parameters = parameters
        super().__init__(fill_template(template, parameters))


def fill_template(template: str, parameters: Mapping[str, str]) -> str:
    """``template`` with its placeholders filled; a text without parameters is taken literally,
    so braces in an already finished message (e.g. a path) are never read as placeholders."""
    return template.format(**parameters) if parameters else template
