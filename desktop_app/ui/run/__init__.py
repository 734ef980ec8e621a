"""The run screen: runs a meeting live (agenda stepper, speaker timers, projector, comments).

The main window builds one :class:`RunScreen` and hands it the meeting's session
(:meth:`RunScreen.set_session`).
"""

from desktop_app.ui.run.screen import RunScreen

__all__ = ["RunScreen"]
