"""Every document kind made from a stored meeting, as the window and the CLI make it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from desktop_app.domain.timing import EventKind, SpeechEvent
from desktop_app.publish import REPORTS, make_report
from desktop_app.store.database import Database
from desktop_app.store.records import add_comment, record_event
from desktop_app.store.transfer import load_demo
from tests.reports.conftest import ReadPdf

T0 = dt.datetime(2021, 1, 20, 1, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2021, 1, 20, 16, 30, tzinfo=dt.UTC)


@pytest.fixture
def recorded(db: Database) -> int:
    meeting_id = load_demo(db)
    with db.session() as session:
        record_event(session, meeting_id, SpeechEvent(EventKind.ITEM_START, T0, 0))
        record_event(session, meeting_id, SpeechEvent(EventKind.SPEECH_START, T0, 0, "周明"))
        record_event(
            session,
            meeting_id,
            SpeechEvent(EventKind.SPEECH_STOP, T0 + dt.timedelta(seconds=312), 0, "周明"),
        )
        add_comment(
            session,
            meeting_id,
            target="临海市",
            agenda_index=1,
            author="主持人",
            text="抓党建促发展成效明显,村级集体经济仍需加力。",
        )
    return meeting_id


@pytest.mark.parametrize("kind", list(REPORTS))
def test_every_kind_opens_and_names_the_meeting(
    kind: str, db: Database, recorded: int, read_pdf: Callable[[bytes], ReadPdf]
) -> None:
    pdf = read_pdf(make_report(db, recorded, kind, now=NOW))
    assert pdf.page_count >= 1
    assert "2020年度全市基层党建工作述职评议会议" in pdf.flat
    assert REPORTS[kind][0] in pdf.flat


def test_minutes_and_feedback_carry_the_recorded_speech_and_comment(
    db: Database, recorded: int, read_pdf: Callable[[bytes], ReadPdf]
) -> None:
    minutes = read_pdf(make_report(db, recorded, "minutes", now=NOW))
    assert "5:12" in minutes.flat and "+0:12" in minutes.flat
    assert "村级集体经济仍需加力" in minutes.flat
    feedback = read_pdf(make_report(db, recorded, "feedback", now=NOW))
    assert feedback.page_count == 27
    first = "".join(feedback.pages[0].split())
    assert "临海市" in first and "村级集体经济仍需加力" in first and "+0:12" in first
    assert "村级集体经济仍需加力" not in "".join(feedback.pages[1].split())


def test_an_unknown_kind_is_bad_data(db: Database, recorded: int) -> None:
    from desktop_app.domain.errors import DataError

    with pytest.raises(DataError, match="nonsense"):
        make_report(db, recorded, "nonsense")


@pytest.mark.parametrize("kind", list(REPORTS))
def test_sixty_targets_and_three_ballot_types_stay_inside_the_page(
    kind: str, db: Database, seed_meeting: object, read_pdf: Callable[[bytes], ReadPdf]
) -> None:
    from dataclasses import replace

    from desktop_app.domain.ballots import Ballot
    from desktop_app.domain.meeting import BallotType, Category, Meeting, Speaker
    from desktop_app.store.ballots import add_ballots
    from desktop_app.store.meetings import save_meeting

    assert isinstance(seed_meeting, Meeting)
    names = [f"第{i:02d}号评议单位党委" for i in range(60)]
    meeting = replace(
        seed_meeting,
        categories=(
            Category("第一类", tuple(names[:45]), {"好": 22}),
            Category("第二类", tuple(names[45:]), {"好": 7}),
        ),
        ballot_types=(
            BallotType("A", "A票", 0.3, 3),
            BallotType("B", "B票", 0.3, 3),
            BallotType("C", "C票", 0.4, 3),
        ),
        speakers=tuple(
            Speaker(f"述职人{i}", f"书记{i}", name, written=i >= 10) for i, name in enumerate(names)
        ),
    )
    ballots = [
        Ballot(
            f"{code}-{i}",
            code,
            {t: (meeting.level_labels[(i + j) % 4],) for j, t in enumerate(names) if j % 5},
        )
        for code in ("A", "B", "C")
        for i in range(3)
    ]
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
        add_ballots(session, meeting_id, ballots)
    pdf = read_pdf(make_report(db, meeting_id, kind, now=NOW))
    if kind != "minutes":  # the minutes list speakers and comments, not every unit
        for name in names:
            assert name in pdf.flat, name
    for page in range(pdf.page_count):
        width, height = pdf.size(page)
        for box in pdf.boxes(page):
            assert box.left >= 0 and box.right <= width + 0.5, (page, box)
            assert box.top >= 0 and box.bottom <= height + 0.5, (page, box)


def test_a_comment_keeps_its_line_breaks(
    db: Database, recorded: int, read_pdf: Callable[[bytes], ReadPdf]
) -> None:
    import re

    with db.session() as session:
        add_comment(
            session,
            recorded,
            target="青川市",
            agenda_index=1,
            author="主持人",
            text="第一段。\n第二段。",
        )
    minutes = read_pdf(make_report(db, recorded, "minutes", now=NOW))
    assert re.search(r"第一段。\s*[\r\n]\s*第二段。", minutes.text)
    assert "第一段。第二段。" not in minutes.text


def test_the_result_sheet_says_provisional_until_finalised_and_warns_after_tampering(
    db: Database, db_path: object, recorded: int, read_pdf: Callable[[bytes], ReadPdf]
) -> None:
    import sqlite3

    from desktop_app.store.entry import BallotBook, finalise

    provisional = read_pdf(make_report(db, recorded, "results", now=NOW))
    assert "初步结果" in provisional.flat
    with db.session() as session:
        done = finalise(session, BallotBook.load(session, recorded))
    final = read_pdf(make_report(db, recorded, "results", now=NOW))
    assert "初步结果" not in final.flat and "定稿" in final.flat
    assert done.digest in final.flat.replace(" ", "")
    with sqlite3.connect(str(db_path)) as raw:
        raw.execute(
            "UPDATE ballot_mark SET level_id = (SELECT max(id) FROM level) "
            "WHERE rowid = (SELECT min(rowid) FROM ballot_mark)"
        )
    tampered = read_pdf(make_report(db, recorded, "results", now=NOW))
    assert "【警告】评议票数据已与" in tampered.flat
