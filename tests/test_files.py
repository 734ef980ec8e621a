"""--out and every document the app writes: atomically, through a temporary file with an
unpredictable name created exclusively (a link planted under the old predictable name is
never followed), never through a link another user planted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.domain.errors import DataError
from desktop_app.files import write_bytes


def test_a_link_planted_at_any_temporary_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "out.json"
    (tmp_path / ".out.json.tmp").symlink_to(victim)  # the name the app once used
    write_bytes(target, b"data")
    assert target.read_bytes() == b"data" and not target.is_symlink()
    assert victim.read_bytes() == b"precious"
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == [".out.json.tmp", "out.json", "victim.txt"]


def test_temporary_names_are_unpredictable_and_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names: list[str] = []
    real_replace = os.replace

    def spy(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
        names.append(Path(source).name)
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    for _ in range(3):
        write_bytes(tmp_path / "r.pdf", b"%PDF-")
    assert len(set(names)) == 3 and all(n.startswith(".r.pdf.") for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]


def test_the_mode_of_a_replaced_file_is_kept_and_a_new_one_is_not_private(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_bytes(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.csv"
    write_bytes(fresh, b"x")
    assert fresh.stat().st_mode & 0o444 == 0o444  # readable as any saved document is


@pytest.mark.skipif(os.geteuid() != 0, reason="making a link owned by another user needs root")
def test_a_link_another_user_planted_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / "results.pdf"
    link.symlink_to(victim)
    os.lchown(link, 12345, 12345)
    with pytest.raises(DataError, match="他人建立的链接"):
        write_bytes(link, b"%PDF-")
    assert victim.read_bytes() == b"precious"
