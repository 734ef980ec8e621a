"""设置: this computer's preferences, kept in QSettings, in one dialog (文件 → 设置…).

Database and station are chosen in the existing 数据库与录入点 dialog (opened from here);
the projector's screen is the one the run screen remembers under its own key; the run
screen's chimes, warning thresholds and the default speaker limit are read from here when a
meeting is opened; the language applies at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.meeting import DEFAULT_SPEECH_LIMIT_S
from desktop_app.ui.connection import ConnectionDialog, configured_station, configured_url

LANGUAGE_KEY = "ui/language"
SOUNDS_KEY = "run/sounds"
WARNING_KEY = "run/warning_s"
FINAL_KEY = "run/final_s"
DEFAULT_LIMIT_KEY = "run/default_speech_limit_s"

CHINESE, ENGLISH = "zh_CN", "en"
LANGUAGES = (CHINESE, ENGLISH)


def system_language(locale: QLocale | None = None) -> str:
    """Chinese for a Chinese system locale (zh, zh_CN, zh_TW…), English for any other."""
    name = (locale or QLocale.system()).name()
    return CHINESE if name.lower().startswith("zh") else ENGLISH


def configured_language() -> str:
    """The language chosen in 设置, else the system's (see :func:`system_language`)."""
    chosen = QSettings().value(LANGUAGE_KEY)
    return str(chosen) if chosen in LANGUAGES else system_language()


def _int(key: str, default: int) -> int:
    try:
        return int(str(QSettings().value(key, default)))
    except ValueError:
        return default


def _bool(key: str, default: bool) -> bool:
    value = QSettings().value(key, default)
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1")


@dataclass(frozen=True)
class RunPreferences:
    """What the run screen takes from 设置 when it opens a meeting."""

    sounds: bool = True
    warning_s: int = 60  # the clock turns amber with this much left (SpeechClock.warning_s)
    final_s: int = 30  # and red with this much left (SpeechClock.final_s)
    default_limit_s: int = DEFAULT_SPEECH_LIMIT_S  # a speaker's limit when the meeting has none

    @classmethod
    def load(cls) -> RunPreferences:
        default = cls()
        warning = max(_int(WARNING_KEY, default.warning_s), 0)
        return cls(
            sounds=_bool(SOUNDS_KEY, default.sounds),
            warning_s=warning,
            final_s=min(max(_int(FINAL_KEY, default.final_s), 0), warning),
            default_limit_s=max(_int(DEFAULT_LIMIT_KEY, default.default_limit_s), 1),
        )

    def save(self) -> None:
        settings = QSettings()
        settings.setValue(SOUNDS_KEY, self.sounds)
        settings.setValue(WARNING_KEY, self.warning_s)
        settings.setValue(FINAL_KEY, self.final_s)
        settings.setValue(DEFAULT_LIMIT_KEY, self.default_limit_s)


def _seconds_box(minimum: int, maximum: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    box.setSuffix(" s")
    return box


class SettingsDialog(QDialog):
    """All of this computer's preferences; 保存 writes them to QSettings."""

    AUTOMATIC = ""  # the projector: another screen than the operator's, chosen at start

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        prefs = RunPreferences.load()

        self.database_label = QLabel()
        self.database_label.setWordWrap(True)
        self.connection_button = QPushButton(self.tr("更改数据库与录入点…(&D)"))
        self.connection_button.clicked.connect(self.open_connection_dialog)
        self._show_connection()

        self.projector_screen = QComboBox()
        self.projector_screen.addItem(self.tr("自动(操作员屏幕以外的屏幕)"), self.AUTOMATIC)
        from desktop_app.ui.run.projector import SETTINGS_KEY as PROJECTOR_KEY

        self._projector_key = PROJECTOR_KEY
        remembered = QSettings().value(PROJECTOR_KEY)
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            label = f"{screen.name()} ({size.width()}×{size.height()})"
            self.projector_screen.addItem(label, screen.name())
        if isinstance(remembered, str) and remembered:
            index = self.projector_screen.findData(remembered)
            if index < 0:  # remembered but not plugged in now: keep it
                self.projector_screen.addItem(self.tr("{name}(未连接)").format(name=remembered))
                index = self.projector_screen.count() - 1
                self.projector_screen.setItemData(index, remembered)
            self.projector_screen.setCurrentIndex(index)

        self.sounds = QCheckBox(self.tr("剩余时间提示音(&S)"))
        self.sounds.setChecked(prefs.sounds)
        self.warning_s = _seconds_box(0, 3600, prefs.warning_s)
        self.final_s = _seconds_box(0, 3600, prefs.final_s)
        self.default_limit_s = _seconds_box(10, 3600, prefs.default_limit_s)

        self.language = QComboBox()
        self.language.addItem("中文", CHINESE)  # data: a language is named in itself
        self.language.addItem("English", ENGLISH)
        self.language.setCurrentIndex(self.language.findData(configured_language()))
        language_note = QLabel(self.tr("界面语言在重新启动程序后生效;打印的文档始终为中文。"))
        language_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("数据库与录入点"), self.database_label)
        form.addRow("", self.connection_button)
        form.addRow(self.tr("投影屏幕(&P)"), self.projector_screen)
        form.addRow("", self.sounds)
        form.addRow(self.tr("黄色提示:剩余(&W)"), self.warning_s)
        form.addRow(self.tr("红色提示:剩余(&R)"), self.final_s)
        form.addRow(self.tr("默认述职时限(&T)"), self.default_limit_s)
        form.addRow(self.tr("界面语言(&L)"), self.language)
        form.addRow("", language_note)
        run_note = QLabel(self.tr("计时与提示音的设置在下次打开会议时生效。"))
        run_note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(run_note)
        layout.addWidget(buttons)
        for widget, buddy in (
            (form.labelForField(self.projector_screen), self.projector_screen),
            (form.labelForField(self.warning_s), self.warning_s),
            (form.labelForField(self.final_s), self.final_s),
            (form.labelForField(self.default_limit_s), self.default_limit_s),
            (form.labelForField(self.language), self.language),
        ):
            if isinstance(widget, QLabel):
                widget.setBuddy(buddy)

    def _show_connection(self) -> None:
        url = configured_url()
        where = self.tr("本机数据文件") if url is None else _without_password(url)
        self.database_label.setText(
            self.tr("{where};录入点:{station}").format(where=where, station=configured_station())
        )

    def open_connection_dialog(self) -> ConnectionDialog:
        """The 数据库与录入点 dialog, over this one; saved there, shown here."""
        dialog = ConnectionDialog(self)
        dialog.accepted.connect(self._show_connection)
        dialog.open()
        return dialog

    def preferences(self) -> RunPreferences:
        warning = self.warning_s.value()
        return RunPreferences(
            sounds=self.sounds.isChecked(),
            warning_s=warning,
            final_s=min(self.final_s.value(), warning),
            default_limit_s=self.default_limit_s.value(),
        )

    def accept(self) -> None:
        self.preferences().save()
        settings = QSettings()
        settings.setValue(LANGUAGE_KEY, self.language.currentData())
        screen = self.projector_screen.currentData()
        if screen:
            settings.setValue(self._projector_key, screen)
        else:
            settings.remove(self._projector_key)
        super().accept()


def _without_password(url: str) -> str:
    if "://" not in url:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
