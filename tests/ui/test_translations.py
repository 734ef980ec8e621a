"""The English translation: complete (every string of the code, every message of the .ts),
compiled into the .qm that ships, and what the window shows when it is loaded."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.app import create_application, install_translation
from desktop_app.store.database import Database
from desktop_app.ui.main_window import MainWindow

ROOT = Path(__file__).parents[2]
TS = ROOT / "resources" / "translations" / "desktop_app_en.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent


def messages(ts: Path) -> list[tuple[str, str, str | None]]:
    """(source, translation, type) of every message."""
    found = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        found.append(
            (message.findtext("source") or "", translation.text or "", translation.get("type"))
        )
    return found


def test_every_message_of_the_ts_is_translated() -> None:
    untranslated = [s for s, text, kind in messages(TS) if kind is not None or not text.strip()]
    assert untranslated == [], "run: uv run python packaging/translations.py"


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    """lupdate over today's code finds nothing new: a string added without a translation
    fails here (fix: ``uv run python packaging/translations.py`` and translate)."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [
            str(TOOLS / "pyside6-lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            str(ROOT / "desktop_app" / "ui"),
            str(ROOT / "desktop_app" / "app.py"),
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    new = [s for s, text, kind in messages(copy) if kind is not None or not text.strip()]
    assert new == [], "untranslated; run: uv run python packaging/translations.py"
    assert len(messages(copy)) == len(messages(TS))


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run: uv run python packaging/translations.py"


def test_translations_keep_placeholders_and_mnemonics() -> None:
    for source, text, _kind in messages(TS):
        assert sorted(re.findall(r"\{[^}]*\}", source)) == sorted(re.findall(r"\{[^}]*\}", text)), (
            source
        )
        assert ("&" in source.replace("&amp;", "")) == ("&" in text.replace("&amp;", "")), source


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    app = create_application(["desktop-app"], language="en")
    yield app
    install_translation(app, "zh_CN")


def test_with_english_loaded_the_window_speaks_english(
    english: QApplication, qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions() if a.text()] == [
        "&New meeting…",
        "&Import meeting definition (JSON)…",
        "Load &demo meeting",
        "Data&base and station…",
        "&Settings…",
        "&Quit",
    ]
    tabs = window.meeting_page.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Meeting setup",
        "Agenda",
        "Speakers",
        "Run meeting",
        "Ballot entry",
        "Results",
        "Documents and printing",
    ]
    assert "demo meeting" in window.list_page.empty_hint.text()
    assert "LGPLv3" in window.about_text() and "This program" in window.about_text()
    window.close()


def test_chinese_is_the_source_language(app: QApplication, qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "查看(&V)", "帮助(&H)"]
    window.close()


def test_every_menu_entry_has_a_mnemonic(app: QApplication, qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()
        for action in top.menu().actions():
            if action.isSeparator():
                continue
            assert "&" in action.text() or not action.shortcut().isEmpty(), action.text()
    window.close()
