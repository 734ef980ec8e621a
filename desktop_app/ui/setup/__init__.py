"""Meeting setup (会议设置): the editor of a meeting's definition, roster import, new meetings."""

from desktop_app.ui.setup.new_meeting import NewMeetingDialog, new_meeting
from desktop_app.ui.setup.roster_dialog import RosterImportDialog
from desktop_app.ui.setup.screen import SetupScreen

__all__ = ["NewMeetingDialog", "RosterImportDialog", "SetupScreen", "new_meeting"]
