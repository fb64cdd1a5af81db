"""The standard meeting and moving through it.

Terms of Reference, "Agenda and Meeting Structure": the ten items below are
the default; the chair may add, skip or reorder items for one meeting.
"""

from __future__ import annotations

from datetime import date, datetime, time

from .model import (
    AgendaItem,
    AgendaKind,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    Settings,
)
from .validation import ValidationError

STANDARD_AGENDA: list[tuple[AgendaKind, str]] = [
    (AgendaKind.MINUTE_TAKER, "Volunteer minute taker"),
    (AgendaKind.ATTENDANCE, "Attendance"),
    (AgendaKind.LAND_ACKNOWLEDGEMENT, "Land Acknowledgement"),
    (AgendaKind.CONFLICTS, "Declarations of Conflict of Interest"),
    (AgendaKind.PREVIOUS_MINUTES, "Approval of Previous Minutes"),
    (AgendaKind.BUSINESS_ARISING, "Business arising / action items"),
    (AgendaKind.SUBCOMMITTEES, "Coalition and Sub-Committee updates"),
    (AgendaKind.MEMBER_UPDATES, "Member updates"),
    (AgendaKind.CASE_EXAMPLES, "Case Examples (non-identifying)"),
    (AgendaKind.NEXT_MEETING, "Scheduling of next meeting"),
]

#: Where added items go by default: after member updates, before case examples.
ADDED_ITEMS_BEFORE = AgendaKind.CASE_EXAMPLES


#: The Terms of Reference's wording of the standard items whose console
#: title is shorter; the official record uses these.
RECORD_TITLES: dict[AgendaKind, str] = {
    AgendaKind.MEMBER_UPDATES: "Member updates relating to human trafficking or program changes",
    AgendaKind.NEXT_MEETING: "Scheduling of next meeting and recommended upcoming agenda items",
}


def record_title(item: AgendaItem) -> str:
    """The item's title as the minutes give it: the Terms of Reference
    wording for a standard item still carrying its short console title,
    otherwise the title as typed."""
    title = " ".join(item.title.split())
    short = dict(STANDARD_AGENDA).get(item.kind)
    if item.kind in RECORD_TITLES and (not title or title == short):
        return RECORD_TITLES[item.kind]
    return title


def standard_agenda() -> list[AgendaItem]:
    return [AgendaItem(kind=kind, title=title) for kind, title in STANDARD_AGENDA]


def plan_meeting(
    on: date,
    start_time: time | None,
    location: str,
    settings: Settings,
    previous: Meeting | None,
    concerns: list[tuple[str, str]] = (),
) -> Meeting:
    """A new meeting: the standard ten, plus the previous meeting's
    recommended upcoming items and members' items of concern
    (``(member_id, title)`` pairs), placed before the case examples."""
    meeting = Meeting(
        date=on,
        start_time=start_time,
        location=location.strip(),
        chair_member_id=settings.chair_member_id,
        agenda=standard_agenda(),
    )
    if previous is not None:
        for title in previous.next_meeting.upcoming_items:
            if title.strip():
                add_item(meeting, AgendaKind.OTHER, title)
    for member_id, title in concerns:
        item = add_item(meeting, AgendaKind.MEMBER_CONCERN, title)
        item.raised_by = member_id
    return meeting


def prefill_from_previous(previous: Meeting | None, settings: Settings) -> tuple[date | None, time | None, str]:
    """Date, time and place the previous meeting scheduled, if any."""
    if previous is None:
        return None, None, settings.default_location
    nxt = previous.next_meeting
    return nxt.on, nxt.start_time or previous.start_time, nxt.location or previous.location


def add_item(
    meeting: Meeting,
    kind: AgendaKind,
    title: str,
    position: int | None = None,
) -> AgendaItem:
    title = " ".join(title.split())
    if not title:
        raise ValidationError("An agenda item needs a title.", "title")
    item = AgendaItem(kind=kind, title=title)
    if position is None:
        anchor = meeting.item_of_kind(ADDED_ITEMS_BEFORE)
        position = meeting.agenda.index(anchor) if anchor else len(meeting.agenda)
    current = meeting.current_item
    meeting.agenda.insert(position, item)
    if current is not None:
        meeting.current_index = meeting.agenda.index(current)
    return item


def add_presentation(
    meeting: Meeting, title: str, presenter: str, vetted_by: str | None, members: list[Member]
) -> AgendaItem:
    """Presentations only from presenters vetted by a member organization
    (Agenda and Meeting Structure, note)."""
    if not presenter.strip():
        raise ValidationError("Name the presenter.", "presenter")
    if vetted_by is None or vetted_by not in {m.id for m in members if m.is_active}:
        raise ValidationError(
            "A presentation needs the member organization that vetted the presenter.",
            "vetted_by",
        )
    item = add_item(meeting, AgendaKind.PRESENTATION, title)
    item.presenter = " ".join(presenter.split())
    item.vetted_by = vetted_by
    return item


def move_item(meeting: Meeting, index: int, offset: int) -> int:
    """Move the item at ``index`` by ``offset``; returns its new index."""
    target = index + offset
    if not (0 <= index < len(meeting.agenda)) or not (0 <= target < len(meeting.agenda)):
        return index
    current = meeting.current_item
    item = meeting.agenda.pop(index)
    meeting.agenda.insert(target, item)
    if current is not None:
        meeting.current_index = meeting.agenda.index(current)
    return target


def skip_item(meeting: Meeting, index: int, reason: str, now: datetime) -> None:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("Say why the item is skipped (it goes in the minutes).", "reason")
    item = meeting.agenda[index]
    _leave(item, now)
    item.state = ItemState.SKIPPED
    item.skip_reason = reason


def unskip_item(meeting: Meeting, index: int) -> None:
    item = meeting.agenda[index]
    if item.state is ItemState.SKIPPED:
        item.state = ItemState.TODO
        item.skip_reason = ""


def remove_item(meeting: Meeting, index: int) -> AgendaItem:
    """Only added items that hold nothing may be removed; standard ones are skipped."""
    item = meeting.agenda[index]
    if item.kind not in (AgendaKind.OTHER, AgendaKind.PRESENTATION, AgendaKind.MEMBER_CONCERN):
        raise ValidationError("Standard items are skipped, not removed.", "agenda")
    if item.notes.strip() or any(m.agenda_item_id == item.id for m in meeting.motions):
        raise ValidationError("This item has notes or motions; skip it instead.", "agenda")
    current = meeting.current_item
    meeting.agenda.pop(index)
    if current is item:
        meeting.current_index = min(index, len(meeting.agenda) - 1)
    elif current is not None:
        meeting.current_index = meeting.agenda.index(current)
    return item


# -- moving through the meeting -------------------------------------------


def _leave(item: AgendaItem, now: datetime) -> None:
    if item.opened_at is not None:
        item.seconds_spent += max((now - item.opened_at).total_seconds(), 0.0)
        item.opened_at = None
    if item.state is ItemState.CURRENT:
        item.state = ItemState.DONE


def start_meeting(meeting: Meeting, now: datetime) -> None:
    if meeting.status is MeetingStatus.CLOSED:
        raise ValidationError("This meeting is closed.", "meeting")
    if meeting.status is MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting.started_at = now
        meeting.called_to_order = now.time().replace(second=0, microsecond=0)
        meeting.current_index = 0
    go_to(meeting, meeting.current_index, now)


def go_to(meeting: Meeting, index: int, now: datetime) -> AgendaItem:
    """Make ``index`` the current item; the one left is marked done."""
    if not meeting.agenda:
        raise ValidationError("The agenda is empty.", "agenda")
    index = max(0, min(index, len(meeting.agenda) - 1))
    current = meeting.current_item
    if current is not None and meeting.agenda.index(current) != index:
        _leave(current, now)
    item = meeting.agenda[index]
    if item.state is not ItemState.CURRENT or item.opened_at is None:
        item.state = ItemState.CURRENT
        item.opened_at = now
        if item.skip_reason:
            item.skip_reason = ""
    meeting.current_index = index
    return item


def next_item(meeting: Meeting, now: datetime) -> AgendaItem:
    """The next item not skipped (or the last item)."""
    for index in range(meeting.current_index + 1, len(meeting.agenda)):
        if meeting.agenda[index].state is not ItemState.SKIPPED:
            return go_to(meeting, index, now)
    return go_to(meeting, meeting.current_index, now)


def previous_item(meeting: Meeting, now: datetime) -> AgendaItem:
    for index in range(meeting.current_index - 1, -1, -1):
        if meeting.agenda[index].state is not ItemState.SKIPPED:
            return go_to(meeting, index, now)
    return go_to(meeting, meeting.current_index, now)


def item_seconds(item: AgendaItem, now: datetime) -> float:
    running = (now - item.opened_at).total_seconds() if item.opened_at else 0.0
    return item.seconds_spent + max(running, 0.0)


def meeting_seconds(meeting: Meeting, now: datetime) -> float:
    if meeting.started_at is None:
        return 0.0
    return max((now - meeting.started_at).total_seconds(), 0.0)


def format_elapsed(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def close_meeting(meeting: Meeting, adjourned: time, now: datetime) -> None:
    """Adjourn: the current item is done, the meeting closed with its time."""
    if meeting.status is MeetingStatus.CLOSED:
        raise ValidationError("This meeting is already closed.", "meeting")
    current = meeting.current_item
    if current is not None and current.state is ItemState.CURRENT:
        _leave(current, now)
    meeting.adjourned = adjourned
    meeting.status = MeetingStatus.CLOSED
