"""The catalogue import's messages in the shop owner's language.

The Qt-free import (:mod:`pos_gui.services.catalog_problems`) describes every problem as a German
template with the values found in the file; here each template is looked up in the translation
catalogue (context ``CatalogProblem``), so the back office shows English when the till runs in
English and German otherwise. Values from the file (a price, an EAN, a column name) stay as
they are.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_gui.services.catalog_problems import CATALOG_MESSAGE_CONTEXT, CatalogError, CatalogMessage


def _translate(template: str) -> str:
    return QCoreApplication.translate(CATALOG_MESSAGE_CONTEXT, template)


def catalog_message_text(message: CatalogMessage) -> str:
    """``message`` in the till's language (German when no translation is installed)."""
    return message.render(_translate)


def catalog_error_text(error: CatalogError) -> str:
    """Why nothing was imported, with the file (and line) it is about."""
    return catalog_message_text(error.message)
