"""The phone clock on the run screen: a switch with its address, and the QR codes to scan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from desktop_app.ui.lectern.lectern import Lectern
from desktop_app.ui.lectern.qr import QrCode


class LecternDialog(QDialog):
    """The two addresses (the speaker's page and the chair's) as QR codes, not modal, so
    the operator can keep running the meeting while people scan."""

    def __init__(self, lectern: Lectern, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lectern = lectern
        self.setWindowTitle(self.tr("手机计时页"))
        self.speaker_code = QrCode()
        self.chair_code = QrCode()
        self.speaker_link = QLabel()
        self.chair_link = QLabel()
        for label in (self.speaker_link, self.chair_link):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        note = QLabel(
            self.tr(
                "与本机连在同一网络(Wi-Fi)的手机或平板扫码即可查看计时,只能看,不能操作。"
                "每个会议的地址不同;关闭后地址失效。"
            )
        )
        note.setWordWrap(True)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("发言人")), 0, 0, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(QLabel(self.tr("主持人(含议程)")), 0, 1, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.speaker_code, 1, 0)
        grid.addWidget(self.chair_code, 1, 1)
        grid.addWidget(self.speaker_link, 2, 0)
        grid.addWidget(self.chair_link, 2, 1)
        grid.addWidget(note, 3, 0, 1, 2)
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        grid.addWidget(buttons, 4, 0, 1, 2)
        lectern.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        speaker, chair = self.lectern.address(), self.lectern.address(chair=True)
        self.speaker_code.set_text(speaker)
        self.chair_code.set_text(chair)
        self.speaker_link.setText(speaker)
        self.chair_link.setText(chair)


class LecternBar(QWidget):
    """The switch, and when it is on the address, the number of open pages and a button
    for the QR codes (shown by itself when the switch is turned on)."""

    def __init__(self, lectern: Lectern, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lectern = lectern
        self.dialog: LecternDialog | None = None
        self.switch = QToolButton()
        self.switch.setDefaultAction(lectern.action)
        self.switch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.address = QLabel()
        self.address.setObjectName("lecternAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.codes = QToolButton()
        self.codes.setText(self.tr("二维码…"))
        self.codes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.codes.clicked.connect(self.show_codes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.switch)
        layout.addWidget(self.address)
        layout.addWidget(self.codes)
        self._was_on = False
        lectern.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        on = self.lectern.is_on()
        self.address.setVisible(on)
        self.codes.setVisible(on)
        if on:
            count = self.lectern.clients()
            text = self.lectern.address() or self.tr("(打开会议后显示地址)")
            if count:
                text += self.tr(" · {count} 台在看").format(count=count)
            self.address.setText(text)
        if on and not self._was_on:
            self.show_codes()
        elif not on and self.dialog is not None:
            self.dialog.close()
        self._was_on = on

    def show_codes(self) -> None:
        if self.dialog is None:
            self.dialog = LecternDialog(self.lectern, self)
            # The run screen's keys work while the codes are shown, as on the projector.
            self.dialog.addActions(self.lectern.screen.actions())
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.activateWindow()
