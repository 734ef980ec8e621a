"""The window says which stored serials collide once normalised when it opens the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.app import warn_serial_collisions
from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import open_database
from tests.store.test_serial_keys import _old_database_with_a_collision


def test_collisions_are_shown_with_both_serials(
    app: QApplication,
    tmp_path: Path,
    seed_meeting: Meeting,
    answer_box: Callable[[QMessageBox.StandardButton], list[str]],
) -> None:
    path, _ = _old_database_with_a_collision(tmp_path, seed_meeting)
    db = open_database(path)
    try:
        seen = answer_box(QMessageBox.StandardButton.Ok)
        warn_serial_collisions(db)
        assert len(seen) == 1 and "“A-001”、“A-1”" in seen[0] and "同一张票" in seen[0]
    finally:
        db.close()


def test_no_collision_no_message(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[object] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    db = open_database(tmp_path / "new.sqlite3")
    try:
        assert db.serial_collisions == []
        warn_serial_collisions(db)
        assert shown == []
    finally:
        db.close()
