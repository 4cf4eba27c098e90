"""What the catalogue import tells the shop owner: :class:`CatalogError` (nothing imported),
:class:`ImportProblem` (a row left out), and their messages as data.

The import (:mod:`pos_gui.services.catalog_import`) is Qt-free, yet its messages must reach the
owner in the till's language. So it describes each problem as a :class:`CatalogMessage`: a
German template marked for ``pyside6-lupdate`` (context :data:`CATALOG_MESSAGE_CONTEXT`) and the
values found in the file. ``str(message)`` is the German text (the command line, logs, tests);
the UI (:mod:`pos_gui.ui.catalog.import_problem_text`) renders the same message with every
template translated, so English comes from ``resources/translations/pos_gui_en.ts``.

Quotes belong to the templates, never to the values, so that a translation can use its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

CATALOG_MESSAGE_CONTEXT = "CatalogProblem"
"""The translation context of every catalogue message template."""


def QT_TRANSLATE_NOOP(context: str, source_text: str) -> str:
    """Mark ``source_text`` for the translation catalogue without translating it here.

    ``pyside6-lupdate`` extracts calls of a function of this name (this module imports no Qt);
    the UI translates the text when it shows it. Returns ``source_text`` unchanged.
    """
    del context
    return source_text


@dataclass(frozen=True)
class CatalogMessage:
    """One message: ``template`` (German, ``{name}`` placeholders) and the ``values`` to fill in."""

    template: str
    values: Mapping[str, MessageValue] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str]) -> str:
        """The text with ``translate`` applied to this template and to every message among the
        values; a template without values is taken literally (no placeholders to fill)."""
        template = translate(self.template)
        if not self.values:
            return template
        filled = {name: _render_value(value, translate) for name, value in self.values.items()}
        return template.format(**filled)

    def __str__(self) -> str:
        return self.render(_german)


# A value is shown as it is (text from the file, a number), is itself a message (rendered in the
# same language), or is a list of messages (rendered and joined with ", ").
MessageValue: TypeAlias = str | int | CatalogMessage | tuple[CatalogMessage, ...]


def message(template: str, **values: MessageValue) -> CatalogMessage:
    """A :class:`CatalogMessage`; ``template`` is one of the marked templates below."""
    return CatalogMessage(template, values)


def _german(template: str) -> str:
    return template


def _render_value(value: MessageValue, translate: Callable[[str], str]) -> str:
    if isinstance(value, CatalogMessage):
        return value.render(translate)
    if isinstance(value, tuple):
        return ", ".join(part.render(translate) for part in value)
    return str(value)


class CatalogError(Exception):
    """The catalogue file cannot be used at all.

    ``str(error)`` is the German text naming the file (and line); the UI renders :attr:`message`
    in the owner's language.

    Attributes:
        reason: why, without the place.
        source: the file (``""`` until the caller that knows it adds it, see :meth:`in_file`).
        line: the line at fault (0: the whole file).
        column: the column at fault, as the header names it (``""``: the whole line).
    """

    def __init__(self, reason: CatalogMessage, *, source: str = "", line: int = 0, column: str = "") -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        super().__init__(str(self.message))

    @property
    def message(self) -> CatalogMessage:
        """The reason with the file, line and column it is about."""
        if not self.source:
            return _at(self.line, self.column, self.reason) if self.line else self.reason
        if not self.line:
            return message(IN_FILE, source=self.source, reason=self.reason)
        if not self.column:
            return message(IN_FILE_AT_LINE, source=self.source, line=self.line, reason=self.reason)
        return message(
            IN_FILE_AT_LINE_AND_COLUMN,
            source=self.source,
            line=self.line,
            column=self.column,
            reason=self.reason,
        )

    def in_file(self, source: str) -> CatalogError:
        """The same error naming ``source`` as its file."""
        return CatalogError(self.reason, source=source, line=self.line, column=self.column)


@dataclass(frozen=True)
class ImportProblem:
    """A row left out of the import: its line in the file, the column (as the header names it,
    ``""`` for the whole row) and why (German as ``str(reason)``, translated by the UI)."""

    line: int
    column: str
    reason: CatalogMessage

    @property
    def message(self) -> CatalogMessage:
        """The reason with its line and column: "Zeile 5, Spalte Preis: …"."""
        return _at(self.line, self.column, self.reason)

    def __str__(self) -> str:
        return str(self.message)


def _at(line: int, column: str, reason: CatalogMessage) -> CatalogMessage:
    if column:
        return message(AT_LINE_AND_COLUMN, line=line, column=column, reason=reason)
    return message(AT_LINE, line=line, reason=reason)


# -- where a problem is ---------------------------------------------------------------------------

AT_LINE = QT_TRANSLATE_NOOP("CatalogProblem", "Zeile {line}: {reason}")
AT_LINE_AND_COLUMN = QT_TRANSLATE_NOOP("CatalogProblem", "Zeile {line}, Spalte {column}: {reason}")
IN_FILE = QT_TRANSLATE_NOOP("CatalogProblem", "{source}: {reason}")
IN_FILE_AT_LINE = QT_TRANSLATE_NOOP("CatalogProblem", "{source}, Zeile {line}: {reason}")
IN_FILE_AT_LINE_AND_COLUMN = QT_TRANSLATE_NOOP(
    "CatalogProblem", "{source}, Zeile {line}, Spalte {column}: {reason}"
)

# -- the whole file -------------------------------------------------------------------------------

FILE_MISSING = QT_TRANSLATE_NOOP("CatalogProblem", "Die Datei gibt es nicht.")
FILE_NOT_ALLOWED = QT_TRANSLATE_NOOP("CatalogProblem", "Keine Berechtigung, die Datei zu lesen.")
FILE_IS_A_FOLDER = QT_TRANSLATE_NOOP("CatalogProblem", "Das ist ein Ordner, keine Datei.")
FILE_UNREADABLE = QT_TRANSLATE_NOOP("CatalogProblem", "Die Datei kann nicht gelesen werden: {reason}")
FILE_EMPTY = QT_TRANSLATE_NOOP("CatalogProblem", "Die Datei ist leer (keine Kopfzeile).")
HEADER_MISSING_COLUMNS = QT_TRANSLATE_NOOP(
    "CatalogProblem",
    "Die Kopfzeile hat keine Spalte für {missing}. Gefunden: {found}. "
    "Die bekannten Spaltennamen stehen in docs/catalog.md.",
)
HEADER_NAME = QT_TRANSLATE_NOOP("CatalogProblem", "„{name}“")

# The fields a header must name, as the owner calls them.
FIELD_LABELS = {
    "article_number": QT_TRANSLATE_NOOP("CatalogProblem", "Artikelnummer"),
    "name": QT_TRANSLATE_NOOP("CatalogProblem", "Name"),
    "vat_rate": QT_TRANSLATE_NOOP("CatalogProblem", "MwSt-Satz"),
    "price": QT_TRANSLATE_NOOP("CatalogProblem", "Preis"),
}

# -- one row --------------------------------------------------------------------------------------

ROW_NOT_CSV = QT_TRANSLATE_NOOP(
    "CatalogProblem",
    'Die Zeile ist kein lesbares CSV ({detail}). Ist ein Anführungszeichen (") geöffnet und '
    "nicht geschlossen? Der Rest der Datei wurde nicht gelesen.",
)
ROW_FIELD_COUNT = QT_TRANSLATE_NOOP(
    "CatalogProblem", "Die Zeile hat {found} Felder statt {expected} (getrennt durch {separator})."
)
SEPARATOR = QT_TRANSLATE_NOOP("CatalogProblem", "„{character}“")
SEPARATOR_TAB = QT_TRANSLATE_NOOP("CatalogProblem", "Tabulator")
ARTICLE_NUMBER_EMPTY = QT_TRANSLATE_NOOP("CatalogProblem", "Die Artikelnummer fehlt.")
ARTICLE_NUMBER_SPACES = QT_TRANSLATE_NOOP(
    "CatalogProblem", "Artikelnummer „{number}“ enthält Leer- oder Steuerzeichen."
)
NAME_EMPTY = QT_TRANSLATE_NOOP("CatalogProblem", "Der Name fehlt.")
PRICE_EMPTY = QT_TRANSLATE_NOOP("CatalogProblem", "Der Preis fehlt.")
PRICE_NOT_CENTS = QT_TRANSLATE_NOOP(
    "CatalogProblem", "„{text}“ ist kein Preis in ganzen Cent (z. B. 349 für 3,49 €)."
)
PRICE_NOT_EUROS = QT_TRANSLATE_NOOP("CatalogProblem", "„{text}“ ist kein Betrag in Euro (z. B. 3,49).")
PRICE_NEGATIVE = QT_TRANSLATE_NOOP("CatalogProblem", "Der Preis „{text}“ ist negativ.")
VAT_RATE_EMPTY = QT_TRANSLATE_NOOP("CatalogProblem", "Der MwSt-Satz fehlt (erlaubt: {allowed}).")
VAT_RATE_NOT_A_NUMBER = QT_TRANSLATE_NOOP(
    "CatalogProblem", "„{text}“ ist kein MwSt-Satz (erlaubt: {allowed})."
)
VAT_RATE_NOT_ALLOWED = QT_TRANSLATE_NOOP(
    "CatalogProblem", "MwSt-Satz „{text}“ gibt es nicht (erlaubt: {allowed})."
)
EAN_SCIENTIFIC = QT_TRANSLATE_NOOP(
    "CatalogProblem",
    "EAN „{text}“ in wissenschaftlicher Schreibweise (Tabellenkalkulation): "
    "bitte die Spalte als Text speichern.",
)
EAN_NOT_DIGITS = QT_TRANSLATE_NOOP(
    "CatalogProblem", "EAN „{ean}“ enthält andere Zeichen als Ziffern (erlaubt: {lengths} Ziffern)."
)
EAN_WRONG_LENGTH = QT_TRANSLATE_NOOP(
    "CatalogProblem", "EAN „{ean}“ hat {digits} Ziffern (erlaubt: {lengths})."
)
FLAG_NOT_YES_OR_NO = QT_TRANSLATE_NOOP(
    "CatalogProblem", "„{text}“ ist weder ja noch nein (erlaubt: ja/nein, 1/0)."
)
ARTICLE_NUMBER_REPEATED = QT_TRANSLATE_NOOP(
    "CatalogProblem", "Artikelnummer {number} steht schon in Zeile {line}."
)
EAN_REPEATED = QT_TRANSLATE_NOOP("CatalogProblem", "EAN {ean} steht schon in Zeile {line}.")
