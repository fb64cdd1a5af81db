"""The few things that differ between Linux, macOS and Windows.

Each is a small function so the rest of the store never asks which platform
it runs on, and so a test can take the POSIX-only piece away (``fcntl``
blocked from import stands in for Windows here).
"""

from __future__ import annotations

import os
from pathlib import Path

try:  # POSIX only; Windows has no fcntl and no directory descriptors
    import fcntl as _fcntl
except ImportError:  # pragma: no cover - exercised in a subprocess test
    _fcntl = None

#: Permission bits mean something (POSIX). On Windows chmod only flips the
#: read-only flag, and a folder's privacy comes from the user profile's ACLs.
POSIX = os.name == "posix"
HAVE_FCNTL = _fcntl is not None


def fsync_directory(directory: Path) -> bool:
    """Make a rename in ``directory`` durable; False where the platform cannot.

    Windows cannot open a directory for fsync, and some file systems (network
    shares, FAT sticks) refuse it; the rename itself is still atomic there.
    """
    if not POSIX:
        return False
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return False
    try:
        os.fsync(fd)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def set_mode(path: Path, mode: int) -> bool:
    """chmod where permission bits exist; False if skipped or refused."""
    if not POSIX:
        return False
    try:
        os.chmod(path, mode)
        return True
    except OSError:
        return False


def looser_than(path: Path, mode: int) -> bool:
    """True if ``path`` lets anyone but its owner in, beyond ``mode``."""
    if not POSIX:
        return False
    try:
        current = os.stat(path).st_mode & 0o777
    except OSError:
        return False
    return bool(current & ~mode)


def lock_directory(directory: Path) -> int | None:
    """flock the directory's own descriptor (survives ``rm .lock``).

    Returns the descriptor to keep open, None where the platform has no such
    lock; raises BlockingIOError if another process holds it.
    """
    if _fcntl is None:
        return None
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return None
    try:
        _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise
    except OSError:  # a file system without flock: the lock file still guards
        os.close(fd)
        return None
    return fd


def unlock_directory(fd: int | None) -> None:
    if fd is None:
        return
    try:
        if _fcntl is not None:
            _fcntl.flock(fd, _fcntl.LOCK_UN)
    finally:
        os.close(fd)


def process_alive(pid: int) -> bool | None:
    """Whether ``pid`` runs on this machine; None where we cannot tell.

    Only POSIX: on Windows ``os.kill`` would end the process instead.
    """
    if not POSIX or pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True
