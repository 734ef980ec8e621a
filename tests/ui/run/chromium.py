"""A headless Chromium (Debian's ``chromium``) driven over the DevTools protocol.

The protocol is spoken with Qt's own websocket client, not a Python package: the page
under test is served by the same Qt event loop the test runs, so every wait must keep that
loop turning (``qtbot.waitUntil``); a blocking client would stall the server the page is
waiting for. No new dependency is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWebSockets import QWebSocket

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def fonts_config(folder: Path, fonts: Path) -> Path:
    """A fontconfig file that adds the app's bundled CJK font to the system's."""
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        "utf-8",
    )
    return conf


class Chromium:
    """One browser with one tab. ``wait(predicate, timeout_ms)`` keeps the Qt loop turning
    (``qtbot.waitUntil`` in tests)."""

    def __init__(
        self,
        wait: Any,
        profile: Path,
        *,
        size: tuple[int, int] = (390, 844),
        fonts: Path | None = None,
    ) -> None:
        executable = chromium_path()
        if executable is None:
            raise RuntimeError("chromium is not installed (apt-get install chromium)")
        self.wait = wait
        profile.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        if fonts is not None:
            env["FONTCONFIG_FILE"] = str(fonts_config(profile / "fontconfig", fonts))
        self.process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        port_file = profile / "DevToolsActivePort"
        wait(lambda: port_file.exists() and port_file.read_text().count("\n") >= 1, 60_000)
        port = int(port_file.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
            targets = json.loads(answer.read())
        page = next(t for t in targets if t["type"] == "page")
        self.replies: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self.socket = QWebSocket()
        self.socket.textMessageReceived.connect(self._received)
        self.socket.open(QUrl(page["webSocketDebuggerUrl"]))
        wait(lambda: self.socket.state().name == "ConnectedState", 30_000)

    def _received(self, text: str) -> None:
        message = json.loads(text)
        if "id" in message:
            self.replies[message["id"]] = message
        else:
            self.events.append(message)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        ident = self._next_id
        self.socket.sendTextMessage(json.dumps({"id": ident, "method": method, "params": params}))
        self.wait(lambda: ident in self.replies, 30_000)
        reply = self.replies.pop(ident)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply["result"]
        return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, *, before: str = "") -> None:
        """Load ``url``; ``before`` runs in the page before its own scripts."""
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Log.enable")
        if before:
            self.call("Page.addScriptToEvaluateOnNewDocument", source=before)
        self.call("Page.navigate", url=url)

    def errors(self) -> list[str]:
        """Script exceptions and console errors so far (a refused policy, a failed load)."""
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails", {}).get("text")))
            elif event.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(str(params["entry"].get("text")))
            elif event.get("method") == "Runtime.consoleAPICalled" and params["type"] == "error":
                found.append(str(params.get("args")))
        return found

    def screenshot(self, path: Path) -> None:
        import base64

        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
