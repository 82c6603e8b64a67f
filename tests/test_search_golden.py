"""The search engine gives the answers it gave before it was made faster: the same total, the same hits
in the same order with the same scores, snippets, "matched via" and exact-match marks, the same
suggestion and notices, for every query of a fixed table (tests/search_golden.py: 162 queries over
the whole query language) on two generated catalogues, one below and one above the size at which the
engine matches OR queries another way.

tests/fixtures/search_golden.json was written by `python tests/make_search_golden.py` from the engine
as it was before the speed work (its commit is recorded in the file). A change that alters what a
search shows fails here; if the change is meant (a new ranking rule, say), regenerate the file from
the new engine and say in the commit what changed and why.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from search_golden import GOLDEN, QUERIES, SIZES, answer, golden_catalogue

from catalogue.search.engine import SearchEngine


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module", params=SIZES, ids=[f"{n}-entries" for n in SIZES])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, SearchEngine]]:
    """The index of one generated catalogue, built on disk once for the module (the larger takes ~20 s)."""
    cache: Path = tmp_path_factory.mktemp("golden-index")
    with SearchEngine(golden_catalogue(request.param), cache) as built:
        built.ensure_index()
        yield request.param, built


def test_the_table_is_the_one_recorded(recorded: dict[str, Any]) -> None:
    """A query added to or dropped from the table must be recorded too, or it would not be checked."""
    assert len(QUERIES) >= 100
    for n in SIZES:
        assert [a["query"] for a in recorded["sizes"][str(n)]["answers"]] == list(QUERIES)


def test_every_answer_is_the_recorded_one(engine: tuple[int, SearchEngine], recorded: dict[str, Any]) -> None:
    n, searched = engine
    size = recorded["sizes"][str(n)]
    assert searched.ensure_index().documents == size["documents"]
    differences = []
    for expected in size["answers"]:
        spec = expected["query"]
        got = {"query": spec, **answer(searched, spec)}
        if got != expected:
            differences.append(_describe(spec, expected, got))
    assert differences == [], f"{len(differences)} of {len(QUERIES)} answers changed:\n" + "\n".join(differences[:10])


def _describe(spec: dict[str, Any], expected: dict[str, Any], got: dict[str, Any]) -> str:
    """The first thing that differs, readably: the totals, or the first hit that is not the same."""
    lines = [f"{spec}:"]
    for key in ("total", "suggestion", "notice", "degraded", "error"):
        if expected[key] != got[key]:
            lines.append(f"  {key}: recorded {expected[key]!r}, now {got[key]!r}")
    want, have = expected["hits"], got["hits"]
    if len(want) != len(have):
        lines.append(f"  {len(want)} hits recorded, {len(have)} now")
    for rank, (a, b) in enumerate(zip(want, have, strict=False), 1):
        if a != b:
            lines.append(f"  hit {rank}: recorded {a}\n         now      {b}")
            break
    return "\n".join(lines)
