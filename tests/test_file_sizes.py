"""Files that each do one thing: no source file under ``tui/`` or
``minutes/`` grows past 700 lines (a longer one is split at its seams, as
the motion screen and the minutes' wording were)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dhtc_tui

LIMIT = 700
PACKAGE = Path(dhtc_tui.__file__).parent
CHECKED = [PACKAGE / "tui", PACKAGE / "minutes"]


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _too_long(roots: list[Path]) -> list[str]:
    return [
        f"{path.relative_to(root.parent)}: {_lines(path)} lines"
        for root in roots
        for path in sorted(root.rglob("*.py"))
        if _lines(path) > LIMIT
    ]


def test_the_checked_folders_hold_source():
    for root in CHECKED:
        assert len(list(root.rglob("*.py"))) >= 5, root


@pytest.mark.parametrize("root", CHECKED, ids=lambda p: p.name)
def test_no_source_file_is_longer_than_the_limit(root):
    assert _too_long([root]) == []


def test_the_check_itself_sees_a_long_file(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "short.py").write_text("x = 1\n" * LIMIT)
    (tmp_path / "pkg" / "long.py").write_text("x = 1\n" * (LIMIT + 1))
    assert _too_long([tmp_path / "pkg"]) == [f"pkg/long.py: {LIMIT + 1} lines"]
