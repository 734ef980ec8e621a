"""What the phone clock is sent, and who may ask for it."""

from __future__ import annotations

import pytest

from desktop_app.domain.lectern import (
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    Display,
    Resource,
    Route,
    agenda_line,
    new_token,
    route,
    running_clock,
    snapshot,
)
from desktop_app.domain.speech_clock import Phase, SpeechClock


class HandClock:
    def __init__(self) -> None:
        self.t = 100.0

    def now(self) -> float:
        return self.t


TOKEN = "s3cret-Token_1"


@pytest.mark.parametrize(
    ("method", "target", "expected"),
    [
        ("GET", f"/{TOKEN}/", Route(200, Resource.SPEAKER)),
        ("GET", f"/{TOKEN}/chair", Route(200, Resource.CHAIR)),
        ("GET", f"/{TOKEN}/lectern.js?v=1", Route(200, Resource.SCRIPT)),
        ("GET", f"/{TOKEN}/lectern.css", Route(200, Resource.STYLE)),
        ("GET", f"/{TOKEN}/time", Route(200, Resource.TIME)),
        ("GET", f"/{TOKEN}/state#x", Route(200, Resource.STATE)),
        ("GET", f"/{TOKEN}/ws", Route(200, Resource.SOCKET)),
        ("GET", f"/{TOKEN}/ballots", NOT_FOUND),
        ("GET", f"/{TOKEN}", FORBIDDEN),
        ("GET", "/", FORBIDDEN),
        ("GET", "/lectern.js", FORBIDDEN),
        ("GET", f"/{TOKEN[:-1]}/", FORBIDDEN),
        ("GET", f"/{TOKEN}/chair/x", FORBIDDEN),
        ("GET", f"/x/{TOKEN}/", FORBIDDEN),
        ("GET", f"http://host/{TOKEN}/", FORBIDDEN),
        ("POST", "/", FORBIDDEN),
        ("POST", f"/{TOKEN}/state", NOT_ALLOWED),
        ("PUT", f"/{TOKEN}/", NOT_ALLOWED),
        ("DELETE", f"/{TOKEN}/ws", NOT_ALLOWED),
        ("get", f"/{TOKEN}/", NOT_ALLOWED),
    ],
)
def test_route(method: str, target: str, expected: Route) -> None:
    assert route(method, target, TOKEN) == expected


def test_no_token_no_page() -> None:
    assert route("GET", "//", "") == FORBIDDEN


def test_tokens_are_fresh_and_fit_in_a_path() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) >= 16 and "/" not in t and "?" not in t for t in tokens)


def test_a_running_clock_is_a_start_mark_that_does_not_move() -> None:
    clock = HandClock()
    speech = SpeechClock(300, clock)
    assert running_clock(speech, count_up=False, now=clock.now()) is None  # idle
    speech.start()
    clock.t += 12.25
    first = running_clock(speech, count_up=False, now=clock.now())
    clock.t += 7.5
    second = running_clock(speech, count_up=False, now=clock.now())
    assert first == second
    assert first is not None and first.start_mark == 100.0 and first.allowed_s == 300
    speech.adjust(30)
    adjusted = running_clock(speech, count_up=False, now=clock.now())
    assert adjusted is not None and adjusted.allowed_s == 330
    speech.pause()
    clock.t += 40
    assert running_clock(speech, count_up=False, now=clock.now()) is None
    speech.resume()  # the pause moves the mark by its length
    resumed = running_clock(speech, count_up=False, now=clock.now())
    assert resumed is not None and resumed.start_mark == 140.0


def test_the_snapshot_of_a_running_clock_does_not_change_with_time() -> None:
    clock = HandClock()
    speech = SpeechClock(300, clock)
    speech.start()

    def shot() -> dict[str, object]:
        run = running_clock(speech, count_up=False, now=clock.now())
        display = Display("周明", "某县", timed=True, text=speech.display(),
                          phase=speech.phase(), progress=0.1, running=run)  # fmt: skip
        since = clock.now() - 100.0
        line = agenda_line(1, "述职发言", planned_s=1500, started="09:00", length_s=None,
                           running_for_s=since, current=True, now=clock.now())  # fmt: skip
        return snapshot(display, [line])

    first = shot()
    clock.t += 3.3
    assert shot() == first
    assert first["text"] == "" and first["phase"] is None  # the page computes them
    assert first["agenda"] == [  # type: ignore[comparison-overlap]
        {"number": 1, "title": "述职发言", "planned_s": 1500, "started": "09:00",
         "length_s": None, "since_mark": 100.0, "current": True}
    ]  # fmt: skip


def test_a_clock_standing_still_is_sent_as_shown() -> None:
    display = Display("吴建国", timed=True, text="+0:12", phase=Phase.OVERTIME, progress=1.0,
                      paused=True, message="请结束", blackout=True)  # fmt: skip
    shot = snapshot(display)
    assert (shot["text"], shot["phase"], shot["progress"]) == ("+0:12", "overtime", 1.0)
    assert shot["paused"] is True
    assert (shot["message"], shot["blackout"], shot["running"]) == ("请结束", True, None)
