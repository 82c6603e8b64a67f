"""The Changes and Timeline lists share one two-level model; Qt's own model checks pass on both."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from catalogue.load import load_cached
from catalogue.time.diff import diff_between
from catalogue.time.events import all_events
from gui.changes_view import ChangesModel
from gui.timeline_view import TimelineModel


def test_timeline_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    cat = load_cached().catalogue
    model = TimelineModel(cat.verified_to)
    model.set_events(all_events(cat))
    qtmodeltester.check(model, force_py=True)
    years = [year for year, _ in model.groups()]
    assert years == sorted(years) and model.event_count() == len(all_events(cat))
    first = model.index(0, 0, model.index(0, 0))
    assert model.event_at(first) is model.groups()[0][1][0]


def test_changes_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    cat = load_cached().catalogue
    model = ChangesModel()
    model.set_diff(diff_between(cat, "2023", "2025"))
    qtmodeltester.check(model, force_py=True)
    found = model.index_where(lambda row: row.ident == "building-environment-control")
    assert found.isValid() and model.data(found) and model.parent(found).isValid()
