"""Load the bundled CJK font (WenQuanYi Micro Hei) so screen and paper never depend on the system.

Without a CJK font Qt silently drops Chinese from PDFs, and with Noto CJK the PDF text layer maps
characters such as 土 to Kangxi radicals, so 稀土 cannot be found in a printed sheet (measured when
the font was chosen; resources/fonts/README.md says why this font, and tests/test_sheets.py reads
the text layer of real sheets). The font ships in resources/fonts; if it is missing or unreadable the
installation is broken, and we say so rather than print sheets with the wrong text.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication

from catalogue.resources import BUNDLED_FONT_FAMILY, resource_path

FONT_FILE = "wqy-microhei.ttc"

_loaded_family: str | None = None


class FontError(RuntimeError):
    pass


def load_bundled_fonts() -> str:
    """Register the bundled font with Qt (once per process) and return its family name.

    Needs a QGuiApplication. Raises FontError when the file is missing, Qt cannot read it, or it
    does not provide the family the stylesheet names.
    """
    global _loaded_family
    if _loaded_family is not None:
        return _loaded_family
    if QGuiApplication.instance() is None:
        raise FontError("load_bundled_fonts() needs a QGuiApplication")
    try:
        path = resource_path("fonts", FONT_FILE)
    except FileNotFoundError as exc:
        raise FontError(f"the bundled font is missing ({exc}); reinstall ExportRef") from exc
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        raise FontError(f"Qt could not load the bundled font {path}; reinstall ExportRef")
    families = QFontDatabase.applicationFontFamilies(font_id)
    if BUNDLED_FONT_FAMILY not in families:
        raise FontError(f"{path} provides {families}, not {BUNDLED_FONT_FAMILY!r}; reinstall ExportRef")
    _loaded_family = BUNDLED_FONT_FAMILY
    return _loaded_family
