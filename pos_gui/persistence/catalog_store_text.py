"""The catalogue's search keys: article names folded for search, and the FTS5 queries over them.

A cashier types "mus", "Müs" or "Mues" and means "Müsli". Each name is therefore indexed in two
folded forms: ``plain`` (umlauts lose their dots: "musli") and ``spelled`` (umlauts written out:
"muesli"); both are lower case without accents, ß becomes ss. The typed text is folded the same
two ways and either form may match, so "mus", "müs", "mues" and "muesli" all find "Müsli".
"""

from __future__ import annotations

import re
import unicodedata

# German umlauts written out, as people type them on a keyboard without umlauts.
_GERMAN_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})

# The words of a folded text: runs of letters and digits (the FTS5 tokenizer splits the same way).
_WORD = re.compile(r"[^\W_]+")


def fold_plain(text: str) -> str:
    """Lower case, accents and umlaut dots removed, ß as ss: "Müsli Größe" -> "musli grosse"."""
    folded = text.casefold()
    if folded.isascii():
        return folded  # the common case for names, and much cheaper than normalising
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_spelled(text: str) -> str:
    """Like :func:`fold_plain`, but umlauts written out: "Müsli" -> "muesli"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return fold_plain(folded.translate(_GERMAN_SPELLED_OUT))


def search_keys(name: str) -> tuple[str, str]:
    """The two indexed forms of a name: ``(plain, spelled)``; ``spelled`` is ``""`` when it would
    only repeat ``plain`` (most names have no umlaut), which keeps the index small."""
    plain = fold_plain(name)
    spelled = fold_spelled(name)
    return plain, ("" if spelled == plain else spelled)


def typed_forms(text: str) -> list[str]:
    """The folded forms of what the cashier typed (one, or two when it contains umlauts)."""
    plain = fold_plain(text.strip())
    spelled = fold_spelled(text.strip())
    return [plain] if spelled == plain else [plain, spelled]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def name_start_query(forms: list[str]) -> str | None:
    """FTS5 query (over the word index) for names that begin with the typed words, the last
    word possibly unfinished; ``None`` when the text has no word."""
    alternatives = []
    for form in forms:
        words = _WORD.findall(form)
        if words:
            alternatives.append("{plain spelled} : ^ " + _quoted(" ".join(words)) + " *")
    return " OR ".join(alternatives) or None


def word_start_query(forms: list[str]) -> str | None:
    """FTS5 query (over the word index) for names in which every typed word begins some word."""
    alternatives = []
    for form in forms:
        words = _WORD.findall(form)
        if words:
            every_word = " AND ".join(_quoted(word) + " *" for word in words)
            alternatives.append("{plain spelled} : (" + every_word + ")")
    return " OR ".join(alternatives) or None


def substring_query(forms: list[str]) -> str | None:
    """FTS5 query (over the trigram index) for names that contain the typed text anywhere;
    ``None`` when the text is shorter than a trigram (the caller scans instead)."""
    usable = [form for form in forms if len(form) >= 3]
    if not usable:
        return None
    return " OR ".join(_quoted(form) for form in usable)
