"""The filter values the search query language accepts (`status:`, `kind:`).

Kept apart from catalogue.search.engine so that the command line can offer them as choices without
importing Whoosh (~200 ms) for commands that never search. The time statuses are the status engine's
vocabulary (catalogue.time.status.State), plus "current" (not repealed, delisted or not yet in force) and
"historical" (the rest).
"""

from __future__ import annotations

from catalogue.model import Catalogue
from catalogue.search.analysis import query_tokens

STATIC_STATUSES = ("prohibited", "restricted")
TIME_STATUSES = (
    "in_force",
    "folded",
    "listed",
    "suspended",
    "suspension_ended",
    "not_yet_in_force",
    "repealed",
    "delisted",
    "not_verified",
    "unknown",
    "current",
    "historical",
)
KINDS = ("entry", "catalogue", "measure", "law", "clause", "item")

# Other words a user may type for a status, including the older names of states now folded into one.
_STATUS_ALIASES = {
    "禁止": "prohibited",
    "限制": "restricted",
    "prohibit": "prohibited",
    "restrict": "restricted",
    "in_effect": "in_force",
    "inforce": "in_force",
    "active": "current",
    "superseded": "repealed",
    "replaced": "repealed",
    "lapsed": "repealed",
    "ended": "repealed",
    "unverified": "not_verified",
    "现行有效": "in_force",
    "暂停实施": "suspended",
    "失效": "repealed",
    "尚未生效": "not_yet_in_force",
}


def status_filter_value(text: str) -> str:
    """The status a `status:` filter value names ("in effect" → in_force, "lapsed" → repealed)."""
    low = text.strip().lower().replace("-", "_").replace(" ", "_")
    return _STATUS_ALIASES.get(text.strip(), _STATUS_ALIASES.get(low, low))


def status_choices() -> tuple[str, ...]:
    """Every value `--status` accepts on the command line."""
    return STATIC_STATUSES + TIME_STATUSES + tuple(k for k in _STATUS_ALIASES if k.isascii())


SynonymForms = dict[str, list[tuple[str, tuple[str, ...]]]]


TERM_SEP = "~"  # a term group's key: "<topic id>~<n>"


def topic_of(key: str) -> str:
    """The topic a synonym key belongs to (a topic id, or a term group's key)."""
    return key.split(TERM_SEP, 1)[0]


def _expandable(s: str, toks: tuple[str, ...]) -> bool:
    # Two-letter abbreviations (Ga, Ge, Sb, W, AI) are useful to type but too ambiguous to search for
    # on the user's behalf.
    return not (len(toks) == 1 and toks[0].isascii() and len(s.strip()) <= 2)


def topic_synonyms(cat: Catalogue) -> tuple[dict[tuple[str, ...], list[str]], SynonymForms]:
    """Map the tokens of every word a user may type for a topic to what it expands to, and each of
    those to its forms (topics.yaml).

    A word in one of the topic's term groups (gallium, Ga, 镓) stands for its group only — key
    "<topic>~<n>" — so that "gallium" does not find germanium. Other words (the topic's name, words
    in no group) stand for the whole topic."""
    by_form: dict[tuple[str, ...], list[str]] = {}
    forms: SynonymForms = {}
    for topic in cat.topics.values():
        names = [*topic.synonyms_en, *topic.synonyms_zh, *(s for s in (topic.name.en, topic.name.zh) if s)]
        grouped: dict[tuple[str, ...], str] = {}
        for n, group in enumerate(topic.terms):
            key = f"{topic.id}{TERM_SEP}{n}"
            members: list[tuple[str, tuple[str, ...]]] = []
            for s in group:
                toks = tuple(query_tokens(s))
                if toks and toks not in grouped:
                    grouped[toks] = key
                    members.append((s, toks))
            forms[key] = [(s, toks) for s, toks in members if _expandable(s, toks)]
        seen: set[tuple[str, ...]] = set()
        candidates: list[tuple[str, tuple[str, ...]]] = []
        for s in [*names, *(s for group in topic.terms for s in group)]:
            toks = tuple(query_tokens(s))
            if not toks or toks in seen:
                continue
            seen.add(toks)
            key = grouped.get(toks, topic.id)
            by_form.setdefault(toks, [])
            if key not in by_form[toks]:
                by_form[toks].append(key)
            if _expandable(s, toks):
                candidates.append((s, toks))
        forms[topic.id] = candidates  # in the order topics.yaml lists them
    return by_form, forms
