"""Meetings for ballot-paper tests: any number of units, long names, each rule variant.

Shared by the layout, the PDF and (later) the scan-reading tests, so they all exercise the
same awkward meetings and not only the seed.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.meeting import Meeting, meeting_from_dict

LONG_NAMES = (
    "中国人民政治协商会议某某自治州委员会机关党组",
    "某某经济技术开发区(国家级高新技术产业开发区)党工委",
    "市直机关工委所属国有企业党委(集团公司)",
    "Shenzhen-Hong Kong Science & Technology Innovation Cooperation Zone",
)


def unit_names(count: int, *, long: bool = False) -> list[str]:
    """``count`` distinct unit names; with ``long``, every third one is very long."""
    names = []
    for n in range(1, count + 1):
        if long and n % 3 == 0:
            names.append(f"{LONG_NAMES[(n // 3) % len(LONG_NAMES)]}第{n}单位")
        else:
            names.append(f"第{n}评议单位")
    return names


def ballot_meeting(
    units: int = 27,
    *,
    long: bool = False,
    categories: int = 2,
    levels: tuple[str, ...] = ("好", "较好", "一般", "差"),
    caps: bool = True,
    multi_mark: str = "void_ballot",
    over_cap: str = "void_ballot",
    issued: tuple[int, int] = (3, 4),
    title: str = "2026年度测试述职评议会议",
) -> Meeting:
    """A meeting whose units are spread over ``categories`` (the first gets the rest)."""
    names = unit_names(units, long=long)
    size = units // categories
    groups = [names[: units - size * (categories - 1)]]
    start = len(groups[0])
    for _ in range(categories - 1):
        groups.append(names[start : start + size])
        start += size
    data: dict[str, Any] = {
        "title": title,
        "date": "2026-12-01",
        "venue": "第一会议室",
        "levels": [{"label": label, "score": 100 - 20 * i} for i, label in enumerate(levels)],
        "categories": [
            {
                "name": f"第{i + 1}类评议单位" + ("(含市直机关和国有企业)" if long else ""),
                "caps": {levels[0]: max(1, len(group) // 3)} if caps else {},
                "targets": group,
            }
            for i, group in enumerate(groups)
        ],
        "ballot_types": [
            {"code": "A", "label": "A票(市级领导)", "weight": 0.4, "issued": issued[0]},
            {"code": "B", "label": "B票(其他参会人员)", "weight": 0.6, "issued": issued[1]},
        ],
        "rules": {"multi_mark": multi_mark, "over_cap": over_cap},
    }
    return meeting_from_dict(data)
