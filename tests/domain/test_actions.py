from datetime import date

from hypothesis import given, strategies as st

from dhtc_tui.domain.actions import has_owner, is_overdue, last_note, record_status, start_item
from dhtc_tui.domain.model import ActionItem, ActionStatus, ActionUpdate, Meeting


def test_owner_is_a_member_or_a_named_person():
    assert has_owner(ActionItem("Draft letter", owner_member_id="m1"))
    assert has_owner(ActionItem("Draft letter", owner_name="Dana Ruiz"))
    assert not has_owner(ActionItem("Draft letter"))


@given(st.text(alphabet=" \t\n\u00a0", max_size=5))
def test_a_blank_name_is_no_owner(blank):
    assert not has_owner(ActionItem("Draft letter", owner_name=blank))


def test_overdue_only_when_open_and_past_due():
    today = date(2026, 3, 10)
    assert is_overdue(ActionItem("x", due=date(2026, 3, 9)), today)
    assert not is_overdue(ActionItem("x", due=today), today)
    assert not is_overdue(ActionItem("x"), today)
    assert not is_overdue(ActionItem("x", due=date(2026, 3, 9), status=ActionStatus.DONE), today)


def test_status_at_a_meeting_is_dated_the_meeting_and_listed_once():
    meeting = Meeting(date=date(2026, 3, 12))
    item = ActionItem("Book the hall")
    record_status(item, ActionStatus.IN_PROGRESS, "  half done ", meeting=meeting, on=date(2030, 1, 1))
    record_status(item, ActionStatus.DONE, meeting=meeting)
    assert item.status is ActionStatus.DONE
    assert [(u.meeting_id, u.on, u.status, u.note) for u in item.history] == [
        (meeting.id, meeting.date, ActionStatus.IN_PROGRESS, "half done"),
        (meeting.id, meeting.date, ActionStatus.DONE, ""),
    ]
    assert meeting.action_updates == [item.id]


def test_status_between_meetings_has_no_meeting():
    item = ActionItem("Book the hall")
    update = record_status(item, ActionStatus.DROPPED, "not needed", on=date(2026, 4, 2))
    assert update == ActionUpdate(None, date(2026, 4, 2), ActionStatus.DROPPED, "not needed")
    assert item.history == [update]
    assert not item.is_open


def test_status_needs_a_date_or_a_meeting():
    import pytest

    with pytest.raises(ValueError):
        record_status(ActionItem("x"), ActionStatus.DONE)


def test_last_note_skips_blank_notes():
    item = ActionItem("x")
    record_status(item, ActionStatus.IN_PROGRESS, "called them", on=date(2026, 1, 5))
    record_status(item, ActionStatus.CARRIED_FORWARD, "   ", on=date(2026, 2, 5))
    assert last_note(item) == "called them"
    assert last_note(ActionItem("y")) == ""


def test_a_new_item_starts_open_with_its_history():
    item = start_item(ActionItem("x", status=ActionStatus.DONE), 7, date(2026, 5, 1), "meet1")
    assert (item.number, item.status, item.created_on, item.created_meeting_id) == (
        7, ActionStatus.OPEN, date(2026, 5, 1), "meet1",
    )
    assert item.history == [ActionUpdate("meet1", date(2026, 5, 1), ActionStatus.OPEN, "")]
