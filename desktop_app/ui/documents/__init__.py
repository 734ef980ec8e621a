"""The documents screen (文档与打印): preview, print and save the meeting's PDF documents.

The main window builds one :class:`DocumentsScreen` and hands it the meeting's session.
"""

from desktop_app.ui.documents.screen import DocumentsScreen

__all__ = ["DocumentsScreen"]
