"""One operator window per database on this computer.

A second copy of the app started on the same database does not open a second operator
screen (two run screens would stamp the same meeting twice): it asks the running one to come
forward and quits. The copies meet through a local socket (QLocalServer) named after the
database, so copies on different databases (a rehearsal file beside the real one) run side
by side.

Signals:
    raise_requested(): another copy was started on this database; bring the window forward.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500
MESSAGE = b"raise\n"


def server_name(database_url: str) -> str:
    """The socket's name: the user and the database, hashed (a URL may be long or carry a
    host name that has no place in a file name)."""
    try:
        user = getpass.getuser()
    except OSError:  # no login name (some containers)
        user = ""
    digest = hashlib.sha256(f"{user}\n{database_url}".encode()).hexdigest()[:24]
    return f"desktop-app-{digest}"


class SingleInstance(QObject):
    """The running copy's door (:meth:`listen`) and a new copy's knock
    (:meth:`forward_to_running`). See the module docstring for the signal."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server: QLocalServer | None = None

    def forward_to_running(self) -> bool:
        """True when a copy is running on this database: it was asked to come forward."""
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            socket.deleteLater()
            return False
        socket.write(MESSAGE)
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        socket.deleteLater()
        return True

    def listen(self) -> bool:
        """Answer later copies. A socket left behind by a crashed copy is cleared first
        (nobody answered :meth:`forward_to_running`, so nobody is using it)."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                server.deleteLater()
                return False
        server.newConnection.connect(self._knocked)
        self.server = server
        return True

    def _knocked(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
        self.raise_requested.emit()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
