"""Where ExportRef keeps per-user files: caches (rebuildable) and the user's own data (not)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "exportref"


def cache_dir() -> Path:
    """EXPORTREF_CACHE_DIR, else the platform's user cache folder (e.g. ~/.cache/exportref)."""
    env = os.environ.get("EXPORTREF_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs  # imported here: only callers that need a folder pay for it

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
