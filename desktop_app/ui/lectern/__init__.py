"""The speaker's clock on any phone or tablet (手机计时页): a read-only page on the
meeting's network that shows what the projector shows, and a chair's view with the agenda.

The run screen builds one :class:`Lectern` (the switch, off by default) and one
:class:`LecternBar`; :mod:`desktop_app.domain.lectern` says what the page is sent.
"""

from desktop_app.ui.lectern.bar import LecternBar, LecternDialog
from desktop_app.ui.lectern.lectern import Lectern

__all__ = ["Lectern", "LecternBar", "LecternDialog"]
