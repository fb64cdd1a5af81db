"""Errors the store raises, each with a message a chair can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A problem with the data directory; the message says what to do."""


class DataFileError(StoreError):
    """A data file is damaged or unreadable. It is never overwritten."""

    def __init__(self, path: Path, problem: str, detail: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        #: What a developer needs (parser position, field paths): goes to the
        #: crash log, not on the chair's one line.
        self.detail = detail
        super().__init__(
            f"The data file {self.path} {problem}; nothing was changed. "
            "List the good copies with `dhtc-tui backups`, restore one with "
            "`dhtc-tui backups --restore FILE` (or move the damaged file aside), then start again."
        )


class NewerSchemaError(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"The data file {path} was written by a newer dhtc-tui "
            f"(schema {found}; this version reads up to {supported}). "
            "Upgrade dhtc-tui; the file was left untouched."
        )


class StoreLocked(StoreError):
    def __init__(self, directory: Path, holder: str) -> None:
        super().__init__(
            f"Another dhtc-tui ({holder}) is already using {directory}. "
            "Close it first: two copies would overwrite each other's changes."
        )


class NotFound(StoreError):
    pass


class NoStore(StoreError):
    """A read-only command was pointed at a folder holding no coalition."""
