"""What the search engine answered, recorded, so that work on its speed cannot change its answers.

Shared by tests/make_search_golden.py (which writes tests/fixtures/search_golden.json from an engine
known to be right) and tests/test_search_golden.py (which checks that today's engine gives the same).

The catalogues are generated, deterministically: the search bench's synthetic entries
(bench/synthetic_data.py: English and Chinese names, five control points and a rationale each, with
the tech spike's share of domain words), some tagged with topics, beside a measure with control and
customs codes, clauses, items and a document number, and three topics with synonyms and a term
group. Two sizes: one below and one above the number of documents at which the engine changes how
it matches OR queries, so that both ways are held to the same answers.

`QUERIES` is the fixed table: the query language's every part (words, phrases, prefixes, OR, NOT,
filters, numbers, codes, document numbers, topics and their synonyms, misspellings, traditional
characters, Chinese words that only match apart) on broad and narrow words, and a few dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from catalogue.model import (
    Catalogue,
    Clause,
    ClauseState,
    Confidence,
    ControlledItem,
    Instrument,
    Interval,
    Kind,
    StatusPeriod,
    Text,
    Topic,
)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))  # the bench's generator, not a package

from synthetic_data import Generator  # noqa: E402

GOLDEN = Path(__file__).parent / "fixtures" / "search_golden.json"

# Below and above 2,000 documents (one per entry, plus the catalogue, the measure, its clauses and
# items): larger indexes have their OR queries matched another way, and both ways must agree.
SIZES = (300, 2100)

LIMIT = 20

DAY = dt.date(2026, 11, 28)

TOPICS = {
    "rare-earths": Topic(
        id="rare-earths",
        name=Text(zh="稀土", en="Rare earths"),
        synonyms_en=("rare earth", "NdFeB", "neodymium magnet"),
        synonyms_zh=("稀土", "钕铁硼"),
    ),
    "magnets": Topic(
        id="magnets",
        name=Text(zh="磁体", en="Magnets"),
        synonyms_en=("magnet", "magnetic material"),
        synonyms_zh=("磁体", "磁性材料"),
        terms=(("gallium", "Ga", "镓"), ("germanium", "Ge", "锗")),
    ),
    "biotechnology": Topic(
        id="biotechnology",
        name=Text(zh="生物技术", en="Biotechnology"),
        synonyms_en=("gene editing", "CRISPR"),
        synonyms_zh=("基因编辑", "育种"),
    ),
}

_TAGS = ((), ("rare-earths",), ("magnets",), (), ("biotechnology",), ("rare-earths", "magnets"), ())

_CODES = ("1C902", "1C903", "1C904", "1E902", "0C903", "3C901", "1C905.a", "1C906")
_CUSTOMS = ("8112.92.90", "8112.99.00", "2805.30.11", "8105.20.10", "2825.60.10", "3801.10.00")


def _measure(gen: Generator) -> Instrument:
    """A measure with items (control and customs codes), clauses, a document number and a suspension."""
    day = dt.date(2023, 8, 1)
    items = tuple(
        ControlledItem(
            id=f"golden-item-{k:02d}",
            name=Text(zh=gen.zh(6), en=gen.en(4)),
            control_code=_CODES[k % len(_CODES)] if k % 5 else None,
            customs_codes=(_CUSTOMS[k % len(_CUSTOMS)],),
            description=Text(zh=gen.zh(30), en=gen.en(20)),
            valid=Interval(day),
            sources=("b",),
            confidence=Confidence.INFERRED,
            group="镓相关物项" if k < 12 else "锗相关物项",
        )
        for k in range(24)
    )
    clauses = tuple(
        Clause(
            id=f"golden-clause-{k}",
            label=f"para. {k + 1}",
            text=Text(zh=gen.zh(60), en=gen.en(40)),
            valid=Interval(day),
            status=(
                StatusPeriod(
                    ClauseState.SUSPENDED,
                    Interval(dt.date(2025, 11, 9), dt.date(2026, 11, 27)),
                    None,
                    None,
                    ("b",),
                    Confidence.INFERRED,
                ),
            )
            if k == 2
            else (),
            sources=("b",),
            confidence=Confidence.INFERRED,
        )
        for k in range(6)
    )
    return Instrument(
        id="golden-measure",
        kind=Kind.MEASURE,
        title=Text(zh="关于对镓、锗相关物项实施出口管制的公告", en="Export control on gallium and germanium items"),
        short_title="MOFCOM & GAC Announcement 2023 No. 23",
        issuers=("MOFCOM", "GAC"),
        document_number=Text(zh="商务部 海关总署公告2023年第23号", en="Announcement 2023 No. 23"),
        published=dt.date(2023, 7, 3),
        effective=Interval(day),
        legal_basis=(),
        status=(),
        summary=Text(zh=gen.zh(80), en=gen.en(50) + " gallium germanium"),
        rationale=Text(),
        topics=("magnets",),
        related=(),
        url=None,
        sources=("b",),
        confidence=Confidence.INFERRED,
        file="golden",
        clauses=clauses,
        items=items,
    )


def golden_catalogue(n: int) -> Catalogue:
    """`n` synthetic entries (the bench's, seed 7), a fifth of them tagged with topics, and the measure."""
    gen = Generator(7)
    entries = tuple(dataclasses.replace(gen.entry(i), topics=_TAGS[i % len(_TAGS)]) for i in range(n))
    catalogue = Instrument(
        id="cn-tech-export-catalogue",
        kind=Kind.CATALOGUE,
        title=Text(
            zh="中国禁止出口限制出口技术目录", en="Catalogue of Technologies Prohibited or Restricted from Export"
        ),
        short_title="Catalogue",
        issuers=("MOFCOM", "MOST"),
        document_number=None,
        published=None,
        effective=Interval(dt.date(2008, 11, 1)),
        legal_basis=(),
        status=(),
        summary=Text(en="Generated for the search engine's recorded answers."),
        rationale=Text(),
        topics=(),
        related=(),
        url=None,
        sources=("b",),
        confidence=Confidence.INFERRED,
        file="golden",
        entries=entries,
    )
    measure = _measure(gen)
    digest = hashlib.sha256(repr((catalogue, measure, TOPICS)).encode()).hexdigest()[:12]
    return Catalogue((catalogue, measure), {}, dict(TOPICS), dt.date(2026, 6, 30), f"golden-{n}-{digest}", "golden")


_Q = dict[str, Any]

QUERIES: tuple[_Q, ...] = (
    # Chinese: bigrams, longer words (phrases of bigrams), single characters, traditional forms.
    *({"q": q} for q in ("稀土", "磁体", "钕铁硼", "基因编辑", "技术", "工艺", "设备", "材料", "合金", "粉末")),
    *({"q": q} for q in ("提取", "冶炼", "分离", "电池", "正极", "石墨", "激光", "雷达", "细胞", "育种")),
    *({"q": q} for q in ("软件", "加密", "航天", "镓", "锗", "土", "稀土磁体", "稀土技术", "提取冶炼工艺", "激光雷达")),
    *(
        {"q": q}
        for q in ("釹鐵硼", "稀土磁體", "電池", "基因編輯技術", "的", "稀土 磁体", "稀土 钕铁硼 技术", "正极材料")
    ),
    # English: words, stems, two and three words, stop words.
    *({"q": q} for q in ("magnet", "magnets", "magnetic", "gallium", "germanium", "extraction", "refining")),
    *({"q": q} for q in ("smelting", "technology", "process", "equipment", "battery", "cathode", "graphite")),
    *({"q": q} for q in ("laser radar", "rare earth", "rare earths", "earth rare", "software encryption")),
    *({"q": q} for q in ("crop breeding cell", "aerospace alloy powder", "the", "the of and", "separation process")),
    # Phrases.
    *({"q": q} for q in ('"rare earth"', '"gene editing"', '"extraction technology"', '"magnet alloy"', '"稀土 磁体"')),
    *({"q": q} for q in ('"基因编辑技术"', '"technology process"', '"the rare"', "“rare earth” magnet")),
    # Prefixes.
    *({"q": q} for q in ("magnet*", "ref*", "gal*", "bat*", "tech*", "稀*", "sep*", "ca*", "a*", "稀土 magnet*")),
    # OR, NOT and both.
    *({"q": q} for q in ("gallium OR germanium", "镓 OR 锗", "laser OR radar magnet", "rare earth OR graphite")),
    *({"q": q} for q in ("magnet -battery", "稀土 NOT 磁体", "rare earth -extraction", "技术 -稀土 -磁体")),
    *({"q": q} for q in ("-magnet", "NOT 稀土", "cathode OR anode -graphite", "OR magnet", "magnet OR")),
    # Filters, typed and given.
    *({"q": q} for q in ("status:prohibited", "status:restricted 稀土", "status:current magnet", "status:historical")),
    *({"q": q} for q in ("kind:entry laser", "kind:item", "kind:clause", "kind:measure gallium", "topic:rare-earths")),
    *({"q": q} for q in ("topic:magnets 技术", "-status:prohibited 稀土", "status:suspended", "status:bogus magnet")),
    *({"q": q} for q in ("number:0001", "number:00012*", "status:in_force,repealed 稀土", "kind:items,clauses")),
    {"q": "magnet", "status": "prohibited"},
    {"q": "稀土", "kind": "entry"},
    {"q": "technology", "topic": "biotechnology"},
    {"q": "magnet", "status": "historical"},
    {"q": "magnet", "kind": "nothing"},
    # Numbers, codes, document numbers.
    *({"q": q} for q in ("000123X", "000123", "0001", "001234J", "000100J", "0000", "1C902", "1C90", "1C905.a")),
    *({"q": q} for q in ("8112.92.90", "8112", "2023 No. 23", "2023年第23号", "Announcement 2023 No. 23", "1c902")),
    # Topics and their synonyms; term groups.
    *({"q": q} for q in ("NdFeB", "neodymium magnet", "CRISPR", "biotechnology", "magnetic material", "Ga", "Ge")),
    *({"q": q} for q in ("rare earths magnets", "生物技术", "磁性材料", "gallium germanium")),
    # Misspellings and edge cases.
    *({"q": q} for q in ("galium", "extracion", "refinng", "magnett", "tecnology", "", "   ", "*", "!!!", '"')),
    *({"q": q} for q in ("稀土" * 30, "magnet " * 20, "a b c d e f g h i j k l m n o p q r", "(magnet)", "稀土：")),
    # Other dates: what was listed then, and what was not yet.
    {"q": "magnet", "as_of": "2015-01-01"},
    {"q": "status:current 稀土", "as_of": "2015-01-01"},
    {"q": "status:historical magnet", "as_of": "2026-01-01"},
    {"q": "gallium", "as_of": "2022-01-01"},
    {"q": "status:suspended", "as_of": "2026-01-01"},
)


def answer(engine: Any, spec: _Q, limit: int = LIMIT) -> dict[str, Any]:
    """Everything a search tells the user, as plain JSON values: what is compared."""
    as_of = dt.date.fromisoformat(spec["as_of"]) if "as_of" in spec else DAY
    res = engine.search(
        spec["q"], limit=limit, as_of=as_of, status=spec.get("status"), kind=spec.get("kind"), topic=spec.get("topic")
    )
    return {
        "total": res.total,
        "suggestion": res.suggestion,
        "notice": res.notice,
        "degraded": res.degraded,
        "error": res.error,
        # The hit's status is the status engine's (tests/test_status_agreement.py holds it).
        "hits": [[h.id, h.score, h.snippet_field, h.exact, h.matched_via, h.snippet] for h in res.hits],
    }


def dumps(recorded: dict[str, Any]) -> str:
    """JSON with one line per answer and one per hit: diffable, and a third of the indented size."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    sizes = []
    for n, size in recorded["sizes"].items():
        answers = []
        for a in size["answers"]:
            head = one({k: v for k, v in a.items() if k != "hits"})[:-1]
            hits = ",\n".join(one(h) for h in a["hits"])
            answers.append(f'{head},"hits":[\n{hits}]}}' if hits else f'{head},"hits":[]}}')
        sizes.append(f'{one(n)}:{{"documents":{size["documents"]},"answers":[\n' + ",\n".join(answers) + "]}")
    top = one({k: v for k, v in recorded.items() if k != "sizes"})[:-1]
    return f'{top},"sizes":{{\n' + ",\n".join(sizes) + "}}\n"
