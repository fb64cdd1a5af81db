"""A crash-safe TinyDB storage.

TinyDB's own JSONStorage rewrites its file in place (seek, write, truncate),
so a kill in the middle leaves a torn file. This storage writes the whole
database to a temporary file in the same directory, fsyncs it, renames it
over the old file with ``os.replace`` (atomic on POSIX) and fsyncs the
directory: after a kill at any instant the file is either the old version or
the new one.

It also keeps the last state in memory, so TinyDB's read-modify-write cycle
does not re-read and re-parse the file on every change. TinyDB mutates the
dict ``read()`` returns before it calls ``write()``; if the write fails the
cache is dropped so memory never claims what the disk does not hold.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .errors import DataFileError
from .platform import fsync_directory, set_mode

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def remove_stale_temp_files(directory: Path, *, recursive: bool = False) -> list[Path]:
    """Remove temp files a killed writer left behind (they hold meeting text).

    Only call this while holding the directory lock: a live writer's temp
    file looks the same.
    """
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    pattern = f"**/.*{TEMP_SUFFIX}" if recursive else f".*{TEMP_SUFFIX}"
    for candidate in directory.glob(pattern):
        try:
            if candidate.is_file():
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            pass
    return removed


def encode(data: Any) -> bytes:
    """``data`` as compact UTF-8 JSON: the bytes
    ``json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()``
    gives for the store's documents (strings, integers, lists and objects
    with string keys), in a fifth of the time (orjson; see the README).

    What orjson refuses (an integer beyond 64 bits, a string that is not
    valid Unicode) goes to the standard library, which writes it or raises
    as before. Floats are written in their shortest round-trip form, which
    may differ from ``repr`` in spelling (``1e16``, not ``1e+16``), never in
    value. Non-finite floats never reach here: :func:`read_json_file`
    refuses ``NaN`` and ``Infinity`` (they are not JSON).
    """
    try:
        return orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False).encode()


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON number")


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves old or new, never torn."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    fsync_directory(path.parent)


def read_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a TinyDB file, or say clearly why it cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise DataFileError(path, "cannot be read (permission denied)") from exc
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from exc
    if not raw.strip():
        # An existing empty file is damage (a torn copy, a full disk), never
        # a new coalition: treating it as new would rewrite it, and backups
        # of the empty file would rotate the good ones away.
        raise DataFileError(path, "is empty")
    try:
        data = json.loads(raw, parse_constant=_not_json)
    except (ValueError, UnicodeDecodeError) as exc:  # json.JSONDecodeError is a ValueError
        raise DataFileError(path, "is not valid JSON", detail=str(exc)) from exc
    except RecursionError as exc:
        raise DataFileError(path, "is not a dhtc-tui file (nested too deeply)") from exc
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    ):
        raise DataFileError(path, "does not hold TinyDB tables")
    return data


def is_good_copy(path: Path, newest_schema: int) -> bool:
    """A file the store could open: parseable tables with a known schema."""
    try:
        data = read_json_file(path)
    except DataFileError:
        return False
    if data is None:
        return False
    schema = ((data.get("_meta") or {}).get("1") or {}).get("schema")
    return isinstance(schema, int) and not isinstance(schema, bool) and 0 < schema <= newest_schema


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace + fsync, cached last state."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict[str, Any] | None = None
        self._loaded = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._cache = read_json_file(self.path)
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            self._loaded = False
            self._cache = None
            raise PermissionError(f"{self.path} is open read-only")
        payload = encode(data)
        try:
            atomic_write_bytes(self.path, payload)
        except BaseException:
            self._loaded = False
            self._cache = None
            raise
        self._cache = data
        self._loaded = True

    def close(self) -> None:
        self._cache = None
        self._loaded = False
