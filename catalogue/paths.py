"""Where ExportRef keeps per-user files: caches (rebuildable), the user's own data (not) and settings.

One application name for every folder. The cache folder has always been spelt in lower case on disk
(~/.cache/exportref) and the data and settings folders with capitals (~/.local/share/ExportRef); the
spellings stay as they are so that an update finds the notes and settings it already has.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ExportRef"
CACHE_FOLDER = APP_NAME.lower()


def cache_dir() -> Path:
    """EXPORTREF_CACHE_DIR, else the platform's user cache folder (e.g. ~/.cache/exportref)."""
    env = os.environ.get("EXPORTREF_CACHE_DIR")
    if env:
        return Path(env)
    return platform_cache_dir()


def platform_cache_dir() -> Path:
    """The platform's user cache folder, whatever EXPORTREF_CACHE_DIR says."""
    import platformdirs  # imported here: only callers that need a folder pay for it

    return Path(platformdirs.user_cache_dir(CACHE_FOLDER, appauthor=False))


def user_data_dir() -> Path:
    """Where notes, bookmarks and logs live: EXPORTREF_USER_DIR, else the platform's data folder."""
    env = os.environ.get("EXPORTREF_USER_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """Where the settings file lives (the platform's config folder; XDG_CONFIG_HOME on Linux)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
