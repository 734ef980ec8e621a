"""The roster import dialog on damaged or absurd files: a message, never a dialog left on
"正在读取…" (the adversarial run: corrupt zips, a workbook without sheets, inf and 1e20)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.roster import ROSTER_HEADERS
from desktop_app.ui.operations import Operations
from desktop_app.ui.setup import RosterImportDialog


def absurd_limits(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(ROSTER_HEADERS))
    sheet.append([1, "张三", "书记", "临海市", "类别", float("inf"), "否", None])
    sheet.append([2, "李四", "书记", "青川市", "类别", 1e20, "否", None])
    book.save(path)


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("坏.xlsx", lambda p: p.write_bytes(b"PK\x03\x04\x14\x00garbage"), "无法读取 Excel 文件"),
        ("空.xlsx", lambda p: p.write_bytes(b""), "无法读取 Excel 文件"),
        ("时限.xlsx", absurd_limits, "时限应为 1 至 86400 的整数"),
    ],
)
def test_the_dialog_says_what_is_wrong_and_is_not_left_reading(
    app: QApplication,
    qtbot: QtBot,
    seed_meeting: Meeting,
    tmp_path: Path,
    name: str,
    make: object,
    says: str,
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    dialog = RosterImportDialog(seed_meeting, Operations())
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: not dialog.loading)
    assert "正在读取" not in dialog.file_label.text()
    shown = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(says in line for line in shown), shown
    assert not dialog.import_button.isEnabled()
