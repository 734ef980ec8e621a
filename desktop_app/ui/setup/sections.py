"""The tables of the setup screen: which list of the meeting each shows, its columns, and
how a row is added, removed or moved. Each edit returns a new :class:`Meeting`; the editor
makes it one undo step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.meeting import (
    AGENDA_KIND_NAMES,
    DEFAULT_SPEECH_LIMIT_S,
    AgendaItem,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    Speaker,
)
from desktop_app.domain.setup import HALF_WORDS, half_cap, parse_cap
from desktop_app.domain.speech_clock import parse_duration
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.ui.setup.editor import Col
from desktop_app.ui.terms import listing, term

T = TypeVar("T")

KIND_NAMES = AGENDA_KIND_NAMES
# What new rows are called until renamed. Not translated: they are names in the meeting,
# printed in its (Chinese) documents.
NEW_SPEAKER, NEW_LEVEL, NEW_CATEGORY, NEW_TARGET = "述职人", "等次", "类别", "单位"  # data
NEW_TYPE_LABEL = "{code}票"  # data


def _put(items: Sequence[T], index: int, item: T) -> tuple[T, ...]:
    return (*items[:index], item, *items[index + 1 :])


def _move(items: Sequence[T], index: int, delta: int) -> tuple[T, ...]:
    other = index + delta
    if not (0 <= index < len(items) and 0 <= other < len(items)):
        return tuple(items)
    moved = list(items)
    moved[index], moved[other] = moved[other], moved[index]
    return tuple(moved)


def _drop(items: Sequence[T], index: int) -> tuple[T, ...]:
    return (*items[:index], *items[index + 1 :])


def duration(text: str) -> int | None:
    """A limit typed as 300, 4:00, 4分钟 or 4分30秒 (seconds), or None for an empty cell."""
    return parse_duration(text) if text.strip() else None


def count(text: str) -> int | None:
    """A whole number ≥ 0, or None for an empty cell (unknown)."""
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(
            QCoreApplication.translate("Setup", "应为不小于 0 的整数,或留空;实为“{text}”").format(
                text=text
            )
        )
    return int(text)


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            QCoreApplication.translate("Setup", "应为数字,实为“{text}”").format(text=text)
        ) from None


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


def _agenda(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m, agenda=_put(m.agenda, i, dataclasses.replace(m.agenda[i], **changes))
    )


def _add_agenda(m: Meeting, kind: Any) -> Meeting:
    kind = AgendaKind(kind) if kind else AgendaKind.SPEECH
    limit = DEFAULT_SPEECH_LIMIT_S if kind is AgendaKind.SPEECHES else None
    return dataclasses.replace(m, agenda=(*m.agenda, AgendaItem(kind, KIND_NAMES[kind], limit)))


AGENDA = Section(
    QT_TRANSLATE_NOOP("Sections", "议程"),
    lambda m: len(m.agenda),
    lambda m, i: f"agenda[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "类型"),
            lambda m, i: kind_name(m.agenda[i].kind),
            lambda m, i, v: _agenda(m, i, kind=kind_from_text(v)),
            "kind",
            choices=lambda m: [kind_name(k) for k in KIND_NAMES],
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "名称"),
            lambda m, i: m.agenda[i].title,
            lambda m, i, v: _agenda(m, i, title=v),
            "title",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "时限(秒)"),
            lambda m, i: m.agenda[i].limit_s,
            lambda m, i, v: _agenda(m, i, limit_s=duration(v)),
            "limit_s",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "讲话人"),
            lambda m, i: m.agenda[i].speaker,
            lambda m, i, v: _agenda(m, i, speaker=v or None),
            "speaker",
        ),
    ],
    _add_agenda,
    lambda m, i: dataclasses.replace(m, agenda=_drop(m.agenda, i)),
    lambda m, i, d: dataclasses.replace(m, agenda=_move(m.agenda, i, d)),
)


# --- speakers -------------------------------------------------------------------------


def _speaker(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m, speakers=_put(m.speakers, i, dataclasses.replace(m.speakers[i], **changes))
    )


def _new_name(existing: Sequence[str], stem: str) -> str:
    n = len(existing) + 1
    while f"{stem}{n}" in existing:
        n += 1
    return f"{stem}{n}"


SPEAKERS = Section(
    QT_TRANSLATE_NOOP("Sections", "述职人"),
    lambda m: len(m.speakers),
    lambda m, i: f"speakers[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "姓名"),
            lambda m, i: m.speakers[i].name,
            lambda m, i, v: _speaker(m, i, name=v),
            "name",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "职务"),
            lambda m, i: m.speakers[i].post,
            lambda m, i, v: _speaker(m, i, post=v),
            "post",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "述职单位"),
            lambda m, i: m.speakers[i].target,
            lambda m, i, v: _speaker(m, i, target=v or None),
            "target",
            choices=lambda m: ["", *m.targets],
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "时限(秒)"),
            lambda m, i: m.speakers[i].limit_s,
            lambda m, i, v: _speaker(m, i, limit_s=duration(v)),
            "limit_s",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "书面述职"),
            lambda m, i: m.speakers[i].written,
            lambda m, i, v: _speaker(m, i, written=bool(v)),
            "written",
            check=True,
        ),
    ],
    lambda m, _: dataclasses.replace(
        m,
        speakers=(*m.speakers, Speaker(_new_name([s.name for s in m.speakers], NEW_SPEAKER))),
    ),
    lambda m, i: dataclasses.replace(m, speakers=_drop(m.speakers, i)),
    lambda m, i, d: dataclasses.replace(m, speakers=_move(m.speakers, i, d)),
)


# --- levels ---------------------------------------------------------------------------


def _rename_level(m: Meeting, i: int, label: str) -> Meeting:
    """Rename a level, and its caps with it."""
    old = m.levels[i].label
    categories = tuple(
        dataclasses.replace(c, caps={(label if k == old else k): v for k, v in c.caps.items()})
        for c in m.categories
    )
    levels = _put(m.levels, i, dataclasses.replace(m.levels[i], label=label))
    return dataclasses.replace(m, levels=levels, categories=categories)


def _drop_level(m: Meeting, i: int) -> Meeting:
    label = m.levels[i].label
    categories = tuple(
        dataclasses.replace(c, caps={k: v for k, v in c.caps.items() if k != label})
        for c in m.categories
    )
    return dataclasses.replace(m, levels=_drop(m.levels, i), categories=categories)


LEVELS = Section(
    QT_TRANSLATE_NOOP("Sections", "等次"),
    lambda m: len(m.levels),
    lambda m, i: f"levels[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "名称"),
            lambda m, i: m.levels[i].label,
            lambda m, i, v: _rename_level(m, i, v),
            "label",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "分值"),
            lambda m, i: f"{m.levels[i].score:g}",
            lambda m, i, v: dataclasses.replace(
                m,
                levels=_put(m.levels, i, dataclasses.replace(m.levels[i], score=number(v))),
            ),
            "score",
            counting=True,
        ),
    ],
    lambda m, _: dataclasses.replace(
        m, levels=(*m.levels, Level(_new_name(m.level_labels, NEW_LEVEL), 0))
    ),
    _drop_level,
    lambda m, i, d: dataclasses.replace(m, levels=_move(m.levels, i, d)),
    counting=True,
)


# --- ballot types ---------------------------------------------------------------------


def _type(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m,
        ballot_types=_put(m.ballot_types, i, dataclasses.replace(m.ballot_types[i], **changes)),
    )


def _add_type(m: Meeting, _: Any) -> Meeting:
    codes = [t.code for t in m.ballot_types]
    code = next((c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in codes), _new_name(codes, "T"))
    return dataclasses.replace(
        m, ballot_types=(*m.ballot_types, BallotType(code, NEW_TYPE_LABEL.format(code=code)))
    )


TYPES = Section(
    QT_TRANSLATE_NOOP("Sections", "票种"),
    lambda m: len(m.ballot_types),
    lambda m, i: f"ballot_types[{i}]",
    lambda m: [
        Col(
            QT_TRANSLATE_NOOP("Columns", "代码"),
            lambda m, i: m.ballot_types[i].code,
            lambda m, i, v: _type(m, i, code=v),
            "code",
            counting=True,
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "名称"),
            lambda m, i: m.ballot_types[i].label,
            lambda m, i, v: _type(m, i, label=v),
            "label",
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "权重"),
            lambda m, i: f"{m.ballot_types[i].weight:g}",
            lambda m, i, v: _type(m, i, weight=number(v)),
            "weight",
            counting=True,
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "发出票数"),
            lambda m, i: m.ballot_types[i].issued,
            lambda m, i, v: _type(m, i, issued=count(v)),
            "issued",
        ),
    ],
    _add_type,
    lambda m, i: dataclasses.replace(m, ballot_types=_drop(m.ballot_types, i)),
    lambda m, i, d: dataclasses.replace(m, ballot_types=_move(m.ballot_types, i, d)),
    counting=True,
)


# --- categories and their caps ----------------------------------------------------------


def _category(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m, categories=_put(m.categories, i, dataclasses.replace(m.categories[i], **changes))
    )


def _set_cap(m: Meeting, i: int, label: str, text: str) -> Meeting:
    category = m.categories[i]
    cap = parse_cap(text, len(category.targets))
    caps = {k: v for k, v in category.caps.items() if k != label}
    if cap is not None:
        caps[label] = cap
    ordered = {lv.label: caps[lv.label] for lv in m.levels if lv.label in caps}
    return _category(m, i, caps=ordered)


def _cap_column(label: str) -> Col:
    def get(m: Meeting, i: int) -> int | None:
        return m.categories[i].caps.get(label)

    def put(m: Meeting, i: int, text: Any) -> Meeting:
        return _set_cap(m, i, label, str(text))

    def explain(m: Meeting, i: int, text: str) -> str | None:
        if text.strip().lower() not in HALF_WORDS:
            return None
        units = len(m.categories[i].targets)
        return QCoreApplication.translate(
            "Setup", "“{text}”即 {units} 个单位的一半(向下取整):“{level}”上限为 {cap}"
        ).format(text=text, units=units, level=label, cap=half_cap(units))

    header = QCoreApplication.translate("Setup", "“{level}”上限").format(level=label)
    return Col(header, get, put, f"caps.{label}", counting=True, explain=explain)


def _category_columns(m: Meeting) -> list[Col]:
    columns = [
        Col(
            QT_TRANSLATE_NOOP("Columns", "类别名称"),
            lambda m, i: m.categories[i].name,
            lambda m, i, v: _category(m, i, name=v),
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
    lambda m, _: dataclasses.replace(
        m,
        categories=(
            *m.categories,
            Category(_new_name([c.name for c in m.categories], NEW_CATEGORY), ()),
        ),
    ),
    lambda m, i: _drop_category(m, i),
    lambda m, i, d: dataclasses.replace(m, categories=_move(m.categories, i, d)),
    counting=True,
)


def _drop_category(m: Meeting, i: int) -> Meeting:
    if m.categories[i].targets:
        raise ValueError(
            QCoreApplication.translate("Setup", "类别里还有评议对象,请先删除或移到其他类别")
        )
    return dataclasses.replace(m, categories=_drop(m.categories, i))


# --- targets (flat, in ballot order) --------------------------------------------------------


def target_position(m: Meeting, row: int) -> tuple[int, int]:
    """(category index, index within the category) of the ``row``-th target."""
    for ci, category in enumerate(m.categories):
        if row < len(category.targets):
            return ci, row
        row -= len(category.targets)
    raise IndexError(row)


def _rename_target(m: Meeting, row: int, name: str) -> Meeting:
    """Rename a unit, and the speakers' references to it with it."""
    ci, ti = target_position(m, row)
    old = m.categories[ci].targets[ti]
    m = _category(m, ci, targets=_put(m.categories[ci].targets, ti, name))
    speakers = tuple(
        dataclasses.replace(s, target=name) if s.target == old else s for s in m.speakers
    )
    return dataclasses.replace(m, speakers=speakers)


def _move_target_to(m: Meeting, row: int, category_name: str) -> Meeting:
    names = [c.name for c in m.categories]
    if category_name not in names:
        raise ValueError(
            QCoreApplication.translate("Setup", "没有名为“{name}”的类别(类别:{names})").format(
                name=category_name, names=listing(names)
            )
        )
    ci, ti = target_position(m, row)
    target = m.categories[ci].targets[ti]
    new_ci = names.index(category_name)
    if new_ci == ci:
        return m
    m = _category(m, ci, targets=_drop(m.categories[ci].targets, ti))
    return _category(m, new_ci, targets=(*m.categories[new_ci].targets, target))


def _add_target(m: Meeting, category_index: Any) -> Meeting:
    if not m.categories:
        raise ValueError(QCoreApplication.translate("Setup", "请先添加一个类别"))
    ci = int(category_index or 0)
    name = _new_name(m.targets, NEW_TARGET)
    return _category(m, ci, targets=(*m.categories[ci].targets, name))


def _drop_target(m: Meeting, row: int) -> Meeting:
    ci, ti = target_position(m, row)
    name = m.categories[ci].targets[ti]
    m = _category(m, ci, targets=_drop(m.categories[ci].targets, ti))
    speakers = tuple(
        dataclasses.replace(s, target=None) if s.target == name else s for s in m.speakers
    )
    return dataclasses.replace(m, speakers=speakers)


def _move_target(m: Meeting, row: int, delta: int) -> Meeting:
    ci, ti = target_position(m, row)
    return _category(m, ci, targets=_move(m.categories[ci].targets, ti, delta))


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
            _rename_target,
            "",
            counting=True,
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "类别"),
            lambda m, i: m.categories[target_position(m, i)[0]].name,
            _move_target_to,
            None,
            counting=True,
            choices=lambda m: [c.name for c in m.categories],
        ),
        Col(
            QT_TRANSLATE_NOOP("Columns", "述职人"),
            lambda m, i: listing(s.name for s in m.speakers if s.target == m.targets[i]),
        ),
    ],
    _add_target,
    _drop_target,
    _move_target,
    counting=True,
)

SECTIONS = (AGENDA, SPEAKERS, CATEGORIES, TARGETS, LEVELS, TYPES)
