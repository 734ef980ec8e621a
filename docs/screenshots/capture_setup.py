"""Screenshots of the setup screen (offscreen): ``uv run python docs/screenshots/capture_setup.py``.

Loads the seed meeting into a temporary database and saves docs/screenshots/setup-*.png.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

os.environ.setdefault("DESKTOP_APP_LANGUAGE", "zh_CN")  # the README shows the Chinese UI

from PySide6.QtWidgets import QApplication

from desktop_app.app import create_application
from desktop_app.store.database import open_database
from desktop_app.store.meetings import load_meeting
from desktop_app.store.transfer import load_demo
from desktop_app.ui.operations import Operations
from desktop_app.ui.setup import RosterImportDialog, SetupScreen

HERE = Path(__file__).parent


def main() -> None:
    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "shots.sqlite3")
        meeting_id = load_demo(db)
        operations = Operations()
        page = SetupScreen(db, operations, station="screenshots")
        page.resize(1100, 760)
        page.set_meeting(meeting_id)
        page.show()
        for index, name in enumerate(("details", "agenda", "speakers", "units", "ballots")):
            page.tabs.setCurrentIndex(index)
            app.processEvents()
            page.grab().save(str(HERE / f"setup-{name}.png"))
        # A draft with problems, on a copy without ballots: each problem shown beside its field.
        with db.session() as session:
            meeting = load_meeting(session, meeting_id)
        from desktop_app.store.meetings import save_meeting

        with db.session() as session:
            copy_id = save_meeting(session, meeting)
        page.set_meeting(copy_id)
        first = meeting.categories[0]
        page.editor.apply(
            "示例",
            dataclasses.replace(
                meeting,
                categories=(
                    first,
                    dataclasses.replace(meeting.categories[1], caps={"好": 7}),
                ),
                speakers=(
                    *meeting.speakers,
                    dataclasses.replace(meeting.speakers[0], target="无此县"),
                ),
            ),
        )
        page.tabs.setCurrentIndex(3)
        app.processEvents()
        page.grab().save(str(HERE / "setup-problems.png"))
        dialog = RosterImportDialog(meeting, operations, parent=page)
        dialog.cells = [
            ["2024年述职人名单"],
            ["姓名", "职务", "单位", "类别", "书面述职"],
            ["张三", "甲县委书记", "甲县", "", "否"],
            ["", "乙县委书记", "乙县", "", ""],
            ["李四", "开发区党工委书记", "甲县", "", "也许"],
        ]
        dialog.roster = None
        dialog.path = Path("名单.xlsx")
        dialog._loaded(dialog.cells)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(HERE / "setup-import.png"))
        dialog.close()
        page.close()
        if page.session is not None:
            page.session.close()  # its poll timer would read a database that is gone
        operations.wait()
        db.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
