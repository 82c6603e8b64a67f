"""The window's language: Simplified Chinese or English, from the system locale unless the user chose.

Two translation catalogues speak for the app, one per layer:

- the window's own words (menus, dialogs, tooltips, the status bar) are Qt's: `self.tr()` in gui/,
  collected by pyside6-lupdate into resources/translations/exportref_zh_CN.ts and compiled to the
  .qm that a QTranslator loads, with Qt's own qtbase translations for its standard buttons and
  dialogs. English needs a catalogue too, for its plural forms only (`%n`): exportref_en.qm.
- the pages, sheets, status words and citations are catalogue's (gettext; catalogue.i18n), which
  has no Qt; `apply_language` sets its language at the same time.

Switching language rebuilds the main window, as switching data sets does (gui.data_sets_dialog):
every string is then set by the code that made it, with no second path to keep in step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from catalogue import i18n
from catalogue.i18n import Language
from catalogue.resources import MissingResource, resource_path

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.reading_pane import ReadingPane
    from gui.settings import Settings

log = logging.getLogger(__name__)

# Each language by its own name, in every language: a reader who cannot read the current one can still
# find theirs.
LANGUAGE_NAMES: dict[Language, str] = {"zh": "中文", "en": "English"}
_QT_LOCALES: dict[Language, QLocale] = {
    "zh": QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
}
_FILE_SUFFIX: dict[Language, str] = {"zh": "zh_CN", "en": "en"}

_installed: list[QTranslator] = []
_language: Language | None = None


def system_language() -> Language:
    """Chinese when the system's locale is Chinese (any script or region), else English."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def chosen_language(settings: Settings) -> Language:
    """The language the user chose in View → Language, else the system's."""
    return i18n.parse_language(settings.language) or system_language()


def current_language() -> Language | None:
    """The language whose translators are installed; None before the first `apply_language`."""
    return _language


def translations_folder() -> str | None:
    try:
        return str(resource_path("translations"))
    except MissingResource:
        log.warning("resources/translations is missing: the window stays in English")
        return None


def apply_language(app: QCoreApplication, lang: Language) -> list[QTranslator]:
    """Install the translators for `lang` (replacing any installed before), make it the default
    locale for numbers and dates, and make catalogue write pages in it. Returns the translators
    installed; a missing catalogue only leaves its strings in English."""
    global _language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    locale = _QT_LOCALES[lang]
    QLocale.setDefault(locale)
    i18n.set_language(lang)
    _language = lang
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = translations_folder()
    wanted = [("qtbase", qt_folder)] if lang != "en" else []
    if ours is not None:
        wanted.append(("exportref", ours))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(f"{name}_{_FILE_SUFFIX[lang]}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no %s translation for %s in %s", name, lang, folder)
    return list(_installed)


def ensure_language(settings: Settings | None = None) -> Language:
    """The language in use, applying the chosen (or the system's) one if none has been yet."""
    if _language is not None:
        return _language
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    lang = chosen_language(settings) if settings is not None else system_language()
    apply_language(app, lang)
    return lang


def bind_show_english(
    action: QAction, reading: ReadingPane, settings: Settings, lang: Language, rerender: Callable[[], None]
) -> None:
    """View → Show our English translations: always on in the English window; in the Chinese one the
    user's choice, remembered, and the page drawn again at once."""
    action.setChecked(lang == "en" or settings.show_english)
    action.setEnabled(lang != "en")
    reading.show_english = action.isChecked()

    def toggled(checked: bool) -> None:
        settings.show_english = checked
        reading.show_english = checked
        rerender()

    action.toggled.connect(toggled)


def language_menu(parent: QWidget, current: Language, on_choose: Callable[[Language], object]) -> QMenu:
    """View → Language: one checkable row per language, named in itself."""
    menu = QMenu(QCoreApplication.translate("LanguageMenu", "&Language"), parent)
    menu.setObjectName("language_menu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    for lang, name in LANGUAGE_NAMES.items():
        action = QAction(name, menu)
        action.setObjectName(f"language_{lang}")
        action.setCheckable(True)
        action.setChecked(lang == current)
        action.setData(lang)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _chosen(action, current, on_choose))
    return menu


def _chosen(action: QAction, current: Language, on_choose: Callable[[Language], object]) -> None:
    lang = i18n.parse_language(str(action.data()))
    if lang is not None and lang != current:
        on_choose(lang)


# The windows made here: a top-level window has no parent to keep it alive.
_windows: list[QWidget] = []


def reopen_in_language(old: MainWindow, lang: Language) -> MainWindow:
    """Remember `lang`, switch to it and make a new window in place of `old` on the same data, with
    the same settings, notes, date and page; then close `old`."""
    old.notes.save()
    old.save_settings()  # the new window restores geometry, splitter, grouping and the page being read
    old.settings.language = lang
    old.settings.sync()
    app = QCoreApplication.instance()
    assert app is not None
    apply_language(app, lang)
    # The class of `old`: gui.main_window imports this module, so this one does not import it back.
    new = type(old)(old.result, settings=old.settings, userdata=old.userdata, as_of=old.as_of)
    _windows.append(new)
    new.destroyed.connect(lambda *_: _windows.remove(new) if new in _windows else None)
    new.show()  # before the old one closes: closing the last window would quit the app
    if old.index_build.started:
        new.start_index_build()
    old.close()
    if old in _windows:
        _windows.remove(old)
    old.deleteLater()
    log.info("language switched to %s", lang)
    return new
