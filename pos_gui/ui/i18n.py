"""Loading the translations: the till's own (``pos_gui_<lang>.qm``) and Qt's standard buttons.

The source texts are German; ``--lang en`` loads the English catalogue compiled by
``make translations`` into ``pos_gui/resources/translations/``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pos_gui.resource_files import resource_file

log = logging.getLogger("pos_gui.ui.i18n")

TRANSLATIONS_DIR = ("translations",)


def app_translation_file(language: str) -> Path:
    """Where the compiled catalogue for ``language`` lives inside the package."""
    return resource_file(*TRANSLATIONS_DIR, f"pos_gui_{language}.qm")


def install_translators(
    app: QCoreApplication, language: str, *, qm_file: Path | None = None
) -> list[QTranslator]:
    """Install Qt's and the till's translators for ``language``; return them (keep them alive).

    German needs no catalogue of the till's own (the sources are German) but Qt's ``qtbase_de``
    for standard buttons; other languages load ``pos_gui_<language>.qm`` (or ``qm_file``).
    """
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    if language != "de":
        path = qm_file or app_translation_file(language)
        translator = QTranslator(app)
        if path.is_file() and translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.error("no translation for %r at %s (run `make translations`); showing German", language, path)
    return installed
