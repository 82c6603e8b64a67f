"""Reading the YAML data: the reader (yamlsource), structural validation (validation), the builder
that turns plain data into the model (builder), the loader (loader) and its signed cache (cache).

This is the package's public face; the rest of the app imports from here."""

from catalogue.load.cache import load_cached
from catalogue.load.loader import (
    DATA_SCHEMA_VERSION,
    INSTRUMENTS_DIR,
    MODEL_VERSION,
    DataError,
    LoadResult,
    data_files,
    default_data_dir,
    display_name,
    fingerprint,
    load_catalogue,
    shipped_data_dir,
)
from catalogue.load.yamlsource import Problem

__all__ = [
    "DATA_SCHEMA_VERSION",
    "INSTRUMENTS_DIR",
    "MODEL_VERSION",
    "DataError",
    "LoadResult",
    "Problem",
    "data_files",
    "default_data_dir",
    "display_name",
    "fingerprint",
    "load_cached",
    "load_catalogue",
    "shipped_data_dir",
]
