"""Action items: who owns one, when it is overdue, how its status changes.

Reporting Responsibilities: the Coalition keeps "action items ... recorded for
monitoring completion and future reference", and the Chair "updates and
maintains a list of action items". Every status change therefore goes into the
item's history with its date and note, whether it is made at a meeting
(business arising) or between meetings (the action items screen).
"""

from __future__ import annotations

from datetime import date

from .model import ActionItem, ActionStatus, ActionUpdate, Meeting


def has_owner(item: ActionItem) -> bool:
    """An item is owned by a member organization, a named person, or both.

    A name of spaces is no owner: the minutes would print an empty cell.
    """
    return bool(item.owner_member_id) or bool(item.owner_name.strip())


def is_overdue(item: ActionItem, today: date) -> bool:
    """Open, with a due date that has passed (due today is not late)."""
    return item.is_open and item.due is not None and item.due < today


def last_note(item: ActionItem) -> str:
    """The newest non-blank note in the item's history."""
    return next((u.note for u in reversed(item.history) if u.note.strip()), "")


def record_status(
    item: ActionItem,
    status: ActionStatus,
    note: str = "",
    *,
    meeting: Meeting | None = None,
    on: date | None = None,
) -> ActionUpdate:
    """Change the item's status and keep the change in its history.

    At a meeting the change is dated the meeting's date and listed among the
    meeting's action updates (the minutes' business arising reads them);
    between meetings it is dated ``on``. The note is kept as typed, trimmed.
    """
    if meeting is None and on is None:
        raise ValueError("A status change needs the meeting or the date it happened on")
    update = ActionUpdate(
        meeting_id=meeting.id if meeting is not None else None,
        on=meeting.date if meeting is not None else on,
        status=status,
        note=note.strip(),
    )
    item.status = status
    item.history.append(update)
    if meeting is not None and item.id not in meeting.action_updates:
        meeting.action_updates.append(item.id)
    return update


def start_item(item: ActionItem, number: int, on: date, meeting_id: str | None = None) -> ActionItem:
    """A new item, numbered and open, its history beginning on ``on``."""
    item.number = number
    item.status = ActionStatus.OPEN
    item.created_on = on
    item.created_meeting_id = meeting_id
    item.history = [ActionUpdate(meeting_id, on, ActionStatus.OPEN, "")]
    return item


def status_at_start(item: ActionItem, meeting: Meeting) -> ActionStatus | None:
    """The item's status when ``meeting`` began, from its history (changes
    made at that meeting or later do not count); None when the item did not
    exist yet (created at this meeting or later)."""
    if item.created_meeting_id == meeting.id:
        return None
    if item.created_on is not None and item.created_on > meeting.date:
        return None
    before = [
        h for h in item.history
        if h.meeting_id != meeting.id and h.on is not None and h.on < meeting.date
    ]
    if not before:
        return ActionStatus.OPEN if item.created_on is not None or item.history else item.status
    return before[-1].status


def open_at_start(item: ActionItem, meeting: Meeting) -> bool:
    """Open when ``meeting`` began: business arising lists it, touched or not."""
    status = status_at_start(item, meeting)
    return status is not None and not status.is_closed
