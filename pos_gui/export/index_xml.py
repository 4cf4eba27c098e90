"""index.xml: the description of every CSV in a DSFinV-K export, in the GDPdU standard's form.

The form of the DSFinV-K's official index.xml: each table declares UTF-8, ``,`` as the decimal
symbol, ``.`` for digit grouping, the header row skipped (``Range`` from 2), ``;`` between
columns, CR LF between records, ``"`` around text, then its primary-key columns
(``VariablePrimaryKey``) followed by the other columns, each with its type and length or
decimals. The columns come from :mod:`pos_gui.export.dsfinvk_tables`, like the CSVs themselves.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from pos_gui.export.dsfinvk_tables import DATE_FORMAT, DTD_FILE, TABLES, TIMESTAMP_FORMAT, Column, Kind, Table
from pos_gui.export.model import TillMasterData

MEDIA_NAME = "DSFinV-K"


def index_xml(till: TillMasterData, comment: str) -> str:
    """The whole index.xml for an export of ``till`` (every table, written or empty)."""
    business = till.business
    location = f"{business.street}, {business.postcode} {business.city}"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<!DOCTYPE DataSet SYSTEM "{DTD_FILE}">',
        "<DataSet>",
        "  <Version>1.0</Version>",
        "  <DataSupplier>",
        f"    <Name>{escape(business.name)}</Name>",
        f"    <Location>{escape(location)}</Location>",
        f"    <Comment>{escape(comment)}</Comment>",
        "  </DataSupplier>",
        "  <Media>",
        f"    <Name>{MEDIA_NAME}</Name>",
        *(_table(table) for table in TABLES),
        "  </Media>",
        "</DataSet>",
        "",
    ]
    return "\r\n".join(parts)


def _table(table: Table) -> str:
    lines = [
        "    <Table>",
        f"      <URL>{table.file}</URL>",
        f"      <Name>{table.name}</Name>",
        f"      <Description>{escape(table.description)}</Description>",
        "      <UTF8/>",
        "      <DecimalSymbol>,</DecimalSymbol>",
        "      <DigitGroupingSymbol>.</DigitGroupingSymbol>",
        "      <Range>",
        "        <From>2</From>",
        "      </Range>",
        "      <VariableLength>",
        "        <ColumnDelimiter>;</ColumnDelimiter>",
        "        <RecordDelimiter>&#13;&#10;</RecordDelimiter>",
        '        <TextEncapsulator>"</TextEncapsulator>',
    ]
    for position, column in enumerate(table.columns):
        element = "VariablePrimaryKey" if position < table.primary_key_count else "VariableColumn"
        lines.append(_column(element, column))
    lines += ["      </VariableLength>", "    </Table>"]
    return "\r\n".join(lines)


def _column(element: str, column: Column) -> str:
    if column.kind is Kind.ALPHA:
        type_xml = "<AlphaNumeric/>"
        if column.max_length is not None:
            type_xml += f"<MaxLength>{column.max_length}</MaxLength>"
    elif column.kind is Kind.NUMERIC:
        type_xml = (
            f"<Numeric><Accuracy>{column.accuracy}</Accuracy></Numeric>" if column.accuracy else "<Numeric/>"
        )
    else:
        date_format = TIMESTAMP_FORMAT if column.kind is Kind.TIMESTAMP else DATE_FORMAT
        type_xml = f"<Date><Format>{escape(date_format)}</Format></Date>"
    return (
        f"        <{element}><Name>{column.name}</Name>"
        f"<Description>{escape(column.description)}</Description>{type_xml}</{element}>"
    )
