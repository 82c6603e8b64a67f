"""ExportRef's domain: the data model, loading and validation, search, time and HTML rendering.

This package never imports Qt (tests/test_layers.py enforces it), so it can be used headless by the
command line, by scripts and by tests.
"""

__version__ = "0.1.0"
