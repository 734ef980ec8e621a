"""设置: the preferences are kept in QSettings under the keys the rest of the app reads, the
database is chosen in the existing 数据库与录入点 dialog, and the window's place is kept."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QLocale, QSettings, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import DEFAULT_SPEECH_LIMIT_S, Meeting
from desktop_app.domain.speech_clock import Phase
from desktop_app.store.database import Database
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.connection import STATION_KEY, ConnectionDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import Operations
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run.projector import SETTINGS_KEY as PROJECTOR_KEY
from desktop_app.ui.settings import (
    ENGLISH,
    LANGUAGE_KEY,
    RunPreferences,
    SettingsDialog,
    configured_language,
    system_language,
)


def test_the_language_follows_the_system_until_chosen(app: QApplication) -> None:
    assert system_language(QLocale("zh_CN")) == "zh_CN"
    assert system_language(QLocale("zh_TW")) == "zh_CN"
    assert system_language(QLocale("en_US")) == "en"
    assert system_language(QLocale("fr_FR")) == "en"
    assert configured_language() == system_language()
    QSettings().setValue(LANGUAGE_KEY, "en")
    assert configured_language() == "en"


def test_run_preferences_default_and_round_trip(app: QApplication) -> None:
    assert RunPreferences.load() == RunPreferences(True, 60, 30, DEFAULT_SPEECH_LIMIT_S)
    RunPreferences(sounds=False, warning_s=90, final_s=20, default_limit_s=420).save()
    assert RunPreferences.load() == RunPreferences(False, 90, 20, 420)
    QSettings().setValue("run/final_s", 500)  # never later than the amber warning
    QSettings().setValue("run/warning_s", "not a number")
    assert RunPreferences.load().final_s == RunPreferences.load().warning_s == 60


def test_the_dialog_saves_every_preference(app: QApplication, qtbot: QtBot) -> None:
    QSettings().setValue(STATION_KEY, "录入一")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert "本机数据文件" in dialog.database_label.text()
    assert "录入一" in dialog.database_label.text()
    assert dialog.projector_screen.currentIndex() == 0  # automatic
    dialog.sounds.setChecked(False)
    dialog.warning_s.setValue(120)
    dialog.final_s.setValue(45)
    dialog.default_limit_s.setValue(480)
    dialog.language.setCurrentIndex(dialog.language.findData(ENGLISH))
    dialog.accept()

    assert RunPreferences.load() == RunPreferences(False, 120, 45, 480)
    assert QSettings().value(LANGUAGE_KEY) == "en"
    assert QSettings().value(PROJECTOR_KEY) is None  # automatic: nothing remembered

    again = SettingsDialog()
    qtbot.addWidget(again)
    assert (again.warning_s.value(), again.final_s.value()) == (120, 45)
    assert not again.sounds.isChecked()
    assert again.language.currentData() == ENGLISH


def test_a_remembered_projector_not_plugged_in_is_kept(app: QApplication, qtbot: QtBot) -> None:
    QSettings().setValue(PROJECTOR_KEY, "HDMI-2")  # chosen on the run screen's menu
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.projector_screen.currentData() == "HDMI-2"
    assert "未连接" in dialog.projector_screen.currentText()
    dialog.accept()
    assert QSettings().value(PROJECTOR_KEY) == "HDMI-2"  # the run screen's own key
    again = SettingsDialog()
    qtbot.addWidget(again)
    again.projector_screen.setCurrentIndex(0)  # automatic
    again.accept()
    assert QSettings().value(PROJECTOR_KEY) is None


def test_the_database_is_chosen_in_the_connection_dialog(app: QApplication, qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    connection = dialog.open_connection_dialog()
    assert isinstance(connection, ConnectionDialog)
    connection.station.setText("录入三")
    connection.accept()
    assert "录入三" in dialog.database_label.text()
    assert QSettings().value(STATION_KEY) == "录入三"


def test_the_run_screen_takes_thresholds_sounds_and_default_limit(
    app: QApplication, qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    # No limit anywhere in this meeting: the default from the settings applies.
    meeting = dataclasses.replace(
        seed_meeting,
        agenda=[dataclasses.replace(item, limit_s=None) for item in seed_meeting.agenda],
        speakers=[dataclasses.replace(s, limit_s=None) for s in seed_meeting.speakers],
    )
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
    RunPreferences(sounds=False, warning_s=100, final_s=50, default_limit_s=400).save()

    class Sounds:
        def __init__(self) -> None:
            self.played: list[str] = []

        def play(self, name: str) -> None:
            self.played.append(name)

    sounds = Sounds()
    screen = RunScreen(db, Operations(), station="test", sounds=sounds)
    qtbot.addWidget(screen)
    screen.set_meeting(meeting_id)
    screen.ticker.stop()
    context = screen.context
    assert context is not None
    assert (context.warning_s, context.final_s, context.default_limit_s) == (100, 50, 400)
    speaker = meeting.speakers[0]
    assert context.speech_limit_s(speaker) == 400
    assert meeting.speech_limit_s(speaker) == DEFAULT_SPEECH_LIMIT_S  # the domain's own
    assert screen.speeches.timer_limit() == 400
    screen.speeches.adjust(-310)  # 90 s left: past the 100 s warning, not yet the final 50
    screen.speeches.load_timer()
    assert screen.speeches.timer.phase() is Phase.WARNING
    screen.speeches.timer.chime.emit("warning")
    assert sounds.played == []  # chimes are off


def test_the_settings_dialog_opens_from_the_file_menu(window: MainWindow) -> None:
    assert window.settings_action.text() == "设置…(&S)"
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    dialog = window.show_settings()
    assert dialog.isVisible()
    assert dialog.parent() is window
    dialog.reject()


def test_the_window_geometry_is_remembered(app: QApplication, qtbot: QtBot, db: Database) -> None:
    first = MainWindow(db, station="test-station")
    qtbot.addWidget(first)
    first.show()
    first.resize(first.minimumSizeHint().width() + 40, first.minimumSizeHint().height() + 30)
    left = first.size()
    assert left != QSize(1100, 720)  # not the first start's size
    first.close()
    assert QSettings().value("window/geometry")
    second = MainWindow(db, station="test-station")
    qtbot.addWidget(second)
    assert second.size() == left
    second.close()


def test_the_about_box_lists_the_licences(window: MainWindow) -> None:
    text = window.about_text()
    for name, licence in (
        ("PySide6", "LGPLv3"),
        ("SQLAlchemy", "MIT"),
        ("SQLModel", "MIT"),
        ("alembic", "MIT"),
        ("reportlab", "BSD"),
        ("openpyxl", "MIT"),
        ("psycopg", "LGPLv3"),
        ("platformdirs", "MIT"),
        ("文泉驿微米黑", "Apache-2.0"),
        ("文鼎 PL 简报宋", "Arphic Public License"),
    ):
        assert name in text and licence in text, name
    assert "LICENSE-Apache-2.0.txt" in text
    assert "LICENSE-Arphic-Public-License.txt" in text
