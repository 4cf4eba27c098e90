"""Read a DSFinV-K ZIP back and say what is wrong with it: our own checker, built from the spec's tables.

:func:`check_export` returns findings, each a sentence naming the file, the line and the column;
an empty list means the export passed. It checks the form (index.xml follows the GDPdU DTD
shipped in the ZIP, declares every DSFinV-K table with exactly the spec's columns and the spec's
CSV settings; every file named exists, has exactly the declared header, UTF-8, CR LF records,
values in the column's format and length, unique primary keys) and then the content
(:mod:`pos_gui.export.checker_content`: sums tie out per Z, references point to receipts that
exist, no gaps in receipt or Z numbers).

A file with many bad values reports the first ``MAX_FINDINGS_PER_FILE`` of them and a count.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from pos_gui.export.checker_content import TableRows, content_findings
from pos_gui.export.dsfinvk_tables import DTD_FILE, TABLE_BY_FILE, TABLES, Column, Kind, Table

MAX_FINDINGS_PER_FILE = 20
_EXPECTED_SETTINGS = {
    "DecimalSymbol": ",",
    "DigitGroupingSymbol": ".",
    "VariableLength/ColumnDelimiter": ";",
    "VariableLength/RecordDelimiter": "\r\n",
    "VariableLength/TextEncapsulator": '"',
    "Range/From": "2",
}
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def check_export(source: Path | IO[bytes]) -> list[str]:
    """Every problem found in the DSFinV-K ZIP at ``source``; ``[]`` if there is none."""
    with zipfile.ZipFile(source) as archive:
        names = set(archive.namelist())
        if "index.xml" not in names:
            return ["index.xml is missing from the ZIP"]
        index_bytes = archive.read("index.xml")
        findings = _doctype_findings(index_bytes, names)
        try:
            root = ElementTree.fromstring(index_bytes)
        except ElementTree.ParseError as error:
            return [*findings, f"index.xml is not well-formed XML: {error}"]
        if DTD_FILE in names:
            findings += dtd_findings(archive.read(DTD_FILE).decode("utf-8", "replace"), root)
        tables: dict[str, TableRows] = {}
        declared: set[str] = set()
        for element in root.iterfind("Media/Table"):
            url = element.findtext("URL", "")
            declared.add(url)
            rows = _check_table(archive, names, url, element, findings)
            if rows is not None:
                tables[url] = rows
        findings += [
            f"index.xml does not declare {table.file} ({table.name})"
            for table in TABLES
            if table.file not in declared
        ]
    if all(table.file in tables for table in TABLES):
        findings += content_findings(tables)
    return findings


def _doctype_findings(index_bytes: bytes, names: set[str]) -> list[str]:
    findings = []
    if f'<!DOCTYPE DataSet SYSTEM "{DTD_FILE}">'.encode() not in index_bytes:
        findings.append(f"index.xml does not name {DTD_FILE} in its DOCTYPE")
    if DTD_FILE not in names:
        findings.append(f"{DTD_FILE} is missing from the ZIP")
    return findings


def _check_table(
    archive: zipfile.ZipFile, names: set[str], url: str, element: ElementTree.Element, findings: list[str]
) -> TableRows | None:
    """The table's rows if its declaration and file are readable; findings appended on the way."""
    table = TABLE_BY_FILE.get(url)
    if table is None:
        findings.append(f"index.xml declares {url}, which is not a DSFinV-K table")
        return None
    declared = [column.findtext("Name", "") for column in element.iterfind("VariableLength/*") if column.tag in (
        "VariablePrimaryKey", "VariableColumn")]  # fmt: skip
    if declared != list(table.column_names):
        findings.append(
            f"index.xml declares the columns of {url} as {';'.join(declared)}, "
            f"but the spec's are {';'.join(table.column_names)}"
        )
    if element.find("UTF8") is None:
        findings.append(f"index.xml does not declare {url} as UTF-8")
    for path, expected in _EXPECTED_SETTINGS.items():
        if element.findtext(path) != expected:
            findings.append(
                f"index.xml declares {path} of {url} as {element.findtext(path)!r}, not {expected!r}"
            )
    if url not in names:
        findings.append(f"{url} is named in index.xml but missing from the ZIP")
        return None
    data = archive.read(url)
    if not data.endswith(b"\r\n") or data.count(b"\n") != data.count(b"\r\n"):
        findings.append(f"{url}: its records do not all end with CR LF")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        findings.append(f"{url} is not UTF-8: {error}")
        return None
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"'))
    header = rows[0] if rows else []
    if header != declared:
        findings.append(
            f"{url} line 1: the header is {';'.join(header)}, but index.xml declares {';'.join(declared)}"
        )
        return None
    findings += _value_findings(table, rows)
    return TableRows(table, rows[1:])


def _value_findings(table: Table, rows: list[list[str]]) -> list[str]:
    findings: list[str] = []
    seen_keys: dict[tuple[str, ...], int] = {}
    width = len(table.columns)
    for line_number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            findings.append(
                f"{table.file} line {line_number}: {len(row)} fields, but the table has {width} columns"
            )
            continue
        for column, value in zip(table.columns, row, strict=True):
            problem = _value_problem(column, value)
            if problem:
                findings.append(f"{table.file} line {line_number} column {column.name}: {value!r} {problem}")
        key = tuple(row[: table.primary_key_count])
        if key in seen_keys:
            findings.append(
                f"{table.file} line {line_number}: the primary key {';'.join(key)} repeats line {seen_keys[key]}"
            )
        seen_keys.setdefault(key, line_number)
    if len(findings) > MAX_FINDINGS_PER_FILE:
        more = len(findings) - MAX_FINDINGS_PER_FILE
        findings = [*findings[:MAX_FINDINGS_PER_FILE], f"{table.file}: {more} more findings like these"]
    return findings


def _value_problem(column: Column, value: str) -> str:
    """What is wrong with ``value`` in ``column`` ("" if nothing); empty values are allowed."""
    if not value:
        return ""
    if column.kind is Kind.ALPHA:
        if column.max_length is not None and len(value) > column.max_length:
            return f"is longer than {column.max_length} characters"
        return ""
    if column.kind is Kind.NUMERIC:
        pattern = r"-?\d+" + (rf",\d{{{column.accuracy}}}" if column.accuracy else "")
        if not re.fullmatch(pattern, value):
            return f"is not a number with {column.accuracy} decimals"
        return ""
    pattern_of_kind = _TIMESTAMP if column.kind is Kind.TIMESTAMP else _DATE
    if not pattern_of_kind.fullmatch(value):
        return "is not a date in the declared format"
    return ""


def dtd_findings(dtd: str, root: ElementTree.Element) -> list[str]:
    """Where index.xml breaks the DTD's content models (element order, required children)."""
    models = _content_models(dtd)
    problems: dict[str, str] = {}
    for element in root.iter():
        model = models.get(element.tag)
        if model is None:
            problems.setdefault(element.tag, f"index.xml: <{element.tag}> is not declared in {DTD_FILE}")
            continue
        children = "".join(f"{child.tag};" for child in element)
        if not model.fullmatch(children):
            problems.setdefault(
                element.tag,
                f"index.xml: <{element.tag}> holds {children.rstrip(';') or 'nothing'}, "
                f"which {DTD_FILE} does not allow",
            )
    return list(problems.values())


def _content_models(dtd: str) -> dict[str, re.Pattern[str]]:
    """Each declared element's content model as a regex over its children's tags (``Tag;``)."""
    dtd = re.sub(r"<!--.*?-->", "", dtd, flags=re.DOTALL)
    models = {}
    for name, model in re.findall(r"<!ELEMENT\s+(\w+)\s+([^>]*)>", dtd):
        model = model.strip()
        if model == "ANY":
            pattern = r".*"
        elif model == "EMPTY" or "#PCDATA" in model:
            pattern = ""
        else:
            pattern = "".join(_regex_piece(token) for token in re.findall(r"\w+|[()|?*+]", model))
        models[name] = re.compile(pattern)
    return models


def _regex_piece(token: str) -> str:
    """One token of a DTD content model as regex: a name is ``Name;``, a group opens ``(?:``,
    ``|`` ``?`` ``*`` ``+`` ``)`` keep their meaning; the sequence's ``,`` needs nothing."""
    if token == "(":
        return "(?:"
    if token in ")|?*+":
        return token
    return f"(?:{token};)"
