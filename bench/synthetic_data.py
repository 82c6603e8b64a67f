"""A deterministic synthetic catalogue for the search benchmark: English and Chinese names, five
control points and a rationale per entry, about 1.4 KB of text per entry, with the share of domain
words and stop words of the tech spike's §5.1 (docs/research-notes.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterable

from catalogue.model import (
    Catalogue,
    Confidence,
    ControlPoint,
    Entry,
    EntryStatus,
    Instrument,
    Interval,
    Kind,
    Text,
)

EN_STOP = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "as",
    "is",
    "are",
    "be",
    "that",
    "this",
    "from",
    "or",
    "at",
    "an",
    "a",
]
EN_DOMAIN = [
    "rare",
    "earth",
    "magnet",
    "magnets",
    "magnetic",
    "gallium",
    "germanium",
    "extraction",
    "refining",
    "smelting",
    "technology",
    "process",
    "equipment",
    "material",
    "alloy",
    "powder",
    "separation",
    "battery",
    "cathode",
    "graphite",
    "laser",
    "radar",
    "cell",
    "crop",
    "breeding",
    "software",
    "encryption",
    "aerospace",
]
ZH_DOMAIN = [
    "稀土",
    "磁体",
    "钕铁硼",
    "镓",
    "锗",
    "提取",
    "冶炼",
    "技术",
    "工艺",
    "设备",
    "材料",
    "合金",
    "粉末",
    "分离",
    "电池",
    "正极",
    "石墨",
    "激光",
    "雷达",
    "细胞",
    "育种",
    "软件",
    "加密",
    "航天",
]
ZH_STOP = ["的", "和", "及", "与", "等", "在", "对", "为", "以", "其"]
ZH_POOL = (
    "一二三上下不中主也了事于些产人从他们以件任会作使便保信候做儿元先光全公共关其具内冷出分利制前力加动助化"
    "区十千半单南印压原去及友发变口古只可台史号司合同名后向吗否含听员周味品响唱商问善回因团园国图圆土在地场"
    "均坐块坚型城基填境增士声处备复外多够大天太头夹奇套女好如始存学宁安完宏定宝实宣害家容富察对寻导将小少尚"
    "就尺局层居屋展山岛工左差己已市布师带常平年并广序应底度座康建开式引张弹强归当形影往待很律得心必志快念"
)


# Domain terms are 6 % of the words (after 35 % stop words), which puts the selectivity near the
# research's synthetic data (§5.1: 稀土 in ~27 % of entries, magnet* ~67 %, "rare earth" ~9 %,
# 基因编辑 ~3 %), so the numbers can be compared with the tech spike (docs/research-notes.md).
DOMAIN_SHARE = 0.41


class Generator:
    """Deterministic synthetic entries: the same seed and size always give the same catalogue."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        syllables = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ar", "en", "is")]
        self.en_pseudo = [
            "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4))) for _ in range(6000)
        ]
        self.en_cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(self.en_pseudo))))
        self.zh_pseudo = [self.rng.choice(ZH_POOL) + self.rng.choice(ZH_POOL) for _ in range(4000)]
        self.zh_cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(self.zh_pseudo))))

    def en(self, n: int) -> str:
        words = []
        for _ in range(n):
            r = self.rng.random()
            if r < 0.35:
                words.append(self.rng.choice(EN_STOP))
            elif r < DOMAIN_SHARE:
                words.append(self.rng.choice(EN_DOMAIN))
            else:
                words.append(self.rng.choices(self.en_pseudo, cum_weights=self.en_cum)[0])
        return " ".join(words)

    def zh(self, n: int) -> str:
        out: list[str] = []
        size = 0
        while size < n:
            r = self.rng.random()
            w = (
                self.rng.choice(ZH_STOP)
                if r < 0.35
                else self.rng.choice(ZH_DOMAIN)
                if r < DOMAIN_SHARE
                else self.rng.choices(self.zh_pseudo, cum_weights=self.zh_cum)[0]
            )
            out.append(w)
            size += len(w)
        return "".join(out)[:n]

    def entry(self, i: int) -> Entry:
        planted = self.rng.random() < 0.03
        rare_earth = self.rng.random() < 0.09
        points = []
        for k in range(5):
            en, zh = self.en(14), self.zh(22)
            if planted and k == 0:
                en, zh = en + " gene editing technology", zh + "基因编辑技术"
            points.append(
                ControlPoint(
                    text=Text(zh=zh, en=en),
                    valid=Interval(dt.date(2023, 12, 21)),
                    sources=("b",),
                    confidence=Confidence.INFERRED,
                )
            )
        status = EntryStatus.PROHIBITED if i % 5 == 0 else EntryStatus.RESTRICTED
        return Entry(
            id=f"synthetic-{i:06d}",
            instrument_id="cn-tech-export-catalogue",
            number=f"{i:06d}{'J' if status is EntryStatus.PROHIBITED else 'X'}",
            status=status,
            sector=None,
            name=Text(zh=self.zh(12), en=self.en(8)),
            listed=Interval(dt.date(2023, 12, 21)) if i % 7 else Interval(dt.date(2008, 11, 1), dt.date(2020, 8, 28)),
            control_points=tuple(points),
            rationale=Text(zh=self.zh(150), en=self.en(100) + (" rare earth" if rare_earth else "")),
            topics=(),
            related=(),
            history=(),
            sources=("b",),
            confidence=Confidence.INFERRED,
        )


def synthetic_catalogue(n: int, seed: int = 7) -> Catalogue:
    gen = Generator(seed)
    entries = tuple(gen.entry(i) for i in range(n))
    inst = Instrument(
        id="cn-tech-export-catalogue",
        kind=Kind.CATALOGUE,
        title=Text(zh="合成目录", en="Synthetic catalogue"),
        short_title="Synthetic catalogue",
        issuers=("bench",),
        document_number=None,
        published=None,
        effective=Interval(dt.date(2008, 11, 1)),
        legal_basis=(),
        status=(),
        summary=Text(en="Synthetic data for bench/search_bench.py."),
        rationale=Text(),
        topics=(),
        related=(),
        url=None,
        sources=("b",),
        confidence=Confidence.INFERRED,
        file="synthetic",
        entries=entries,
    )
    # The fingerprint hashes the text, as the loader's does the YAML, so a changed generator
    # never reuses an index built from older text.
    digest = hashlib.sha256()
    for _id, name, points, rest in doc_fields_of(entries):
        digest.update(f"{name}\0{points}\0{rest}\0".encode())
    return Catalogue((inst,), {}, {}, dt.date(2026, 6, 30), f"synthetic-{n}-{digest.hexdigest()[:12]}", "synthetic")


def doc_fields_of(entries: Iterable[Entry]) -> list[tuple[str, str, str, str]]:
    out = []
    for e in entries:
        name = "\n".join(s for s in (e.name.zh, e.name.en, e.number) if s)
        points = "\n".join(s for cp in e.control_points for s in (cp.text.zh, cp.text.en) if s)
        rest = "\n".join(s for s in (e.rationale.zh, e.rationale.en) if s)
        out.append((e.id, name, points, rest))
    return out
