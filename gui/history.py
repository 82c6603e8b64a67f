"""Navigation history: back and forward through the pages read, by stable id, as in a web browser.

Plain Python (no Qt): the window records each page the user went to and asks for the one before or
after. Ids, never QModelIndex objects, so the history survives every model swap.
"""

from __future__ import annotations


class NavigationHistory:
    """The ids of the pages visited and where the user is among them."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._ids[self._pos] if self._pos >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._pos > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._pos < len(self._ids) - 1

    def visit(self, ident: str) -> None:
        """Record a page the user went to. The pages ahead of the current one are dropped (a new
        branch of browsing); the page already current is not recorded twice."""
        if self.current == ident:
            return
        del self._ids[self._pos + 1 :]
        self._ids.append(ident)
        self._pos = len(self._ids) - 1

    def back(self) -> str | None:
        """Step back: the id to show, or None at the first page."""
        if not self.can_go_back:
            return None
        self._pos -= 1
        return self._ids[self._pos]

    def forward(self) -> str | None:
        """Step forward: the id to show, or None at the last page."""
        if not self.can_go_forward:
            return None
        self._pos += 1
        return self._ids[self._pos]

    def __len__(self) -> int:
        return len(self._ids)
