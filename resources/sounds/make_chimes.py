"""Make the run screen's chimes: ``uv run python resources/sounds/make_chimes.py``.

Pure synthesis (no samples, no licence to track): each note is a bell-like sum of a
fundamental and a few inharmonic partials, each with its own exponential decay, and a
5 ms fade-in so it does not click. 44.1 kHz, 16-bit mono WAV.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
HERE = Path(__file__).parent
# (frequency ratio, relative loudness, decay per second): a soft tubular-bell spectrum.
PARTIALS = ((1.0, 1.0, 2.2), (2.0, 0.45, 3.0), (2.76, 0.25, 4.5), (5.4, 0.08, 7.0))


def bell(frequency: float, seconds: float) -> list[float]:
    samples = []
    for n in range(int(RATE * seconds)):
        t = n / RATE
        value = sum(
            loud * math.exp(-decay * t) * math.sin(2 * math.pi * frequency * ratio * t)
            for ratio, loud, decay in PARTIALS
        )
        samples.append(value * min(t / 0.005, 1.0))
    return samples


def mix(notes: list[tuple[float, float, float]], seconds: float) -> list[float]:
    """``notes``: (start time, frequency, length); the sum normalised to -3 dBFS."""
    out = [0.0] * int(RATE * seconds)
    for start, frequency, length in notes:
        offset = int(start * RATE)
        for i, value in enumerate(bell(frequency, length)):
            if offset + i < len(out):
                out[offset + i] += value
    peak = max(abs(v) for v in out) or 1.0
    return [v / peak * 0.7 for v in out]


def write(name: str, samples: list[float]) -> None:
    with wave.open(str(HERE / name), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", int(v * 32767)) for v in samples))


def main() -> None:
    # One minute left: a gentle rising pair, E5 then A5.
    write("warning.wav", mix([(0.0, 659.25, 1.2), (0.18, 880.0, 1.2)], 1.4))
    # Time is up: a falling three-note bell, A5, E5, A4.
    write("end.wav", mix([(0.0, 880.0, 1.3), (0.22, 659.25, 1.3), (0.44, 440.0, 1.5)], 2.0))


if __name__ == "__main__":
    main()
