"""Where the data lives: this laptop's own file, or the meeting's shared PostgreSQL database
(several stations entering ballots at once), and this station's name.

Kept in QSettings: the database URL (without the password unless the user asks to remember
it) and the station name. The app reads them at start-up (``--db`` still wins).
"""

from __future__ import annotations

import socket

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from desktop_app.domain.errors import DataError
from desktop_app.store.database import open_database, postgres_url

URL_KEY = "database/url"
PASSWORD_KEY = "database/password"
STATION_KEY = "station/name"


def configured_url() -> str | None:
    """The database chosen in the dialog (None: this laptop's default file)."""
    settings = QSettings()
    url = settings.value(URL_KEY)
    if not url:
        return None
    password = settings.value(PASSWORD_KEY)
    if password and "://" in str(url):
        return make_url(str(url)).set(password=str(password)).render_as_string(False)
    return str(url)


def configured_station(default: str | None = None) -> str:
    name = QSettings().value(STATION_KEY)
    return str(name) if name else (default or socket.gethostname())


class ConnectionDialog(QDialog):
    """Choose the database and name the station; "测试连接" tries it before saving."""

    LOCAL, SHARED = 0, 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据库与录入点"))
        self.kind = QComboBox()
        self.kind.addItems(
            [self.tr("本机数据文件(单机使用)"), self.tr("共享数据库 PostgreSQL(多台电脑同时录入)")]
        )
        self.host = QLineEdit("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("meetings")
        self.user = QLineEdit("meetings")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("在本机记住密码"))
        self.station = QLineEdit(configured_station())
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        test = QPushButton(self.tr("测试连接"))
        test.clicked.connect(self.test)

        shared = QWidget()
        form = QFormLayout(shared)
        form.addRow(self.tr("服务器地址"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库名"), self.database)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow("", self.remember)
        local = QLabel(self.tr("数据保存在本机用户数据目录中的文件里。"))
        local.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(local)
        self.pages.addWidget(shared)
        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow(self.tr("数据位置"), self.kind)
        top.addRow(self.tr("本录入点名称"), self.station)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(test)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        url = configured_url()
        if url and url.startswith("postgresql"):
            parsed = make_url(url)
            self.kind.setCurrentIndex(self.SHARED)
            self.host.setText(parsed.host or "")
            self.port.setValue(parsed.port or 5432)
            self.database.setText(parsed.database or "")
            self.user.setText(parsed.username or "")
            self.password.setText(parsed.password or "")
            self.remember.setChecked(bool(QSettings().value(PASSWORD_KEY)))

    def url(self, *, with_password: bool = True) -> str | None:
        if self.kind.currentIndex() == self.LOCAL:
            return None
        return postgres_url(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            password=self.password.text() if with_password else None,
        )

    def test(self) -> bool:
        url = self.url()
        try:
            open_database(url).close()
        except DataError as exc:
            self.status_label.setText(self.tr("连接失败:{e}").format(e=exc))
            self.status_label.setObjectName("warning")
            return False
        self.status_label.setText(self.tr("连接成功,数据库已是最新版本。"))
        self.status_label.setObjectName("final")
        return True

    def accept(self) -> None:
        settings = QSettings()
        url = self.url(with_password=False)
        if url is None:
            settings.remove(URL_KEY)
        else:
            settings.setValue(URL_KEY, url)
        if url is not None and self.remember.isChecked() and self.password.text():
            settings.setValue(PASSWORD_KEY, self.password.text())
        else:
            settings.remove(PASSWORD_KEY)
        if self.station.text().strip():
            settings.setValue(STATION_KEY, self.station.text().strip())
        super().accept()
