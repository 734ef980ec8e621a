"""The page's server: HTTP GET for the page, its script and style and the clock, and a
websocket that pushes snapshots — all on one port, all read-only.

PySide6's QtHttpServer binding cannot set a status code, a content type or a catch-all
route (its ``route()`` takes only ``callback(request) -> str``), and its QAbstractHttpServer
cannot be subclassed from Python, so the few GET requests the page makes are answered here
on a QTcpServer; websocket upgrades are handed to a QWebSocketServer on the same socket.
:func:`desktop_app.domain.lectern.route` decides every request. Nothing a client sends is
ever acted on: requests other than GET are refused and websocket messages are not read.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QHostAddress, QTcpServer, QTcpSocket
from PySide6.QtWebSockets import QWebSocket, QWebSocketProtocol, QWebSocketServer

from desktop_app.domain.lectern import Resource, route
from desktop_app.domain.speech_clock import Clock
from desktop_app.resources import resource

MAX_HEAD = 8192  # bytes of request line and headers; the page's requests are far smaller
REQUEST_TIMEOUT_MS = 10_000  # a client that sends half a request is cut off
BEAT_MS = 2_000  # the page reconnects after three beats of silence
MISSED_BEATS = 3  # a page that answers no ping for this many beats is gone (Wi-Fi dropped)
MAX_CLIENTS = 64
MAX_INCOMING = 1024  # websocket frames from a client are never read; big ones close it

FILES: dict[Resource, tuple[str, str]] = {
    Resource.SPEAKER: ("index.html", "text/html; charset=utf-8"),
    Resource.CHAIR: ("index.html", "text/html; charset=utf-8"),
    Resource.SCRIPT: ("lectern.js", "text/javascript; charset=utf-8"),
    Resource.STYLE: ("lectern.css", "text/css; charset=utf-8"),
}
REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}
SECURITY_HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:;"
        " connect-src 'self' ws: wss:;"
        " base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
)


def http_response(
    status: int, body: bytes = b"", content_type: str = "text/plain; charset=utf-8"
) -> bytes:
    """A whole HTTP/1.1 response that closes the connection."""
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Connection", "close"),
        *SECURITY_HEADERS,
    ]
    if status == 405:
        headers.append(("Allow", "GET"))
    head = f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode("ascii") + b"\r\n" + body


def parse_head(head: bytes) -> tuple[str, str, dict[str, str]] | None:
    """Method, target and lower-cased headers of a request head; None when malformed."""
    try:
        text = head.decode("latin-1")
    except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes every byte
        return None
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return parts[0], parts[1], headers


class LecternServer(QObject):
    """Serves the page on one port to anyone who has the token; pushes :meth:`publish`\\ ed
    snapshots to every open page. ``clock`` is the run screen's (the marks' clock).

    Signals:
        clients_changed(int): the number of open pages changed.
    """

    clients_changed = Signal(int)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.token = ""
        self.state: dict[str, Any] | None = None
        self.files = {
            kind: resource("lectern", name).read_bytes() for kind, (name, _) in FILES.items()
        }
        self.listener = QTcpServer(self)
        self.listener.newConnection.connect(self._accept)
        self.sockets = QWebSocketServer(
            "desktop-app lectern", QWebSocketServer.SslMode.NonSecureMode, self
        )
        self.sockets.newConnection.connect(self._socket_opened)
        self.clients: list[QWebSocket] = []
        self.missed: dict[QWebSocket, int] = {}  # beats since each page last answered a ping
        self.beat = QTimer(self)
        self.beat.setInterval(BEAT_MS)
        self.beat.timeout.connect(self._beat)

    # --- life ------------------------------------------------------------------------------
    def start(self, port: int = 0) -> bool:
        """Listen on every interface, on ``port`` (0: any free port)."""
        if self.listener.isListening():
            return True
        if not self.listener.listen(QHostAddress.SpecialAddress.Any, port):
            return False
        self.beat.start()
        return True

    def stop(self) -> None:
        """Stop listening and close every page (they keep trying to reconnect)."""
        self.listener.close()
        self.beat.stop()
        self._close_clients(QWebSocketProtocol.CloseCode.CloseCodeGoingAway)

    def port(self) -> int:
        return self.listener.serverPort() if self.listener.isListening() else 0

    def set_token(self, token: str) -> None:
        """A new address (another meeting): the pages open at the old one are told it is
        no longer valid."""
        if token != self.token:
            self.token = token
            self._close_clients(QWebSocketProtocol.CloseCode.CloseCodePolicyViolated)

    def publish(self, state: dict[str, Any]) -> bool:
        """Push ``state`` to every page; False (nothing sent) when it is what they have."""
        if state == self.state:
            return False
        self.state = state
        message = self._message("snapshot", state)
        for client in list(self.clients):
            client.sendTextMessage(message)
        return True

    # --- HTTP ------------------------------------------------------------------------------
    def _accept(self) -> None:
        while self.listener.hasPendingConnections():
            _Exchange(self.listener.nextPendingConnection(), self)

    def _request(self, exchange: _Exchange, head: bytes) -> None:
        """A whole request head has arrived: answer it, or hand the socket to the
        websocket server."""
        request = parse_head(head)
        if request is None:
            exchange.answer(http_response(400))
            return
        method, target, headers = request
        answer = route(method, target, self.token)
        if answer.resource is Resource.SOCKET:
            if headers.get("upgrade", "").lower() != "websocket":
                exchange.answer(http_response(400))
            elif len(self.clients) >= MAX_CLIENTS:
                exchange.answer(http_response(503))
            else:
                self.sockets.handleConnection(exchange.release())  # reads the unread handshake
            return
        exchange.answer(self._response(answer.status, answer.resource))

    def _response(self, status: int, kind: Resource | None) -> bytes:
        if kind is None:
            text = REASONS.get(status, "")
            if status == 403:  # what a phone with an old or mistyped address shows (in Chinese)
                text = "此地址无效或已失效,请重新扫描会议电脑上的二维码。"  # data
            return http_response(status, text.encode())
        if kind is Resource.TIME:
            body = json.dumps({"now": self.clock.now()}).encode()
            return http_response(200, body, "application/json")
        if kind is Resource.STATE:
            body = json.dumps(self.state, ensure_ascii=False).encode()
            return http_response(200, body, "application/json")
        return http_response(200, self.files[kind], FILES[kind][1])

    # --- websocket -------------------------------------------------------------------------
    def _socket_opened(self) -> None:
        while self.sockets.hasPendingConnections():
            client = self.sockets.nextPendingConnection()
            client.setParent(self)
            client.setMaxAllowedIncomingMessageSize(MAX_INCOMING)
            client.setMaxAllowedIncomingFrameSize(MAX_INCOMING)
            # The token may have changed while the handshake ran.
            if route("GET", client.requestUrl().path(), self.token).resource is not Resource.SOCKET:
                client.close(QWebSocketProtocol.CloseCode.CloseCodePolicyViolated)
                client.deleteLater()
                continue
            # A bound method: Qt drops the connection when the server goes first.
            client.disconnected.connect(self._socket_closed)
            client.pong.connect(self._answered)
            self.clients.append(client)
            self.missed[client] = 0
            if self.state is not None:
                client.sendTextMessage(self._message("snapshot", self.state))
            self.clients_changed.emit(len(self.clients))

    def _socket_closed(self) -> None:
        client = self.sender()
        if not isinstance(client, QWebSocket):
            return
        self.missed.pop(client, None)
        if client in self.clients:
            self.clients.remove(client)
            self.clients_changed.emit(len(self.clients))
        client.deleteLater()

    def _answered(self) -> None:
        client = self.sender()
        if isinstance(client, QWebSocket) and client in self.missed:
            self.missed[client] = 0

    def _close_clients(self, code: QWebSocketProtocol.CloseCode) -> None:
        clients, self.clients = self.clients, []
        self.missed.clear()
        for client in clients:
            client.close(code)
            client.deleteLater()
        if clients:
            self.clients_changed.emit(0)

    def _beat(self) -> None:
        """Tell every page the link is alive, and forget the pages that stopped answering
        (their sockets would otherwise linger until TCP gives up, minutes later)."""
        message = json.dumps({"type": "beat", "now": self.clock.now()})
        for client in list(self.clients):
            if self.missed.get(client, 0) >= MISSED_BEATS:
                client.abort()  # disconnected follows: it leaves the list
                continue
            self.missed[client] = self.missed.get(client, 0) + 1
            client.sendTextMessage(message)
            client.ping()

    def _message(self, kind: str, state: dict[str, Any]) -> str:
        message = {"type": kind, "now": self.clock.now(), "state": state}
        return json.dumps(message, ensure_ascii=False)


class _Exchange(QObject):
    """One HTTP connection until its request head has arrived (peeked, not read, so a
    websocket handshake can still be handed on whole)."""

    def __init__(self, socket: QTcpSocket, server: LecternServer) -> None:
        super().__init__(socket)
        self.socket = socket
        self.server = server
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.timeout.connect(self._expired)
        self.timeout.start(REQUEST_TIMEOUT_MS)
        socket.readyRead.connect(self._read)

    def _expired(self) -> None:
        self.socket.abort()

    def _read(self) -> None:
        data = bytes(self.socket.peek(MAX_HEAD + 4).data())
        end = data.find(b"\r\n\r\n")
        if end >= 0:
            self.server._request(self, data[:end])
        elif len(data) > MAX_HEAD:
            self.answer(http_response(431))

    def release(self) -> QTcpSocket:
        """Stop watching the socket; it is someone else's now."""
        self.timeout.stop()
        self.socket.readyRead.disconnect(self._read)
        self.setParent(None)
        self.deleteLater()
        return self.socket

    def answer(self, response: bytes) -> None:
        socket = self.release()
        socket.readAll()
        if socket.state() is not QTcpSocket.SocketState.ConnectedState:
            socket.deleteLater()  # the client is gone already: no disconnected will come
            return
        socket.disconnected.connect(socket.deleteLater)
        socket.write(response)
        socket.disconnectFromHost()
