"""Chinese phrases checked in the text (catalogue.search.phrases) match and score exactly as Whoosh's
phrase query over the index's positions does, including where that is surprising: two runs split
by punctuation continue a phrase when the second starts with the first's last character."""

from __future__ import annotations

import itertools
import random

import pytest
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from catalogue.search.analysis import chain_text, tokenize
from catalogue.search.documents import make_schema
from catalogue.search.phrases import ChainPhrase, is_bigram_chain

LETTERS = "稀土磁体壤钕铁硼"
# Pieces a field is made of: the letters, traditional forms (釹鐵 fold to 钕铁), full-width Latin,
# Latin words and codes (which take a position), punctuation and line breaks (which do not).
PIECES = [*LETTERS, "釹", "鐵", "土", " ", "、", "。", "\n", "rare", "ab", "1.5", "ＧＡ", "磁体"]


def random_text(rng: random.Random, longest: int = 16) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest)))


def chains() -> list[str]:
    """Every three-character chain of the letters, and a fixed sample of the four-character ones."""
    three = ["".join(c) for c in itertools.product(LETTERS, repeat=3)]
    four = ["".join(c) for c in itertools.product(LETTERS, repeat=4)]
    return three + random.Random(4).sample(four, 200)


def test_a_chain_is_in_the_chain_text_exactly_when_its_bigrams_are_at_consecutive_positions() -> None:
    rng = random.Random(15)
    wrong = []
    for _ in range(300):
        text = random_text(rng)
        at = {t.pos: t.text for t in tokenize(text)}
        written = chain_text(text)
        for chain in chains():
            grams = [chain[i : i + 2] for i in range(len(chain) - 1)]
            by_position = any(all(at.get(p + i) == g for i, g in enumerate(grams)) for p in at)
            if by_position != (chain in written):
                wrong.append((text, chain, by_position))
    assert wrong == []


def test_the_surprising_cases_are_the_index_s() -> None:
    assert "稀土壤" in chain_text("稀土、土壤")  # 稀土 and 土壤 at consecutive positions
    assert "稀土壤" not in chain_text("稀土 rare 土壤")  # a word between takes a position
    assert "稀土壤" not in chain_text("稀土、磁 土壤")  # so does a one-character run
    assert "钕铁硼" in chain_text("釹鐵硼")  # folded as the index folds


def test_only_overlapping_bigrams_are_chains() -> None:
    assert is_bigram_chain(["钕铁", "铁硼"])
    assert not is_bigram_chain(["稀土"])
    assert not is_bigram_chain(["稀土", "磁体"])  # "稀土 磁体" quoted: two runs, left to Whoosh
    assert not is_bigram_chain(["gene", "edit"])


@pytest.fixture(scope="module")
def index() -> tuple[object, list[dict[str, str]]]:
    """A real index of random fields, in memory: the schema the engine uses."""
    rng = random.Random(7)
    docs = [{f: random_text(rng, 40) for f in ("name", "points", "rest")} for _ in range(300)]
    ix = RamStorage().create_index(make_schema())
    writer = ix.writer()
    for i, fields in enumerate(docs):
        writer.add_document(key=str(i), **fields)
    writer.commit()
    return ix, docs


def test_chain_phrases_find_and_score_what_whoosh_phrases_do(index: tuple[object, list[dict[str, str]]]) -> None:
    ix, docs = index
    texts = {}

    def chain_of(docnum: int, field: str) -> str:
        if (docnum, field) not in texts:
            texts[docnum, field] = chain_text(docs[docnum][field])
        return texts[docnum, field]

    compared = differ = 0
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        for chain in chains():
            grams = [chain[i : i + 2] for i in range(len(chain) - 1)]
            for field, boost in (("name", 8.0), ("rest", 1.2)):
                want = searcher.search(wq.Phrase(field, grams, boost=boost), limit=None)
                got = searcher.search(ChainPhrase(field, grams, chain_of, boost=boost), limit=None)
                found = [(hit.docnum, hit.score) for hit in want]
                compared += len(found)
                differ += found != [(hit.docnum, hit.score) for hit in got]
    assert differ == 0
    assert compared > 200  # the random fields hold enough of the chains for this to mean something
