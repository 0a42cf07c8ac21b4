"""Qt translations: Vietnamese by default, English selectable.

Source strings in the code are English (Qt's convention); ``resources/translations``
holds the ``.ts`` sources and the compiled ``.qm`` files. The chosen language is kept in
the user's settings and applied at start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from isoqms import paths

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
_SETTINGS_KEY = "ui/language"


def settings() -> QSettings:
    """Per-user settings in an INI file beside the default database (portable, testable)."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def saved_language() -> str:
    value = settings().value(_SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    store = settings()
    store.setValue(_SETTINGS_KEY, language)
    store.sync()


def qm_path(language: str) -> str:
    return str(paths.resources_dir() / "translations" / f"isoqms_{language}.qm")


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our translator and Qt's own (for standard buttons); returns them to keep."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    ours = QTranslator(app)
    if ours.load(qm_path(language)):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(QLocale.Language.Vietnamese), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
