"""PySide6 screens over the domain and the store. Nothing below ``ui`` is imported by the core.

What a widget class is called says where it sits:

- ``…Window``: a top-level window (:class:`~desktop_app.ui.main_window.MainWindow`, the
  projector's ``ProjectorWindow``).
- ``…Page``: one page of the main window's stack (``MeetingListPage``, ``MeetingPage``).
- ``…Screen``: one whole tab of a meeting, what the operator works in for a part of it, in a
  sub-package of its own: ``SetupScreen`` (setup/), ``RunScreen`` (run/), ``BallotsScreen``
  (entry/), the results screen, ``DocumentsScreen``.
- ``…Panel``: a part of a screen: a tab inside it (``EntryPanel``, ``ScanReviewPanel``,
  ``BallotListPanel``) or what it swaps in (the run screen's ``Panel`` per agenda kind:
  ``SpeechesPanel``, ``SpeechPanel``, ``FloorPanel``, ``CommentaryPanel``, ``BallotPanel``).
- ``…Dialog``: a window opened over the main one, to be answered and closed
  (``NewMeetingDialog``, ``RosterImportDialog``, ``SettingsDialog``, ``ShortcutsDialog``…).
- ``…Sheet``: a table laid out as the paper it stands for (``BallotSheet``: one ballot's grid,
  filled in as the paper is read).

Smaller widgets are named for what they show (``ClockFace``, ``PausedBadge``, ``LecternBar``,
``PageView``: a scanned page), Qt models end in ``Model``.

Colours live in :mod:`~desktop_app.ui.palette`; failures are said by
:func:`~desktop_app.ui.errors.report_failure`; slow work runs through
:class:`~desktop_app.ui.operations.Operations`.

Importing the package applies :func:`~desktop_app.ui.refcount_guard.guard_singleton_refcounts`
before any model or signal is used (see that module for the PySide6 bug it works around).
"""

from desktop_app.ui.refcount_guard import guard_singleton_refcounts

guard_singleton_refcounts()
