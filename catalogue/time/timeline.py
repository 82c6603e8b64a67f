"""The timeline a reader asks for: every dated event of a topic (or of everything) between two days,
oldest first, and the same as JSON."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from catalogue.model import Catalogue, Topic
from catalogue.time.events import Event, all_events


def resolve_topic(cat: Catalogue, text: str) -> Topic | None:
    """A topic by id, name or search synonym (any case), e.g. "rare-earths", "Rare earths", "稀土"."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for topic in cat.topics.values():
        if topic.id.casefold() == wanted:
            return topic
    for topic in cat.topics.values():
        names = {n.casefold() for n in (topic.name.en, topic.name.zh) if n}
        names |= {s.casefold() for s in (*topic.synonyms_en, *topic.synonyms_zh)}
        if wanted in names:
            return topic
    return None


def timeline(
    cat: Catalogue,
    topic: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Event]:
    """The chronological events, optionally only those of one topic id and within [since, until]."""
    events = all_events(cat)
    if topic is not None:
        events = [ev for ev in events if topic in ev.topics]
    if since is not None:
        events = [ev for ev in events if ev.day >= since]
    if until is not None:
        events = [ev for ev in events if ev.day <= until]
    return events


def events_by_year(events: Iterable[Event]) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = defaultdict(list)
    for ev in events:
        out[ev.day.year].append(ev)
    return dict(out)


def event_json(ev: Event) -> dict[str, object]:
    return {
        "date": ev.day.isoformat(),
        "kind": ev.kind.value,
        "subject": ev.subject_id,
        "subject_label": ev.subject_label,
        "text": ev.text,
        "link": ev.link_id,
        "by": ev.by,
        "by_label": ev.by_label,
        "topics": list(ev.topics),
        "sources": list(ev.sources),
        "verified": ev.verified,
        "notes": list(ev.notes),
    }
