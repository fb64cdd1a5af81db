"""`dhtc-tui check`: every unreviewed possible identifying detail of a meeting.

Exit 0 when there is none, 3 when there are some, 1 for a data problem.
The findings are printed on standard output for the chair's own terminal;
they never go into a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .domain.disclosure import Pending, clean, unreviewed_findings
from .domain.text import long_date

EXIT_FINDINGS = 3


def describe(pending: Pending) -> str:
    """One line: section, field, kind, and the words around the finding."""
    return f"{pending.text.section} \u00b7 {pending.text.label} \u00b7 {pending.kind}: \u201c{pending.context()}\u201d"


def run(directory: Path, selector: str | None, open_store) -> int:
    from .record import RecordError, load_record

    store = open_store(directory)
    try:
        record = load_record(store, selector)
    except RecordError as exc:
        print(f"dhtc-tui: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        store.close()
    found = unreviewed_findings(record.meeting, record.members, record.settings, record.actions)
    when = long_date(record.meeting.date)
    if not found:
        print(f"The meeting of {when}: no unreviewed possible identifying details.")
        return 0
    print(f"The meeting of {when}: {len(found)} unreviewed possible identifying detail(s).")
    for pending in found:
        # The terminal is the chair's; still, no control codes reach it.
        print("  " + clean(describe(pending))[0])
    print(
        "Sentences holding them are left out of the minutes; in a motion, a correction, "
        "a removal reason or a location they stop the export. Review or edit them in the app."
    )
    return EXIT_FINDINGS
