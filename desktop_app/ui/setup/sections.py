"""The tables of the setup screen: which list of the meeting each shows, its columns, and
which edit of :mod:`desktop_app.domain.meeting_edits` adds, removes, moves or changes a row
(the rules, such as a renamed level keeping its caps, live there). Each edit returns a new
:class:`Meeting`; the editor makes it one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.domain import meeting_edits as edits
from desktop_app.domain.meeting import AGENDA_KIND_NAMES, AgendaKind, Meeting
from desktop_app.domain.meeting_edits import target_position
from desktop_app.domain.setup import half_cap
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.ui.setup.editor import Col
from desktop_app.ui.terms import listing, term

KIND_NAMES = AGENDA_KIND_NAMES


def kind_name(kind: AgendaKind) -> str:
    """An agenda kind's name in the interface language."""
    return term(KIND_NAMES[kind])


def kind_from_text(text: str) -> AgendaKind:
    """The agenda kind named ``text``: its name in either language, or its code."""
    for kind, name in KIND_NAMES.items():
        if text in (name, kind_name(kind), kind.value):
            return kind
    raise ValueError(
        QCoreApplication.translate("Setup", "议程类型应为 {kinds} 之一,实为“{text}”").format(
            kinds=listing(kind_name(k) for k in KIND_NAMES), text=text
        )
    )


@dataclass(frozen=True)
class Section:
    """One table of the setup screen."""

    name: str
    count: Callable[[Meeting], int]
    prefix: Callable[[Meeting, int], str]
    columns: Callable[[Meeting], list[Col]]
    add: Callable[[Meeting, Any], Meeting] | None
    remove: Callable[[Meeting, int], Meeting] | None
    move: Callable[[Meeting, int, int], Meeting] | None
    counting: bool = False  # adding, removing or moving rows changes the count


# --- agenda ---------------------------------------------------------------------------


AGENDA = Section(
    QT_TRANSLATE_NOOP("Sections", "议程"),
    lambda m: len(m.agenda),
    lambda m, i: f"agenda[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "类型"),
            lambda m, i: kind_name(m.agenda[i].kind),
            lambda m, i, v: edits.edit_agenda_item(m, i, kind=kind_from_text(v)),
            "kind",
            choices=lambda m: [kind_name(k) for k in KIND_NAMES],
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "名称"),
            lambda m, i: m.agenda[i].title,
            lambda m, i, v: edits.edit_agenda_item(m, i, title=v),
            "title",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "时限(秒)"),
            lambda m, i: m.agenda[i].limit_s,
            lambda m, i, v: edits.edit_agenda_item(m, i, limit_s=edits.parse_limit(v)),
            "limit_s",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "讲话人"),
            lambda m, i: m.agenda[i].speaker,
            lambda m, i, v: edits.edit_agenda_item(m, i, speaker=v or None),
            "speaker",
        ),
    ],
    edits.add_agenda_item,
    edits.remove_agenda_item,
    edits.move_agenda_item,
)


# --- speakers -------------------------------------------------------------------------


SPEAKERS = Section(
    QT_TRANSLATE_NOOP("Sections", "述职人"),
    lambda m: len(m.speakers),
    lambda m, i: f"speakers[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "姓名"),
            lambda m, i: m.speakers[i].name,
            lambda m, i, v: edits.edit_speaker(m, i, name=v),
            "name",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "职务"),
            lambda m, i: m.speakers[i].post,
            lambda m, i, v: edits.edit_speaker(m, i, post=v),
            "post",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "述职单位"),
            lambda m, i: m.speakers[i].target,
            lambda m, i, v: edits.edit_speaker(m, i, target=v or None),
            "target",
            choices=lambda m: ["", *m.targets],
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "时限(秒)"),
            lambda m, i: m.speakers[i].limit_s,
            lambda m, i, v: edits.edit_speaker(m, i, limit_s=edits.parse_limit(v)),
            "limit_s",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "书面述职"),
            lambda m, i: m.speakers[i].written,
            lambda m, i, v: edits.edit_speaker(m, i, written=bool(v)),
            "written",
            check=True,
        ),
    ],
    lambda m, _: edits.add_speaker(m),
    edits.remove_speaker,
    edits.move_speaker,
)


# --- levels ---------------------------------------------------------------------------


LEVELS = Section(
    QT_TRANSLATE_NOOP("Sections", "等次"),
    lambda m: len(m.levels),
    lambda m, i: f"levels[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "名称"),
            lambda m, i: m.levels[i].label,
            edits.rename_level,
            "label",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "分值"),
            lambda m, i: f"{m.levels[i].score:g}",
            lambda m, i, v: edits.set_level_score(m, i, edits.parse_number(v)),
            "score",
            counting=True,
        ),
    ],
    lambda m, _: edits.add_level(m),
    edits.remove_level,
    edits.move_level,
    counting=True,
)


# --- ballot types ---------------------------------------------------------------------


TYPES = Section(
    QT_TRANSLATE_NOOP("Sections", "票种"),
    lambda m: len(m.ballot_types),
    lambda m, i: f"ballot_types[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "代码"),
            lambda m, i: m.ballot_types[i].code,
            lambda m, i, v: edits.edit_ballot_type(m, i, code=v),
            "code",
            counting=True,
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "名称"),
            lambda m, i: m.ballot_types[i].label,
            lambda m, i, v: edits.edit_ballot_type(m, i, label=v),
            "label",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "权重"),
            lambda m, i: f"{m.ballot_types[i].weight:g}",
            lambda m, i, v: edits.edit_ballot_type(m, i, weight=edits.parse_number(v)),
            "weight",
            counting=True,
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "发出票数"),
            lambda m, i: m.ballot_types[i].issued,
            lambda m, i, v: edits.edit_ballot_type(m, i, issued=edits.parse_count(v)),
            "issued",
        ),
    ],
    lambda m, _: edits.add_ballot_type(m),
    edits.remove_ballot_type,
    edits.move_ballot_type,
    counting=True,
)


# --- categories and their caps ----------------------------------------------------------


def _cap_column(label: str) -> Col:
    def get(m: Meeting, i: int) -> int | None:
        return m.categories[i].caps.get(label)

    def put(m: Meeting, i: int, text: Any) -> Meeting:
        return edits.set_cap(m, i, label, str(text))

    def explain(m: Meeting, i: int, text: str) -> str | None:
        return edits.cap_note(m, i, label, text)

    header = QCoreApplication.translate("Setup", "“{level}”上限").format(level=label)
    return Col(header, get, put, f"caps.{label}", counting=True, explain=explain)


def _category_columns(m: Meeting) -> list[Col]:
    columns = [
        Col(
            QT_TRANSLATE_NOOP("Columns", "类别名称"),
            lambda m, i: m.categories[i].name,
            lambda m, i, v: edits.edit_category(m, i, name=v),
            "name",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "单位数"),
            lambda m, i: len(m.categories[i].targets),
            None,
            "targets",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "半数"),
            lambda m, i: half_cap(len(m.categories[i].targets)),
        ),
    ]
    for level in m.levels:
        columns.append(_cap_column(level.label))
    return columns


CATEGORIES = Section(
    QT_TRANSLATE_NOOP("Sections", "类别"),
    lambda m: len(m.categories),
    lambda m, i: f"categories[{i}]",
    _category_columns,
    lambda m, _: edits.add_category(m),
    edits.remove_category,
    edits.move_category,
    counting=True,
)


# --- targets (flat, in ballot order) --------------------------------------------------------


def _target_prefix(m: Meeting, row: int) -> str:
    ci, ti = target_position(m, row)
    return f"categories[{ci}].targets[{ti}]"


TARGETS = Section(
    QT_TRANSLATE_NOOP("Sections", "评议对象"),
    lambda m: len(m.targets),
    _target_prefix,
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "单位名称"),
            lambda m, i: m.targets[i],
            edits.rename_target,
            "",
            counting=True,
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "类别"),
            lambda m, i: m.categories[target_position(m, i)[0]].name,
            edits.move_target_to,
            None,
            counting=True,
            choices=lambda m: [c.name for c in m.categories],
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "述职人"),
            lambda m, i: listing(s.name for s in m.speakers if s.target == m.targets[i]),
        ),
    ],
    lambda m, category: edits.add_target(m, int(category or 0)),
    edits.remove_target,
    edits.move_target,
    counting=True,
)

SECTIONS = (AGENDA, SPEAKERS, CATEGORIES, TARGETS, LEVELS, TYPES)
