"""Search: analysis, the query language, ranking, snippets and the command line, on real indexes.

Most cases run on tests/fixtures/search, a small synthetic dataset built to hold the hard cases side by
side (基因编辑 beside 基因组编辑, 磁体 inside 电磁体, hostile markup, one word in a name, a control
point and a rationale). The table at the end runs against the shipped data; its expected ids were read
from catalogue/data and are checked to exist before they are searched for.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.numbers import docnos_in, normalize_code
from catalogue.search.analysis import BilingualAnalyzer, fold, query_tokens, stem, tokenize
from catalogue.search.engine import NOT_LISTED_NOTICE, SearchEngine, SearchResults
from catalogue.search.query import MAX_QUERY_CHARS, parse_query
from gui.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "search"
TODAY = dt.date(2026, 11, 28)  # fixed, so "historical" does not move with the calendar


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    result = load_catalogue(FIXTURE)
    assert result.problems == []
    eng = SearchEngine(result.catalogue, tmp_path_factory.mktemp("search-cache"))
    eng.ensure_index()
    yield eng
    eng.close()


def ids(res: SearchResults) -> list[str]:
    return [h.id for h in res.hits]


def find(engine: SearchEngine, query: str, **kw: object) -> SearchResults:
    kw.setdefault("as_of", TODAY)
    res = engine.search(query, **kw)  # type: ignore[arg-type]
    assert res.error is None, res.error
    return res


# -- analysis --------------------------------------------------------------------------------------


def test_cjk_runs_become_bigrams_with_unigrams_at_consecutive_positions() -> None:
    toks = tokenize("电磁体", unigrams=True)
    assert [(t.text, t.pos) for t in toks] == [("电磁", 0), ("电", 0), ("磁体", 1), ("磁", 1), ("体", 1)]
    assert [(t.start, t.end) for t in toks if len(t.text) == 2] == [(0, 2), (1, 3)]
    assert query_tokens("基因编辑") == ["基因", "因编", "编辑"]
    assert query_tokens("镓") == ["镓"]  # one character: a unigram, which the index holds too


def test_latin_words_are_case_folded_and_light_stemmed() -> None:
    assert query_tokens("Rare-Earth MAGNETS") == ["rar", "earth", "magnet"]
    assert stem("batteries") == stem("battery")
    assert stem("licensing") == stem("licensed") == stem("licence") == stem("license")
    assert stem("controlled") == stem("control")
    assert stem("general") != stem("generation")  # no derivational conflation (Porter: both "gener")


def test_codes_and_document_numbers_tokenize_as_one_word() -> None:
    assert query_tokens("8112.92.90 1C902.a") == ["8112.92.90", "1c902.a"]
    assert query_tokens("No.23") == ["no", "23"]  # a dot joins only after a digit
    assert docnos_in("MOFCOM & GACC Announcement 2023 No. 23") == {"2023-23"}
    assert docnos_in("商务部 海关总署公告2023年第23号") == {"2023-23"}
    assert docnos_in("Announcement No. 23 of 2023 and 商务部令〔2009〕2号") == {"2023-23", "2009-2"}
    assert docnos_in("the October 2025 package (2025 Nos. 55–58, 61 and 62)") == {
        "2025-55",
        "2025-56",
        "2025-57",
        "2025-58",
        "2025-61",
        "2025-62",
    }
    assert normalize_code("8112.92.90") == normalize_code("81129290") == "81129290"


def test_traditional_and_fullwidth_fold_without_changing_offsets() -> None:
    for text in ("釹鐵硼", "稀土磁體", "鎵", "基因編輯", "ＧＡＬＬＩＵＭ ２０２３"):
        assert len(fold(text)) == len(text)
    assert fold("釹鐵硼") == "钕铁硼"
    assert fold("稀土磁體") == "稀土磁体"
    assert query_tokens("ＧＡＬＬＩＵＭ") == ["gallium"]


def test_analyzer_pickles_under_its_stable_path() -> None:
    """Whoosh stores the analyzer pickled in the index; opening it needs catalogue.search.analysis."""
    blob = pickle.dumps(BilingualAnalyzer())
    assert b"catalogue.search.analysis" in blob and b"BilingualAnalyzer" in blob
    again = pickle.loads(blob)
    assert again == BilingualAnalyzer()
    assert [t.text for t in again("稀土", mode="query")] == ["稀土"]
    assert [t.text for t in again("稀土")] == ["稀土", "稀", "土"]


# -- the query language ----------------------------------------------------------------------------


def test_parse_words_phrases_or_not_prefix_filters() -> None:
    q = parse_query('gallium "rare earth" magnet* A OR B -scrap NOT waste status:prohibited kind:entry')
    assert [[(u.kind, u.text) for u in g] for g in q.groups] == [
        [("word", "gallium")],
        [("phrase", "rare earth")],
        [("prefix", "magnet")],
        [("word", "A"), ("word", "B")],
    ]
    assert [(u.kind, u.text) for u in q.negated] == [("word", "scrap"), ("word", "waste")]
    assert [(u.name, u.text) for u in q.filters] == [("status", "prohibited"), ("kind", "entry")]
    assert q.problems == []


def test_parse_recognises_document_numbers_in_both_languages() -> None:
    for text in ("2023 No. 23", "2023年第23号", "Announcement No. 23 of 2023", "2023, No.23"):
        q = parse_query(text)
        assert ("docno", "2023-23") in [(u.kind, u.text) for g in q.groups for u in g], text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('"unclosed phrase', "quote"),
        ("OR gallium", "OR"),
        ("gallium OR", "OR"),
        ("gallium NOT", "NOT"),
        ("foo:bar", "not a filter"),
        ("ma*gnet", "wildcard"),
        ("gallium - ", "minus"),
        ("x" * (MAX_QUERY_CHARS + 50), "cut"),
    ],
)
def test_malformed_queries_degrade_and_say_so(engine: SearchEngine, text: str, problem: str) -> None:
    assert any(problem in p for p in parse_query(text).problems)
    res = find(engine, text)
    assert res.degraded
    assert res.notice and "plain words" in res.notice


def test_degraded_queries_still_search_their_words(engine: SearchEngine) -> None:
    assert "tungsten-in-name" in ids(find(engine, '"tungsten smelting'))
    assert "tungsten-in-name" in ids(find(engine, "smelting OR"))
    assert "tungsten-in-name" in ids(find(engine, "tung*sten smelting"))


# -- matching --------------------------------------------------------------------------------------


def test_chinese_phrases_match_inside_words_but_not_across_insertions(engine: SearchEngine) -> None:
    assert ids(find(engine, "基因编辑")) == ["human-cell-cloning-gene-editing"]
    assert ids(find(engine, "基因组编辑")) == ["plant-genome-modification"]
    assert set(ids(find(engine, "磁体"))) == {"electromagnet-winding", "rare-earth-magnets"}  # 电磁体 too
    assert ids(find(engine, "电磁体")) == ["electromagnet-winding"]


def test_one_character_queries_use_the_unigrams(engine: SearchEngine) -> None:
    res = find(engine, "钨")
    assert set(ids(res)) >= {"tungsten-in-name", "tungsten-historical"}
    assert "non-ferrous-metallurgy" in ids(find(engine, "镓"))


def test_traditional_characters_find_simplified_text(engine: SearchEngine) -> None:
    res = find(engine, "釹鐵硼")
    assert ids(res)[0] == "rare-earth-magnets"
    assert '<b class="match">钕铁硼</b>' in res.hits[0].snippet
    assert ids(find(engine, "基因編輯")) == ids(find(engine, "基因编辑"))


def test_compound_chinese_word_falls_back_to_its_parts_and_says_so(engine: SearchEngine) -> None:
    res = find(engine, "稀土磁體")  # nobody wrote 稀土磁体 as one word
    assert ids(res)[0] == "rare-earth-magnets"
    assert res.notice and "No exact match" in res.notice
    assert res.hits[0].matched_via and "稀土 and 磁体" in res.hits[0].matched_via


def test_english_words_match_their_inflections(engine: SearchEngine) -> None:
    assert "rare-earth-magnets" in ids(find(engine, "magnet"))
    assert "electromagnet-winding" in ids(find(engine, "electromagnet"))
    assert "non-ferrous-metallurgy" in ids(find(engine, "extract gallium"))  # "Extracting gallium"


def test_trailing_wildcard_matches_word_starts_only(engine: SearchEngine) -> None:
    res = find(engine, "magnet*")
    assert "rare-earth-magnets" in ids(res)
    assert "electromagnet-winding" not in ids(res)  # "electromagnets" does not start with magnet
    assert set(ids(find(engine, "tungst*"))) == {
        "tungsten-in-name",
        "tungsten-in-point",
        "tungsten-in-rationale",
        "tungsten-historical",
    }


def test_phrases_or_and_exclusion(engine: SearchEngine) -> None:
    assert ids(find(engine, '"carbide powder"')) == ["tungsten-in-point"]
    assert ids(find(engine, '"powder carbide"')) == []
    both = set(ids(find(engine, "smelting OR dressing")))
    assert {"tungsten-in-name", "tungsten-historical"} <= both
    assert "tungsten-in-name" not in ids(find(engine, "tungsten -smelting"))
    assert "tungsten-in-name" not in ids(find(engine, "tungsten NOT smelting"))
    assert "tungsten-in-point" in ids(find(engine, "tungsten NOT smelting"))


def test_synonyms_expand_and_say_why(engine: SearchEngine) -> None:
    res = find(engine, "CRISPR")  # the fixture entry never says CRISPR
    assert ids(res) == ["human-cell-cloning-gene-editing"]
    via = res.hits[0].matched_via
    assert via is not None and via.startswith("CRISPR →") and ("gene editing" in via or "基因编辑" in via)
    direct = find(engine, "基因编辑").hits[0]
    assert direct.matched_via is None  # the typed words matched: nothing to explain
    assert "plant-genome-modification" not in ids(find(engine, "CRISPR"))


def test_synonyms_expand_on_either_side_of_or(engine: SearchEngine) -> None:
    res = find(engine, "CRISPR OR smelting")
    assert {"human-cell-cloning-gene-editing", "tungsten-in-name"} <= set(ids(res))
    via = {h.id: h.matched_via for h in res.hits}
    assert via["tungsten-in-name"] is None and (via["human-cell-cloning-gene-editing"] or "").startswith("CRISPR")


def test_synonym_matches_rank_below_direct_ones(engine: SearchEngine) -> None:
    res = find(engine, "NdFeB")  # the measure mentions rare earths, the entry says NdFeB
    assert ids(res)[0] == "rare-earth-magnets"
    later = {h.id: h.matched_via for h in res.hits[1:]}
    assert later and all(v for v in later.values())


# -- numbers, codes, document numbers --------------------------------------------------------------


def test_item_number_and_prefix_jump_first(engine: SearchEngine) -> None:
    res = find(engine, "083201X")
    assert ids(res)[0] == "non-ferrous-metallurgy" and res.hits[0].exact
    numbered = {e.id for e in load_catalogue(FIXTURE).catalogue.entries() if (e.number or "").startswith("0833")}
    assert len(numbered) == 5
    res = find(engine, "0833")
    assert set(ids(res)[:5]) == numbered and all(h.exact for h in res.hits[:5])
    assert set(ids(find(engine, "number:0833*"))) == numbered
    assert ids(find(engine, "number:08330*")) == ids(find(engine, "number:0833"))
    assert ids(find(engine, "number:083301X")) == ["tungsten-in-name"]


def test_control_and_customs_codes(engine: SearchEngine) -> None:
    res = find(engine, "1C902")
    assert set(ids(res)[:2]) == {"cn-mofcom-2025-18-samarium-metal", "cn-mofcom-2025-18"}
    assert ids(find(engine, "8112.92.90"))[:1] in (["cn-mofcom-2023-23-gallium-metal"], ["cn-mofcom-2023-23"])
    assert "cn-mofcom-2023-23-gallium-metal" in ids(find(engine, "8112929090"))[:2]


@pytest.mark.parametrize("text", ["2023 No. 23", "2023年第23号", "商务部 海关总署公告2023年第23号", "No. 23 of 2023"])
def test_document_numbers_find_the_announcement(engine: SearchEngine, text: str) -> None:
    res = find(engine, text)
    assert ids(res)[0] == "cn-mofcom-2023-23" and res.hits[0].exact
    # 2025 No. 18 only cites it, so it comes after and is not an exact match
    assert "cn-mofcom-2025-18" in ids(res) and not res.hits[ids(res).index("cn-mofcom-2025-18")].exact


def test_law_articles_by_label_and_chinese_numeral(engine: SearchEngine) -> None:
    for text in ("Art. 12", "第十二条", "catch-all"):
        res = find(engine, text)
        assert ids(res) == ["cn-export-control-law"], text
        assert res.hits[0].snippet_field == "Art. 12"


# -- ranking ---------------------------------------------------------------------------------------


def test_names_outrank_control_points_outrank_rationale_and_history_is_flagged(engine: SearchEngine) -> None:
    res = find(engine, "tungsten")
    assert ids(res) == ["tungsten-in-name", "tungsten-historical", "tungsten-in-point", "tungsten-in-rationale"]
    assert [h.historical for h in res.hits] == [False, True, False, False]


def test_current_above_historical_depends_on_the_as_of_date(engine: SearchEngine) -> None:
    res = find(engine, "tungsten ore OR smelting", as_of=dt.date(2015, 1, 1))
    assert ids(res)[0] == "tungsten-historical"
    assert not res.hits[0].historical
    # Listed "by 2023-12-21 at the latest": the data cannot say for 2015, so it ranks after the current one.
    assert res.hits[1].status == "unknown" and not res.hits[1].historical
    res = find(engine, "tungsten ore OR smelting")
    assert ids(res)[0] == "tungsten-in-name"


def test_measure_status_and_history_follow_the_as_of_date(engine: SearchEngine) -> None:
    hit = find(engine, "2023 No. 23").hits[0]
    # Past the verified-to date: what held then (folded into the dual-use list), marked not verified;
    # current, not historical.
    assert (hit.status, hit.historical, hit.verified) == ("not_verified", False, False)
    assert hit.status_label == "in force under the dual-use list as of 2026-06-30 (not verified after)"
    hit = find(engine, "2023 No. 23", as_of=dt.date(2025, 6, 1)).hits[0]
    assert (hit.status, hit.historical, hit.verified) == ("folded", False, True)
    hit = find(engine, "2023 No. 23", as_of=dt.date(2024, 1, 1)).hits[0]
    assert (hit.status, hit.historical) == ("in_force", False)


def test_ties_break_the_same_way_every_time(engine: SearchEngine) -> None:
    runs = {tuple(ids(find(engine, q))) for q in ["technology"] * 3}
    assert len(runs) == 1
    assert len(next(iter(runs))) > 5


# -- filters ---------------------------------------------------------------------------------------


def test_filters_in_the_query_and_as_arguments(engine: SearchEngine) -> None:
    assert ids(find(engine, "status:prohibited")) == ["human-cell-cloning-gene-editing"]
    assert ids(find(engine, "technology", status="prohibited")) == ["human-cell-cloning-gene-editing"]
    measures = find(engine, "gallium kind:measure")
    assert measures.hits and {h.kind for h in measures.hits} <= {"measure", "clause", "item"}
    assert {h.kind for h in find(engine, "gallium", kind="item").hits} == {"item"}
    assert set(ids(find(engine, "topic:稀土"))) == set(ids(find(engine, "topic:rare-earths")))
    assert "rare-earth-magnets" in ids(find(engine, "topic:rare-earths"))
    assert "non-ferrous-metallurgy" not in ids(find(engine, "gallium -kind:entry"))
    folded = find(engine, "gallium status:folded", as_of=dt.date(2025, 6, 1))
    assert folded.hits and all(h.status == "folded" for h in folded.hits)
    # Past the verified-to date the filter finds what was folded then; each hit says it is not verified.
    late = find(engine, "gallium status:folded")
    assert ids(late) == ids(folded) and all(h.status == "not_verified" for h in late.hits)


def test_unknown_filter_arguments_match_nothing_and_say_why(engine: SearchEngine) -> None:
    res = find(engine, "gallium", topic="no-such-topic")
    assert res.total == 0 and res.notice and "unknown topic" in res.notice
    res = find(engine, "gallium", status="sideways")
    assert res.total == 0 and res.notice and "unknown status" in res.notice


# -- results ---------------------------------------------------------------------------------------


def test_snippets_escape_everything_but_the_highlight(engine: SearchEngine) -> None:
    for text in ("indium", "refining", "link", "bold", "script"):
        for hit in find(engine, text).hits:
            tags = re.findall(r"<[^>]*>", hit.snippet)
            assert set(tags) <= {'<b class="match">', "</b>"}, (text, hit.snippet)
    hit = find(engine, "refining").hits[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in hit.snippet
    assert "&amp;" in hit.snippet and "&quot;quoted&quot;" in hit.snippet
    assert hit.name_en and "<script>" in hit.name_en  # names are data; the GUI escapes them itself


def test_empty_result_carries_the_not_listed_notice(engine: SearchEngine) -> None:
    res = find(engine, "zirconium")
    assert res.total == 0 and res.hits == ()
    assert res.notice == NOT_LISTED_NOTICE
    assert "Art. 12" in NOT_LISTED_NOTICE and "does not mean" in NOT_LISTED_NOTICE


def test_misspellings_get_a_suggestion_from_the_index(engine: SearchEngine) -> None:
    assert find(engine, "tungstn").suggestion == "tungsten"
    assert find(engine, "galium").suggestion == "gallium"
    assert find(engine, "tungsten").suggestion is None
    assert find(engine, "magnets").suggestion is None  # a known word's plural is not a misspelling


def test_limit_and_total(engine: SearchEngine) -> None:
    res = find(engine, "technology", limit=2)
    assert len(res.hits) == 2 and res.total > 2
    assert find(engine, "technology", limit=0).hits == ()


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "、。！"])
def test_empty_and_blank_queries_find_nothing(engine: SearchEngine, text: str) -> None:
    res = find(engine, text)
    assert res.total == 0 and res.hits == ()
    assert not res.error and not res.degraded


def test_stop_words_are_dropped_unless_nothing_else_is_left(engine: SearchEngine) -> None:
    assert ids(find(engine, "the gallium")) == ids(find(engine, "gallium"))
    # "the" alone is searched as typed rather than answered with nothing: the two fixture files
    # whose text has the word.
    assert set(ids(find(engine, "the"))) == {"cn-export-control-law", "cn-mofcom-2023-23"}


# -- command line ----------------------------------------------------------------------------------


@pytest.fixture
def fixture_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE, dest)
    monkeypatch.setenv("EXPORTREF_DATA_DIR", str(dest))
    return dest


def test_cli_search_json_has_exactly_the_documented_shape(
    fixture_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "镓", "--json", "--limit", "3", "--as-of", "2026-11-28"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"query", "total", "hits", "suggestion", "notice", "as_of", "verified_to"}
    assert out["query"] == "镓" and out["total"] >= len(out["hits"]) > 0
    assert out["as_of"] == "2026-11-28" and out["verified_to"] == "2026-06-30"
    keys = {"id", "kind", "number", "name", "status", "historical", "score", "snippet", "matched_via"}
    keys |= {"status_label", "status_text", "verified", "listing", "snippet_spans"}
    for hit in out["hits"]:
        assert set(hit) == keys
        assert set(hit["name"]) == {"zh", "en"}
        assert hit["verified"] is False and "not verified" in hit["status_label"]
        # Plain text with the matches given as spans: no markup.
        assert "<" not in hit["snippet"] and hit["snippet_spans"]
        assert all(0 <= a < b <= len(hit["snippet"]) for a, b in hit["snippet_spans"])
    spans = [hit["snippet"][a:b] for hit in out["hits"] for a, b in hit["snippet_spans"]]
    assert "镓" in spans and "gallium and germanium" in spans  # the synonym is marked too


def test_cli_search_for_people(fixture_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "083201X"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"1 result(s) for '083201X', status as of {dt.date.today()}"
    assert "083201X" in out and "有色金属冶金技术" in out
    assert main(["search", "galium"]) == 0
    out = capsys.readouterr().out
    assert "Did you mean: gallium" in out and "Art. 12" in out
    assert main(["search", "gallium", "--kind", "item", "--status", "folded", "--topic", "镓"]) == 0
    assert "item cn-mofcom-2023-23-gallium-metal" in capsys.readouterr().out


def test_cli_index_builds_then_opens(fixture_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index"]) == 0
    first = capsys.readouterr().out
    for label in ("documents:", "size on disk:", "build time:", "fingerprint:"):
        assert label in first
    assert "rebuilt now" in first
    cat = load_catalogue(fixture_data).catalogue
    assert f"fingerprint: {cat.fingerprint}" in first
    assert main(["index"]) == 0
    assert "opened the existing index" in capsys.readouterr().out
    assert main(["index", "--rebuild"]) == 0
    assert "rebuilt now" in capsys.readouterr().out


# -- the shipped data ------------------------------------------------------------------------------

# (query, ids that must all be among the first `within` hits, within). Ids were read from
# catalogue/data; `test_table_ids_exist` fails first, and clearly, if the data no longer has them.
TABLE: list[tuple[str, tuple[str, ...], int]] = [
    # English
    ("gallium", ("cn-mofcom-2023-23", "non-ferrous-metallurgy"), 10),
    ("germanium", ("cn-mofcom-2023-23", "cn-mofcom-2023-23-germanium-metal"), 10),
    ("antimony", ("cn-mofcom-2024-33",), 3),
    ("rare earth", ("rare-earth-refining-processing-utilisation", "cn-rare-earth-regulations"), 10),
    ("graphite", ("cn-mofcom-2023-39-natural-flake-graphite",), 10),
    ("tungsten", ("cn-mofcom-2025-10-solid-tungsten",), 10),  # No. 10 lists it fourth; first screen
    ("gene editing", ("human-cell-cloning-gene-editing",), 1),
    ("unmanned aerial vehicle", ("uav-technology",), 1),
    ("caffeine", ("caffeine-synthesis",), 1),
    ("wind tunnel", ("high-speed-wind-tunnels",), 1),
    ("catch-all", ("cn-export-control-law",), 5),
    ("Export Control Law", ("cn-export-control-law",), 1),
    ("samarium", ("cn-mofcom-2025-18-samarium-metal-alloys-targets",), 3),
    ("magnet*", ("cn-mofcom-2025-61-part-2-samarium-cobalt-magnets",), 10),
    ("diamond wire saw", ("cn-mofcom-2025-55-2c902-c",), 1),
    # simplified Chinese
    ("镓", ("cn-mofcom-2023-23", "non-ferrous-metallurgy"), 10),
    ("锗", ("cn-mofcom-2023-23-germanium-metal",), 10),
    ("锑", ("cn-mofcom-2024-33-antimony-metal",), 10),
    ("稀土", ("rare-earth-refining-processing-utilisation", "cn-mofcom-2025-18", "cn-mofcom-2025-62"), 10),
    ("基因编辑", ("human-cell-cloning-gene-editing",), 1),
    ("激光雷达", ("lidar-system",), 1),
    ("无人机", ("uav-technology",), 1),
    ("中药", ("tcm-decoction-piece-processing", "tcm-formulas-production"), 5),
    ("有色金属冶金", ("non-ferrous-metallurgy",), 1),
    ("电池正极材料", ("battery-cathode-material-preparation",), 1),
    ("出口管制法", ("cn-export-control-law",), 1),
    ("石墨", ("cn-mofcom-2023-39-natural-flake-graphite",), 10),  # No. 39 item 2, after item 1 and No. 58
    # traditional Chinese
    ("釹鐵硼", ("rare-earth-refining-processing-utilisation",), 3),
    ("稀土磁體", ("rare-earth-refining-processing-utilisation",), 3),
    ("鎵", ("cn-mofcom-2023-23", "non-ferrous-metallurgy"), 10),
    ("基因編輯", ("human-cell-cloning-gene-editing",), 1),
    ("無人機", ("uav-technology",), 1),
    ("激光雷達", ("lidar-system",), 1),
    # item numbers, control codes, customs codes
    ("083201X", ("non-ferrous-metallurgy",), 1),
    ("0832", ("non-ferrous-metallurgy",), 1),
    ("252604X", ("battery-cathode-material-preparation",), 1),
    ("1C902", ("cn-mofcom-2025-18", "cn-mofcom-2025-18-samarium-metal-alloys-targets"), 4),
    ("2B902.c", ("cn-mofcom-2025-56-2b902-c",), 1),
    ("3C901.a.1", ("cn-mofcom-2025-58-3c901-a-1",), 1),
    ("8110929010", ("cn-mofcom-2023-23-gallium-metal",), 1),
    # document numbers
    ("2023 No. 23", ("cn-mofcom-2023-23",), 1),
    ("2023年第23号", ("cn-mofcom-2023-23",), 1),
    ("2024 No. 33", ("cn-mofcom-2024-33",), 1),
    ("商务部公告2024年第46号", ("cn-mofcom-2024-46",), 1),
    ("2025 No. 18", ("cn-mofcom-2025-18",), 1),
    ("Announcement 2025 No. 62", ("cn-mofcom-2025-62",), 1),
    # synonyms
    ("CRISPR", ("human-cell-cloning-gene-editing",), 1),
    ("NdFeB", ("rare-earth-refining-processing-utilisation", "cn-mofcom-2025-61-part-2-ndfeb-magnets-tb-dy"), 10),
    ("REE", ("rare-earth-refining-processing-utilisation",), 5),
    ("laser radar", ("lidar-system",), 3),
    ("TCM", ("tcm-decoction-piece-processing",), 5),
    ("UAV", ("uav-technology",), 1),
    ("LFP", ("cn-mofcom-2025-58-3c901-a-1",), 3),
    ("Ga", ("non-ferrous-metallurgy", "cn-mofcom-2023-23"), 40),
]
# (misspelled, suggestion, an id the suggestion finds)
MISSPELLED: list[tuple[str, str, str]] = [
    ("galium", "gallium", "cn-mofcom-2023-23"),
    ("germainum", "germanium", "cn-mofcom-2023-23"),
    ("tungstn", "tungsten", "cn-mofcom-2025-10-solid-tungsten"),
    ("antimonny", "antimony", "cn-mofcom-2024-33"),
    ("graphyte", "graphite", "cn-mofcom-2023-39"),
]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    result = load_catalogue()
    assert result.complete, "the shipped data has problems; run `exportref check`"
    eng = SearchEngine(result.catalogue, tmp_path_factory.mktemp("shipped-cache"))
    eng.ensure_index()
    yield eng
    eng.close()


def test_table_is_big_enough() -> None:
    assert len(TABLE) + len(MISSPELLED) >= 40
    kinds = {"en": r"^[A-Za-z* -]+$", "zh": r"[\u4e00-\u9fff]", "code": r"\d"}
    for name, pattern in kinds.items():
        assert sum(bool(re.search(pattern, q)) for q, _ids, _n in TABLE) >= 8, name


def test_table_ids_exist(shipped: SearchEngine) -> None:
    cat = load_catalogue().catalogue
    missing = [i for _q, expected, _n in TABLE for i in expected if cat.get(i) is None]
    missing += [i for _q, _s, i in MISSPELLED if cat.get(i) is None]
    assert missing == [], "the shipped data no longer has these ids; update the table"


@pytest.mark.parametrize(("query", "expected", "within"), TABLE, ids=[q for q, _e, _n in TABLE])
def test_shipped_data_query(shipped: SearchEngine, query: str, expected: tuple[str, ...], within: int) -> None:
    res = shipped.search(query, limit=max(within, 10), as_of=TODAY)
    assert res.error is None and not res.degraded
    top = ids(res)[:within]
    assert set(expected) <= set(top), f"{query!r}: {expected} not all in the first {within}: {top}"


@pytest.mark.parametrize(("query", "suggestion", "expected"), MISSPELLED, ids=[m[0] for m in MISSPELLED])
def test_shipped_data_misspelling(shipped: SearchEngine, query: str, suggestion: str, expected: str) -> None:
    res = shipped.search(query, as_of=TODAY)
    assert res.total == 0 and res.suggestion == suggestion
    assert res.notice == NOT_LISTED_NOTICE
    assert expected in ids(shipped.search(res.suggestion, limit=20, as_of=TODAY))


def test_shipped_synonym_hits_say_why(shipped: SearchEngine) -> None:
    res = shipped.search("laser radar", as_of=TODAY)
    lidar = next(h for h in res.hits if h.id == "lidar-system")
    assert lidar.matched_via and lidar.matched_via.startswith("laser radar →")


def test_a_word_shows_the_rule_before_its_item_rows(engine: SearchEngine) -> None:
    """Typing "gallium" or "镓" puts the gallium rule itself first, above its eight item rows."""
    for query in ("gallium", "镓"):
        hits = find(engine, query).hits
        assert hits[0].id == "cn-mofcom-2023-23", [h.id for h in hits[:5]]
        assert not hits[0].historical
