"""Control points compared across two days: a removed and an added point of the same entry are one
point reworded when the old ends the day the new begins and they share a subject (a curated term that
is not in the entry's own name) or are worded closely (Dice similarity of Chinese character pairs or
English words). Also how changes and events name an entry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.i18n import N_, comma, current_language, gettext, ngettext
from catalogue.model import Catalogue, ControlPoint, Entry, Text
from catalogue.time.asof import points_on

# Wording this close (Dice coefficient, 0..1) counts as the same point reworded even without a shared
# curated term. Chosen so that two lithium points that differ only in the product (碳酸锂 / 氢氧化锂)
# pair, while points about different processes do not.
SIMILAR_WORDING = 0.6
# A rewording found by similarity rather than by a shared term names this as its subject.
SIMILAR = N_("similar wording")


@dataclass(frozen=True)
class Rewording:
    old: ControlPoint
    new: ControlPoint
    subject: str  # the shared term, or "similar wording"
    similarity: float
    subject_zh: str | None = None  # the Chinese term of the subject's group in topics.yaml (镓 for gallium)

    def subject_words(self) -> str:
        """The subject for a reader of the current language: the curated Chinese term in Chinese
        where topics.yaml groups one with the term found ("gallium" → 镓)."""
        if self.subject == SIMILAR:
            return gettext(SIMILAR)
        if current_language() == "zh" and self.subject_zh:
            return self.subject_zh
        return self.subject


@dataclass(frozen=True)
class PointChanges:
    added: tuple[ControlPoint, ...]
    removed: tuple[ControlPoint, ...]
    reworded: tuple[Rewording, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.reworded)

    def summary(self) -> str:
        parts = []
        if self.added:
            n = len(self.added)
            parts.append(ngettext("{n} control point added", "{n} control points added", n).format(n=n))
        if self.removed:
            parts.append(gettext("{n} removed").format(n=len(self.removed)))
        for rw in self.reworded:
            if rw.subject != "similar wording":
                parts.append(gettext("the {subject} point reworded").format(subject=rw.subject_words()))
            else:
                parts.append(gettext("1 point reworded"))
        return comma().join(parts) if parts else gettext("no change to the recorded control points")


_CJK = re.compile(r"[\u3400-\u9fff]")


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def _bigrams(text: str) -> set[str]:
    chars = "".join(_CJK.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def wording_similarity(a: Text, b: Text) -> float:
    """Similarity of two texts in the language both have (Chinese preferred), 0..1."""
    if a.zh and b.zh:
        return _dice(_bigrams(a.zh), _bigrams(b.zh))
    if a.en and b.en:
        return _dice(_words(a.en), _words(b.en))
    return 0.0


class SubjectTerms(list[str]):
    """The curated terms that name a subject, longest first, and for each Latin term the Chinese term
    that topics.yaml groups with it (`terms: [[gallium, Ga, 镓], …]`), so that a Chinese reader is
    told the subject in Chinese."""

    def __init__(self, terms: Iterable[str], chinese: dict[str, str]) -> None:
        super().__init__(terms)
        self.chinese = chinese


def subject_terms(cat: Catalogue) -> SubjectTerms:
    """The curated terms that name a subject: every topic synonym, longest first."""
    terms = {t for topic in cat.topics.values() for t in (*topic.synonyms_zh, *topic.synonyms_en) if t.strip()}
    chinese: dict[str, str] = {}
    for topic in cat.topics.values():
        for group in topic.terms:
            zh = next((t for t in group if _CJK.search(t)), None)
            if zh is not None:
                chinese.update({t: zh for t in group if not _CJK.search(t)})
    return SubjectTerms(sorted(terms, key=lambda t: (-len(t), t)), chinese)


def _mentions(text: Text, term: str) -> bool:
    if _CJK.search(term):
        return term in (text.zh or "") or term in (text.en or "")
    # Latin terms: whole words, "rare earth" also matching "rare-earth" and "rare earths". Chemical
    # symbols ("Ga", "W") must match their case exactly; longer terms match in any case.
    flags = 0 if len(term) <= 2 else re.IGNORECASE
    body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", term.strip()))
    plural = "" if len(term) <= 2 else "(?:e?s)?"
    pattern = r"(?<![A-Za-z0-9])" + body + plural + r"(?![A-Za-z0-9])"
    return any(re.search(pattern, part, flags) for part in (text.en or "", text.zh or ""))


def shared_subject(a: Text, b: Text, terms: Iterable[str], entry_name: Text | None = None) -> str | None:
    """The first curated term both texts mention. A term that also names the entry itself (稀土 in
    稀土的提炼、加工、利用技术) does not distinguish one of its points from another, so it is skipped."""
    for term in terms:
        if entry_name is not None and _mentions(entry_name, term):
            continue
        if _mentions(a, term) and _mentions(b, term):
            return term
    return None


def pair_rewordings(
    removed: Iterable[ControlPoint],
    added: Iterable[ControlPoint],
    terms: list[str],
    entry_name: Text | None = None,
) -> tuple[tuple[ControlPoint, ...], tuple[ControlPoint, ...], tuple[Rewording, ...]]:
    """Split removed/added points into (still added, still removed, rewordings) by the module's rule."""
    removed_l, added_l = list(removed), list(added)
    candidates: list[tuple[float, int, int, str]] = []
    for i, old in enumerate(removed_l):
        for j, new in enumerate(added_l):
            if old.valid.end is None or old.valid.end != new.valid.start:
                continue
            sim = wording_similarity(old.text, new.text)
            subject = shared_subject(old.text, new.text, terms, entry_name)
            if subject is not None:
                candidates.append((1.0 + sim, i, j, subject))
            elif sim >= SIMILAR_WORDING:
                candidates.append((sim, i, j, "similar wording"))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[Rewording] = []
    for score, i, j, subject in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        chinese = terms.chinese if isinstance(terms, SubjectTerms) else {}
        zh = subject if _CJK.search(subject) else chinese.get(subject)
        pairs.append(Rewording(removed_l[i], added_l[j], subject, score - 1.0 if score >= 1.0 else score, zh))
    still_added = tuple(p for j, p in enumerate(added_l) if j not in used_new)
    still_removed = tuple(p for i, p in enumerate(removed_l) if i not in used_old)
    pairs.sort(key=lambda rw: added_l.index(rw.new))
    return still_added, still_removed, tuple(pairs)


def point_changes(entry: Entry, before: dt.date, after: dt.date, terms: list[str]) -> PointChanges:
    old = points_on(entry, before)
    new = points_on(entry, after)
    removed = [cp for cp in old if cp not in new]
    added = [cp for cp in new if cp not in old]
    still_added, still_removed, reworded = pair_rewordings(removed, added, terms, entry.name)
    return PointChanges(still_added, still_removed, reworded)


def entry_label(entry: Entry) -> str:
    """How lists name an entry: number and Chinese name, saying so when the number is not known."""
    name = entry.name.zh or entry.name.en or entry.id
    return f"{entry.number} {name}" if entry.number else gettext("{name} (number not verified)").format(name=name)
