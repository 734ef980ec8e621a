"""The phone clock's server from the network's side: nobody without the token gets anything,
nobody with it can change anything, and nothing of the meeting but the projector's view and
the agenda's times leaves the laptop."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkRequest, QTcpSocket
from PySide6.QtWebSockets import QWebSocket, QWebSocketProtocol
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock

from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database
from desktop_app.store.meetings import save_meeting
from desktop_app.store.records import events
from desktop_app.ui.run import RunScreen

STATUS = QNetworkRequest.Attribute.HttpStatusCodeAttribute
SNAPSHOT_KEYS = {
    "version", "title", "subtitle", "next_up", "item", "timed", "text", "phase", "progress",
    "paused", "message", "blackout", "running", "agenda",
}  # fmt: skip


def switch_on(screen: RunScreen) -> str:
    screen.lectern.wanted_port = 0
    screen.lectern.action.trigger()
    screen.lectern.host = "127.0.0.1"
    return screen.lectern.address()


def request(
    qtbot: QtBot, url: str, method: str = "GET", body: bytes = b""
) -> tuple[int, bytes, dict[str, str]]:
    manager = QNetworkAccessManager()
    req = QNetworkRequest(QUrl(url))
    req.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, "application/json")
    reply = manager.sendCustomRequest(req, QByteArray(method.encode()), QByteArray(body))
    with qtbot.waitSignal(reply.finished, timeout=10_000):
        pass
    status = reply.attribute(STATUS)
    headers = {
        bytes(name.data()).decode().lower(): bytes(value.data()).decode()
        for name, value in reply.rawHeaderPairs()
    }
    return int(status or 0), bytes(reply.readAll().data()), headers


def origin(url: str) -> str:
    return url.split("/", 3)[0] + "//" + url.split("/", 3)[2]


def test_without_the_token_nothing_is_served(screen: RunScreen, qtbot: QtBot) -> None:
    url = switch_on(screen)
    token = screen.lectern.server.token
    base = origin(url)
    status, body, headers = request(qtbot, url)
    assert status == 200 and b"lectern.js" in body
    assert headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in headers["content-security-policy"]
    for path in ("/", "/lectern.js", "/state", "/time", f"/{token[:-1]}/", f"/{token}x/state",
                 f"/x/{token}/", f"/{token.upper()}/", f"//{token}/"):  # fmt: skip
        status, body, _ = request(qtbot, base + path)
        assert status == 403, path
        assert token.encode() not in body
    assert request(qtbot, f"{url}nothing-here")[0] == 404


def test_there_is_no_way_to_write(
    screen: RunScreen, qtbot: QtBot, db: Database, meeting_id: int
) -> None:
    url = switch_on(screen)
    with db.session() as session:
        before = events(session, meeting_id)
    for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE"):
        for path in ("", "state", "time", "ws", "chair"):
            status, _, headers = request(qtbot, url + path, method, b'{"kind": "speech_start"}')
            assert status == 405, (method, path)
            assert headers["allow"] == "GET"
    # A websocket client is pushed snapshots and nothing it sends is read.
    client = QWebSocket()
    got: list[str] = []
    client.textMessageReceived.connect(got.append)
    client.open(QUrl(url.replace("http://", "ws://") + "ws"))
    qtbot.waitUntil(lambda: any('"snapshot"' in m for m in got), timeout=10_000)
    for text in ('{"type": "toggle"}', "pause", '{"type": "snapshot", "state": {}}'):
        client.sendTextMessage(text)
    client.sendBinaryMessage(QByteArray(b"\x00" * 16))
    client.ping()
    qtbot.waitSignal(client.pong, timeout=10_000)
    screen.refresh()
    with db.session() as session:
        assert events(session, meeting_id) == before
    assert screen.speeches.timer.state().value == "idle"
    # ...and one that sends more than a page ever could is cut off.
    with qtbot.waitSignal(client.disconnected, timeout=10_000):
        client.sendTextMessage("x" * 100_000)
    assert screen.lectern.clients() == 0


def test_a_websocket_without_the_token_is_closed(screen: RunScreen, qtbot: QtBot) -> None:
    url = switch_on(screen)
    wrong = QWebSocket()
    got: list[str] = []
    wrong.textMessageReceived.connect(got.append)
    wrong.open(QUrl(origin(url).replace("http://", "ws://") + "/not-the-token/ws"))
    qtbot.waitUntil(lambda: wrong.state().name == "UnconnectedState", timeout=10_000)
    assert got == [] and screen.lectern.clients() == 0


def test_each_meeting_has_its_own_address(
    screen: RunScreen, qtbot: QtBot, db: Database, seed_meeting: Meeting, meeting_id: int
) -> None:
    first = switch_on(screen)
    client = QWebSocket()
    closed: list[QWebSocketProtocol.CloseCode] = []
    client.disconnected.connect(lambda: closed.append(client.closeCode()))
    client.open(QUrl(first.replace("http://", "ws://") + "ws"))
    qtbot.waitUntil(lambda: screen.lectern.clients() == 1, timeout=10_000)
    with db.session() as session:
        other = save_meeting(session, seed_meeting)
    screen.set_meeting(other)
    second = screen.lectern.address()
    assert second != first and second.startswith(origin(first))
    qtbot.waitUntil(lambda: closed == [QWebSocketProtocol.CloseCode.CloseCodePolicyViolated])
    assert request(qtbot, first + "state")[0] == 403
    assert request(qtbot, second + "state")[0] == 200
    screen.set_meeting(meeting_id)  # back to the first meeting: its address again
    assert screen.lectern.address() == first


def test_the_snapshot_holds_the_projector_view_and_nothing_else(
    screen: RunScreen, qtbot: QtBot, clock: FakeClock, db: Database, meeting_id: int
) -> None:
    url = switch_on(screen)
    screen.context.add_comment(1, "市直机关工委", "这段点评绝不能出现在手机上")  # type: ignore[union-attr]
    screen.speeches.toggle()
    clock.advance(12)
    screen.refresh()
    status, body, headers = request(qtbot, url + "state")
    assert status == 200
    assert headers["cache-control"] == "no-store"
    state = json.loads(body)
    assert set(state) == SNAPSHOT_KEYS
    assert state["title"] == "周明" and state["text"] == ""  # running: the page computes it
    assert state["running"]["start_mark"] == clock.now() - 12
    assert state["running"]["allowed_s"] == 300
    assert {tuple(line) for line in state["agenda"]} == {
        ("number", "title", "planned_s", "started", "length_s", "since_mark", "current")
    }
    paths = ("", "chair", "lectern.js", "lectern.css", "state")
    everything = b"".join(request(qtbot, url + path)[1] for path in paths)
    assert "这段点评".encode() not in everything
    time_status, time_body, _ = request(qtbot, url + "time")
    assert time_status == 200 and json.loads(time_body) == {"now": clock.now()}


def test_a_page_that_stops_answering_is_forgotten(screen: RunScreen, qtbot: QtBot) -> None:
    """A phone whose Wi-Fi went away never says goodbye: after a few unanswered pings the
    server lets it go, so the run screen does not count it as watching."""
    switch_on(screen)
    server = screen.lectern.server
    server.beat.stop()  # beats by hand below
    mute = QTcpSocket()  # completes the handshake, then never reads or answers again
    mute.connectToHost("127.0.0.1", server.port())
    assert mute.waitForConnected(5000)
    mute.write(
        f"GET /{server.token}/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    qtbot.waitUntil(lambda: screen.lectern.clients() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: mute.bytesAvailable() > 0, timeout=10_000)
    assert b"101 Switching Protocols" in bytes(mute.readAll().data())
    alive = QWebSocket()  # a browser-like page answers the pings
    alive.open(QUrl(screen.lectern.address().replace("http://", "ws://") + "ws"))
    qtbot.waitUntil(lambda: screen.lectern.clients() == 2, timeout=10_000)
    for _ in range(3):
        server._beat()
        qtbot.waitUntil(lambda: server.missed[server.clients[-1]] == 0, timeout=10_000)
    assert screen.lectern.clients() == 2  # three beats missed: not yet
    server._beat()
    qtbot.waitUntil(lambda: screen.lectern.clients() == 1, timeout=10_000)
    assert alive.state().name == "ConnectedState"
    mute.abort()
