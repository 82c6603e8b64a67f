"""The left-hand tree: a plain Python tree built from the Catalogue, and a read-only Qt model over it.

The tree is rebuilt (never edited in place) whenever what it shows changes — the as-of date, grouping
by topic, showing historical entries — and the view swaps models and re-selects by stable id, so no
`QModelIndex` outlives its model.

Branch labels carry honest counts: "Prohibited — 7 of 24 items" means the data holds 7 of the 24
prohibited items of the edition in force on the as-of date (catalogue.time.status.holdings, the count the
status bar and the pages use too). Entries not listed on that date (deleted, or not yet listed) are
historical: hidden unless asked for, and then struck through.

Every row's status comes from the status engine (catalogue.time.status): a row that does not plainly apply
carries the engine's badge as a tag ("[suspended] …"); rows whose status the data cannot establish —
past the date the data was checked to, or not known at all — are in italics, and the branch says once
that statuses after the check date are not verified. The tooltip gives the engine's full words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from catalogue.i18n import current_language, day_text
from catalogue.model import Catalogue, Clause, ControlledItem, Entry, EntryStatus, Instrument, Kind, Sector
from catalogue.time import Holdings, State, Status, checked_to, holdings, item_has_own_status, number_on, status_of

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HISTORICAL_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3

ModelIndex = QModelIndex | QPersistentModelIndex


# lupdate finds the calls to `translate` with their context; a wrapper would hide them.
translate = QCoreApplication.translate


class NodeKind(Enum):
    ROOT = "root"
    BRANCH = "branch"  # a grouping with no object of its own (Prohibited, a sector, a topic)
    CATALOGUE = "catalogue"
    ENTRY = "entry"
    MEASURE = "measure"
    LAW = "law"
    CLAUSE = "clause"
    ITEM = "item"


@dataclass(eq=False)
class TreeNode:
    label: str
    kind: NodeKind
    ident: str | None = None
    tooltip: str = ""
    historical: bool = False  # not listed / not applying on the as-of date: shown greyed and struck through
    uncertain: bool = False  # the data cannot say whether it applies on the as-of date: shown in italics
    status: Status | None = None  # the status engine's answer for the as-of date
    key: str = ""  # stable name of a branch across rebuilds (labels carry counts that change)
    parent: TreeNode | None = field(default=None, repr=False)
    children: list[TreeNode] = field(default_factory=list, repr=False)
    row: int = 0

    def add(self, child: TreeNode) -> TreeNode:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child

    def walk(self) -> Any:
        yield self
        for child in self.children:
            yield from child.walk()

    def stable_key(self) -> str:
        """Identifies the node across rebuilds: the parent chain of ids and branch keys."""
        parts: list[str] = []
        node: TreeNode | None = self
        while node is not None and node.kind is not NodeKind.ROOT:
            parts.append(node.ident or node.key or node.label)
            node = node.parent
        return "/".join(reversed(parts))

    def path(self) -> list[str]:
        """Labels from the top branch down to this node, for tests and for printing a branch."""
        out: list[str] = []
        node: TreeNode | None = self
        while node is not None and node.kind is not NodeKind.ROOT:
            out.append(node.label)
            node = node.parent
        return out[::-1]


# -- building the plain tree --------------------------------------------------------------------------


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tree_entry_label(entry: Entry, number: str | None = None) -> str:
    """A tree row's words for an entry: "083201X  有色金属冶金技术 · Non-ferrous metallurgy technology";
    `number` is the one the text in force gives it (catalogue.time.status.number_on), the entry's latest
    number when not given. Both names, and "(no. not verified)" for a missing number. Lists of changes
    use catalogue.time.diff.entry_label instead: number and one name, "(number not verified)" after it."""
    number = (number if number is not None else entry.number) or translate("CatalogueTree", "(no. not verified)")
    # In Chinese the official name is enough: our English translation steps back (it is in the tooltip).
    english = entry.name.en if current_language() == "en" or not entry.name.zh else None
    names = [n for n in (entry.name.zh, english) if n]
    return f"{number}  {' · '.join(names) or entry.id}"


def tree_tag(status: Status) -> str | None:
    """The tag a row carries: the engine's badge, except where the row plainly applies (verified) or
    where the only news is that the date is past the check date — the branch says that once and the
    row is in italics."""
    if status.state is State.NOT_VERIFIED and status.parts is None:
        return None
    return status.tag


def _tagged(label: str, status: Status) -> str:
    tag = tree_tag(status)
    return f"[{tag}] {label}" if tag else label  # first, so eliding a long title never hides it


def _status_tip(day: dt.date, status: Status) -> str:
    return translate("CatalogueTree", "On {day}: {status}").format(day=day_text(day), status=status.text)


def _entry_node(entry: Entry, cat: Catalogue, day: dt.date) -> TreeNode:
    status = status_of(entry, day, cat)
    assert status is not None
    tip = [
        entry.name.zh or "",
        (entry.name.en or "") + (translate("CatalogueTree", " (unofficial translation)") if entry.name.en else ""),
    ]
    tip.append(_status_tip(day, status))
    return TreeNode(
        _tagged(tree_entry_label(entry, number_on(entry, day, cat).number or ""), status),
        NodeKind.ENTRY,
        entry.id,
        "\n".join(t for t in tip if t),
        historical=status.historical,
        uncertain=status.uncertain,
        status=status,
    )


def _entry_sort_key(entry: Entry) -> tuple[int, str, str]:
    return (0 if entry.number else 1, entry.number or "", entry.name.zh or entry.name.en or entry.id)


def _status_branch_label(word: str, held: Holdings, listing: EntryStatus, unknown: int) -> str:
    """ "Restricted — 15 of 109 items", with what else the branch lists and why, so that the label and
    the list under it add up."""
    label = translate("CatalogueTree", "{word} — {phrase}").format(word=word, phrase=held.phrase(listing))
    if unknown:
        label += translate("CatalogueTree", " · {n} of unknown status").format(n=unknown)
    return label


def _sector_label(sector: Sector, with_classification: bool) -> str:
    label = f"{sector.code}  {sector.name.zh or sector.name.en or sector.id}"
    # Editions used different versions of the industry classification, whose near-identical headings
    # (32 有色金属冶炼和压延加工业 / 33 有色金属冶炼及压延加工业) would otherwise look like a duplicate.
    return f"{label}  ({sector.classification})" if with_classification else label


def _checked_note(cat: Catalogue, inst: Instrument | None, day: dt.date) -> str:
    horizon = checked_to(cat, inst)
    return (
        ""
        if day <= horizon
        else translate("CatalogueTree", " — not verified after {day}").format(day=day_text(horizon))
    )


def _catalogue_branch(parent: TreeNode, inst: Instrument, cat: Catalogue, day: dt.date, show_historical: bool) -> None:
    own = status_of(inst, day, cat)
    assert own is not None
    top = parent.add(
        TreeNode(
            _tagged(translate("CatalogueTree", "Technology catalogue"), own) + _checked_note(cat, inst, day),
            NodeKind.CATALOGUE,
            inst.id,
            "\n".join(filter(None, [inst.title.zh, _status_tip(day, own)])),
            uncertain=own.uncertain,
            status=own,
        )
    )
    sectors = {s.id: s for s in inst.sectors}
    mixed = len({s.classification for s in inst.sectors}) > 1
    held = holdings(cat, day)
    for status, word in (
        (EntryStatus.PROHIBITED, translate("CatalogueTree", "Prohibited")),
        (EntryStatus.RESTRICTED, translate("CatalogueTree", "Restricted")),
    ):
        nodes = [(e, _entry_node(e, cat, day)) for e in sorted(inst.entries, key=_entry_sort_key) if e.status is status]
        unknown = sum(1 for _, n in nodes if n.status is not None and n.status.state is State.UNKNOWN)
        hidden = sum(1 for _, n in nodes if n.historical)
        label = _status_branch_label(word, held, status, unknown)
        tip = translate(
            "CatalogueTree",
            "The data holds {phrase} of the {text} listed as {word} on {day}; the official list may have more. "
            "Not listed does not mean free to export.",
        ).format(phrase=held.phrase(status), text=held.text_name, word=word.lower(), day=day_text(day))
        if unknown:
            tip += "\n" + translate(
                "CatalogueTree", "{n} older items are shown whose listing on {day} the sources do not establish."
            ).format(n=unknown, day=day_text(day))
        if hidden:
            if show_historical:
                label += translate("CatalogueTree", " · {n} historical shown").format(n=hidden)
            tip += "\n" + translate(
                "CatalogueTree", "{n} historical items are hidden (View → Show historical entries)."
            ).format(n=hidden)
        branch = top.add(TreeNode(label, NodeKind.BRANCH, None, tip, key=status.value))
        by_sector: dict[str | None, list[TreeNode]] = {}
        for entry, node in nodes:
            if node.historical and not show_historical:
                continue
            key_ = entry.sector if entry.sector in sectors else None
            by_sector.setdefault(key_, []).append(node)
        for sector_id in sorted((k for k in by_sector if k is not None), key=lambda k: sectors[k].code):
            sector = sectors[sector_id]
            tip_lines = [sector.name.zh or "", sector.name.en or "", f"{sector.classification} {sector.code}"]
            s_node = branch.add(
                TreeNode(
                    _sector_label(sector, mixed),
                    NodeKind.BRANCH,
                    None,
                    "\n".join(filter(None, tip_lines)),
                    key=sector.id,
                )
            )
            for node in by_sector[sector_id]:
                s_node.add(node)
        if None in by_sector:
            s_node = branch.add(
                TreeNode(
                    translate("CatalogueTree", "Sector not identified"),
                    NodeKind.BRANCH,
                    None,
                    translate("CatalogueTree", "The sources do not say which industry sector these items belong to."),
                    key="no-sector",
                )
            )
            for node in by_sector[None]:
                s_node.add(node)


# Our English titles mostly open with the same formula ("Announcement on implementing export control
# over …", "Decision to impose export control on …"); in a narrow tree the subject must come first.
_TITLE_FORMULA = re.compile(
    r"^(?:MOFCOM\s+)?(?:announcement|decision)\s+(?:on\s+|to\s+|of\s+)?(?:the\s+decision\s+to\s+)?"
    r"(?:(?:implement(?:ing)?|impos(?:e|ing))\s+export\s+controls?\s+(?:over|on)\s+)?",
    re.IGNORECASE,
)
_SHORT_NUMBER = re.compile(r"\b(?:Announcement|Order|Decree)\s+(\d{4}\s+No\.\s*\d+)\b")
# The same for the Chinese titles: 关于……的公告 → ……, and 2023年第23号 from the document number.
_ZH_SHORT_NUMBER = re.compile(r"(?:[0-9]{4}|[〇一二三四五六七八九零]{4})年第[0-9]+号")
_ZH_TITLE_FORMULAS = (
    re.compile(r"^.*?年第[0-9]+号\s*[(（]?"),  # a title that repeats its document number first
    re.compile(r"[)）]$"),
    re.compile(r"^(?:(?:商务部|海关总署|科技部|科学技术部)[、\s]*)+"),  # the issuers
    re.compile(r"^(?:关于|公布)"),
    re.compile(r"(?:的)?(?:公告|决定)$"),
)


def _zh_instrument_label(inst: Instrument) -> str | None:
    """ "2023年第23号 — 对镓、锗相关物项实施出口管制" from the Chinese document number and title the data
    records (a title without one: the document number alone); None when it has neither."""
    document = inst.document_number.zh if inst.document_number else None
    title = inst.title.zh
    if not title:
        return document
    if inst.kind is Kind.LAW:
        return title
    subject = title
    for formula in _ZH_TITLE_FORMULAS:
        subject = formula.sub("", subject).strip()
    number = _ZH_SHORT_NUMBER.search(document or title)
    subject = subject or title
    return f"{number.group(0)} — {subject}" if number else subject


def instrument_label(inst: Instrument) -> str:
    """ "2023 No. 23 — Gallium- and germanium-related items" for measures (in Chinese, "2023年第23号 —
    对镓、锗相关物项实施出口管制"); the full citation form and both official titles are in the tooltip
    and on the page."""
    if current_language() == "zh" and (zh := _zh_instrument_label(inst)) is not None:
        return zh
    if inst.kind is Kind.LAW:
        name = inst.title.en or inst.title.zh or ""
        return f"{inst.short_title} — {name}" if name and name != inst.short_title else inst.short_title
    number = _SHORT_NUMBER.search(inst.short_title)
    if number is None:  # no announcement number: the short title is already descriptive
        return inst.short_title
    head = number.group(1)
    subject = _TITLE_FORMULA.sub("", inst.title.en or "").strip() or inst.title.zh or ""
    subject = subject[:1].upper() + subject[1:]
    return f"{head} — {subject}" if subject else head


def _measure_node(inst: Instrument, cat: Catalogue, day: dt.date) -> TreeNode:
    status = status_of(inst, day, cat)
    assert status is not None
    kind = NodeKind.LAW if inst.kind is Kind.LAW else NodeKind.MEASURE
    tip = "\n".join(filter(None, [inst.short_title, inst.title.zh, inst.title.en, _status_tip(day, status)]))
    node = TreeNode(
        _tagged(instrument_label(inst), status),
        kind,
        inst.id,
        tip,
        historical=status.state is State.REPEALED,
        uncertain=status.uncertain,
        status=status,
    )
    for clause in inst.clauses:
        node.add(_clause_node(clause, cat, day))
    if inst.items:
        items = node.add(
            TreeNode(
                translate("CatalogueTree", "Controlled items ({n})").format(n=len(inst.items)),
                NodeKind.BRANCH,
                None,
                "",
                key="items",
            )
        )
        groups: dict[str | None, list[ControlledItem]] = {}
        for item in inst.items:
            groups.setdefault(item.group, []).append(item)
        for group, members in groups.items():
            holder = (
                items if group is None or len(groups) == 1 else items.add(TreeNode(group, NodeKind.BRANCH, key=group))
            )
            for item in members:
                holder.add(_item_node(item, cat, day))
    return node


def _clause_node(clause: Clause, cat: Catalogue, day: dt.date) -> TreeNode:
    status = status_of(clause, day, cat)
    assert status is not None
    text = clause.text.en or clause.text.zh or ""
    label = _shorten(f"{clause.label}: {text}" if text else clause.label)
    tip = "\n".join(filter(None, [clause.text.zh, clause.text.en, _status_tip(day, status)]))
    return TreeNode(
        _tagged(label, status),
        NodeKind.CLAUSE,
        clause.id,
        tip,
        historical=status.state is State.REPEALED,
        uncertain=status.uncertain,
        status=status,
    )


def _item_node(item: ControlledItem, cat: Catalogue, day: dt.date) -> TreeNode:
    """Items follow their measure, whose row carries the tag; an item's own row is tagged only when it
    differs (delisted, not yet listed, not known)."""
    status = status_of(item, day, cat)
    assert status is not None
    names = " · ".join(n for n in (item.name.zh, item.name.en) if n) or item.id
    label = _shorten(f"{item.control_code}  {names}" if item.control_code else names)
    own = item_has_own_status(item, status)
    tip = "\n".join(filter(None, [item.name.zh, item.name.en, ", ".join(item.customs_codes), _status_tip(day, status)]))
    return TreeNode(
        f"[{status.badge}] {label}" if own else label,
        NodeKind.ITEM,
        item.id,
        tip,
        historical=status.historical,
        status=status,
    )


def _related_branch(parent: TreeNode, cat: Catalogue, day: dt.date) -> None:
    measures = sorted(cat.of_kind(Kind.MEASURE), key=lambda i: (i.published or dt.date.min, i.short_title))
    branch = parent.add(
        TreeNode(
            translate("CatalogueTree", "Related controls — {n} measures").format(n=len(measures))
            + _checked_note(cat, None, day),
            NodeKind.BRANCH,
            None,
            translate(
                "CatalogueTree",
                "Measures read beside the catalogue: export controls on specific goods, with clauses and items.",
            ),
            key="related",
        )
    )
    for inst in measures:
        branch.add(_measure_node(inst, cat, day))


def _law_branch(parent: TreeNode, cat: Catalogue, day: dt.date) -> None:
    laws = sorted(cat.of_kind(Kind.LAW), key=lambda i: (i.published or dt.date.min, i.short_title))
    branch = parent.add(
        TreeNode(
            translate("CatalogueTree", "Legal framework") + _checked_note(cat, None, day),
            NodeKind.BRANCH,
            None,
            translate("CatalogueTree", "The laws the controls rest on."),
            key="laws",
        )
    )
    for inst in laws:
        branch.add(_measure_node(inst, cat, day))


def _topic_branches(parent: TreeNode, cat: Catalogue, day: dt.date, show_historical: bool) -> None:
    entries = sorted(cat.entries(), key=_entry_sort_key)
    measures = sorted(cat.of_kind(Kind.MEASURE), key=lambda i: (i.published or dt.date.min, i.short_title))
    placed: set[str] = set()
    for topic in sorted(cat.topics.values(), key=lambda t: (t.name.en or t.name.zh or t.id).lower()):
        t_entries = [e for e in entries if topic.id in e.topics]
        t_measures = [m for m in measures if topic.id in m.topics]
        nodes = [_entry_node(e, cat, day) for e in t_entries] + [_measure_node(m, cat, day) for m in t_measures]
        nodes = [n for n in nodes if show_historical or not n.historical or n.kind is not NodeKind.ENTRY]
        if not nodes:
            continue
        names = " · ".join(n for n in (topic.name.en, topic.name.zh) if n)
        branch = parent.add(
            TreeNode(f"{names} ({len(nodes)})", NodeKind.BRANCH, None, topic.description or "", key=topic.id)
        )
        for node in nodes:
            branch.add(node)
            placed.add(node.ident or "")
    rest_e = [e for e in entries if e.id not in placed]
    rest_m = [m for m in measures if m.id not in placed]
    rest = [_entry_node(e, cat, day) for e in rest_e] + [_measure_node(m, cat, day) for m in rest_m]
    rest = [n for n in rest if show_historical or not n.historical or n.kind is not NodeKind.ENTRY]
    if rest:
        branch = parent.add(
            TreeNode(
                translate("CatalogueTree", "No topic assigned ({n})").format(n=len(rest)),
                NodeKind.BRANCH,
                key="no-topic",
            )
        )
        for node in rest:
            branch.add(node)


def build_tree(cat: Catalogue, day: dt.date, *, by_topic: bool = False, show_historical: bool = False) -> TreeNode:
    root = TreeNode("", NodeKind.ROOT)
    if by_topic:
        _topic_branches(root, cat, day, show_historical)
    else:
        for inst in cat.of_kind(Kind.CATALOGUE):
            _catalogue_branch(root, inst, cat, day, show_historical)
        _related_branch(root, cat, day)
    _law_branch(root, cat, day)
    return root


# -- the Qt adapter ---------------------------------------------------------------------------------


class CatalogueTreeModel(QAbstractItemModel):
    """Read-only adapter: rows and parents come straight from the `TreeNode` tree."""

    def __init__(self, root: TreeNode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._by_id: dict[str, TreeNode] = {}
        for node in root.walk():
            if node.ident and node.ident not in self._by_id:
                self._by_id[node.ident] = node

    @property
    def root(self) -> TreeNode:
        return self._root

    def node(self, index: ModelIndex) -> TreeNode:
        if index.isValid():
            found = index.internalPointer()
            assert isinstance(found, TreeNode)
            return found
        return self._root

    def index_for_id(self, ident: str) -> QModelIndex:
        node = self._by_id.get(ident)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def ids(self) -> list[str]:
        return list(self._by_id)

    # -- QAbstractItemModel ----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        holder = self.node(parent)
        if row >= len(holder.children):
            return QModelIndex()
        return self.createIndex(row, 0, holder.children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return translate("CatalogueTree", "Contents")
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Strike-through is invisible to a screen reader, so say it.
            if node.historical:
                return (
                    node.label
                    + " — "
                    + translate("CatalogueTree", "historical: not listed or not in force on the as-of date")
                )
            return node.label
        if role == ID_ROLE:
            return node.ident
        if role == HISTORICAL_ROLE:
            return node.historical
        if role == KIND_ROLE:
            return node.kind.value
        if role == Qt.ItemDataRole.FontRole:
            if node.historical or node.uncertain or node.kind is NodeKind.CATALOGUE:
                font = QFont()
                font.setStrikeOut(node.historical)
                font.setItalic(node.uncertain and not node.historical)
                font.setBold(node.kind is NodeKind.CATALOGUE)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole and node.historical:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None
