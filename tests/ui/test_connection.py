"""数据库与录入点: the shared database's URL, the password kept only when asked, the test
button against a real PostgreSQL server, and the station name."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from desktop_app.ui.connection import ConnectionDialog, configured_station, configured_url


def shared_dialog(
    qtbot: QtBot, *, port: int = 5432, password: str = "p@ss/word"
) -> ConnectionDialog:
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(ConnectionDialog.SHARED)
    dialog.host.setText("192.168.1.10")
    dialog.port.setValue(port)
    dialog.database.setText("meetings")
    dialog.user.setText("clerk")
    dialog.password.setText(password)
    dialog.station.setText("录入二")
    return dialog


def test_the_password_is_not_kept_unless_asked(qtbot: QtBot) -> None:
    assert configured_url() is None  # nothing chosen: this laptop's own file
    dialog = shared_dialog(qtbot)
    url = make_url(dialog.url() or "")
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "192.168.1.10",
        5432,
        "meetings",
        "clerk",
        "p@ss/word",
    )
    dialog.accept()
    assert make_url(configured_url() or "").password is None
    assert configured_station() == "录入二"

    again = shared_dialog(qtbot)
    assert again.host.text() == "192.168.1.10"  # the saved choice is shown next time
    again.remember.setChecked(True)
    again.accept()
    assert make_url(configured_url() or "").password == "p@ss/word"

    local = ConnectionDialog()
    qtbot.addWidget(local)
    local.kind.setCurrentIndex(ConnectionDialog.LOCAL)
    local.accept()
    assert configured_url() is None


def test_the_test_button_against_a_real_server(qtbot: QtBot, postgres: object, pg_url: str) -> None:
    parsed = make_url(pg_url)
    dialog = shared_dialog(qtbot, port=parsed.port or 0, password="")
    dialog.host.setText("127.0.0.1")
    dialog.user.setText("postgres")
    dialog.database.setText(parsed.database or "")
    assert dialog.test()
    assert "连接成功" in dialog.status_label.text()
    dialog.port.setValue(1)
    assert not dialog.test()
    assert "连接失败" in dialog.status_label.text()
