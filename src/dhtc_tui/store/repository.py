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

import os
import threading
import time
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime  # noqa: F401 (date: MeetingRef hints, read by cattrs)
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, TypeVar

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
from .codec import from_doc, to_doc
from .errors import DataFileError, NewerSchemaError, NoStore, NotFound, StoreError, StoreLocked
from .integrity import coalition_member_refs, first_unknown, meeting_member_refs
from .platform import (
    HAVE_FCNTL,
    lock_directory,
    looser_than,
    process_alive,
    set_mode,
    unlock_directory,
)
from .storage import (
    DIR_MODE,
    FILE_MODE,
    AtomicJSONStorage,
    atomic_write_bytes,
    encode,
    is_good_copy,
    read_json_file,
    remove_stale_temp_files,
)

if TYPE_CHECKING:  # the e-vote rules load when e-votes are read, not at every start
    from ..domain.evote import EVote

#: 2: coalition.json gains the ``evotes`` table (decisions between meetings).
SCHEMA_VERSION = 2
BACKUPS_KEPT = 10
COALITION_FILE = "coalition.json"
MEETINGS_DIR = "meetings"
BACKUPS_DIR = "backups"
LOCK_FILE = ".lock"
CRASH_LOG = "crash.log"  # written by store/crashlog.py

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
    """Create ``path`` and every missing parent as 0700, whatever the umask.

    ``mkdir(mode=...)`` is filtered by the umask and ``parents=True`` gives
    the parents the default mode, so each new folder is chmodded itself.
    """
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            pass
        set_mode(folder, DIR_MODE)
    if not path.is_dir():
        raise StoreError(f"{path} is a file, not a folder: point --data-dir at a folder.")
    set_mode(path, DIR_MODE)


def tighten_permissions(data_dir: Path) -> list[Path]:
    """Make every data file 0600 and folder 0700; return what was too open."""
    loose: list[Path] = []
    folders = [data_dir, data_dir / MEETINGS_DIR, data_dir / BACKUPS_DIR]
    backups = data_dir / BACKUPS_DIR
    if backups.is_dir():
        folders += [p for p in backups.iterdir() if p.is_dir()]
    files = [data_dir / COALITION_FILE, data_dir / LOCK_FILE, data_dir / CRASH_LOG]
    for folder in folders[1:]:
        if folder.is_dir():
            files += list(folder.glob("*.json"))
    for folder in folders:
        if folder.is_dir() and looser_than(folder, DIR_MODE):
            loose.append(folder)
            set_mode(folder, DIR_MODE)
    for path in files:
        if path.is_file() and looser_than(path, FILE_MODE):
            loose.append(path)
            set_mode(path, FILE_MODE)
    return loose


def _holder_pid(text: str) -> int | None:
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = first.removeprefix("process ").strip()
    return int(first) if first.isdigit() else None


class DirectoryLock:
    """One app instance per data directory.

    On Linux and macOS the lock is ``flock`` on the directory's own
    descriptor (``platform.lock_directory``): the OS releases it if the
    holder is killed, so nothing stale ever blocks a start, and deleting
    ``.lock`` while the app runs does not let a second copy in. ``.lock``
    then only names the holder, for the refusal message.

    Where there is no such lock (Windows; a file system without flock)
    ``filelock`` locks ``.lock`` itself: msvcrt's lock on Windows, else its
    soft lock (the file's existence), which a killed holder would leave
    behind for ever: there a lock file naming a process that no longer runs
    is removed first. filelock is imported only then: its import costs
    about 40 ms of every start (a tenth of a bare Textual app's).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / LOCK_FILE
        self._lock = None
        self._dir_fd: int | None = None

    def _holder(self) -> str:
        try:
            pid = _holder_pid(self.path.read_text(errors="replace"))
        except OSError:
            pid = None
        return f"process {pid}" if pid else "another process"

    #: An empty soft lock file younger than this may be a holder that has
    #: created it and not yet written its process id.
    FRESH_SECONDS = 10.0

    def _clear_stale_soft_lock(self) -> None:
        try:
            text = self.path.read_text(errors="replace")
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return
        pid = _holder_pid(text)
        if pid is None:
            stale = age > self.FRESH_SECONDS
        else:
            stale = process_alive(pid) is False
        if stale:
            try:
                self.path.unlink()
            except OSError:
                pass

    def acquire(self) -> None:
        # Read who holds it first: some filelock versions truncate the file
        # when they try (and fail) to lock it.
        holder = self._holder()
        try:
            self._dir_fd = lock_directory(self.directory)
        except BlockingIOError:
            raise StoreLocked(self.directory, holder) from None
        if self._dir_fd is None:
            self._lock = self._lock_file(holder)
        try:
            self._write_holder()
        except OSError:  # a read-only folder: refused here, as a first save would be
            self.release()
            raise
        set_mode(self.path, FILE_MODE)

    def _lock_file(self, holder: str):
        """filelock on ``.lock``, where the directory cannot be flocked."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "only soft file lock is available"
            import filelock

            # fcntl without flock here (some network file systems): filelock's
            # own flock would fail the same way, so its soft lock.
            kind = filelock.SoftFileLock if HAVE_FCNTL else filelock.FileLock
            if kind is filelock.SoftFileLock:
                self._clear_stale_soft_lock()
                holder = self._holder()
            lock = kind(str(self.path), timeout=0, mode=FILE_MODE)
            try:
                lock.acquire()
            except filelock.Timeout:
                raise StoreLocked(self.directory, holder) from None
        return lock

    def _write_holder(self) -> None:
        # Advisory (or soft) locks let the holder write its name for the
        # refusal message and for stale-lock detection.
        # Created here when the directory flock is the lock.
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"process {os.getpid()}".encode())
        except OSError:
            pass
        finally:
            os.close(fd)

    def release(self) -> None:
        if self._lock is not None:
            try:
                self._lock.release()
            except OSError:  # the directory was removed under us
                pass
            self._lock = None
        if self._dir_fd is not None:
            unlock_directory(self._dir_fd)
            self._dir_fd = None


class Store:
    """Every read and write of the coalition's data goes through here.

    Methods are serialised by a lock, so the app may call them from its
    single writer thread while the interface thread reads.
    """

    def __init__(self, data_dir: Path, *, lock: bool = True, read_only: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._lock = DirectoryLock(self.data_dir) if lock and not read_only else None
        self._meeting_dbs: dict[str, TinyDB] = {}
        self._coalition: TinyDB | None = None
        self._checked: tuple | None = None
        #: Meetings checked before the app drew anything, handed over once.
        self._preloaded: dict[str, Meeting] = {}
        #: The index entry last written per meeting: a save that leaves it
        #: as it was (every keystroke's) skips searching the index table.
        self._indexed: dict[str, dict] = {}
        #: Things the chair should hear once (files that were too open).
        self.notices: list[str] = []

    # -- lifecycle ---------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, *, lock: bool = True, read_only: bool = False) -> "Store":
        """Open (creating if new, unless ``read_only``) and check the coalition file.

        Raises StoreLocked, DataFileError, NewerSchemaError, NoStore or
        StoreError with a one-line message for the chair; never overwrites a
        file it cannot read. A ``read_only`` store creates, locks and writes
        nothing, so export and listing commands may run beside the app.
        """
        store = cls(data_dir, lock=lock, read_only=read_only)
        try:
            store._open()
        except BaseException:
            store.close()
            raise
        return store

    def _open(self) -> None:
        try:
            if self.read_only:
                self._require_existing_store()
            else:
                ensure_private_dir(self.data_dir)
                ensure_private_dir(self.meetings_dir)
                if self._lock is not None:
                    self._lock.acquire()
                # Only the lock holder may do this: a live writer's temp file
                # looks the same as a killed one's.
                remove_stale_temp_files(self.data_dir)
                remove_stale_temp_files(self.meetings_dir)
                remove_stale_temp_files(self.backups_dir, recursive=True)
            loose = tighten_permissions(self.data_dir)
            if loose:
                self.notices.append(
                    f"{len(loose)} data file(s) in {self.data_dir} could be read by other users; "
                    "they are now private to you."
                )
            self._coalition = self._open_db(self.coalition_path)
            # Read everything once so a damaged record is found now, not
            # mid-meeting; the app takes these objects instead of reading twice.
            checked = (
                self.settings(),
                self.members(),
                self.action_items(),
                self.applications(),
                self.meetings(),
            )
            settings, members, actions, applications, _ = checked
            unknown = first_unknown(
                coalition_member_refs(settings, actions, applications), {m.id for m in members}
            )
            if unknown:
                raise DataFileError(
                    self.coalition_path,
                    f"refers to a member who is not on the roster ({unknown[0]} = {unknown[1]})",
                )
            self._checked = checked
        except StoreError:
            raise
        except OSError as exc:
            where = exc.filename or self.data_dir
            raise StoreError(
                f"Cannot use the data folder {self.data_dir} ({where}: {exc.strerror or exc}); "
                "nothing was changed."
            ) from exc

    def _require_existing_store(self) -> None:
        if not self.data_dir.exists():
            raise NoStore(
                f"There is no data folder {self.data_dir} (a mistyped --data-dir?); nothing was created."
            )
        if not self.data_dir.is_dir():
            raise NoStore(f"{self.data_dir} is a file, not a folder: point --data-dir at a folder.")
        if not self.coalition_path.exists():
            raise NoStore(
                f"{self.data_dir} holds no coalition data ({COALITION_FILE} is missing; "
                "a mistyped --data-dir?); nothing was created."
            )

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
            self._indexed.clear()
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
        if existing is None and self.read_only:
            raise NotFound(f"There is no data file {path}.")
        db = TinyDB(path, storage=AtomicJSONStorage, read_only=self.read_only)
        meta = db.table("_meta")
        if existing is None:
            meta.upsert(Document({"schema": SCHEMA_VERSION}, doc_id=1))
            set_mode(path, FILE_MODE)
            return db
        record = meta.get(doc_id=1)
        schema = record.get("schema") if record else None
        if not isinstance(schema, int) or isinstance(schema, bool):
            db.close()
            raise DataFileError(path, "has no schema version (not a dhtc-tui file?)")
        if schema > SCHEMA_VERSION:
            db.close()
            raise NewerSchemaError(path, schema, SCHEMA_VERSION)
        if not self.read_only:  # a read-only command leaves an older file as it is
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
            raise DataFileError(path, f"holds a record that cannot be read ({where})", detail=where) from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise DataFileError(
                path, f"holds a {kind.__name__.lower()} record that cannot be read ({exc})", detail=repr(exc)
            ) from exc
        except RecursionError as exc:
            raise DataFileError(path, f"holds a {kind.__name__.lower()} record nested too deeply") from exc

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
            preloaded = self._preloaded.pop(meeting_id, None)
            if preloaded is not None:
                return preloaded
            path = self.meeting_path(meeting_id)
            db = self._meeting_db(meeting_id)
            try:
                doc = db.table("meeting").get(doc_id=1)
                if doc is None:
                    raise DataFileError(path, "holds no meeting")
                meeting = self._structure(path, doc, Meeting)
                self._check_meeting(path, meeting_id, meeting)
            except StoreError:
                # Never keep (and later save over) a file that failed its check.
                self._meeting_dbs.pop(meeting_id, None)
                db.close()
                raise
            return meeting

    def _check_meeting(self, path: Path, meeting_id: str, meeting: Meeting) -> None:
        """The file holds the meeting its name and the index say it does."""
        if meeting.id != meeting_id:
            raise DataFileError(
                path, f"holds another meeting ({meeting.id}, {meeting.date.isoformat()}), not {meeting_id}"
            )
        # The index's date may lag the file by one write after a kill (the
        # file is written first), so only the id is held against it.
        known = {doc.get("id") for doc in self._db().table("members").all()}
        unknown = first_unknown(meeting_member_refs(meeting), known)
        if unknown:
            raise DataFileError(
                path, f"refers to a member who is not on the roster (meeting.{unknown[0]} = {unknown[1]})"
            )

    def check_meetings(
        self, refs: Iterable[MeetingRef] | None = None, present: Iterable[MeetingRef] | None = None
    ) -> list[Meeting]:
        """Load (and so check) the given meetings (default: all); the first
        damage raises. The next ``load_meeting`` of each gets the object
        loaded here, so checking before the app starts costs no second read.
        The files of ``present`` (default: the same meetings) must exist."""
        refs = list(self.meetings() if refs is None else refs)
        for ref in refs if present is None else present:  # cheap: a stat per meeting
            if ref.id not in self._meeting_dbs and not self.meeting_path(ref.id).is_file():
                raise NotFound(f"No meeting file for meeting {ref.id} ({self.meeting_path(ref.id)}).")
        meetings = self.load_meetings(refs)
        with self._mutex:
            self._preloaded.update((m.id, m) for m in meetings)
        return meetings

    def startup_refs(self, today: date) -> list[MeetingRef]:
        """The meetings the app opens before the chair does anything: this
        meeting year's and the last one's (standing, withdrawals), the last
        two, and an unfinished one."""
        from ..domain.attendance import meeting_year_bounds, meeting_year_start

        refs = self.meetings()
        current = meeting_year_start(today)
        start, _ = meeting_year_bounds(current - 1)
        _, end = meeting_year_bounds(current)
        wanted = {r.id for r in refs if start <= r.date <= end}
        wanted |= {r.id for r in refs[-2:]}
        wanted |= {r.id for r in refs if r.status is MeetingStatus.IN_PROGRESS}
        return [r for r in refs if r.id in wanted]

    def save_meeting(self, meeting: Meeting) -> None:
        self.save_meeting_doc(meeting.id, to_doc(meeting), MeetingRef.of(meeting))

    def save_meeting_doc(self, meeting_id: str, doc: dict, ref: MeetingRef) -> None:
        """Write an already serialised meeting (the app snapshots on its own thread)."""
        with self._mutex:
            self._checked = None
            self._preloaded.pop(meeting_id, None)
            db = self._meeting_db(meeting_id, create=True)
            db.table("meeting").upsert(Document(doc, doc_id=1))
            self._update_index(ref)

    def _update_index(self, ref: MeetingRef) -> None:
        wanted = to_doc(ref)
        if self._indexed.get(ref.id) == wanted:
            return
        table = self._db().table("meetings")
        current = table.get(Query().id == ref.id)
        if current is None or dict(current) != wanted:
            table.upsert(wanted, Query().id == ref.id)
        self._indexed[ref.id] = wanted

    def load_meetings(self, refs: Iterable[MeetingRef]) -> list[Meeting]:
        return [self.load_meeting(r.id) for r in refs]

    # -- decisions between meetings ----------------------------------------

    def evotes(self) -> list[EVote]:
        from ..domain.evote import EVote

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
                # Never with parents: a data folder that vanished (a pulled
                # stick) must not be re-created empty under its mount point.
                for part in (self.backups_dir, folder):
                    try:
                        part.mkdir(mode=DIR_MODE)
                    except FileExistsError:
                        pass
                    set_mode(part, DIR_MODE)
                target = folder / f"{stamp}.json"
                atomic_write_bytes(target, source.read_bytes())
                made.append(target)
                remove_stale_temp_files(folder)
                prune_backups(folder, keep)
        return made


def prune_backups(folder: Path, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Keep the newest ``keep`` copies, and never the last good one away.

    A damaged file copied at every start would otherwise push every good
    copy out after ``keep`` starts.
    """
    copies = sorted(folder.glob("*.json"))
    doomed = copies[:-keep] if keep > 0 else copies
    if not doomed:
        return []
    kept = copies[len(doomed):]
    if not any(is_good_copy(p, SCHEMA_VERSION) for p in reversed(kept)):
        spare = next((p for p in reversed(doomed) if is_good_copy(p, SCHEMA_VERSION)), None)
        if spare is not None:
            doomed.remove(spare)
    for old in doomed:
        old.unlink()
    return doomed


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


@dataclass
class RestorePlan:
    """What ``backups --restore`` will do, said before it is done."""

    backup: Path
    target: Path
    payload: bytes
    changes: list[str] = field(default_factory=list)
    #: For a meeting copy: the coalition file with that meeting's index entry
    #: brought in line (None: leave the coalition file alone).
    coalition_payload: bytes | None = None


def _tables(path: Path) -> dict[str, Any]:
    data = read_json_file(path)
    if data is None:
        raise NotFound(f"There is no data file {path}.")
    schema = ((data.get("_meta") or {}).get("1") or {}).get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise DataFileError(path, "has no schema version (not a dhtc-tui file?)")
    if schema > SCHEMA_VERSION:
        raise NewerSchemaError(path, schema, SCHEMA_VERSION)
    return data


def _structured(path: Path, doc: Any, kind: type[T]) -> T:
    try:
        return from_doc(doc, kind)
    except Exception as exc:
        raise DataFileError(path, f"holds a {kind.__name__.lower()} record that cannot be read", detail=repr(exc)) from exc


def _meeting_of(path: Path) -> Meeting:
    docs = list((_tables(path).get("meeting") or {}).values())
    if not docs:
        raise DataFileError(path, "holds no meeting")
    return _structured(path, docs[0], Meeting)


def _meeting_files(data_dir: Path) -> list[Path]:
    folder = data_dir / MEETINGS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if ".before-restore-" not in p.name)


def _dump(tables: dict[str, Any]) -> bytes:
    return encode(tables)


def _diff_names(label: str, old: dict[str, str], new: dict[str, str], changed: set[str]) -> list[str]:
    lines = []
    back = [new[k] for k in new if k not in old]
    gone = [old[k] for k in old if k not in new]
    if back:
        lines.append(f"{label} brought back: {', '.join(sorted(back))}")
    if gone:
        lines.append(f"{label} removed: {', '.join(sorted(gone))}")
    if changed:
        lines.append(f"{label} changed: {', '.join(sorted(new[k] for k in changed))}")
    return lines


def _records(tables: dict[str, Any], name: str) -> dict[str, dict]:
    return {str(doc.get("id")): doc for doc in (tables.get(name) or {}).values() if isinstance(doc, dict)}


def plan_restore(data_dir: Path, backup: Path) -> RestorePlan:
    """Check a backup copy against the live files and say what restoring it changes.

    A coalition copy gets its meeting index rebuilt from the meeting files
    (they are newer than any index a copy holds), and is refused if a
    meeting refers to a member the copy does not know.
    """
    data_dir = Path(data_dir)
    backup = Path(backup)
    if not backup.is_file():
        raise NotFound(f"No backup file {backup}.")
    copy = _tables(backup)  # refuse to restore a damaged copy
    if backup.parent.parent.name != BACKUPS_DIR:
        raise NotFound(f"{backup} is not in a backups folder (DATA_DIR/backups/<file>/<copy>.json).")
    stem = backup.parent.name
    if stem == Path(COALITION_FILE).stem:
        return _plan_coalition_restore(data_dir, backup, copy)
    meeting_docs = list((copy.get("meeting") or {}).values())
    if not (data_dir / MEETINGS_DIR / f"{stem}.json").exists() and not any(
        isinstance(doc, dict) and doc.get("id") == stem for doc in meeting_docs
    ):
        raise NotFound(f"{backup} is not a copy of the coalition file or of a known meeting.")
    return _plan_meeting_restore(data_dir, backup, copy, stem)


def _plan_coalition_restore(data_dir: Path, backup: Path, copy: dict[str, Any]) -> RestorePlan:
    target = data_dir / COALITION_FILE
    current = _tables(target) if target.exists() else {}
    members = {mid: doc.get("name", mid) for mid, doc in _records(copy, "members").items()}
    refs = []
    for path in _meeting_files(data_dir):
        meeting = _meeting_of(path)  # a damaged meeting file: refuse, name it
        if meeting.id != path.stem:
            raise DataFileError(path, f"holds another meeting ({meeting.id}), not {path.stem}")
        unknown = first_unknown(meeting_member_refs(meeting), set(members))
        if unknown:
            raise StoreError(
                f"Not restored: {backup} is older than the meeting of {meeting.date.isoformat()} "
                f"({path}), which refers to a member the copy does not have ({unknown[1]}). "
                "Choose a newer copy of the coalition file."
            )
        refs.append(MeetingRef.of(meeting))
    refs.sort(key=lambda r: (r.date, r.id))
    restored = dict(copy)
    if refs or "meetings" in copy:
        restored["meetings"] = {str(i): to_doc(ref) for i, ref in enumerate(refs, start=1)}
    changes = []
    for table, label, name_of in (
        ("members", "members", lambda d: str(d.get("name", d.get("id")))),
        ("actions", "action items", lambda d: f"#{d.get('number')} {str(d.get('description', ''))[:40]}"),
        ("applications", "applications", lambda d: str(d.get("applicant", d.get("id")))),
    ):
        old, new = _records(current, table), _records(restored, table)
        changed = {k for k in new if k in old and new[k] != old[k]}
        changes += _diff_names(
            label, {k: name_of(v) for k, v in old.items()}, {k: name_of(v) for k, v in new.items()}, changed
        )
    if (current.get("settings") or {}) != (restored.get("settings") or {}):
        changes.append("settings: put back as they were in the copy")
    old_refs = {str(d.get("id")): d for d in (current.get("meetings") or {}).values()}
    new_refs = {str(d.get("id")): d for d in (restored.get("meetings") or {}).values()}
    for mid, doc in new_refs.items():
        if mid not in old_refs:
            changes.append(f"meeting of {doc['date']} listed again (its file is in {MEETINGS_DIR}/)")
        elif old_refs[mid] != doc:
            changes.append(f"meeting of {doc['date']}: listed as {doc['status']} (from its file)")
    for mid, doc in old_refs.items():
        if mid not in new_refs:
            changes.append(f"meeting of {doc.get('date')} no longer listed (it has no file)")
    copy_index = {str(d.get("id")): d for d in (copy.get("meetings") or {}).values()}
    corrected = sorted(
        new_refs[mid]["date"] for mid in new_refs if mid in copy_index and copy_index[mid] != new_refs[mid]
    ) + sorted(new_refs[mid]["date"] for mid in new_refs if mid not in copy_index)
    if corrected:
        changes.append(
            "the copy's list of meetings was rebuilt from the meeting files "
            f"({len(corrected)} meeting(s) newer than the copy: {', '.join(corrected)})"
        )
    if not changes:
        changes.append("nothing: the copy matches the current file")
    payload = backup.read_bytes() if restored == copy else _dump(restored)
    return RestorePlan(backup, target, payload, changes)


def _plan_meeting_restore(data_dir: Path, backup: Path, copy: dict[str, Any], stem: str) -> RestorePlan:
    target = data_dir / MEETINGS_DIR / f"{stem}.json"
    meeting = _meeting_of(backup)
    if meeting.id != stem:
        raise DataFileError(backup, f"holds another meeting ({meeting.id}), not {stem}")
    coalition_path = data_dir / COALITION_FILE
    coalition = _tables(coalition_path)
    members = set(_records(coalition, "members"))
    unknown = first_unknown(meeting_member_refs(meeting), members)
    if unknown:
        raise StoreError(
            f"Not restored: {backup} refers to a member who is not on the roster ({unknown[1]})."
        )
    changes = []
    if target.exists():
        try:
            now = _meeting_of(target)
            changes.append(
                f"meeting of {meeting.date.isoformat()}: {now.status.value} -> {meeting.status.value}, "
                f"{len(now.motions)} -> {len(meeting.motions)} motion(s), "
                f"{sum(a.presence.attended for a in now.attendance)} -> "
                f"{sum(a.presence.attended for a in meeting.attendance)} attending"
            )
        except StoreError:
            changes.append(f"meeting of {meeting.date.isoformat()}: replaces a damaged file")
    else:
        changes.append(f"meeting of {meeting.date.isoformat()}: file put back")
    ref = to_doc(MeetingRef.of(meeting))
    index = dict(coalition.get("meetings") or {})
    key = next((k for k, d in index.items() if d.get("id") == stem), None)
    coalition_payload = None
    if key is None or index[key] != ref:
        index[key or str(max((int(k) for k in index), default=0) + 1)] = ref
        updated = dict(coalition)
        updated["meetings"] = index
        coalition_payload = _dump(updated)
        changes.append(f"the meeting list shows it as {meeting.status.value}")
    return RestorePlan(backup, target, backup.read_bytes(), changes, coalition_payload)


def _keep_aside(target: Path) -> None:
    if target.exists():
        aside = target.with_name(f"{target.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}.json")
        atomic_write_bytes(aside, target.read_bytes())


def restore_backup(data_dir: Path, backup: Path, plan: RestorePlan | None = None) -> Path:
    """Put a backup copy back in place; the replaced file is itself kept aside."""
    data_dir = Path(data_dir)
    plan = plan or plan_restore(data_dir, backup)
    lock = DirectoryLock(data_dir)
    lock.acquire()
    try:
        _keep_aside(plan.target)
        atomic_write_bytes(plan.target, plan.payload)
        if plan.coalition_payload is not None:
            coalition = data_dir / COALITION_FILE
            _keep_aside(coalition)
            atomic_write_bytes(coalition, plan.coalition_payload)
    finally:
        lock.release()
    return plan.target
