"""What is left undone when the chair closes a meeting."""

from __future__ import annotations

from .actions import has_owner
from .model import ActionItem, ItemState, Meeting


def unfinished_business(meeting: Meeting, actions: list[ActionItem], allow: list[str]) -> list[str]:
    """Plain sentences the chair reads before adjourning; empty when all is done."""
    notes: list[str] = []
    never = [
        f"{meeting.agenda.index(item) + 1}. {item.title}"
        for item in meeting.agenda
        if item.state is ItemState.TODO
    ]
    if never:
        notes.append("Items never opened: " + "; ".join(never) + ".")
    # Unreviewed identifying details: the console adds the export gate's
    # count (domain.disclosure), the same one export and `check` show.
    open_motions = [m for m in meeting.motions if not m.state.is_closed]
    if open_motions:
        notes.append(
            "Motions still open: " + "; ".join(f"#{m.number} {m.text[:40]}" for m in open_motions) + "."
        )
    ownerless = [
        a for a in actions
        if a.is_open
        and (a.created_meeting_id == meeting.id or a.id in meeting.action_updates)
        and not has_owner(a)
    ]
    if ownerless:
        notes.append(
            "Action items without an owner: " + "; ".join(f"#{a.number} {a.description[:40]}" for a in ownerless) + "."
        )
    if not meeting.minute_taker.strip():
        notes.append("No minute taker is recorded.")
    if not meeting.attendance:
        notes.append("Attendance was not taken.")
    return notes
