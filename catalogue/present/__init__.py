"""Presentation without Qt: the one Jinja environment, HTML pages and sheets, text and JSON output, citations."""
