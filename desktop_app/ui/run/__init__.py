"""The run screen: runs a meeting live (agenda stepper, speaker timers, projector, comments).

The main window builds one :class:`RunScreen` and calls :meth:`RunScreen.set_meeting`.
"""

from desktop_app.ui.run.screen import RunScreen

__all__ = ["RunScreen"]
