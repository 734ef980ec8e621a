"""The results screen (计票结果): the counts and the provisional or final tally of a meeting.

The main window builds one :class:`ResultsScreen` and hands it the meeting's session.
"""

from desktop_app.ui.results.screen import ResultsScreen

__all__ = ["ResultsScreen"]
