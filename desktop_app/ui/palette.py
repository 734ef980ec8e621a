"""Every colour the window uses, named by what it marks.

Change a colour here and every screen that shows it follows: the speech timer's phases (on
the operator's clock face, the progress bar and the projector), the banners of ballot
entry and scan review, the marks in tables, the projector's blackout. No other module of
``desktop_app/ui`` writes a colour (a test says so); they use these names, in style sheets as
they are (``f"background: {TIMER_WARNING_BACKGROUND}"``) and in item models as
``QColor(name)``.

Colours are ``#rrggbb`` strings (one ``rgba(…)`` where the projector needs a see-through
trough). The phone's lectern page (``resources/lectern/lectern.css``) repeats the timer's
colours in CSS; a test checks they stay equal to :data:`PHASE_COLOURS`.
"""

from __future__ import annotations

from desktop_app.domain.speech_clock import Phase

WHITE = "#ffffff"
BLACK = "#000000"

# --- the speech timer: background and text per phase ------------------------------------
TIMER_NORMAL_BACKGROUND = "#0f2e1d"  # deep green
TIMER_NORMAL_TEXT = "#e8fff0"
TIMER_WARNING_BACKGROUND = "#f2b705"  # amber: one minute left
TIMER_WARNING_TEXT = "#1a1400"
TIMER_FINAL_BACKGROUND = "#e8590c"  # orange-red: thirty seconds left
TIMER_FINAL_TEXT = WHITE
TIMER_OVERTIME_BACKGROUND = "#c1121f"  # red, counting up
TIMER_OVERTIME_TEXT = WHITE
TIMER_IDLE_BACKGROUND = "#20262e"  # nothing running: slate
TIMER_IDLE_TEXT = "#d0d7de"
TIMER_PULSE_BACKGROUND = WHITE  # the flash on reaching zero (text: the overtime red)

# Background and text colour per phase, on the operator's clock face and the projector.
PHASE_COLOURS: dict[Phase, tuple[str, str]] = {
    Phase.NORMAL: (TIMER_NORMAL_BACKGROUND, TIMER_NORMAL_TEXT),
    Phase.WARNING: (TIMER_WARNING_BACKGROUND, TIMER_WARNING_TEXT),
    Phase.FINAL: (TIMER_FINAL_BACKGROUND, TIMER_FINAL_TEXT),
    Phase.OVERTIME: (TIMER_OVERTIME_BACKGROUND, TIMER_OVERTIME_TEXT),
}
IDLE_COLOURS = (TIMER_IDLE_BACKGROUND, TIMER_IDLE_TEXT)
PULSE_COLOUR = TIMER_PULSE_BACKGROUND

# The operator's progress bar (its filled part takes the phase's background).
TIMER_PROGRESS_BORDER = "#8c959f"
TIMER_PROGRESS_TROUGH = "#eaeef2"

# The "paused" badge, on the operator's screen and the projector: the warning amber.
PAUSED_BADGE_BACKGROUND = TIMER_WARNING_BACKGROUND
PAUSED_BADGE_TEXT = TIMER_WARNING_TEXT

# --- the projector ----------------------------------------------------------------------
PROJECTOR_BLACKOUT = BLACK
PROJECTOR_BLACKOUT_NOTE = "#8c959f"  # "黑屏中" on the operator's small preview
PROJECTOR_MESSAGE_BACKGROUND = "#fff3bf"  # the one-line message to the speaker
PROJECTOR_MESSAGE_TEXT = "#111111"
PROJECTOR_PROGRESS_TROUGH = "rgba(255,255,255,0.18)"  # over any phase colour

# The run screen's "projector off / on / black" label.
PROJECTOR_STATE_OFF_BACKGROUND = "#eaeef2"
PROJECTOR_STATE_OFF_TEXT = "#57606a"
PROJECTOR_STATE_ON_BACKGROUND = "#1a7f37"
PROJECTOR_STATE_ON_TEXT = WHITE
PROJECTOR_STATE_BLACK_BACKGROUND = "#111111"
PROJECTOR_STATE_BLACK_TEXT = "#ffd33d"

# --- the run screen's tables and notes --------------------------------------------------
CURRENT_ROW_BACKGROUND = "#ffe8a3"  # the agenda item or speaker now on
CURRENT_ROW_TEXT = BLACK
UNSAVED_BORDER = "#cf222e"  # a comment the database could not take yet
UNSAVED_BACKGROUND = "#fff5f5"

# --- ballots: a classification's colour, banners -----------------------------------------
VALID_BALLOT = "#2b8a3e"
VOID_BALLOT = "#c92a2a"
BLANK_BALLOT = "#495057"
BALLOT_STATUS_COLOURS = {"valid": VALID_BALLOT, "void": VOID_BALLOT, "blank": BLANK_BALLOT}

# The banner over ballot entry and scan review: background and text per kind of news.
BANNER_COLOURS: dict[str, tuple[str, str]] = {
    "valid": (VALID_BALLOT, WHITE),
    "void": (VOID_BALLOT, WHITE),
    "blank": (BLANK_BALLOT, WHITE),
    "waiting": ("#1c7ed6", WHITE),
    "warning": ("#f59f00", BLACK),
    "error": (VOID_BALLOT, WHITE),
    "edit": ("#5f3dc4", WHITE),
    "idle": ("#e9ecef", "#212529"),
}

# --- the entry sheet (one ballot's grid) ------------------------------------------------
ENTRY_CURRENT_ROW = "#fff3bf"  # the row the next key goes to
ENTRY_TICKED_CELL = "#1c7ed6"
ENTRY_MULTI_TICKED_CELL = "#f08c00"  # a row with more than one level ticked
ENTRY_TICK_TEXT = WHITE
ENTRY_OVER_CAP_CELL = "#ffc9c9"  # a category over its cap
ENTRY_OVER_CAP_TEXT = VOID_BALLOT

# Double entry: a field where the two passes differ.
ENTRY_PASSES_DIFFER = "#ffc9c9"

# --- scan review ------------------------------------------------------------------------
SCAN_PAGE_SURROUND = "#868e96"  # around the scanned page
SCAN_FLAGGED_CELL = "#f08c00"  # a row to look at
SCAN_HEAVY_CELL = "#e03131"  # a cell marked too heavily to be a tick
SCAN_MARK = VALID_BALLOT  # a tick read

# --- setup ------------------------------------------------------------------------------
SETUP_PROBLEM_CELL = "#ffd6d6"  # a field the meeting's checks object to
SETUP_LOCKED_CELL = "#eeeeee"  # a field that can no longer change
ROSTER_BAD_ROW = "#ffd6d6"  # an imported roster row that will not be taken
ROSTER_HEADER_ROW = "#dde8f5"  # the row read as the column titles

# --- the lectern's QR code --------------------------------------------------------------
QR_LIGHT = WHITE
QR_DARK = BLACK
