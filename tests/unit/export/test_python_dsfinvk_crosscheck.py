"""Cross-check of our table definitions with pretix's python-dsfinvk models (PyPI ``dsfinvk``).

An independent reading of the spec: every one of its tables has our file with exactly its column
names in its order, and the same maximum lengths and decimals where it gives them.
"""

from __future__ import annotations

import pytest

from pos_gui.export.dsfinvk_tables import TABLE_BY_FILE

models = pytest.importorskip("dsfinvk.models")
table_module = pytest.importorskip("dsfinvk.table")


def _pretix_models() -> list[type]:
    model_base = table_module.Model
    return [
        value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, model_base) and value is not model_base
    ]


def test_every_pretix_table_is_ours_with_the_same_columns_in_the_same_order() -> None:
    pretix = {model._filename: [field.name for field in model._fields] for model in _pretix_models()}

    assert sorted(pretix) == sorted(TABLE_BY_FILE)
    for file, columns in pretix.items():
        assert list(TABLE_BY_FILE[file].column_names) == columns, file


def test_lengths_and_decimals_agree_where_pretix_gives_them() -> None:
    disagreements = []
    for model in _pretix_models():
        ours = {column.name: column for column in TABLE_BY_FILE[model._filename].columns}
        for field in model._fields:
            max_length = getattr(field, "max_length", None)
            places = getattr(field, "places", None)
            if max_length is not None and ours[field.name].max_length != max_length:
                disagreements.append((model._filename, field.name, max_length, ours[field.name].max_length))
            if places is not None and ours[field.name].accuracy != places:
                disagreements.append((model._filename, field.name, places, ours[field.name].accuracy))

    assert disagreements == []
