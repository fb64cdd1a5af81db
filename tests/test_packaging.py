"""The wheel carries the editable texts and the minutes template."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
TEXTS = ["land-acknowledgement.txt", "confidentiality-reminder.txt", "circulation-email.txt", "circulation-email-approved.txt", "public-numbers.txt"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("dhtc_tui-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


@pytest.mark.parametrize("name", TEXTS)
def test_wheel_carries_each_text_template(wheel, name):
    packed = wheel.read(f"dhtc_tui/templates/{name}")
    assert packed == (TEMPLATES / name).read_bytes()
    assert packed.strip()


def test_wheel_carries_the_minutes_template(wheel):
    if not (TEMPLATES / "minutes.docx").exists():
        pytest.skip("templates/minutes.docx is not built yet")
    assert wheel.read("dhtc_tui/templates/minutes.docx") == (TEMPLATES / "minutes.docx").read_bytes()


def test_wheel_carries_the_code_and_the_command(wheel):
    names = set(wheel.namelist())
    for module in ("__init__.py", "__main__.py", "cli.py", "paths.py", "domain/model.py",
                   "store/repository.py", "tui/app.py", "tui/app.tcss", "domain/data/identifier_words.json"):
        assert f"dhtc_tui/{module}" in names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert "dhtc-tui = dhtc_tui.cli:main" in wheel.read(entry_points).decode()
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
