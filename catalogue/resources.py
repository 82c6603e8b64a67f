"""Find the files in resources/ (templates, styles, icons, fonts), installed or in a checkout.

Lives in catalogue/ because the HTML renderer needs the templates too; the GUI uses it as well.

Installed from the wheel, resources/ is the package `exportref_resources`; in a checkout it is the
folder beside `gui/`. A missing file is an installation fault, so it fails loudly with the path.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as ilr
from pathlib import Path

# The bundled CJK font (resources/fonts/wqy-microhei.ttc): its text layer extracts correctly from
# PDFs, unlike Noto CJK's (tests/test_sheets.py reads the text back with pdftotext). Named here, not
# in the renderer, so that the GUI can load the font at start-up without importing Jinja.
BUNDLED_FONT_FAMILY = "WenQuanYi Micro Hei"


class MissingResource(FileNotFoundError):
    pass


@cache
def resource_root() -> Path:
    # Code run from a checkout takes the resources of that checkout, even where an editable install
    # of another checkout (a second working tree) also provides the package: templates and
    # translations must match the code that fills them.
    top = Path(__file__).resolve().parent.parent
    checkout = top / "resources"  # catalogue/../resources
    if (top / "pyproject.toml").is_file() and (checkout / "templates").is_dir():
        return checkout
    try:
        root = Path(str(ilr.files("exportref_resources")))
        if (root / "templates").is_dir():
            return root
    except ModuleNotFoundError:
        pass
    if checkout.is_dir():
        return checkout
    raise MissingResource("ExportRef's resources folder was not found; reinstall the application")


def resource_path(*parts: str) -> Path:
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise MissingResource(f"missing resource: {path}")
    return path
