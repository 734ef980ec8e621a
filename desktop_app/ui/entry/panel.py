"""The entry screen: type a paper ballot with one key per target, Enter saves it.

A ballot that would not count as an ordinary valid ballot (void, blank, several boxes,
saved before the last target) needs a second Enter: the first one shows what it would be.
After a save the banner shows the saved ballot's serial and status in its colour until the
next save, while the sheet is already empty for the next ballot.

Signals:
    saved(str): a ballot (or typing) was saved; carries its serial.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ballots import Ballot, BallotStatus, Classification, classify_ballot
from desktop_app.domain.draft import BallotDraft
from desktop_app.domain.entry import PairState
from desktop_app.domain.errors import DataError
from desktop_app.domain.serials import written_serial
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate
from desktop_app.store.entry import Saved
from desktop_app.ui.entry.desk import BallotDesk
from desktop_app.ui.entry.sheet import BallotSheet
from desktop_app.ui.errors import failure_text
from desktop_app.ui.palette import BALLOT_STATUS_COLOURS, BANNER_COLOURS
from desktop_app.ui.questions import ask_unsaved
from desktop_app.ui.terms import clauses, term

# The usual reasons, offered when voiding by hand. They are stored (and printed) in Chinese;
# the list shows them in the interface language.
VOID_REASONS = (
    QT_TRANSLATE_NOOP("Terms", "签名或做记号"),
    QT_TRANSLATE_NOOP("Terms", "撕毁、残缺"),
    QT_TRANSLATE_NOOP("Terms", "字迹无法辨认"),
    QT_TRANSLATE_NOOP("Terms", "非本次会议选票"),
)

BANNER_STYLES = {
    kind: f"background:{background};color:{text};"
    for kind, (background, text) in BANNER_COLOURS.items()
}


def status_text(classification: Classification) -> str:
    return classification.describe(translate)


class EntryPanel(QWidget):
    saved = Signal(str)

    def __init__(self, desk: BallotDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.editing: tuple[str, int | None] | None = None  # (serial, pass) being changed
        self._confirm: Ballot | None = None  # the ballot the last warning was about
        self._restored: str | None = None  # the serial of an undone save put back on the sheet
        self.draft: BallotDraft | None = None
        self.set_up_first = ""  # what the meeting lacks before ballots can be entered
        self.sheet: BallotSheet | None = None

        self._build_fields()
        self._build_buttons()
        self._build_shortcuts()
        self._follow_desk()
        self._lay_out()
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

    def _build_fields(self) -> None:
        """The type and serial boxes, the mode, the banner, the hint and the progress lines."""
        self.type_combo = QComboBox()
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.serial_edit = QLineEdit()
        self.serial_edit.setMaxLength(50)
        self.serial_edit.setPlaceholderText(self.tr("票号"))
        self.serial_edit.returnPressed.connect(self._focus_sheet)
        self.mode_label = QLabel()
        self.live_label = QLabel()
        self.live_label.setObjectName("live-status")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(36)
        font = self.banner.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.banner.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_warning = QLabel()
        self.progress_warning.setObjectName("warning")
        self.progress_warning.setWordWrap(True)

    def _build_buttons(self) -> None:
        """Save, clear, void by hand, undo and redo."""
        self.save_button = QPushButton(self.tr("保存(Enter)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("清空重录"))
        self.clear_button.clicked.connect(self.discard)
        self.void_button = QPushButton(self.tr("人工作废…(Ctrl+D)"))
        self.void_button.clicked.connect(lambda: self.void_by_hand())
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(self.tr("重做"))
        self.redo_button.clicked.connect(self.redo)

    def _build_shortcuts(self) -> None:
        """The entry keys, while the focus is in the panel."""
        for shortcut, slot in (
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
            (QKeySequence("Ctrl+D"), lambda: self.void_by_hand()),
            (QKeySequence("F2"), self.serial_edit.setFocus),
            (QKeySequence("Ctrl+T"), self._next_type),
        ):
            item = QShortcut(shortcut, self)
            item.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            item.activated.connect(slot)

    def _follow_desk(self) -> None:
        """Undo and redo, the progress and the offline warning follow the desk."""
        self.desk.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.desk.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.desk.changed.connect(self.refresh_progress)
        self.desk.online_changed.connect(self._online_changed)
        self.offline_label = QLabel(
            self.tr("⚠ 与数据库的连接中断:正在自动重连。此时保存的票不会丢失,会留在屏幕上。")
        )
        self.offline_label.setObjectName("warning")
        self.offline_label.setVisible(False)

    def _lay_out(self) -> None:
        """Type and serial on top, the sheet, the buttons, the hint and the progress."""
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("票种")))
        top.addWidget(self.type_combo)
        top.addWidget(QLabel(self.tr("票号(F2)")))
        top.addWidget(self.serial_edit)
        top.addWidget(self.mode_label)
        top.addStretch(1)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.live_label, 1)
        for button in (self.save_button, self.clear_button, self.void_button):
            buttons.addWidget(button)
        self.sheet_holder = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.offline_label)
        layout.addWidget(self.banner)
        layout.addLayout(self.sheet_holder, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_warning)

    # --- meeting --------------------------------------------------------------------------

    def set_meeting(self) -> None:
        """Build the sheet for the desk's meeting (after ``desk.open``)."""
        meeting = self.desk.meeting
        self.editing = None
        self._confirm = None
        self._restored = None
        self.draft = BallotDraft(meeting)
        if self.sheet is not None:
            self.sheet_holder.removeWidget(self.sheet)
            self.sheet.hide()
            self.sheet.deleteLater()
        self.sheet = BallotSheet(self.draft)
        self.sheet.changed.connect(self._draft_changed)
        self.sheet.save_requested.connect(self.save)
        self.sheet.cancel_requested.connect(self.cancel)
        self.sheet.ignored_key.connect(self._ignored)
        self.sheet_holder.addWidget(self.sheet)
        self.setFocusProxy(self.sheet)
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        for ballot_type in meeting.ballot_types:
            self.type_combo.addItem(f"{ballot_type.code} · {ballot_type.label}", ballot_type.code)
        self.type_combo.blockSignals(False)
        self.serial_edit.setText(self.desk.next_serial(self.type_code))
        keys = " · ".join(f"{i} {lv.label}" for i, lv in enumerate(meeting.levels, start=1))
        self.key_help = self.tr(
            "{keys} · 0/空格 不选 · M 多选(再按 M 结束) · ↑↓ 移动 · Backspace 退回 · "
            "Enter 保存 · Esc 取消 · Ctrl+Z 撤销"
        ).format(keys=keys)
        self.hint.setText(self.key_help)
        self._show_banner("idle", self._start_text())
        self.refresh_progress()
        self._draft_changed()
        missing = [
            what
            for what, present in (
                (self.tr("票种"), meeting.ballot_types),
                (self.tr("评议对象"), meeting.targets),
            )
            if not present
        ]
        self.set_up_first = ""
        if missing:  # nothing sensible can be typed: say what to set up first
            self.set_up_first = self.tr(
                "本会议还没有{what},不能录入评议票;请先在“会议设置”中添加。"
            ).format(what=self.tr("和").join(missing))
            self.sheet.setEnabled(False)
            self.save_button.setEnabled(False)
            self.void_button.setEnabled(False)
            self._show_banner("error", self.set_up_first)

    @property
    def type_code(self) -> str:
        return str(self.type_combo.currentData() or "")

    # --- typing ---------------------------------------------------------------------------

    def current_ballot(self, void_reason: str = "") -> Ballot:
        assert self.draft is not None
        serial = written_serial(self.desk.meeting, self.type_code, self.serial_edit.text())
        return self.draft.ballot(serial, self.type_code, void_reason)

    def _draft_changed(self) -> None:
        if self.draft is None:
            return
        self._confirm = None
        ballot = self.current_ballot()
        classification = classify_ballot(self.desk.meeting, ballot)
        where = (
            self.tr("已到末尾,按 Enter 保存")
            if self.draft.at_end
            else self.tr("第 {n}/{total} 个").format(n=self.draft.cursor + 1, total=self.draft.size)
        )
        colour = BALLOT_STATUS_COLOURS[classification.status]
        self.live_label.setText(
            f"<b style='color:{colour}'>{status_text(classification)}</b> · {where}"
            + (self.tr(" · 多选中:按等次键勾选,M 结束") if self.draft.multi else "")
        )
        self.hint.setText(self.key_help)

    def _ignored(self, text: str) -> None:
        shown = text if text.isprintable() and text.strip() else repr(text)
        self.hint.setText(
            self.tr("按键 “{key}” 无效,未录入。").format(key=shown) + " " + self.key_help
        )

    def _focus_sheet(self) -> None:
        if self.sheet is not None:
            self.sheet.setFocus()

    def _type_changed(self) -> None:
        if self.editing is None:
            self.serial_edit.setText(self.desk.next_serial(self.type_code))
        self._draft_changed()

    def _next_type(self) -> None:
        if self.type_combo.count():
            self.type_combo.setCurrentIndex(
                (self.type_combo.currentIndex() + 1) % self.type_combo.count()
            )

    # --- saving ---------------------------------------------------------------------------

    def _needs_confirmation(self, ballot: Ballot, classification: Classification) -> str:
        assert self.draft is not None
        reasons = []
        if (
            classification.status is not BallotStatus.VALID
            or classification.multi_marked
            or classification.breaches
        ):
            reasons.append(status_text(classification))
        if (
            self.draft.unvisited()
            and not ballot.void_reason
            and classification.status is not BallotStatus.BLANK
        ):
            reasons.append(
                self.tr("还有 {n} 个对象未录入(按不选计)").format(n=self.draft.unvisited())
            )
        return clauses(reasons)

    def save(self, *, confirmed: bool = False, void_reason: str = "") -> Saved | None:
        """Enter: save the ballot; unusual ballots need a second Enter. Returns what was saved."""
        if self.draft is None:
            return None
        if self.set_up_first:  # Enter reaches here from the serial box or the window too
            self._show_banner("error", self.set_up_first)
            return None
        ballot = self.current_ballot(void_reason)
        if not ballot.serial:
            self._show_banner("error", self.tr("请先填写票号(F2)"))
            self.serial_edit.setFocus()
            return None
        classification = classify_ballot(self.desk.meeting, ballot)
        warning = "" if void_reason else self._needs_confirmation(ballot, classification)
        if warning and not confirmed and self._confirm != ballot:
            self._confirm = ballot
            self._show_banner(
                "warning",
                self.tr("{serial}:{warning}。再按 Enter 确认保存,或继续修改。").format(
                    serial=ballot.serial, warning=warning
                ),
            )
            return None
        try:
            if self.editing is not None:
                serial, pass_no = self.editing
                saved = self.desk.replace(serial, ballot, pass_no=pass_no)
            else:
                saved = self.desk.save(ballot)
        except DataError as exc:
            self._confirm = None
            self._show_banner("error", failure_text(exc))
            if exc.field == "serial":
                self.serial_edit.setFocus()
                self.serial_edit.selectAll()
            return None
        was_editing = self.editing is not None
        self._after_save(saved, edited=was_editing)
        return saved

    def _after_save(self, saved: Saved, *, edited: bool) -> None:
        assert self.draft is not None and self.sheet is not None
        self._restored = None
        verb = self.tr("已修改") if edited else self.tr("已保存")
        text = f"{saved.serial} {verb} · {status_text(saved.classification)}"
        kind = saved.classification.status.value
        if saved.pair is PairState.WAITING:
            kind = "waiting"
            text += self.tr(" · 第 {n} 次录入,等待第二次录入").format(n=saved.pass_no or 1)
        elif saved.pair is PairState.AGREED:
            text += self.tr(" · 两次录入一致,已计入")
        elif saved.pair is PairState.MISMATCH:
            kind = "error"
            text += self.tr(" · 与另一次录入不一致!请在“双录比对”中对照纸质票处理")
        self.editing = None
        self._confirm = None
        self.draft.reset()
        self.sheet.refresh()
        self.type_combo.setEnabled(True)
        self.serial_edit.setText(self.desk.next_serial(self.type_code))
        self._show_banner(kind, text)
        self.sheet.setFocus()
        self.saved.emit(saved.serial)

    def void_by_hand(self, reason: str | None = None) -> Saved | None:
        """Save the ballot on the sheet as void by hand, with a reason (asked when None)."""
        if reason is None:
            offered = {term(r): r for r in VOID_REASONS}
            reason, ok = QInputDialog.getItem(
                self,
                self.tr("人工作废"),
                self.tr("作废原因(可选或直接输入):"),
                list(offered),
                0,
                True,
            )
            if not ok:
                return None
            reason = offered.get(reason, reason)
        if not reason.strip():
            self._show_banner("error", self.tr("人工作废须写明原因"))
            return None
        return self.save(confirmed=True, void_reason=reason.strip())

    def edit(self, ballot: Ballot, pass_no: int | None = None) -> None:
        """Load a stored ballot (or one typing) into the sheet for changing."""
        assert self.draft is not None and self.sheet is not None
        self.editing = (ballot.serial, pass_no)
        self.draft.load(ballot)
        index = self.type_combo.findData(ballot.type_code)
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(index)
        self.type_combo.blockSignals(False)
        self.serial_edit.setText(ballot.serial)
        self.sheet.refresh()
        which = self.tr("(第 {n} 次录入)").format(n=pass_no) if pass_no else ""
        note = (
            self.tr("(原为人工作废:{r})").format(r=ballot.void_reason) if ballot.void_reason else ""
        )
        self._show_banner(
            "edit",
            self.tr("正在修改 {serial}{which}{note}:改好后按 Enter 保存,Esc 放弃修改").format(
                serial=ballot.serial, which=which, note=note
            ),
        )
        self.sheet.setFocus()

    def cancel(self) -> None:
        """Esc: drop the warning, or stop editing (the stored ballot stays as it was)."""
        if self._confirm is not None:
            self._confirm = None
            self._show_banner("idle", self.tr("已取消保存,请继续修改"))
            return
        if self.editing is not None:
            self.discard()
            self._show_banner("idle", self.tr("已放弃修改,原票不变"))

    def discard(self) -> None:
        if self.draft is None or self.sheet is None:
            return
        was_editing = self.editing is not None
        self.editing = None
        self._confirm = None
        self.draft.reset()
        if was_editing:
            self.serial_edit.setText(self.desk.next_serial(self.type_code))
        self.sheet.refresh()
        self.sheet.setFocus()

    @property
    def dirty(self) -> bool:
        return self.draft is not None and (self.draft.dirty or self.editing is not None)

    def _start_text(self) -> str:
        """The banner on opening: the first ballot, or where entry stands when resumed."""
        try:
            entered = sum(p.entered for p in self.desk.status.progress)
        except DataError:
            entered = 0
        if entered:
            return self.tr("继续录入:已录 {n} 张").format(n=entered)
        return self.tr("请录入第一张评议票")

    def key_rows(self) -> list[tuple[str, str]]:
        """The entry screen's keys as F1 lists them (the sheet and the shortcuts above)."""
        levels = [
            (self.tr("勾选:{level}").format(level=level.label), str(number))
            for number, level in enumerate(self.desk.meeting.levels, start=1)
        ]
        return [
            *levels,
            (self.tr("不选(该单位弃权)"), self.tr("0 / 空格")),
            (self.tr("多选(再按 M 结束)"), "M"),
            (self.tr("上一个 / 下一个单位"), "↑ / ↓"),
            (self.tr("回到第一个单位"), "Home"),
            (self.tr("退回并清除上一个"), "Backspace"),
            (self.tr("保存这张票"), self.tr("回车")),
            (self.tr("取消:放弃修改,或收回保存前的提醒"), "Esc"),
            (self.tr("撤销 / 重做"), "Ctrl+Z / Ctrl+Shift+Z"),
            (self.tr("人工作废…"), "Ctrl+D"),
            (self.tr("填写票号"), "F2"),
            (self.tr("换下一种票"), "Ctrl+T"),
        ]

    def settle_unsaved(self) -> bool:
        """Before leaving the screen: a half-typed ballot is saved or discarded as the clerk
        says, never silently. False when the clerk chose to stay."""
        if not self.dirty:
            return True
        serial = self.serial_edit.text().strip()
        answer = ask_unsaved(
            self,
            self.tr("未保存的评议票"),
            self.tr("票号 {serial} 还没有保存。保存、放弃,还是回去继续录入?").format(serial=serial),
            "unsaved-ballot",
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(confirmed=True) is not None
        if answer == QMessageBox.StandardButton.Discard:
            self.discard()
            return True
        return False

    # --- undo -----------------------------------------------------------------------------

    def undo(self) -> None:
        text = self.desk.undo_stack.undoText()
        taken_back = self.desk.next_undo_saved()
        self.desk.last_error = None
        self.desk.undo_stack.undo()
        self._after_undo(self.tr("已撤销:{what}").format(what=text))
        clean = self.draft is not None and not self.draft.dirty and self.editing is None
        if taken_back is not None and self.desk.last_error is None and clean:
            self._put_back(taken_back)

    def _put_back(self, ballot: Ballot) -> None:
        """An undone save: the ballot is back on the sheet with its serial, to be put right
        and saved again (Enter), or dropped (清空重录)."""
        assert self.draft is not None and self.sheet is not None
        index = self.type_combo.findData(ballot.type_code)
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(index)
        self.type_combo.blockSignals(False)
        self.draft.load(ballot)
        self.serial_edit.setText(ballot.serial)
        self.sheet.refresh()
        self._restored = ballot.serial
        self._show_banner(
            "idle",
            self.tr("已撤销保存 {serial}:这张票已放回录入表,改好后按 Enter 重新保存").format(
                serial=ballot.serial
            ),
        )
        self.sheet.setFocus()

    def redo(self) -> None:
        text = self.desk.undo_stack.redoText()
        self.desk.last_error = None
        self.desk.undo_stack.redo()
        if self._restored is not None and self.draft is not None and self.sheet is not None:
            # The save put back on the sheet is redone: it is stored again, the sheet clears.
            self._restored = None
            self.draft.reset()
            self.serial_edit.setText(self.desk.next_serial(self.type_code))
            self.sheet.refresh()
        self._after_undo(self.tr("已重做:{what}").format(what=text))

    def _after_undo(self, message: str) -> None:
        if self.desk.last_error is not None:
            self._show_banner("error", self.tr("无法撤销/重做:{e}").format(e=self.desk.last_error))
        elif message.split(":", 1)[1]:
            self._show_banner("idle", message)

    # --- progress -------------------------------------------------------------------------

    def refresh_progress(self) -> None:
        if self.desk.book is None:
            return
        try:
            status = self.desk.status
        except DataError:  # the database is not answering: the offline line says so
            self.offline_label.setVisible(True)
            return
        counts, progress = status.counts, status.progress
        parts = []
        for p in progress:
            collected = "?" if p.collected is None else p.collected
            issued = "?" if p.issued is None else p.issued
            part = self.tr("{code}票 已录入 {entered} / 收回 {collected} / 发出 {issued}").format(
                code=p.code, entered=p.entered, collected=collected, issued=issued
            )
            if p.remaining:
                part += self.tr("(还差 {n} 张)").format(n=p.remaining)
            parts.append(part)
        line = " · ".join(parts)
        if self.desk.double_entry:
            self.mode_label.setText(self.tr("双人录入"))
            line += self.tr(" · 双人录入:待第二次录入 {w} 张,不一致 {m} 张").format(
                w=counts.waiting, m=counts.mismatched
            )
        else:
            self.mode_label.setText(self.tr("单人录入"))
        finalised = status.finalisation
        if finalised is not None:
            line = self.tr("【已定稿,不能录入或修改】") + line
        self.progress_label.setText(line)
        warnings = [w for p in progress for w in p.warnings()]
        self.progress_warning.setText(("⚠ " + clauses(warnings)) if warnings else "")
        self.progress_warning.setVisible(bool(warnings))
        locked = finalised is not None
        for widget in (self.save_button, self.void_button, self.clear_button):
            widget.setEnabled(not locked)
        if self.sheet is not None and self.sheet.isEnabled() == locked:
            self.sheet.setEnabled(not locked)
            if locked:
                self._show_banner(
                    "idle",
                    self.tr("评议票已定稿,不能录入或修改;确需修改请先在“票据列表与定稿”中解除定稿"),
                )

    def _online_changed(self, online: bool) -> None:
        self.offline_label.setVisible(not online)
        if online:
            self.refresh_progress()

    def _show_banner(self, kind: str, text: str) -> None:
        self.banner.setProperty("kind", kind)
        self.banner.setStyleSheet(f"QLabel#banner {{ {BANNER_STYLES[kind]} padding: 6px 10px; }}")
        self.banner.setText(text)
