"""A QR code of the page's address, painted with QPainter.

The matrix comes from reportlab's encoder (already a dependency for the PDFs), so no QR
package is needed; a quiet zone of four modules is kept around it, as scanners expect.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.ui.palette import QR_DARK, QR_LIGHT

QUIET = 4  # modules of white around the code


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of ``text``'s QR code, error correction M."""
    # Imported when the lectern first shows its address: reportlab's barcode package pulls
    # in its graphics and platypus, a third of a second at start (issue 17).
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(text))
    code.make()
    size = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(size)] for row in range(size)]


class QrCode(QWidget):
    """Square, black on white, as large as the widget allows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    def set_text(self, text: str) -> None:
        self.text = text
        self.matrix = qr_matrix(text) if text else []
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        left, top = (self.width() - side) / 2, (self.height() - side) / 2
        painter.fillRect(QRectF(left, top, side, side), QColor(QR_LIGHT))
        if not self.matrix:
            return
        count = len(self.matrix) + 2 * QUIET
        module = side / count
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(QR_DARK))
        for row, line in enumerate(self.matrix):
            for col, dark in enumerate(line):
                if dark:
                    x = left + (col + QUIET) * module
                    y = top + (row + QUIET) * module
                    # A hair wider than the module, so no light seams show between modules.
                    painter.drawRect(QRectF(x, y, module + 0.5, module + 0.5))
