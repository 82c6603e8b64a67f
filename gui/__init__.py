"""ExportRef's desktop application and command line; the only package that imports PySide6."""
