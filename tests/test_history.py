"""The window's back/forward history (gui.history), without a window."""

from __future__ import annotations

from gui.history import NavigationHistory


def test_empty_history_goes_nowhere() -> None:
    history = NavigationHistory()
    assert history.current is None and len(history) == 0
    assert not history.can_go_back and not history.can_go_forward
    assert history.back() is None and history.forward() is None


def test_back_and_forward_walk_the_visits_in_order() -> None:
    history = NavigationHistory()
    for ident in ("a", "b", "c"):
        history.visit(ident)
    assert history.current == "c" and history.can_go_back and not history.can_go_forward
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None and history.current == "a"
    assert history.forward() == "b"
    assert history.forward() == "c"
    assert history.forward() is None and history.current == "c"


def test_the_page_already_current_is_recorded_once() -> None:
    history = NavigationHistory()
    history.visit("a")
    history.visit("a")
    history.visit("b")
    history.visit("b")
    assert len(history) == 2
    assert history.back() == "a" and not history.can_go_back


def test_a_visit_after_going_back_drops_the_pages_ahead() -> None:
    history = NavigationHistory()
    for ident in ("a", "b", "c"):
        history.visit(ident)
    history.back()
    history.back()
    history.visit("d")
    assert len(history) == 2 and history.current == "d"
    assert not history.can_go_forward
    assert history.back() == "a"
    assert history.forward() == "d"


def test_revisiting_the_current_page_after_going_back_keeps_the_pages_ahead() -> None:
    """Going back to a page and opening it again (a click on the row already shown) is no new branch."""
    history = NavigationHistory()
    for ident in ("a", "b"):
        history.visit(ident)
    history.back()
    history.visit("a")
    assert history.can_go_forward and history.forward() == "b"
