"""Hostile strings in the data, shared by the rendering and sheet tests: a page or a sheet made from
them must show them as text and load nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Source

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "img": '<img src="http://evil.example/pixel.png">',
    "js": '<a href="javascript:alert(1)">click</a>',
    "file": '<a href="file:///etc/passwd">passwd</a>',
}


def hostile_catalogue(minimal_data: Path) -> Catalogue:
    """The fixture with hostile strings in names, rationale, notes and source titles (via YAML, which
    the schema accepts as text) and hostile URLs (put into the model directly: the schema rejects them,
    and rendering must not depend on that)."""
    cat_file = minimal_data / "instruments" / "cn-tech-export-catalogue.yaml"
    text = cat_file.read_text(encoding="utf-8")
    text = text.replace("en: Non-ferrous metallurgy technology", f"en: {HOSTILE['img']!r}")
    text = text.replace("rationale: {en: Test rationale.}", f"rationale: {{en: {HOSTILE['script']!r}}}", 1)
    cat_file.write_text(text, encoding="utf-8")
    src_file = minimal_data / "sources.yaml"
    src_text = src_file.read_text(encoding="utf-8")
    src_text = src_text.replace("title: HK01 report of 2025-07-15", f"title: {HOSTILE['js']!r}")
    src_file.write_text(src_text, encoding="utf-8")
    result = load_catalogue(minimal_data)
    assert result.complete, result.problems
    cat = result.catalogue
    sources = dict(cat.sources)
    sources["s10"] = dataclasses.replace(sources["s10"], url="javascript:alert(document.cookie)")
    sources["s13"] = dataclasses.replace(sources["s13"], url="file:///etc/passwd", note=HOSTILE["file"])
    sources["s-extra"] = Source("s-extra", "x", None, None, "https://ok.example/ a", sources["s10"].kind)
    return Catalogue(cat.instruments, sources, cat.topics, cat.verified_to, cat.fingerprint, cat.data_dir)
