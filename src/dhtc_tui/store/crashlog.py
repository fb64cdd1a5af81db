"""Where details go that must not be printed on the terminal.

A crash shows the chair one line; the traceback (never local variables: they
hold meeting text) goes to ``crash.log`` in the data folder, readable by the
owner only. Unsaved text that cannot reach the data folder goes to a
recovery file in the temporary directory, also owner-only.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from .platform import set_mode
from .storage import FILE_MODE

CRASH_LOG = "crash.log"
#: The log is trimmed to its newest part past this size.
CRASH_LOG_LIMIT = 256 * 1024


def format_error(error: BaseException) -> str:
    """The traceback without local variables."""
    import traceback

    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def write_crash_log(data_dir: Path, text: str) -> Path | None:
    """Append ``text`` to the crash log; None if it cannot be written.

    Never creates the data folder (a mistyped --data-dir stays uncreated).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None
    path = data_dir / CRASH_LOG
    entry = f"--- {datetime.now().isoformat(timespec='seconds')} (process {os.getpid()})\n{text.rstrip()}\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        try:
            os.write(fd, entry.encode("utf-8", errors="replace"))
        finally:
            os.close(fd)
        set_mode(path, FILE_MODE)
        if path.stat().st_size > CRASH_LOG_LIMIT:
            tail = path.read_bytes()[-CRASH_LOG_LIMIT // 2 :]
            from .storage import atomic_write_bytes

            atomic_write_bytes(path, tail)
    except OSError:
        return None
    return path


def write_recovery_file(unsaved: dict[str, Any], directory: Path | None = None) -> Path | None:
    """Write unsaved changes as JSON in the temporary directory; None if even that fails."""
    import tempfile

    folder = Path(directory or tempfile.gettempdir())
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"dhtc-tui-recovery-{stamp}-{os.getpid()}.json"
    payload = json.dumps(
        {"written": datetime.now().isoformat(timespec="seconds"), **unsaved},
        ensure_ascii=False,
        indent=1,
        default=str,
    ).encode()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        return None
    return path
