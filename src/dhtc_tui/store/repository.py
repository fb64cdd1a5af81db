"""The coalition's data directory, on TinyDB.

Layout (every file a TinyDB database written by ``AtomicJSONStorage``)::

    DATA_DIR/
      coalition.json       settings, members, action items, applications,
                           and a small index of meetings
      meetings/<id>.json   one file per meeting (what the minute taker types)
      backups/<file>/<stamp>.json   rolling copies, newest last
      .lock                held while an app instance uses the directory

Saving a meeting rewrites only that meeting's file, so a keystroke-level save
costs the same in the tenth year as in the first. Only this package imports
TinyDB.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from dataclasses import dataclass
from datetime import date, datetime  # noqa: F401 (date: MeetingRef hints, read by cattrs)
from pathlib import Path
from typing import Any, Iterable, TypeVar

import cattrs
from tinydb import Query, TinyDB
from tinydb.table import Document

from ..domain.model import (
    ActionItem,
    Application,
    Meeting,
    MeetingStatus,
    Member,
    MinutesStatus,
    Settings,
)
from ..domain.evote import EVote
from .codec import from_doc, to_doc
from .errors import DataFileError, NewerSchemaError, NotFound, StoreLocked
from .storage import (
    DIR_MODE,
    AtomicJSONStorage,
    atomic_write_bytes,
    read_json_file,
    remove_stale_temp_files,
)

#: 2: coalition.json gains the ``evotes`` table (decisions between meetings).
SCHEMA_VERSION = 2
BACKUPS_KEPT = 10
COALITION_FILE = "coalition.json"
MEETINGS_DIR = "meetings"
BACKUPS_DIR = "backups"
LOCK_FILE = ".lock"

T = TypeVar("T")


@dataclass(frozen=True)
class MeetingRef:
    """What the coalition file knows of a meeting without opening it."""

    id: str
    date: date
    status: MeetingStatus
    minutes_status: MinutesStatus

    @classmethod
    def of(cls, meeting: Meeting) -> "MeetingRef":
        return cls(meeting.id, meeting.date, meeting.status, meeting.minutes_status)


def ensure_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    try:
        os.chmod(path, DIR_MODE)
    except OSError:
        pass


class DirectoryLock:
    """One app instance per data directory (flock: released if killed)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = os.read(fd, 200).decode(errors="replace").strip()
            finally:
                os.close(fd)
            raise StoreLocked(self.path.parent, holder or "another process") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"process {os.getpid()}".encode())
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class Store:
    """Every read and write of the coalition's data goes through here.

    Methods are serialised by a lock, so the app may call them from its
    single writer thread while the interface thread reads.
    """

    def __init__(self, data_dir: Path, *, lock: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self._mutex = threading.RLock()
        self._lock = DirectoryLock(self.data_dir) if lock else None
        self._meeting_dbs: dict[str, TinyDB] = {}
        self._coalition: TinyDB | None = None
        self._checked: tuple | None = None

    # -- lifecycle ---------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, *, lock: bool = True) -> "Store":
        """Open (creating if new) and check the coalition file.

        Raises StoreLocked, DataFileError or NewerSchemaError with a message
        for the chair; never overwrites a file it cannot read.
        """
        store = cls(data_dir, lock=lock)
        ensure_private_dir(store.data_dir)
        ensure_private_dir(store.meetings_dir)
        if store._lock is not None:
            store._lock.acquire()
        try:
            remove_stale_temp_files(store.data_dir)
            remove_stale_temp_files(store.meetings_dir)
            store._coalition = store._open_db(store.coalition_path)
            # Read everything once so a damaged record is found now, not
            # mid-meeting; the app takes these objects instead of reading twice.
            store._checked = (
                store.settings(),
                store.members(),
                store.action_items(),
                store.applications(),
                store.meetings(),
            )
        except BaseException:
            store.close()
            raise
        return store

    def take_checked(self) -> tuple | None:
        """What ``open`` read and checked (settings, members, action items,
        applications, meetings), once, if nothing was written since; later
        reads go to the files."""
        checked, self._checked = self._checked, None
        return checked

    def close(self) -> None:
        with self._mutex:
            for db in self._meeting_dbs.values():
                db.close()
            self._meeting_dbs.clear()
            if self._coalition is not None:
                self._coalition.close()
                self._coalition = None
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def coalition_path(self) -> Path:
        return self.data_dir / COALITION_FILE

    @property
    def meetings_dir(self) -> Path:
        return self.data_dir / MEETINGS_DIR

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / BACKUPS_DIR

    def meeting_path(self, meeting_id: str) -> Path:
        return self.meetings_dir / f"{meeting_id}.json"

    def _open_db(self, path: Path) -> TinyDB:
        existing = read_json_file(path)  # raises DataFileError, never writes
        db = TinyDB(path, storage=AtomicJSONStorage)
        meta = db.table("_meta")
        if existing is None:
            meta.upsert(Document({"schema": SCHEMA_VERSION}, doc_id=1))
            os.chmod(path, 0o600)
            return db
        record = meta.get(doc_id=1)
        schema = record.get("schema") if record else None
        if not isinstance(schema, int) or isinstance(schema, bool):
            db.close()
            raise DataFileError(path, "has no schema version (not a dhtc-tui file?)")
        if schema > SCHEMA_VERSION:
            db.close()
            raise NewerSchemaError(path, schema, SCHEMA_VERSION)
        _migrate(db, path, schema)
        return db

    def _db(self) -> TinyDB:
        if self._coalition is None:
            raise RuntimeError("store is closed")
        return self._coalition

    def _structure(self, path: Path, doc: Any, kind: type[T]) -> T:
        try:
            return from_doc(doc, kind)
        except cattrs.BaseValidationError as exc:
            where = "; ".join(cattrs.transform_error(exc, path=kind.__name__.lower()))
            raise DataFileError(path, f"holds a record that cannot be read ({where})") from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise DataFileError(
                path, f"holds a {kind.__name__.lower()} record that cannot be read ({exc})"
            ) from exc

    def _all(self, table: str, kind: type[T]) -> list[T]:
        with self._mutex:
            return [
                self._structure(self.coalition_path, doc, kind)
                for doc in self._db().table(table).all()
            ]

    def _upsert(self, table: str, obj: Any) -> None:
        with self._mutex:
            self._checked = None
            self._db().table(table).upsert(to_doc(obj), Query().id == obj.id)

    # -- coalition ---------------------------------------------------------

    def is_empty(self) -> bool:
        with self._mutex:
            return not self._db().table("members").all() and not self.meetings()

    def settings(self) -> Settings:
        with self._mutex:
            doc = self._db().table("settings").get(doc_id=1)
        if doc is None:
            return Settings()
        return self._structure(self.coalition_path, doc, Settings)

    def save_settings(self, settings: Settings) -> None:
        with self._mutex:
            self._checked = None
            self._db().table("settings").upsert(Document(to_doc(settings), doc_id=1))

    def members(self) -> list[Member]:
        return self._all("members", Member)

    def save_member(self, member: Member) -> None:
        self._upsert("members", member)

    def action_items(self) -> list[ActionItem]:
        items = self._all("actions", ActionItem)
        return sorted(items, key=lambda a: a.number)

    def save_action_item(self, item: ActionItem) -> None:
        self._upsert("actions", item)

    def applications(self) -> list[Application]:
        return self._all("applications", Application)

    def save_application(self, application: Application) -> None:
        self._upsert("applications", application)

    def save_many(
        self,
        members: Iterable[Member] = (),
        actions: Iterable[ActionItem] = (),
        applications: Iterable[Application] = (),
        settings: Settings | None = None,
    ) -> None:
        """Write many coalition records in one atomic file write."""
        with self._mutex:
            self._checked = None
            db = self._db()
            tables = db.storage.read() or {}
            for name, objs in (
                ("members", members),
                ("actions", actions),
                ("applications", applications),
            ):
                table = dict(tables.get(name, {}))
                by_id = {doc.get("id"): key for key, doc in table.items()}
                next_key = max((int(k) for k in table), default=0) + 1
                for obj in objs:
                    key = by_id.get(obj.id)
                    if key is None:
                        key = str(next_key)
                        next_key += 1
                    table[key] = to_doc(obj)
                tables[name] = table
            if settings is not None:
                tables["settings"] = {"1": to_doc(settings)}
            db.storage.write(tables)
            for name in db.tables():
                db.table(name).clear_cache()

    # -- meetings ----------------------------------------------------------

    def meetings(self) -> list[MeetingRef]:
        """Every meeting, oldest first, from the index (no meeting file opened)."""
        refs = self._all("meetings", MeetingRef)
        return sorted(refs, key=lambda r: (r.date, r.id))

    def _meeting_db(self, meeting_id: str, create: bool = False) -> TinyDB:
        db = self._meeting_dbs.get(meeting_id)
        if db is None:
            path = self.meeting_path(meeting_id)
            if not create and not path.exists():
                raise NotFound(f"No meeting file for meeting {meeting_id} ({path}).")
            db = self._open_db(path)
            self._meeting_dbs[meeting_id] = db
        return db

    def load_meeting(self, meeting_id: str) -> Meeting:
        with self._mutex:
            db = self._meeting_db(meeting_id)
            doc = db.table("meeting").get(doc_id=1)
            if doc is None:
                raise DataFileError(self.meeting_path(meeting_id), "holds no meeting")
            return self._structure(self.meeting_path(meeting_id), doc, Meeting)

    def save_meeting(self, meeting: Meeting) -> None:
        self.save_meeting_doc(meeting.id, to_doc(meeting), MeetingRef.of(meeting))

    def save_meeting_doc(self, meeting_id: str, doc: dict, ref: MeetingRef) -> None:
        """Write an already serialised meeting (the app snapshots on its own thread)."""
        with self._mutex:
            self._checked = None
            db = self._meeting_db(meeting_id, create=True)
            db.table("meeting").upsert(Document(doc, doc_id=1))
            self._update_index(ref)

    def _update_index(self, ref: MeetingRef) -> None:
        table = self._db().table("meetings")
        current = table.get(Query().id == ref.id)
        wanted = to_doc(ref)
        if current is None or dict(current) != wanted:
            table.upsert(wanted, Query().id == ref.id)

    def load_meetings(self, refs: Iterable[MeetingRef]) -> list[Meeting]:
        return [self.load_meeting(r.id) for r in refs]

    # -- decisions between meetings ----------------------------------------

    def evotes(self) -> list[EVote]:
        return sorted(self._all("evotes", EVote), key=lambda v: v.number)

    def save_evote(self, vote: EVote) -> None:
        self._upsert("evotes", vote)

    # -- backups -----------------------------------------------------------

    def backup(self, meeting_ids: Iterable[str] = (), keep: int = BACKUPS_KEPT) -> list[Path]:
        """Copy the coalition file (and the given meetings) into backups/."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        made = []
        with self._mutex:
            sources = [self.coalition_path] + [self.meeting_path(i) for i in meeting_ids]
            for source in sources:
                if not source.exists():
                    continue
                folder = self.backups_dir / source.stem
                ensure_private_dir(self.backups_dir)
                ensure_private_dir(folder)
                target = folder / f"{stamp}.json"
                atomic_write_bytes(target, source.read_bytes())
                made.append(target)
                for old in sorted(folder.glob("*.json"))[:-keep]:
                    old.unlink()
        return made


def _migrate(db: TinyDB, path: Path, schema: int) -> None:
    """Bring an older file up to SCHEMA_VERSION in one atomic write; the
    file as it was is copied to backups/ first."""
    if schema >= SCHEMA_VERSION:
        return
    folder = path.parent / BACKUPS_DIR / path.stem
    if path.name != COALITION_FILE:
        folder = path.parent.parent / BACKUPS_DIR / path.stem
    ensure_private_dir(folder.parent)
    ensure_private_dir(folder)
    atomic_write_bytes(folder / f"{datetime.now():%Y%m%d-%H%M%S-%f}.json", path.read_bytes())
    tables = db.storage.read() or {}
    if schema < 2 and path.name == COALITION_FILE:
        tables.setdefault("evotes", {})
    tables["_meta"] = {"1": {"schema": SCHEMA_VERSION}}
    db.storage.write(tables)
    for name in db.tables():
        db.table(name).clear_cache()


def list_backups(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / BACKUPS_DIR
    return sorted(folder.glob("*/*.json")) if folder.is_dir() else []


def restore_backup(data_dir: Path, backup: Path) -> Path:
    """Put a backup copy back in place; the replaced file is itself kept aside."""
    data_dir = Path(data_dir)
    backup = Path(backup)
    if not backup.is_file():
        raise NotFound(f"No backup file {backup}.")
    contents = read_json_file(backup)  # refuse to restore a damaged copy
    if backup.parent.parent.name != BACKUPS_DIR:
        raise NotFound(f"{backup} is not in a backups folder (DATA_DIR/backups/<file>/<copy>.json).")
    stem = backup.parent.name
    if stem == Path(COALITION_FILE).stem:
        target = data_dir / COALITION_FILE
    elif (data_dir / MEETINGS_DIR / f"{stem}.json").exists() or any(
        isinstance(doc, dict) and doc.get("id") == stem
        for doc in ((contents or {}).get("meeting") or {}).values()
    ):
        target = data_dir / MEETINGS_DIR / f"{stem}.json"
    else:
        raise NotFound(f"{backup} is not a copy of the coalition file or of a known meeting.")
    schema = (((contents or {}).get("_meta") or {}).get("1") or {}).get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA_VERSION:
        raise NewerSchemaError(backup, schema, SCHEMA_VERSION)
    lock = DirectoryLock(data_dir)
    lock.acquire()
    try:
        if target.exists():
            aside = target.with_name(
                f"{target.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}.json"
            )
            shutil.copy2(target, aside)
            os.chmod(aside, 0o600)
        atomic_write_bytes(target, backup.read_bytes())
    finally:
        lock.release()
    return target
