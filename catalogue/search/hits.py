"""Hits as the user sees them: the snippet where the query matches best, why a hit matched when the
typed words do not appear (synonyms, topics), and the status engine's words for the day."""

from __future__ import annotations

from catalogue.search.documents import _Doc, _doc_has
from catalogue.search.plan import Plan, _contains
from catalogue.search.rank import _SYNONYM_TIER
from catalogue.search.results import Hit
from catalogue.search.snippets import render_snippet
from catalogue.time import Status


def matched_via(doc: _Doc, plan: Plan) -> str | None:
    """Why a hit matched when the typed words did not: which synonyms, or the topic tag."""
    reasons: list[str] = []
    for group in plan.syn_groups:
        if all(_doc_has(doc, plan.finder(seq)) for seq in group.original):
            continue
        found = [f for tid, _name in group.topics for f in doc.syn_forms(tid) if f != group.label]
        # Name the most specific synonyms: "钕铁硼" rather than also "钕" found inside it.
        specific = [f for f in found if not any(g != f and _contains(g, f) for g in found)]
        forms = specific[:3]
        if forms:
            reasons.append(f"{group.label} → {', '.join(forms)}")
            continue
        names = [name for topic_id, name in group.topics if topic_id in doc.topics]
        if names:
            reasons.append(f"{group.label} → topic {', '.join(names)}")
    if plan.relaxed:
        reasons.append(f"words apart: {plan.relaxed}")
    return "; ".join(reasons) or None


def best_snippet(doc: _Doc, plan: Plan) -> tuple[str, str | None]:
    """The best place to show: in the first section (control points or summary, rationale,
    notes and history, names) where the query matches, the text with the most matches."""
    extra: list[tuple[str, ...]] = []
    if plan.syn_groups:  # highlight the synonyms this document matched through, too
        forms = {f for g in plan.syn_groups for tid, _n in g.topics for f in doc.syn_forms(tid)}
        extra = sorted(t for g in plan.syn_groups for f, t in g.expansions if f in forms)
    finder = plan.finder(extra=tuple(extra))
    sections = doc.sections()
    for texts, joined, low in sections:
        if not finder.spans(joined, low, first=True):
            continue
        best: tuple[int, str, str, list[tuple[int, int]]] | None = None
        for label, text in texts:
            spans = finder.spans(text)
            if spans and (best is None or len(spans) > best[0]):
                best = (len(spans), label, text, spans)
        if best is not None:
            return render_snippet(best[2], best[3]), best[1]
    for texts, _joined, _low in sections:
        if texts:
            label, text = texts[0]
            return render_snippet(text, []), label
    return "", None


def make_hit(doc: _Doc, status: Status, score: float, pin: int, tier: int, plan: Plan) -> Hit:
    snippet, where = best_snippet(doc, plan)
    # A hit in a field tier matched the typed words themselves: no synonym to explain.
    explain = (plan.syn_groups and tier == _SYNONYM_TIER) or plan.relaxed
    via = matched_via(doc, plan) if explain else None
    return Hit(
        id=doc.key,
        kind=doc.kind,
        number=doc.number,
        name_zh=doc.name_zh,
        name_en=doc.name_en,
        status=status.state.value,
        historical=status.historical,
        score=round(score, 4),
        snippet=snippet,
        matched_via=via,
        parent_id=doc.parent_id,
        exact=pin > 0,
        snippet_field=where,
        status_label=status.label,
        status_text=status.text,
        status_badge=status.badge,
        status_badge_key=status.badge_key,
        verified=status.verified,
        listing=status.listing,
    )
