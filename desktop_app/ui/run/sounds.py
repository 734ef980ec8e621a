"""Chimes at one minute left and at zero, through QtMultimedia's QSoundEffect.

A laptop at a venue may have no audio device, or QtMultimedia may lack its backend: the
run screen must keep working, say so once, and stay quiet. Tests inject their own player.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QUrl, Signal

from desktop_app.resources import resource

WARNING = "warning"  # one minute left
END = "end"  # time is up
SOUNDS = (WARNING, END)


class SoundPlayer(Protocol):
    """Plays a named chime (:data:`WARNING` or :data:`END`); never raises."""

    def play(self, name: str) -> None: ...


class QtSoundPlayer(QObject):
    """The real player. Loads the WAVs on first use; without audio it plays nothing.

    Signals:
        unavailable(str): emitted once, with a message for the operator, when sound is off.
    """

    unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[str, object] | None = None
        self._failed = False

    def _fail(self, reason: str) -> None:
        if not self._failed:
            self._failed = True
            self.unavailable.emit(
                self.tr("提示音不可用({reason}),计时不受影响。").format(reason=reason)
            )

    def _load(self) -> dict[str, object]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            self._fail(self.tr("缺少 QtMultimedia"))
            return self._effects
        if not QMediaDevices.audioOutputs():
            self._fail(self.tr("没有音频输出设备"))
            return self._effects
        for name in SOUNDS:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resource("sounds", f"{name}.wav"))))
            effect.setVolume(0.8)
            self._effects[name] = effect
        return self._effects

    def play(self, name: str) -> None:
        if self._failed:
            return
        effect = self._load().get(name)
        if effect is None:
            return
        from PySide6.QtMultimedia import QSoundEffect

        assert isinstance(effect, QSoundEffect)
        if effect.status() == QSoundEffect.Status.Error:
            self._fail(self.tr("声音文件无法播放"))
            return
        effect.play()
