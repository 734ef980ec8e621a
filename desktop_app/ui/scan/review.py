"""The scan review screen (扫描核对): one scanned ballot at a time that the reader was not sure
of, with the same keys as keyboard entry.

The stored page image is shown with the machine's reading drawn on it (green ticks on
confident marks, orange frames on flagged rows); the flagged rows are listed with their
reason and a zoomed crop. ``1``–``n`` set the selected row's level, ``0``/space clear it,
``M`` ticks several, ↑/↓ move between flagged rows, Enter accepts the ballot as shown (a
ballot that would be void or blank needs a second Enter, as in entry), ``Ctrl+D`` voids by
hand, ``F2`` fixes the serial, PgDn skips, ``Delete`` sets a page aside (a duplicate not kept,
another meeting's sheet). A confident ballot that would be void or blank is queued too, for a
one-key look. Saving goes through the entry path (station ``扫描:<station>``).

Signals:
    saved(str): a scanned ballot was stored; carries its serial.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ballot_layout import BallotLayout, ballot_layout
from desktop_app.domain.ballots import Ballot, BallotStatus, classify_ballot
from desktop_app.domain.draft import BallotDraft, KeyEffect
from desktop_app.domain.errors import DataError
from desktop_app.domain.omr import CellState
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate
from desktop_app.store import scans
from desktop_app.store.scans import PageStatus, ScanImport, StoredPage
from desktop_app.ui import palette
from desktop_app.ui.entry.desk import BallotDesk
from desktop_app.ui.entry.panel import BANNER_STYLES, VOID_REASONS
from desktop_app.ui.errors import failure_text, is_expected, report_failure
from desktop_app.ui.operations import Operations
from desktop_app.ui.session import BALLOTS, SCANS
from desktop_app.ui.terms import term

REASON_NAMES = {
    "unsure": QT_TRANSLATE_NOOP("Scan", "不确定"),
    "heavy": QT_TRANSLATE_NOOP("Scan", "涂改"),
    "multi": QT_TRANSLATE_NOOP("Scan", "多选"),
    "crossing": QT_TRANSLATE_NOOP("Scan", "跨行笔画"),
    "unreadable": QT_TRANSLATE_NOOP("Scan", "无法定位"),
    "duplicate": QT_TRANSLATE_NOOP("Scan", "票号重复"),
    "foreign": QT_TRANSLATE_NOOP("Scan", "非本会议或旧版式"),
    "bilevel": QT_TRANSLATE_NOOP("Scan", "黑白扫描"),
    "confirm": QT_TRANSLATE_NOOP("Scan", "废票或空白票,请确认"),
}

QUEUES = (
    (QT_TRANSLATE_NOOP("Scan", "待核对"), (PageStatus.FLAGGED, PageStatus.CONFIRM)),
    (QT_TRANSLATE_NOOP("Scan", "无法识别"), (PageStatus.UNREADABLE,)),
    (QT_TRANSLATE_NOOP("Scan", "票号重复"), (PageStatus.DUPLICATE,)),
    (QT_TRANSLATE_NOOP("Scan", "非本会议/黑白"), (PageStatus.FOREIGN, PageStatus.BILEVEL)),
)

FLAG = QColor(palette.SCAN_FLAGGED_CELL)
HEAVY = QColor(palette.SCAN_HEAVY_CELL)
MARK = QColor(palette.SCAN_MARK)


@dataclass(frozen=True)
class QueuedBallot:
    """The page(s) of one paper ballot waiting for a clerk."""

    pages: tuple[StoredPage, ...]

    @property
    def first(self) -> StoredPage:
        return self.pages[0]

    @property
    def flagged_targets(self) -> list[str]:
        found = []
        for item in self.first.review:
            if ":" in item:
                target = item.split(":", 1)[1]
                if target not in found:
                    found.append(target)
        return found


def queue_ballots(pages: list[StoredPage]) -> list[QueuedBallot]:
    """Pages grouped into paper ballots (sheets of one serial in one batch), in feed order."""
    groups: dict[tuple[int, str, int], list[StoredPage]] = {}
    for page in pages:
        # Duplicates are separate sheets by definition: each is settled on its own.
        together = page.serial and page.status is not PageStatus.DUPLICATE
        key = (page.batch_id, page.serial, 0) if together else (page.batch_id, "", page.id)
        groups.setdefault(key, []).append(page)
    return [QueuedBallot(tuple(sorted(g, key=lambda p: p.sheet))) for g in groups.values()]


def image_rect(h: Sequence[float], x: float, y: float, w: float, hgt: float) -> QRectF:
    """A layout rectangle (mm) as a rectangle of the stored page image (its bounding box)."""

    def to_image(px: float, py: float) -> tuple[float, float]:
        d = h[6] * px + h[7] * py + h[8]
        return ((h[0] * px + h[1] * py + h[2]) / d, (h[3] * px + h[4] * py + h[5]) / d)

    (ax, ay), (bx, by) = to_image(x, y), to_image(x + w, y + hgt)
    return QRectF(min(ax, bx), min(ay, by), abs(bx - ax), abs(by - ay))


def reading_overlays(
    layout: BallotLayout,
    homography: Sequence[float] | None,
    marks: Mapping[str, Sequence[str]],
    flagged: Sequence[str],
    heavy: Collection[tuple[str, str]] = (),
) -> list[tuple[QRectF, QColor, str]]:
    """Green √ on the marked boxes, orange frames on the flagged rows, red frames on heavy
    (corrected, filled) cells."""
    if homography is None:
        return []
    overlays: list[tuple[QRectF, QColor, str]] = []
    for page in layout.pages:
        for row in page.rows:
            for cell in row.cells:
                if cell.level in marks.get(row.target, ()):
                    b = cell.box
                    overlays.append((image_rect(homography, b.x, b.y, b.w, b.h), MARK, "√"))
                if (row.target, cell.level) in heavy:
                    c = cell.rect
                    overlays.append((image_rect(homography, c.x, c.y, c.w, c.h), HEAVY, ""))
            if row.target in flagged:
                r = row.rect
                overlays.append((image_rect(homography, r.x, r.y, r.w, r.h), FLAG, ""))
    return overlays


class PageView(QWidget):
    """The stored page image with the reading drawn on it (layout mm → image pixels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.overlays: list[tuple[QRectF, QColor, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 420)

    def show_page(self, image: QImage, overlays: list[tuple[QRectF, QColor, str]]) -> None:
        self.image, self.overlays = image, overlays
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(palette.SCAN_PAGE_SURROUND))
        if self.image.isNull():
            painter.end()
            return
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        x0, y0 = (self.width() - w) / 2, (self.height() - h) / 2
        painter.drawImage(QRectF(x0, y0, w, h), self.image)
        for rect, colour, text in self.overlays:
            target = QRectF(
                x0 + rect.x() * scale,
                y0 + rect.y() * scale,
                rect.width() * scale,
                rect.height() * scale,
            )
            painter.setPen(QPen(colour, 2))
            if text:
                painter.drawText(target, Qt.AlignmentFlag.AlignCenter, text)
            else:
                painter.drawRect(target)
        painter.end()


class ScanReviewPanel(QWidget):
    saved = Signal(str)

    def __init__(self, desk: BallotDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.layout_: BallotLayout | None = None
        self.queue: list[QueuedBallot] = []
        self.index = 0
        self.draft: BallotDraft | None = None
        self.machine: Ballot | None = None
        self.serial = ""
        self.type_code = ""
        self.void_reason = ""
        self._confirm: Ballot | None = None
        self.image = QImage()
        self.homography: tuple[float, ...] | None = None
        self.heavy: set[tuple[str, str]] = set()
        self.flagged: list[str] = []

        self._build_fields()
        answers = self._build_buttons()
        self._build_shortcuts()
        self._lay_out(answers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _build_fields(self) -> None:
        """The queue chooser, the position, the page with its rows to check, the crop, the hint."""
        self.queue_combo = QComboBox()
        for name, _ in QUEUES:
            self.queue_combo.addItem(QCoreApplication.translate("Scan", name))
        self.queue_combo.currentIndexChanged.connect(self._queue_changed)
        self.position_label = QLabel()
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.page_view = PageView()
        self.rows = QListWidget()
        self.rows.currentRowChanged.connect(self._row_changed)
        self.rows.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.crop = QLabel()
        self.crop.setFixedHeight(150)
        # The crop never widens the screen: it is scaled to the room it has.
        self.crop.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.crop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(
            self.tr("1–{n} 选等次,0/空格 无标记,M 多选,↑↓ 换行,Enter 接受,PgDn 跳过,")
            + self.tr("Ctrl+D 人工作废,F2 改票号,Delete 搁置")
        )
        self.hint.setWordWrap(True)

    def _build_buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        """The importer, and the answers to a ballot: accept, skip, set aside (in that order)."""
        self.import_button = QPushButton(self.tr("导入扫描件…"))
        self.import_button.clicked.connect(self._import_clicked)
        self.operations = Operations(self)
        accept = QPushButton(self.tr("接受(Enter)"))
        accept.clicked.connect(self.accept)
        skip = QPushButton(self.tr("跳过(PgDn)"))
        skip.clicked.connect(self.skip)
        aside = QPushButton(self.tr("搁置(Delete)"))
        aside.clicked.connect(self.set_aside)
        return accept, skip, aside

    def _build_shortcuts(self) -> None:
        """Void by hand and fix the serial, while the focus is in the panel."""
        for keys, slot in (
            (QKeySequence("Ctrl+D"), self.void_by_hand),
            (QKeySequence("F2"), self.fix_serial),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _lay_out(self, answers: tuple[QPushButton, QPushButton, QPushButton]) -> None:
        """The queue on top, the page on the left, the rows, crop and answers on the right."""
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("队列")))
        top.addWidget(self.queue_combo)
        top.addWidget(self.position_label, 1)
        top.addWidget(self.import_button)
        side = QVBoxLayout()
        side.addWidget(self.title_label)
        side.addWidget(self.banner)
        side.addWidget(QLabel(self.tr("需核对的行")))
        side.addWidget(self.rows, 1)
        side.addWidget(self.crop)
        buttons = QHBoxLayout()
        for b in answers:
            buttons.addWidget(b)
        side.addLayout(buttons)
        side.addWidget(self.hint)
        body = QHBoxLayout()
        body.addWidget(self.page_view, 5)
        body.addLayout(side, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress_label)
        layout.addLayout(body, 1)

    # Slots are bound methods, never lambdas holding ``self``: a lambda would keep the
    # screen (and its desk's poll timer) alive after the window let it go.

    def _queue_changed(self, _index: int) -> None:
        self.reload()

    def _row_changed(self, _row: int) -> None:
        self._show_crop()

    def _import_clicked(self) -> None:
        self.import_files()

    # --- importing --------------------------------------------------------------------

    def import_files(self, files: list[Path] | None = None) -> None:
        """Read scanned files off the GUI thread (in worker processes) and store them; the
        queue refreshes when they are in. Confident void or blank ballots wait for a look."""
        if files is None:
            names, _ = QFileDialog.getOpenFileNames(
                self,
                self.tr("导入扫描件"),
                "",
                self.tr("扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"),
            )
            files = [Path(n) for n in names]
        if not files:
            return
        session = self.desk.session
        assert session is not None
        # The worker has its own connection (store.scan_import opens it), like every
        # background job; the session announces what it stored when it is done.
        db, meeting_id, station = session.db, session.meeting_id, session.station
        self.import_button.setEnabled(False)
        self._banner(self.tr("正在读取 {n} 个文件…").format(n=len(files)), "waiting")

        def work() -> ScanImport:
            # The reader (numpy, zxing, pdfium) loads on first use, not with the window.
            from desktop_app.scan_import import import_scans

            return import_scans(db, meeting_id, files, station=station, hold_void_and_blank=True)

        self.operations.run(work, self._imported, self._import_failed)

    def _imported(self, result: ScanImport) -> None:
        self.import_button.setEnabled(True)
        if self.desk.session is not None:
            self.desk.session.notify(BALLOTS)
        self.reload()
        self._banner(
            self.tr("已保存 {saved} 张评议票,{waiting} 页待核对").format(
                saved=len(result.saved), waiting=result.waiting
            ),
            "valid",
        )
        for serial in result.saved:
            self.saved.emit(serial)

    def _import_failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        self._banner(failure_text(exc), "error")
        if not is_expected(exc):
            report_failure(self, self.tr("导入扫描件失败"), exc)

    # --- the queue ----------------------------------------------------------------------

    def set_meeting(self) -> None:
        self.layout_ = ballot_layout(self.desk.meeting)
        n = len(self.desk.meeting.levels)
        self.hint.setText(self.hint.text().replace("{n}", str(n)))
        self.reload()

    def reload(self) -> None:
        """Re-read the queue (another station may have settled some)."""
        statuses = QUEUES[max(0, self.queue_combo.currentIndex())][1]
        meeting_id = self.desk.meeting_id
        pages, counts = self.desk.read(
            lambda s: (
                scans.scanned_pages(s, meeting_id, statuses),
                scans.page_counts(s, meeting_id),
            )
        )
        self.queue = queue_ballots(pages)
        self.index = min(self.index, max(0, len(self.queue) - 1))
        self._show_progress(counts)
        self._show()

    def _show_progress(self, counts: dict[str, dict[str, int]]) -> None:
        parts = []
        for progress in self.desk.progress():
            by = counts.get(progress.code, {})
            scanned = sum(by.values())
            waiting = sum(by.get(str(s), 0) for s in scans.WAITING)
            text = self.tr("{code}票:扫描 {scanned} 页,已保存 {saved},待核对 {waiting}").format(
                code=progress.code, scanned=scanned, saved=by.get("saved", 0), waiting=waiting
            )
            if progress.collected is not None:
                text += self.tr(",收回 {n}").format(n=progress.collected)
            if progress.issued is not None:
                text += self.tr(",发出 {n}").format(n=progress.issued)
            parts.append(text)
        unknown = sum(counts.get("", {}).values())
        if unknown:
            parts.append(self.tr("票种不明 {n} 页").format(n=unknown))
        self.progress_label.setText(";".join(parts))

    @property
    def current(self) -> QueuedBallot | None:
        return self.queue[self.index] if 0 <= self.index < len(self.queue) else None

    def _show(self) -> None:
        self._confirm = None
        self.void_reason = ""
        item = self.current
        self.rows.clear()
        if item is None:
            self.position_label.setText(self.tr("队列为空"))
            self.title_label.setText("")
            self.page_view.show_page(QImage(), [])
            self.crop.clear()
            self._banner(self.tr("没有需要核对的扫描件"), "idle")
            self.draft = None
            return
        self.position_label.setText(
            self.tr("第 {i} / {n} 张").format(i=self.index + 1, n=len(self.queue))
        )
        page = item.first
        meeting = self.desk.meeting
        self.serial, self.type_code = page.serial, page.type_code or meeting.ballot_types[0].code
        self.machine = Ballot(self.serial, self.type_code, dict(page.reading))
        self.draft = BallotDraft(meeting)
        self.draft.load(self.machine)
        data, states = self.desk.read(
            lambda s: (scans.page_image(s, page.id), scans.cell_states(s, page.id))
        )
        self.heavy = {key for key, state in states.items() if state is CellState.HEAVY}
        self.image = QImage()
        self.image.loadFromData(data)
        self.homography = page.homography
        flagged = item.flagged_targets
        if not flagged or page.status in (PageStatus.UNREADABLE,):
            flagged = list(meeting.targets) if page.status is PageStatus.UNREADABLE else flagged
        self.flagged = flagged
        reasons = [
            QCoreApplication.translate("Scan", REASON_NAMES.get(r, r))
            for r in page.review
            if ":" not in r
        ]
        if page.status is PageStatus.CONFIRM:
            reasons.append(QCoreApplication.translate("Scan", REASON_NAMES["confirm"]))
        self.title_label.setText(
            self.tr("票号 {serial}({type}票)").format(
                serial=self.serial or self.tr("未知"), type=page.type_code or "?"
            )
            + (("  " + translate("Core", "、").join(reasons)) if reasons else "")
        )
        self._refresh_rows()
        if self.rows.count():
            self.rows.setCurrentRow(0)
        self._banner(page.label + (f"  {page.note}" if page.note else ""), "idle")
        self._draw()
        self.setFocus()

    def _refresh_rows(self) -> None:
        assert self.draft is not None
        current = self.rows.currentRow()
        self.rows.blockSignals(True)
        self.rows.clear()
        targets = self.desk.meeting.targets
        page = self.current.first if self.current else None
        for target in self.flagged:
            why = [
                QCoreApplication.translate("Scan", REASON_NAMES.get(i.split(":")[0], i))
                for i in (page.review if page else ())
                if i.endswith(f":{target}")
            ]
            marks = self.draft.marks[targets.index(target)]
            shown = "|".join(marks) if marks else self.tr("(无标记)")
            self.rows.addItem(f"{target}:{shown}    {translate('Core', '、').join(why)}")
        self.rows.blockSignals(False)
        if self.rows.count():
            self.rows.setCurrentRow(max(0, min(current, self.rows.count() - 1)))

    # --- drawing --------------------------------------------------------------------------

    def _rect(self, x: float, y: float, w: float, hgt: float) -> QRectF:
        assert self.homography is not None
        return image_rect(self.homography, x, y, w, hgt)

    def _draw(self) -> None:
        overlays: list[tuple[QRectF, QColor, str]] = []
        if self.homography is not None and self.layout_ is not None and self.draft is not None:
            targets = self.desk.meeting.targets
            marks = {t: self.draft.marks[i] for i, t in enumerate(targets)}
            overlays = reading_overlays(
                self.layout_, self.homography, marks, self.flagged, self.heavy
            )
        self.page_view.show_page(self.image, overlays)
        self._show_crop()

    def _show_crop(self) -> None:
        row_index = self.rows.currentRow()
        if (
            self.homography is None
            or self.layout_ is None
            or self.image.isNull()
            or not 0 <= row_index < len(self.flagged)
        ):
            self.crop.clear()
            return
        _, row = self.layout_.row(self.flagged[row_index])
        r = row.rect
        # The row with half a row of context above and below, at twice the stored size.
        rect = self._rect(r.x, r.y - r.h / 2, r.w, r.h * 2).toRect()
        piece = QPixmap.fromImage(self.image.copy(rect))
        room = max(1, min(piece.width() * 2, self.crop.width() or 560))
        self.crop.setPixmap(
            piece.scaled(
                room,
                self.crop.height(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _banner(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(BANNER_STYLES[kind])

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
        elif key == Qt.Key.Key_PageDown:
            self.skip()
        elif key == Qt.Key.Key_Delete:
            self.set_aside()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.rows.count():
            step = -1 if key == Qt.Key.Key_Up else 1
            self.rows.setCurrentRow((self.rows.currentRow() + step) % self.rows.count())
        elif event.text() and self._mark(event.text()):
            pass
        else:
            super().keyPressEvent(event)

    def _mark(self, text: str) -> bool:
        """A level key on the selected flagged row, as in entry; False if it means nothing."""
        if self.draft is None or not self.rows.count():
            return False
        target = self.flagged[self.rows.currentRow()]
        self.draft.go_to(self.desk.meeting.targets.index(target))
        effect = self.draft.key(text.lower())
        if effect is KeyEffect.IGNORED:
            return False
        self._confirm = None
        row = self.rows.currentRow()
        self._refresh_rows()
        if effect in (KeyEffect.MARKED, KeyEffect.CLEARED) and row + 1 < self.rows.count():
            self.rows.setCurrentRow(row + 1)
        self._draw()
        return True

    # --- actions --------------------------------------------------------------------------

    def _ballot(self) -> Ballot:
        assert self.draft is not None
        return self.draft.ballot(self.serial, self.type_code, self.void_reason)

    def accept(self) -> None:
        item = self.current
        if item is None or self.draft is None:
            return
        if not self.serial:
            self._banner(self.tr("票号未知:请按 F2 填写票号"), "warning")
            return
        ballot = self._ballot()
        classification = classify_ballot(self.desk.meeting, ballot)
        if classification.status is not BallotStatus.VALID and self._confirm != ballot:
            self._confirm = ballot
            self._banner(
                self.tr("将保存为:{status}。再按 Enter 确认").format(
                    status=classification.describe(translate)
                ),
                "warning",
            )
            return
        assert self.machine is not None
        decisions = {
            t: (self.machine.ticks(t), ballot.ticks(t))
            for t in self.desk.meeting.targets
            if set(self.machine.ticks(t)) != set(ballot.ticks(t))
        }
        try:
            self.desk.write(
                lambda s: scans.save_scanned(
                    s,
                    self.desk._book(),
                    [p.id for p in item.pages],
                    ballot,
                    station=self.desk.station,
                    decisions=decisions,
                    reason="accepted",
                ),
                BALLOTS,
            )
        except DataError as exc:
            self._banner(failure_text(exc), "error")
            return
        self.saved.emit(ballot.serial)
        self.reload()
        self._banner(
            self.tr("已保存 {serial}:{status}").format(
                serial=ballot.serial, status=classification.describe(translate)
            ),
            "valid" if classification.status is BallotStatus.VALID else "void",
        )

    def skip(self) -> None:
        if self.queue:
            self.index = (self.index + 1) % len(self.queue)
            self._show()

    def set_aside(self) -> None:
        item = self.current
        if item is None:
            return
        self.desk.write(
            lambda s: scans.set_aside(
                s,
                self.desk.meeting_id,
                [p.id for p in item.pages],
                reason=",".join(item.first.review) or "clerk",
                station=self.desk.station,
            ),
            SCANS,
        )
        self.reload()

    def void_by_hand(self, reason: str | None = None) -> None:
        if self.current is None:
            return
        if reason is None:
            choices = [term(r) for r in VOID_REASONS]
            text, ok = QInputDialog.getItem(
                self, self.tr("人工作废"), self.tr("作废原因"), choices, 0, True
            )
            if not ok or not text.strip():
                return
            reason = text
        self.void_reason = reason.strip()
        self._confirm = None
        self._banner(self.tr("人工作废:{reason}。按 Enter 保存").format(reason=reason), "void")

    def fix_serial(self, serial: str | None = None) -> None:
        if self.current is None:
            return
        if serial is None:
            text, ok = QInputDialog.getText(
                self, self.tr("改票号"), self.tr("票号"), text=self.serial
            )
            if not ok:
                return
            serial = text
        serial = serial.strip()
        codes = [t.code for t in self.desk.meeting.ballot_types]
        prefix = serial.split("-", 1)[0].upper()
        if prefix in codes and not self.current.first.type_code:
            self.type_code = prefix
        self.serial = serial
        self._confirm = None
        self.title_label.setText(
            self.tr("票号 {serial}({type}票)").format(serial=serial, type=self.type_code)
        )
