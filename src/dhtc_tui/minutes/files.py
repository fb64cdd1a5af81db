"""Writing exported files so nothing half-written is ever left behind."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import MinutesError

TEMP_SUFFIX = ".tmp"
#: Minutes and e-mail drafts hold confidential text: owner-only by default.
PRIVATE_MODE = 0o600


def temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_target(path: Path, force: bool) -> None:
    """Refuse a file that exists (unless ``force``) or a folder that does not."""
    path = Path(path)
    if path.is_dir():
        raise MinutesError(f"{path} is a folder; give a file name to write.")
    if path.exists() and not force:
        raise MinutesError(f"{path} already exists; use --force to replace it.")
    if not path.parent.is_dir():
        raise MinutesError(f"The folder {path.parent} does not exist.")


#: Folders made for exports: owner-only, like the files in them.
PRIVATE_DIR_MODE = 0o700


def make_folder(path: Path) -> None:
    """Create ``path`` and any missing parents, owner-only (0700)."""
    path = Path(path)
    if path.is_dir():
        return
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_DIR_MODE)
            os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is cut by the umask
    except OSError as exc:
        raise MinutesError(f"Cannot create the folder {path}: {_why(exc)}.") from None


def atomic_write(path: Path, payload: bytes, mode: int = PRIVATE_MODE) -> None:
    """Write ``payload`` to a temp file beside ``path``, fsync, then rename it
    over ``path``: a crash or an error leaves the old file or the new one,
    never a torn one, and no temp file."""
    path = Path(path)
    tmp = temp_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    except OSError as exc:
        raise MinutesError(f"Cannot write to the folder {path.parent}: {_why(exc)}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise MinutesError(f"Cannot write {path}: {_why(exc)}.") from None
    except BaseException:
        _unlink(tmp)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_all(payloads: list[tuple[Path, bytes]], force: bool) -> list[Path]:
    """Check every target first, then write each (0600, atomically); a
    failure removes the files this call created, so a set of documents is
    written whole or not at all."""
    for path, _ in payloads:
        check_target(path, force)
    existed = {path: path.exists() for path, _ in payloads}
    written: list[Path] = []
    try:
        for path, payload in payloads:
            atomic_write(path, payload)
            written.append(path)
    except BaseException:
        for path in written:
            if not existed[path]:
                try:
                    path.unlink()
                except OSError:
                    pass
        raise
    return written
