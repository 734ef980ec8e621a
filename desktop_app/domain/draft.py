"""A ballot being typed: one keystroke per target, the cursor advancing by itself.

Keys (the entry screen passes the key's text):
  ``1`` … ``n``  the n-th level in the meeting's order (whatever its label), then advance;
  ``0`` or space  no mark, then advance;
  ``m``           several boxes ticked: the level keys now toggle levels of this target
                  without advancing; ``m`` again (or moving) closes it and advances.
Moving (up/down, back) and mouse clicks go through the methods. The draft knows nothing of
serials or saving: :meth:`ballot` turns it into a :class:`Ballot`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting


class KeyEffect(StrEnum):
    MARKED = "marked"
    CLEARED = "cleared"
    TOGGLED = "toggled"  # a level toggled while several boxes are being ticked
    MULTI_ON = "multi_on"
    MULTI_OFF = "multi_off"
    IGNORED = "ignored"  # the key means nothing here


@dataclass
class BallotDraft:
    """The marks typed so far (a tuple of labels per target, in ballot order) and the cursor.

    ``cursor == len(targets)`` means every target has been passed: the ballot is ready.
    ``reached`` is how far the cursor has got, so a clerk who saves early can be warned.
    """

    meeting: Meeting
    marks: list[tuple[str, ...]] = field(default_factory=list)
    cursor: int = 0
    multi: bool = False
    reached: int = 0

    def __post_init__(self) -> None:
        if not self.marks:
            self.marks = [() for _ in self.meeting.targets]

    # --- state ----------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return len(self.meeting.targets)

    @property
    def at_end(self) -> bool:
        return self.cursor >= self.size

    @property
    def complete(self) -> bool:
        """Every target has been passed (typed, or skipped with 0/space)."""
        return self.reached >= self.size

    @property
    def dirty(self) -> bool:
        """Anything typed: a mark, or the cursor moved on."""
        return self.reached > 0 or any(self.marks)

    @property
    def level_keys(self) -> str:
        return "".join(str(i) for i in range(1, min(len(self.meeting.levels), 9) + 1))

    def unvisited(self) -> int:
        """Targets the cursor never reached (they count as no mark)."""
        return max(self.size - self.reached, 0)

    # --- keys -----------------------------------------------------------------------------

    def key(self, text: str) -> KeyEffect:
        """Apply one typed key; returns what it did."""
        text = text.lower()
        if self.at_end and text != "m":
            return KeyEffect.IGNORED
        if text in self.level_keys and len(text) == 1:
            label = self.meeting.levels[int(text) - 1].label
            if self.multi:
                self.toggle(self.cursor, label)
                return KeyEffect.TOGGLED
            self.marks[self.cursor] = (label,)
            self._advance()
            return KeyEffect.MARKED
        if text in ("0", " "):
            self.multi = False
            self.marks[self.cursor] = ()
            self._advance()
            return KeyEffect.CLEARED
        if text == "m":
            if self.multi:
                self.multi = False
                self._advance()
                return KeyEffect.MULTI_OFF
            if self.at_end:
                return KeyEffect.IGNORED
            self.multi = True
            return KeyEffect.MULTI_ON
        return KeyEffect.IGNORED

    def move(self, delta: int) -> None:
        """Up/down without changing a mark (closes several-box ticking)."""
        self.multi = False
        self.cursor = min(max(self.cursor + delta, 0), self.size)
        self.reached = max(self.reached, self.cursor)

    def back(self) -> None:
        """Backspace: step back one target and clear it."""
        self.multi = False
        if self.cursor > 0:
            self.cursor -= 1
        if self.cursor < self.size:
            self.marks[self.cursor] = ()

    def go_to(self, index: int) -> None:
        self.multi = False
        self.cursor = min(max(index, 0), self.size)

    # --- mouse ----------------------------------------------------------------------------

    def set_level(self, index: int, label: str) -> None:
        """A click on a level box: that level alone (a click on the one ticked clears it)."""
        self.multi = False
        self.marks[index] = () if self.marks[index] == (label,) else (label,)
        self.cursor = min(index + 1, self.size)
        self.reached = max(self.reached, self.cursor)

    def toggle(self, index: int, label: str) -> None:
        """Ctrl+click, or a level key while ticking several boxes: add or remove a level."""
        current = set(self.marks[index])
        current ^= {label}
        self.marks[index] = tuple(lv.label for lv in self.meeting.levels if lv.label in current)
        self.reached = max(self.reached, index)

    # --- whole ballot ---------------------------------------------------------------------

    def ballot(self, serial: str, type_code: str, void_reason: str = "") -> Ballot:
        return Ballot(
            serial,
            type_code,
            {t: m for t, m in zip(self.meeting.targets, self.marks, strict=True) if m},
            void_reason,
        )

    def load(self, ballot: Ballot) -> None:
        """Show a stored ballot for editing; every target counts as passed."""
        self.marks = [
            tuple(lv.label for lv in self.meeting.levels if lv.label in ballot.ticks(t))
            for t in self.meeting.targets
        ]
        self.cursor = 0
        self.reached = self.size
        self.multi = False

    def reset(self) -> None:
        self.marks = [() for _ in self.meeting.targets]
        self.cursor = self.reached = 0
        self.multi = False

    def _advance(self) -> None:
        self.cursor = min(self.cursor + 1, self.size)
        self.reached = max(self.reached, self.cursor)
