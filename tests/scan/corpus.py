"""A synthetic corpus read end to end, with the figures a threshold change is reviewed by:
misread-unflagged rows (must be 0), flag rate per row and per ballot, reasons, pages refused,
and the feature distributions per true state. Used by the slow test and the benchmark."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from desktop_app.domain.ballot_layout import ballot_layout
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.omr import CellMeasure
from desktop_app.scan.read import ReadContext, read_page
from tests.scan.conftest import Misread, as_page, misreads
from tests.scan.synth import Scenario, synthetic_ballot


@dataclass
class CorpusReport:
    ballots: int = 0
    rows: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    flagged_rows: int = 0
    flagged_ballots: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    wrong: list[tuple[int, Misread]] = field(default_factory=list)
    features: dict[str, list[CellMeasure]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        read = self.ballots - sum(self.refused.values())
        out = [
            f"ballots {self.ballots}, read {read}, refused {dict(self.refused)}",
            f"rows read {self.rows}; misread and not flagged: {len(self.wrong)}",
            f"rows flagged {self.flagged_rows} ({self.flagged_rows / max(self.rows, 1):.1%}); "
            f"ballots with a flag {self.flagged_ballots} "
            f"({self.flagged_ballots / max(read, 1):.1%}); reasons {dict(self.reasons)}",
        ]
        for kind, cells in sorted(self.features.items()):
            if not cells:
                continue
            dark = sorted(c.dark_mm2 for c in cells)
            ext = sorted(c.extent_mm for c in cells)
            out.append(
                f"  {kind:8} n={len(cells):5}  dark mm² p1 {_p(dark, 1):5.2f} median "
                f"{statistics.median(dark):5.2f} p99 {_p(dark, 99):5.2f}  extent mm p1 "
                f"{_p(ext, 1):4.2f} median {statistics.median(ext):4.2f}"
            )
        return out


def _p(values: list[float], pct: float) -> float:
    return values[min(len(values) - 1, int(len(values) * pct / 100))]


def run_corpus(
    meeting: Meeting, key: str, seeds: range, scenario: Scenario | None = None
) -> CorpusReport:
    layout = ballot_layout(meeting)
    ctx = ReadContext(meeting, key)
    report = CorpusReport()
    serials = [(t.code, n) for t in meeting.ballot_types for n in range(1, (t.issued or 1) + 1)]
    width = max(3, len(str(max(n for _, n in serials))))
    for seed in seeds:
        code, n = serials[seed % len(serials)]
        ballot = synthetic_ballot(
            meeting, layout, key, code, f"{code}-{n:0{width}d}", seed, scenario=scenario
        )
        reading = read_page(as_page(ballot.pages[0]), ctx)
        report.ballots += 1
        if reading.reasons:
            report.refused.update(str(r) for r in reading.reasons)
            continue
        report.rows += len(reading.rows)
        flagged = [r for r in reading.rows if not r.confident]
        report.flagged_rows += len(flagged)
        report.flagged_ballots += bool(flagged)
        for row in flagged:
            report.reasons.update(str(x) for x in row.reasons)
        report.wrong += [(seed, m) for m in misreads(reading.rows, ballot.truth)]
        for (target, cells), row in zip(reading.measures, reading.rows, strict=True):
            truth = ballot.truth[target]
            for level, cell in zip(layout.levels, cells, strict=True):
                kind = (
                    "ambig"
                    if truth.ambiguous and level in truth.marks
                    else ("marked" if level in truth.marks else "empty")
                )
                report.features.setdefault(kind, []).append(cell)
            del row
    return report
