"""The Changes view on a laptop screen: row titles that cannot name the wrong instrument when cut,
group titles that do not read as errors, and a docked panel that leaves the page room to read."""

from __future__ import annotations

import datetime as dt
import re

from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.time.diff import diff_between
from gui.changes_view import ChangesModel, status_change_title
from gui.main_window import MainWindow


def test_status_change_titles_lead_with_the_document_number() -> None:
    cat = load_catalogue().catalogue
    d = diff_between(cat, "2026-01-01", "2026-11-28")
    titles = {s.subject_id: status_change_title(s) for s in d.status_changes}
    # No. 72's clause about No. 46 para. 2 must read as No. 72's, however short the column.
    assert titles["cn-mofcom-2025-72-suspension"].startswith("2025 No. 72, ")
    assert titles["cn-mofcom-2024-46-para-2"] == "2024 No. 46, para. 2"
    assert titles["cn-mofcom-2025-55"].startswith("2025 No. 55 — ")
    for s in d.status_changes:
        lead = re.match(r"(?:19|20)\d\d No\. \d+", titles[s.subject_id])
        assert lead is not None and lead.group(0) in s.label  # the number the row leads with is its own


def test_group_titles_say_what_they_hold() -> None:
    cat = load_catalogue().catalogue
    model = ChangesModel()
    model.set_diff(diff_between(cat, "2020", "2023"))
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert not any("not changes" in g for g in groups)
    assert any(g.startswith("Listed on one day, not known on the other (not counted as changes)") for g in groups)


def test_docked_panels_leave_the_page_room_on_a_laptop_screen(qtbot: QtBot) -> None:
    window = MainWindow(load_catalogue(), as_of=dt.date(2026, 1, 15))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.open_id("cn-mofcom-2024-46")
    for name in ("changes", "timeline"):
        window.docked_views.show_view(name)
        qtbot.wait(50)
        assert window.detail.height() >= 0.4 * window.height(), (name, window.detail.height())
