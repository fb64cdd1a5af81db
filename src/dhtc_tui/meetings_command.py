"""`dhtc-tui meetings`: one line per meeting (date, time, status, id), so a
meeting can be named by id where its date has two."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub, data_dir_option) -> None:
    parser = sub.add_parser("meetings", help="list every meeting: date, time, status, id")
    data_dir_option(parser)


def describe(meeting) -> str:
    when = meeting.start_time.strftime("%H:%M") if meeting.start_time else "--:--"
    return f"{meeting.date.isoformat()}  {when}  {meeting.status.value:<11}  {meeting.id}"


def main(args, directory: Path, open_store) -> int:
    from .store.errors import StoreError

    store = open_store(directory)
    try:
        refs = store.meetings()
        if not refs:
            print(f"No meetings yet in {directory}.")
            return 0
        for ref in refs:
            try:
                print(describe(store.load_meeting(ref.id)))
            except StoreError as exc:
                print(f"{ref.date.isoformat()}  ?      {ref.status.value:<11}  {ref.id}  (unreadable: {exc})")
    except StoreError as exc:
        print(f"dhtc-tui: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0
