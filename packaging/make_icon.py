"""Draw the application icon (a timer dial over a ballot tick, in the meeting's red) with
QPainter and write resources/icons/app.png (256 px), app.ico (Windows) and app.icns (macOS).

Run again after changing the drawing: ``uv run python packaging/make_icon.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 256


def draw(size: int = SIZE) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 256
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Rounded red square.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c62828"))
    painter.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    # White timer dial with a knob on top.
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(112 * s, 30 * s, 32 * s, 22 * s), 6 * s, 6 * s)
    painter.drawEllipse(QPointF(128 * s, 140 * s), 86 * s, 86 * s)
    # The last minute of the dial, in amber: the warning the clock gives.
    painter.setBrush(QColor("#f9a825"))
    painter.drawPie(QRectF(58 * s, 70 * s, 140 * s, 140 * s), 90 * 16, -60 * 16)
    # A red tick: the ballot.
    pen = QPen(QColor("#c62828"), 22 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath(QPointF(86 * s, 142 * s))
    tick.lineTo(QPointF(118 * s, 174 * s))
    tick.lineTo(QPointF(176 * s, 106 * s))
    painter.drawPath(tick)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    written = [
        image.save(str(ICONS / "app.png"), "PNG"),
        image.save(str(ICONS / "app.ico"), "ICO"),
        image.save(str(ICONS / "app.icns"), "ICNS"),
    ]
    del app
    if not all(written):
        print("could not write every icon format", file=sys.stderr)
        return 1
    print(f"wrote app.png, app.ico, app.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
