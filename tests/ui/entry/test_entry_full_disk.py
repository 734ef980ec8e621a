"""A full disk while typing ballots (the database file limited in size: SQLite's
max_page_count gives the same "database or disk is full" a full disk gives): the entry
screen shows the app's own message, the typed ballot stays on screen, nothing is lost, and
Enter saves it once there is room again."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database
from tests.ui.entry.test_entry_screen import ALL_FAIR, make_page, stored, type_ballot


class PageLimit:
    """The most pages the database file may have (None: no limit), for new connections."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.pages: int | None = None
        event.listen(db.engine, "connect", self._apply)

    def _apply(self, dbapi_connection: Any, _record: Any) -> None:
        if self.pages is not None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {self.pages}")

    def set(self, pages: int | None) -> None:
        self.pages = pages
        self.db.engine.dispose()  # the next session connects under the new limit

    def current(self) -> int:
        with self.db.engine.connect() as connection:
            return int(connection.exec_driver_sql("PRAGMA page_count").scalar_one())


def test_a_full_disk_keeps_the_typed_ballot_on_screen(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    page = make_page(qtbot, db, seed_meeting)
    entry = page.entry
    limit = PageLimit(db)
    limit.set(limit.current())  # not one page more than the file has now
    saved = 0
    for _ in range(200):
        serial = entry.serial_edit.text()
        type_ballot(qtbot, page, ALL_FAIR)
        if entry.banner.property("kind") == "error":
            break
        saved += 1
    else:
        raise AssertionError("the size limit never bit")
    assert (
        "数据库无法写入" in entry.banner.text()
        and "database or disk is full" in entry.banner.text()
    )
    assert "savepoint" not in entry.banner.text()
    # The ballot is still there, marks and serial, ready to be saved again.
    assert entry.serial_edit.text() == serial
    assert entry.draft is not None and entry.draft.dirty
    assert len(stored(db, page)) == saved  # everything saved before is still there
    limit.set(None)  # room again
    entry.sheet.setFocus()
    type_ballot(qtbot, page, "")  # Enter alone saves what is on screen
    assert entry.banner.property("kind") == "valid", entry.banner.text()
    ballots = stored(db, page)
    assert len(ballots) == saved + 1 and ballots[-1].serial == serial
