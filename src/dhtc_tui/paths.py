"""Where things live: the data directory and the editable templates."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "dhtc-tui"
DATA_DIR_ENV = "DHTC_DATA_DIR"
TEMPLATES_ENV = "DHTC_TEMPLATES_DIR"


def data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """``--data-dir``, else ``$DHTC_DATA_DIR``, else the platform's user data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def templates_dir() -> Path:
    """The editable texts and the minutes template.

    ``$DHTC_TEMPLATES_DIR`` wins (tests, a coalition's own wording); then the
    copy packed into an installed wheel; then the repository's ``templates/``
    (editable installs and a plain checkout).
    """
    env = os.environ.get(TEMPLATES_ENV)
    if env:
        return Path(env).expanduser()
    from importlib import resources  # costs as much as the CLI itself; only templates need it

    packed = Path(str(resources.files("dhtc_tui"))) / "templates"
    if packed.is_dir():
        return packed
    return Path(__file__).resolve().parents[2] / "templates"


class TemplateError(Exception):
    """A template file is missing or unreadable; the message names it."""


def read_template_text(name: str) -> str:
    path = templates_dir() / name
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise TemplateError(
            f"The template {path} is missing. Reinstall dhtc-tui or restore the file."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"The template {path} cannot be read ({exc}).") from None
