"""The scan review screen, end to end: a generated pile is imported (the confident ballots
saved), then every ballot left in the queue is settled through the real screen by keys as a
clerk would, reading the truth off the "paper"; the stored ballots then equal the truth, the
tally equals the tally of the truth imported as CSV, and the digest verifies after
finalising."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ballot_csv import write_ballots_csv
from desktop_app.domain.ballot_layout import ballot_layout
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.tally import tally_to_dict
from desktop_app.scan_import import import_scans
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database, open_database
from desktop_app.store.integrity import verify_meeting
from desktop_app.store.meetings import ballot_key, save_meeting
from desktop_app.store.scans import PageStatus, scanned_pages
from desktop_app.store.tally_sql import tally_meeting
from desktop_app.store.transfer import import_ballots_file
from desktop_app.ui.entry import BallotsScreen
from desktop_app.ui.scan.review import HEAVY
from tests.ballot_meetings import ballot_meeting
from tests.scan.synth import Envelope, Scenario, SyntheticBallot, synthetic_ballot

MEETING = ballot_meeting(12, issued=(4, 4))


def truth_ballot(b: SyntheticBallot) -> Ballot:
    return Ballot(b.serial, b.type_code, {t: r.marks for t, r in b.truth.items() if r.marks})


def make_pile(db: Database, tmp_path: Path) -> tuple[int, list[SyntheticBallot], Path]:
    with db.session() as session:
        meeting_id = save_meeting(session, MEETING)
        key = ballot_key(session, meeting_id)
    layout = ballot_layout(MEETING)
    ballots = []
    for n in range(6):
        code = "A" if n % 2 == 0 else "B"
        env = Envelope(skew_deg=random.Random(n).uniform(-2, 2), noise=3, jpeg=85)
        scenario = (
            Scenario()
            if n >= 2
            else Scenario(
                empty=0.5, tick=0.5, cross=0, pencil=0, multi=0, correction=0, bigtick=0, dot=0
            )
        )
        if n == 5:  # a blank ballot: confident, but it gets a one-key look
            scenario = Scenario(
                empty=1, tick=0, cross=0, pencil=0, multi=0, correction=0, bigtick=0, dot=0
            )
        ballots.append(
            synthetic_ballot(
                MEETING,
                layout,
                key,
                code,
                f"{code}-{n // 2 + 1:03d}",
                700 + n,
                scenario=scenario,
                envelope=env,
            )
        )
    pdf = tmp_path / "pile.pdf"
    ballots[0].pages[0].save(
        pdf, save_all=True, append_images=[b.pages[0] for b in ballots[1:]], resolution=200
    )
    return meeting_id, ballots, pdf


def test_review_the_flagged_by_keys_and_the_tally_equals_the_truth(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    meeting_id, ballots, pdf = make_pile(db, tmp_path)
    result = import_scans(
        db, meeting_id, [pdf], station="扫描台", workers=1, hold_void_and_blank=True
    )
    truth = {b.serial: truth_ballot(b) for b in ballots}
    assert result.waiting >= 2  # the blank one and at least one flagged
    assert result.pages.get("confirm") == 1

    page = BallotsScreen(db, station="核对一")
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_meeting(meeting_id)
    page.tabs.setCurrentWidget(page.scan_review)
    review = page.scan_review
    review.reload()
    levels = MEETING.level_labels
    settled = heavy_seen = 0
    while review.current is not None:
        item = review.current
        serial = item.first.serial
        want = truth[serial]
        # The page image is shown with the reading drawn on it.
        assert not review.page_view.image.isNull()
        if review.flagged or item.first.reading:
            assert review.page_view.overlays
        if any(r.startswith("heavy:") for r in item.first.review):  # a red frame on it
            assert any(c == HEAVY for _r, c, _t in review.page_view.overlays)
            heavy_seen += 1
        for target in list(review.flagged):
            row = review.flagged.index(target)
            review.rows.setCurrentRow(row)
            marks = want.ticks(target)
            if not marks:
                qtbot.keyClick(review, Qt.Key.Key_0)
            elif len(marks) == 1:
                qtbot.keyClicks(review, str(levels.index(marks[0]) + 1))
            else:
                qtbot.keyClicks(review, "M")
                current = review.draft.marks[MEETING.targets.index(target)]  # type: ignore[union-attr]
                for label in levels:
                    if (label in marks) != (label in current):
                        qtbot.keyClicks(review, str(levels.index(label) + 1))
                qtbot.keyClicks(review, "M")
        qtbot.keyClick(review, Qt.Key.Key_Return)
        if review.current is item:  # a void or blank ballot: the second Enter confirms
            assert "Enter" in review.banner.text()
            qtbot.keyClick(review, Qt.Key.Key_Return)
        settled += 1
        assert settled <= len(ballots)

    assert heavy_seen >= 1  # the pile has corrections
    with db.session() as session:
        stored = {b.serial: b for b in load_ballots(session, meeting_id)}
        pages = scanned_pages(session, meeting_id)
        stations = {
            e.station for e in audit_events(session, meeting_id) if e.action == "ballot.create"
        }
        decisions = [e for e in audit_events(session, meeting_id) if e.action == "scan.decision"]
    assert stored == truth
    assert all(p.status is PageStatus.SAVED for p in pages)
    assert stations == {"扫描:扫描台", "扫描:核对一"}
    assert decisions  # every settled ballot's acceptance (and row changes) is audited

    other = open_database(tmp_path / "truth.sqlite3")
    with other.session() as session:
        other_id = save_meeting(session, MEETING)
    csv_path = tmp_path / "truth.csv"
    csv_path.write_text(write_ballots_csv(MEETING, truth.values()), "utf-8")
    import_ballots_file(other, other_id, csv_path, station="csv")
    with db.session() as s1, other.session() as s2:
        assert tally_to_dict(tally_meeting(s1, meeting_id)) == tally_to_dict(
            tally_meeting(s2, other_id)
        )
    other.close()
    # The audit sample shows the stored image beside the stored reading.
    dialog = page.ballot_list.show_sample_dialog()
    dialog.size_box.setValue(3)
    dialog.seed_edit.setText("7")
    dialog.draw()
    assert dialog.scan_choice.count() == 3
    sampled = dialog.scan_choice.currentText()
    assert sampled in dialog.evidence.caption.text()
    assert not dialog.evidence.view.image.isNull()
    drawn = sum(1 for _r, _c, text in dialog.evidence.view.overlays if text == "√")
    assert drawn == sum(len(m) for m in truth[sampled].marks.values())
    dialog.close()
    page.desk.finalise()
    with db.session() as session:
        verification = verify_meeting(session, meeting_id)
    assert verification.ok, verification.problems  # the record proves itself after finalising
    assert verification.finalised_digest == verification.digest


def test_the_window_imports_off_the_gui_thread_and_the_queue_fills(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    meeting_id, _ballots, pdf = make_pile(db, tmp_path)
    page = BallotsScreen(db, station="扫描台")
    qtbot.addWidget(page)
    page.show()
    page.set_meeting(meeting_id)
    review = page.scan_review
    assert review.current is None
    review.import_files([pdf])
    assert not review.import_button.isEnabled()  # returned at once: the reading runs aside
    qtbot.waitUntil(review.import_button.isEnabled, timeout=120_000)
    review.operations.wait()
    assert review.queue, review.banner.text()
    assert "待核对" in review.banner.text()
    with db.session() as session:
        assert len(scanned_pages(session, meeting_id)) == 6


def test_a_duplicate_page_can_be_set_aside_and_lists_are_separate(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    meeting_id, ballots, pdf = make_pile(db, tmp_path)
    first = ballots[0]
    again = tmp_path / "again.png"
    first.pages[0].rotate(180).save(again, dpi=(200, 200))
    import_scans(db, meeting_id, [pdf, again], station="扫描台", workers=1)
    page = BallotsScreen(db, station="核对一")
    qtbot.addWidget(page)
    page.show()
    page.set_meeting(meeting_id)
    review = page.scan_review
    review.queue_combo.setCurrentIndex(2)  # 票号重复
    assert len(review.queue) == 2
    assert all(q.first.status is PageStatus.DUPLICATE for q in review.queue)
    qtbot.keyClick(review, Qt.Key.Key_Delete)
    assert len(review.queue) == 1
    qtbot.keyClick(review, Qt.Key.Key_Return)
    with db.session() as session:
        assert first.serial in {b.serial for b in load_ballots(session, meeting_id)}
        statuses = sorted(
            str(p.status) for p in scanned_pages(session, meeting_id) if p.serial == first.serial
        )
    assert statuses == ["rejected", "saved"]
