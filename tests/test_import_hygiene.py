"""The domain is plain Python: importing it pulls in no Textual, TinyDB or docx.

Each module is imported in a fresh interpreter, so one test's imports cannot
hide another module's.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import dhtc_tui.domain

FORBIDDEN = ("textual", "tinydb", "docx")
DOMAIN_MODULES = ["dhtc_tui.domain"] + sorted(
    f"dhtc_tui.domain.{info.name}" for info in pkgutil.iter_modules(dhtc_tui.domain.__path__)
)

CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
print(" ".join(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""


def test_every_domain_module_is_checked():
    for name in ("model", "validation", "attendance", "agenda", "membership", "voting"):
        assert f"dhtc_tui.domain.{name}" in DOMAIN_MODULES


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_no_ui_storage_or_docx(module):
    done = subprocess.run(
        [sys.executable, "-c", CHECK, module, *FORBIDDEN],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"{module} imports {done.stdout.strip()}"


def test_the_check_itself_sees_a_forbidden_import():
    done = subprocess.run(
        [sys.executable, "-c", CHECK, "dhtc_tui.store.repository", *FORBIDDEN],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["tinydb"]
