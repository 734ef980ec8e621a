"""The one failure reporter: its box for bad data, for a bug, and for background work that
names no failure callback (issue 18)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import DataError
from desktop_app.store.transfer import read_table_file
from desktop_app.ui.errors import BOX_NAME, failure_text, report_failure
from desktop_app.ui.operations import Operations

UNEXPECTED = "程序出现意外错误,操作未完成。"


@pytest.fixture
def parent(app: QApplication, qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shown_box(qtbot: QtBot, parent: QWidget) -> QMessageBox:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, BOX_NAME) is not None, timeout=20_000)
    box = parent.findChild(QMessageBox, BOX_NAME)
    assert isinstance(box, QMessageBox)
    return box


def raised(exc: Exception) -> Exception:
    """``exc`` with a traceback, as a failure callback receives it."""
    try:
        raise exc
    except Exception as caught:
        return caught


def test_bad_data_is_said_with_its_file_row_and_column(
    parent: QWidget, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    error = DataError("票号不能为空", file="ballots.csv", row=3, column="票号", field="serial")
    caplog.set_level(logging.DEBUG)
    box = report_failure(parent, "无法导入", error)
    assert box is shown_box(qtbot, parent)
    assert box.isVisible() and box.windowTitle() == "无法导入"
    assert box.text() == "ballots.csv、第 3 行、“票号”列:票号不能为空"
    assert "row" not in box.text() and "serial" not in box.text()
    assert box.informativeText() == "" and box.detailedText() == ""
    assert caplog.records == []  # the user's mistake, not a bug: nothing for the log
    box.close()


def test_a_file_the_system_refuses_is_said_in_its_own_words(parent: QWidget, qtbot: QtBot) -> None:
    error = PermissionError(13, "Permission denied", "/media/usb/结果.pdf")
    box = report_failure(parent, "保存失败", error)
    assert "Permission denied" in box.text() and "结果.pdf" in box.text()
    assert box.detailedText() == ""
    box.close()


def test_a_bug_gets_a_short_sentence_the_detail_and_the_log(
    parent: QWidget, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    error = raised(KeyError("levels"))
    box = report_failure(parent, "生成失败", error)
    assert box.windowTitle() == "生成失败"
    assert box.text() == UNEXPECTED == failure_text(error)
    assert box.informativeText() == "'levels'"
    assert box.detailedText().startswith("Traceback") and "KeyError: 'levels'" in box.detailedText()
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.getMessage() == "生成失败"
    assert record.exc_info is not None and record.exc_info[1] is error
    box.close()


def test_a_closed_box_is_gone(parent: QWidget, qtbot: QtBot) -> None:
    box = report_failure(parent, "无法导入", DataError("x"))
    with qtbot.waitSignal(box.destroyed, timeout=20_000):
        box.close()
    assert parent.findChild(QMessageBox, BOX_NAME) is None


def test_background_work_without_a_failure_callback_is_reported(
    parent: QWidget, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    operations = Operations(parent)
    succeeded: list[object] = []

    def work() -> object:
        return {}["missing"]

    operations.run(work, succeeded.append)
    box = shown_box(qtbot, parent)
    assert box.windowTitle() == "操作未完成" and box.text() == UNEXPECTED
    assert "KeyError" in box.detailedText()
    assert succeeded == [] and [r.getMessage() for r in caplog.records] == ["操作未完成"]
    box.close()
    operations.wait()


def test_work_in_a_process_without_a_failure_callback_is_reported(
    parent: QWidget, qtbot: QtBot, tmp_path: Path
) -> None:
    operations = Operations(parent)
    try:
        operations.run_in_process(read_table_file, (tmp_path / "名单.txt",), print)
        box = shown_box(qtbot, parent)
        assert box.windowTitle() == "操作未完成"
        assert "不支持的文件类型 “.txt”" in box.text() and box.detailedText() == ""
        box.close()
    finally:
        operations.wait()


def test_a_given_failure_callback_is_called_instead(parent: QWidget, qtbot: QtBot) -> None:
    operations = Operations(parent)
    failures: list[Exception] = []

    def work() -> None:
        raise DataError("不行")

    operations.run(work, print, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=20_000)
    assert str(failures[0]) == "不行"
    assert parent.findChild(QMessageBox, BOX_NAME) is None
    operations.wait()
