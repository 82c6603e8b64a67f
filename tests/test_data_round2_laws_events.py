"""Data round 2: the law texts, the 2026 events and the check dates, pinned against the shipped data.

Each row of FACTS is one fact as the data must hold it, with the source that states it. The law
texts are public official texts; instead of a copy of them, LAW_TEXT pins the first characters of
each shipped article as read in the laws note (docs/research-notes.md; the national database as transcribed by LawRefBook).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Confidence, Instrument, Kind, ZhWording

D = dt.date


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(strict=True).catalogue


def inst(cat: Catalogue, ident: str) -> Instrument:
    found = cat.instrument(ident)
    assert found is not None, ident
    return found


def field(obj: Any, path: str) -> Any:
    """`document_number.zh`, `effective.start`, `clauses[0].confidence` …"""
    for part in path.split("."):
        if "[" in part:
            name, index = part[:-1].split("[")
            obj = getattr(obj, name)[int(index)]
        else:
            obj = getattr(obj, part)
    return obj


# (instrument id, field, value, a source that states it)
FACTS: list[tuple[str, str, object, str]] = [
    # 2026 No. 20: 7 EU entities on the export control list, 24 Apr 2026
    ("cn-mofcom-2026-20", "short_title", "MOFCOM Announcement 2026 No. 20", "ev-gh-aidehaomj-monitor"),
    ("cn-mofcom-2026-20", "document_number.zh", "商务部公告2026年第20号", "ev-gh-mofcom-designations"),
    ("cn-mofcom-2026-20", "published", D(2026, 4, 24), "ev-milosi-xinhua-2026-04-24"),
    ("cn-mofcom-2026-20", "effective.start", D(2026, 4, 24), "ev-dzwww-globaltimes-2026-04-27"),
    ("cn-mofcom-2026-20", "confidence", Confidence.CONFIRMED, "ev-newschina-2026-eu-entities"),
    (
        "cn-mofcom-2026-20",
        "legal_basis",
        ("cn-export-control-law", "cn-dual-use-export-regulations"),
        "ev-dzwww-globaltimes-2026-04-27",
    ),
    # 2026 No. 23: the June US listing (id kept)
    (
        "cn-mofcom-2026-06-us-entity-listing",
        "short_title",
        "MOFCOM Announcement 2026 No. 23",
        "ev-gh-aidehaomj-monitor",
    ),
    (
        "cn-mofcom-2026-06-us-entity-listing",
        "document_number.zh",
        "商务部公告2026年第23号",
        "ev-gh-controlled-entities-js",
    ),
    ("cn-mofcom-2026-06-us-entity-listing", "published", D(2026, 6, 22), "pk-benchmark-2026-06"),
    # 2026 Nos. 27 and 28, 29 Jun 2026: 20 on the control list + 20 on the watch list
    (
        "cn-mofcom-2026-06-japan-entity-listing",
        "short_title",
        "MOFCOM Announcement 2026 No. 27",
        "ev-gh-aidehaomj-monitor",
    ),
    (
        "cn-mofcom-2026-06-japan-entity-listing",
        "document_number.zh",
        "商务部公告2026年第27号",
        "ev-gh-mofcom-designations",
    ),
    ("cn-mofcom-2026-06-japan-entity-listing", "published", D(2026, 6, 29), "pk-anews-2026-06-29"),
    ("cn-mofcom-2026-28", "short_title", "MOFCOM Announcement 2026 No. 28", "ev-gh-mofcom-designations"),
    ("cn-mofcom-2026-28", "published", D(2026, 6, 29), "ev-gh-aidehaomj-monitor"),
    ("cn-mofcom-2026-28", "confidence", Confidence.CONFIRMED, "pk-chinaindustryintel-2026"),
    # 2026 No. 30, 24 Jul 2026: 14 EU entities
    ("cn-mofcom-2026-30", "document_number.zh", "商务部公告2026年第30号", "ev-gh-controlled-entities-js"),
    ("cn-mofcom-2026-30", "published", D(2026, 7, 24), "ev-gh-aidehaomj-monitor"),
    ("cn-mofcom-2026-30", "effective.start", D(2026, 7, 24), "ev-gh-mofcom-designations"),
    ("cn-mofcom-2026-30", "clauses[1].confidence", Confidence.SINGLE_SOURCE, "ev-gh-controlled-entities-js"),
    # August 2026: drone-related items towards the US and the countermeasure decisions
    ("cn-mofcom-2026-08-us-drone-items", "document_number.zh", "商务部公告2026年第34号", "ev-gh-k-macao-sources"),
    ("cn-mofcom-2026-08-us-drone-items", "published", D(2026, 8, 5), "ev-gh-research-note-2026-10-08"),
    ("cn-mofcom-2026-08-us-drone-items", "effective.start", None, "ev-gh-research-note-2026-10-08"),
    (
        "cn-mofcom-2026-08-us-drone-items",
        "clauses[1].confidence",
        Confidence.SINGLE_SOURCE,
        "ev-gh-research-note-2026-10-08",
    ),
    ("cn-mofcom-2026-08-countermeasures-rba", "document_number.zh", "商务部令2026年第2号", "ev-gh-mofcom-designations"),
    ("cn-mofcom-2026-08-countermeasures-rba", "published", D(2026, 8, 5), "ev-gh-mofcom-designations"),
    (
        "cn-mofcom-2026-08-countermeasures-compliance-testing",
        "document_number.zh",
        "中华人民共和国商务部令二〇二六年第3号",
        "ev-gh-k-macao-sources",
    ),
    (
        "cn-mofcom-2026-08-countermeasures-compliance-testing",
        "title.zh",
        "关于对美国合规性测试公司采取反制措施的决定",
        "ev-gh-k-macao-sources",
    ),
    # The September 2026 readout is recorded, not applied: the suspension ends stay as stated
    ("cn-mofcom-2025-70", "history[1].date", D(2026, 9, 28), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-55", "status[0].valid.end", D(2026, 11, 11), "pk-udn-2025-11-08"),
    ("cn-mofcom-2025-62", "status[1].valid.end", D(2026, 11, 11), "pk-udn-2025-11-08"),
    ("cn-mofcom-2025-72", "clauses[0].valid.end", D(2026, 11, 28), "rc-swissinfo-afp-ga-ge-us"),
    (
        "cn-mofcom-2025-72",
        "clauses[0].text.zh",
        "经批准，自即日起至2026年11月27日，商务部公告2024年第46号（《关于加强相关两用物项对美国出口管制的公告》）第二款暂停实施。",
        "ev-gh-research-ledger-2026-09-30",
    ),
    ("cn-mofcom-2025-72", "clauses[0].text.zh_wording", ZhWording.REPORTED, "ev-gh-research-ledger-2026-09-30"),
    # Per-instrument check dates
    ("cn-mofcom-2025-70", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-55", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-56", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-57", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-58", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-61", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-62", "verified_to", D(2026, 10, 5), "ev-gh-etf-ledger-2026-10"),
    ("cn-mofcom-2025-72", "verified_to", D(2026, 9, 30), "ev-gh-research-ledger-2026-09-30"),
    ("cn-mofcom-2024-46", "verified_to", D(2026, 9, 30), "ev-gh-research-ledger-2026-09-30"),
    # The Foreign Trade Law: the 2022 text, replaced from 1 Mar 2026 by a revision not in the data
    ("cn-foreign-trade-law", "articles[0].wording_to", D(2026, 3, 1), "rc-163-ftl-2025"),
    ("cn-foreign-trade-law", "history[1].date", D(2004, 4, 6), "law-lrb-foreign-trade-law-2022"),
    ("cn-foreign-trade-law", "history[2].date", D(2016, 11, 7), "law-lrb-foreign-trade-law-2022"),
    ("cn-foreign-trade-law", "history[3].date", D(2022, 12, 30), "law-lrb-foreign-trade-law-2022"),
    ("cn-foreign-trade-law", "history[5].date", D(2025, 12, 27), "law-xinhua-ftl-2025-12-27"),
    ("cn-foreign-trade-law", "history[6].date", D(2026, 3, 1), "rc-ettoday-2025-12-27"),
    ("cn-dual-use-export-regulations", "legal_basis", ("cn-export-control-law",), "law-lrb-dual-use-regulations"),
    ("cn-tech-import-export-regulations", "legal_basis", ("cn-foreign-trade-law",), "law-lrb-tech-regulations-2020"),
]


def _cited(owner: Instrument) -> set[str]:
    """Every source id the instrument cites anywhere: itself, its check, notes, history, clauses, articles."""
    cited: set[str] = set(owner.sources) | set(owner.verified_sources)
    for note in owner.notes:
        cited |= set(note.sources)
    for event in owner.history:
        cited |= set(event.sources)
    for part in (*owner.clauses, *owner.articles, *owner.status):
        cited |= set(part.sources)
        for note in getattr(part, "notes", ()):
            cited |= set(note.sources)
    return cited


@pytest.mark.parametrize(("ident", "path", "value", "source"), FACTS, ids=[f"{r[0]}:{r[1]}" for r in FACTS])
def test_fact(cat: Catalogue, ident: str, path: str, value: object, source: str) -> None:
    obj = inst(cat, ident)
    assert field(obj, path) == value
    assert source in cat.sources, source
    assert source in _cited(obj), f"{ident} does not cite {source}"


def test_the_laws_database_is_an_official_source_cited_first(cat: Catalogue) -> None:
    db = cat.sources["law-flk-npc"]
    assert db.kind.value == "official" and db.url == "https://flk.npc.gov.cn/"
    for law in cat.of_kind(Kind.LAW):
        for art in law.articles:
            if art.text.zh_wording is ZhWording.OFFICIAL:
                assert art.sources[0] == "law-flk-npc", (law.id, art.label)
                assert art.sources[1].startswith("law-lrb-"), (law.id, art.label)


# (law, article label, first 20 characters of the official Chinese, as read in the laws note, docs/research-notes.md)
LAW_TEXT: list[tuple[str, str, str]] = [
    ("cn-export-control-law", "Art. 2", "国家对两用物项、军品、核以及其他与维护国家"),
    ("cn-export-control-law", "Art. 9", "国家出口管制管理部门依据本法和有关法律、行"),
    ("cn-export-control-law", "Art. 12", "国家对管制物项的出口实行许可制度。\n出口管"),
    ("cn-export-control-law", "Art. 15", "出口经营者应当向国家出口管制管理部门提交管"),
    ("cn-export-control-law", "Art. 18", "国家出口管制管理部门对有下列情形之一的进口"),
    ("cn-export-control-law", "Art. 34", "出口经营者有下列行为之一的，责令停止违法行"),
    ("cn-export-control-law", "Art. 44", "中华人民共和国境外的组织和个人，违反本法有"),
    ("cn-export-control-law", "Art. 48", "任何国家或者地区滥用出口管制措施危害中华人"),
    ("cn-dual-use-export-regulations", "Art. 1", "为了维护国家安全和利益，履行防扩散等国际义"),
    ("cn-dual-use-export-regulations", "Art. 14", "国家对两用物项的出口实行许可制度。\n出口两"),
    ("cn-dual-use-export-regulations", "Art. 17", "国务院商务主管部门应当自受理两用物项出口许"),
    ("cn-dual-use-export-regulations", "Art. 26", "国务院商务主管部门依法开展两用物项最终用户"),
    ("cn-dual-use-export-regulations", "Art. 28", "国务院商务主管部门依职权或者根据有关方面的"),
    ("cn-dual-use-export-regulations", "Art. 39", "出口经营者有下列行为之一的，依照出口管制法"),
    ("cn-dual-use-export-regulations", "Art. 49", "境外组织和个人在中华人民共和国境外向特定目"),
    ("cn-tech-import-export-regulations", "Art. 1", "为了规范技术进出口管理，维护技术进出口秩序"),
    ("cn-tech-import-export-regulations", "Art. 2", "本条例所称技术进出口，是指从中华人民共和国"),
    ("cn-tech-import-export-regulations", "Art. 28", "有对外贸易法第十六条规定情形之一的技术，禁"),
    ("cn-tech-import-export-regulations", "Art. 29", "属于禁止出口的技术，不得出口。"),
    ("cn-tech-import-export-regulations", "Art. 30", "属于限制出口的技术，实行许可证管理；未经许"),
    ("cn-tech-import-export-regulations", "Art. 33", "技术出口申请经批准的，由国务院外经贸主管部"),
    ("cn-tech-import-export-regulations", "Art. 43", "进口或者出口属于禁止进出口的技术的，或者未"),
    ("cn-foreign-trade-law", "Art. 13", "国家准许货物与技术的自由进出口。但是，法律"),
    ("cn-foreign-trade-law", "Art. 15", "国家基于下列原因，可以限制或者禁止有关货物"),
    ("cn-foreign-trade-law", "Art. 17", "国务院对外贸易主管部门会同国务院其他有关部"),
    ("cn-foreign-trade-law", "Art. 18", "国家对限制进口或者出口的货物，实行配额、许"),
    ("cn-foreign-trade-law", "Art. 60", "进出口属于禁止进出口的货物的，或者未经许可"),
    ("cn-rare-earth-regulations", "Art. 15", "稀土产品及相关技术、工艺、装备的进出口，应"),
    ("cn-rare-earth-regulations", "Art. 24", "进出口稀土产品及相关技术、工艺、装备，违反"),
    ("cn-rare-earth-regulations", "Art. 30", "本条例下列用语的含义：\n稀土，指镧、铈、镨"),
]


@pytest.mark.parametrize(("law", "label", "start"), LAW_TEXT, ids=[f"{r[0]}:{r[1]}" for r in LAW_TEXT])
def test_law_article_text_is_the_official_text(cat: Catalogue, law: str, label: str, start: str) -> None:
    arts = {a.label: a for a in inst(cat, law).articles}
    assert label in arts, (law, label)
    text = arts[label].text
    assert text.zh_wording is ZhWording.OFFICIAL
    assert text.zh is not None and text.zh.startswith(start)
    assert text.en and text.en_is_unofficial


def test_every_official_law_article_has_chinese(cat: Catalogue) -> None:
    for law in cat.of_kind(Kind.LAW):
        for art in law.articles:
            if art.text.zh_wording is ZhWording.OFFICIAL:
                assert art.text.zh and art.text.zh.strip(), (law.id, art.label)
                assert "第" not in art.text.zh[:1], (law.id, art.label)  # the 第N条 label is not part of the text


SHIPPED = {
    "cn-export-control-law": 30,
    "cn-dual-use-export-regulations": 34,
    "cn-tech-import-export-regulations": 25,
    "cn-foreign-trade-law": 19,
    "cn-rare-earth-regulations": 17,
}


@pytest.mark.parametrize(("law", "count"), SHIPPED.items())
def test_articles_shipped_per_law(cat: Catalogue, law: str, count: int) -> None:
    arts = inst(cat, law).articles
    assert len(arts) == count
    assert len({a.label for a in arts}) == count
    assert all(a.text.zh_wording is ZhWording.OFFICIAL and a.text.zh for a in arts)
    if law != "cn-rare-earth-regulations":  # the only one without chapters
        assert all(a.chapter is not None and a.chapter.zh_wording is ZhWording.OFFICIAL for a in arts)


def test_chapters_a_lawyer_reads_are_shipped_whole(cat: Catalogue) -> None:
    def chapter(law: str, heading: str) -> list[str]:
        return [a.label for a in inst(cat, law).articles if a.chapter and a.chapter.zh == heading]

    assert chapter("cn-export-control-law", "第四章 法律责任") == [f"Art. {n}" for n in range(33, 45)]
    assert chapter("cn-dual-use-export-regulations", "第三章 管制措施") == [f"Art. {n}" for n in range(14, 31)]
    assert chapter("cn-dual-use-export-regulations", "第五章 法律责任") == [f"Art. {n}" for n in range(39, 47)]
    assert chapter("cn-tech-import-export-regulations", "第三章 技术出口管理") == [f"Art. {n}" for n in range(27, 43)]
    assert chapter("cn-tech-import-export-regulations", "第四章 法律责任") == [f"Art. {n}" for n in range(43, 50)]
    assert chapter("cn-foreign-trade-law", "第三章 货物进出口与技术进出口") == [f"Art. {n}" for n in range(13, 23)]
    assert chapter("cn-foreign-trade-law", "第十章 法律责任") == [f"Art. {n}" for n in range(59, 66)]
    sections = {a.section.zh for a in inst(cat, "cn-dual-use-export-regulations").articles if a.section}
    assert sections == {"第一节 两用物项出口许可", "第二节 最终用户和最终用途管理", "第三节 管控名单"}


def test_foreign_trade_law_articles_say_the_2025_revision_is_not_in_the_data(cat: Catalogue) -> None:
    ftl = inst(cat, "cn-foreign-trade-law")
    revised = [h for h in ftl.history if h.date == D(2025, 12, 27)]
    assert revised and revised[0].change == "revised"
    for art in ftl.articles:
        assert art.wording_to == D(2026, 3, 1), art.label
        assert any("not in this data" in (n.text.en or "") for n in art.notes), art.label
    # No other law's wording is known to have been replaced.
    for law in cat.of_kind(Kind.LAW):
        if law.id != ftl.id:
            assert all(a.wording_to is None for a in law.articles), law.id


def test_no_20_vs_40_conflict_left_on_the_june_japan_listing(cat: Catalogue) -> None:
    japan = inst(cat, "cn-mofcom-2026-06-japan-entity-listing")
    assert not [n for n in japan.notes if n.kind == "conflict"]
    assert any("Both were right" in (n.text.en or "") for n in japan.notes)
    assert inst(cat, "cn-mofcom-2026-28").published == japan.published


def test_readout_is_recorded_as_ambiguous_not_applied(cat: Catalogue) -> None:
    no70 = inst(cat, "cn-mofcom-2025-70")
    readout = [n for n in no70.notes if n.text.zh and "2027年1月10日" in n.text.zh]
    assert len(readout) == 1 and readout[0].kind == "open-question"
    assert readout[0].text.zh_wording is ZhWording.REPORTED
    assert "ambiguous" in (readout[0].text.en or "")
    # No status period anywhere runs to 2027-01-10 or 2027-01-11.
    for i in cat.instruments:
        for period in (*i.status, *(p for c in i.clauses for p in c.status)):
            assert period.valid.end not in (D(2027, 1, 10), D(2027, 1, 11)), i.id


def test_instrument_check_dates_never_earlier_than_the_dataset_unless_explained(cat: Catalogue) -> None:
    dated = [i for i in cat.instruments if i.verified_to is not None]
    assert len(dated) >= 9
    for i in dated:
        assert i.verified_to is not None
        if i.verified_to < cat.verified_to:
            assert i.verified_note is not None and i.verified_note.en, i.id
        assert i.verified_sources, f"{i.id}: a check date needs the sources of the check"
        assert all(s in cat.sources for s in i.verified_sources), i.id
    for i in cat.instruments:
        if i.verified_to is None:
            assert not i.verified_sources and i.verified_note is None, i.id


def test_dataset_check_date_stays_where_the_research_looked_at_everything(cat: Catalogue) -> None:
    assert cat.verified_to == D(2026, 6, 30)


# -- the new fields, checked by `exportref check` --------------------------------------------------------


def _law(extra: str) -> str:
    return (
        "id: cn-test-law\nkind: law\ntitle: {en: A law}\nshort_title: A law\nissuers: [NPC]\n"
        "effective: {from: 2020-01-01}\nsummary: {en: A law.}\nsources: [s10]\nconfidence: single-source\n" + extra
    )


def test_check_reads_the_new_fields(minimal_data: Path) -> None:
    (minimal_data / "instruments" / "cn-test-law.yaml").write_text(
        _law(
            "verified_to: 2026-10-05\nverified_sources: [s10, s13]\nverified_note: {en: Looked for amendments.}\n"
            "articles:\n  - label: Art. 1\n    chapter: {zh: 第一章 总则, en: Chapter 1, zh_wording: official}\n"
            "    section: {zh: 第一节 一般规定, en: Section 1, zh_wording: official}\n"
            "    text: {zh: 为了测试。, en: For a test., zh_wording: official}\n"
            "    wording_to: 2026-03-01\n    sources: [s10]\n    confidence: single-source\n"
        ),
        encoding="utf-8",
    )
    result = load_catalogue(minimal_data)
    assert result.complete, [p.format() for p in result.problems]
    law = result.catalogue.instrument("cn-test-law")
    assert law is not None and law.verified_to == D(2026, 10, 5)
    assert law.verified_sources == ("s10", "s13") and law.verified_note and law.verified_note.en
    art = law.articles[0]
    assert art.chapter and art.chapter.zh == "第一章 总则" and art.section and art.section.en == "Section 1"
    assert art.wording_to == D(2026, 3, 1)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "articles:\n  - label: Art. 1\n    text: {en: Our summary., zh_wording: official}\n"
            "    sources: [s10]\n    confidence: single-source\n",
            "zh_wording is official but there is no Chinese",
        ),
        ("verified_sources: [s10]\n", "verified_to"),
        ("verified_to: 2026-10-05\nverified_sources: [no-such-source]\n", "unknown reference 'no-such-source'"),
    ],
    ids=["official-without-chinese", "check-sources-without-date", "unknown-check-source"],
)
def test_check_refuses_bad_new_fields(minimal_data: Path, extra: str, message: str) -> None:
    (minimal_data / "instruments" / "cn-test-law.yaml").write_text(_law(extra), encoding="utf-8")
    problems = [p.format() for p in load_catalogue(minimal_data).problems]
    assert any(message in p and "cn-test-law.yaml" in p for p in problems), problems
