"""What the ballot paper and the host script say about filling in a ballot.

One wording, from the meeting's rules: the levels, the caps of each category, and what a
multi-mark or a breached cap does under ``void_ballot``, ``void_target`` and
``void_category``. The host script reads :func:`void_rule` aloud; the blank ballot prints
:func:`ballot_instructions`. Documents are Chinese, so nothing here is translated.
"""

from __future__ import annotations

from desktop_app.domain.meeting import Category, Meeting, MultiMarkRule, OverCapRule

PEN_AND_PAPER = "请用黑色或蓝色笔在框内划“√”;请勿折叠;勿在四角黑块和二维码上书写。"
CONTINUATION = "续页:与第 1 页同属一张评议票(票号相同),请一并填写,一并投入票箱。"
PRINT_AT_ACTUAL_SIZE = "打印时请选择“实际大小”(100%),不要缩放或“适合纸张”。"


def void_rule(meeting: Meeting) -> str:
    """What is spoiled, in the words of the meeting's rules."""
    rules = meeting.rules
    has_caps = any(c.caps for c in meeting.categories)
    if rules.multi_mark is MultiMarkRule.VOID_BALLOT and (
        rules.over_cap is OverCapRule.VOID_BALLOT or not has_caps
    ):
        return "不得多选,超过的为废票"
    parts = ["不得多选"]
    if rules.multi_mark is MultiMarkRule.VOID_BALLOT:
        parts.append("多选的为废票")
    else:
        parts.append("对同一评议对象多选的,该对象的评价无效")
    if has_caps:
        if rules.over_cap is OverCapRule.VOID_BALLOT:
            parts.append("超过限额的为废票")
        else:
            parts.append("超过限额的,该类评价无效")
    return ";".join(parts)


def cap_clause(meeting: Meeting, category: Category) -> str:
    """``评价为“好”的不超过 11 个`` (levels best first; a cap of 0 forbids the level)."""
    order = {label: index for index, label in enumerate(meeting.level_labels)}
    parts = []
    for label, cap in sorted(category.caps.items(), key=lambda c: order.get(c[0], 0)):
        parts.append(f"不得评价为“{label}”" if cap == 0 else f"评价为“{label}”的不超过 {cap} 个")
    return ",".join(parts)


def ballot_instructions(meeting: Meeting) -> tuple[str, ...]:
    """The 填票说明 paragraphs printed on the blank ballot, in order."""
    levels = "、".join(meeting.level_labels)
    paragraphs = [
        f"评价等次分“{levels}”{len(meeting.levels)}档,每个评议对象只能在一个等次的框内划“√”,"
        + void_rule(meeting)
        + "。"
    ]
    caps = [
        f"“{category.name}”{cap_clause(meeting, category)}"
        for category in meeting.categories
        if category.caps
    ]
    if caps:
        paragraphs.append(";".join(caps) + "。")
    paragraphs.append(PEN_AND_PAPER)
    return tuple(paragraphs)
