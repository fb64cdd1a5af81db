"""What people type: names, contacts, dates, times, endorsements, roster concerns."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, strategies as st

from dhtc_tui.domain.model import ActionItem, Member, MemberKind, MemberStatus, Sector
from dhtc_tui.domain.validation import (
    CONTACT_STALE_AFTER,
    ValidationError,
    check_email,
    check_phone,
    clean_name,
    member_concerns,
    normalise_name,
    parse_date,
    parse_optional_date,
    parse_optional_time,
    parse_time,
    split_people,
    validate_action_item,
    validate_member,
)

TODAY = date(2026, 11, 29)


def org(name: str, **kw) -> Member:
    kw.setdefault("contact_updated", TODAY)
    return Member(name=name, kind=MemberKind.ORGANIZATION, id=kw.pop("id", name.lower().replace(" ", "-")), **kw)


def survivor(name: str, **kw) -> Member:
    kw.setdefault("contact_updated", TODAY)
    return Member(name=name, kind=MemberKind.SURVIVOR, sector=Sector.SURVIVOR, id=kw.pop("id", name.lower()), **kw)


# --------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    "a, b",
    [
        ("North Shore Youth Shelter", "north shore youth shelter"),
        ("North Shore Youth Shelter", "  North   Shore Youth\tShelter "),
        ("Straße Services", "STRASSE SERVICES"),  # casefold, not lower
    ],
)
def test_names_compare_without_case_or_spacing(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_clean_name_collapses_spaces():
    assert clean_name("  Victim   Services\nof Durham ") == "Victim Services of Durham"


@given(st.text())
def test_normalise_name_is_idempotent(text):
    assert normalise_name(normalise_name(text)) == normalise_name(text)
    assert normalise_name(clean_name(text)) == normalise_name(text)


def test_split_people_accepts_semicolons_and_commas():
    assert split_people(" Priya  Ranganathan; Rowan Tate ,, ") == ["Priya Ranganathan", "Rowan Tate"]
    assert split_people("   ") == []


# --------------------------------------------------------------------------
# Dates and times


@pytest.mark.parametrize("text, expected", [("2026-11-19", date(2026, 11, 19)), (" 2026-2-3 ", date(2026, 2, 3)), ("2028-02-29", date(2028, 2, 29))])
def test_parse_date_accepts_iso_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, says",
    [
        ("2026-02-30", "not a real date"),
        ("2027-02-29", "not a real date"),
        ("2026-13-01", "not a real date"),
        ("2026-00-10", "not a real date"),
        ("30/02/2026", "YYYY-MM-DD"),
        ("next Thursday", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("   ", "YYYY-MM-DD"),
    ],
)
def test_parse_date_refuses_impossible_dates(text, says):
    with pytest.raises(ValidationError, match=says) as caught:
        parse_date(text, "member-joined")
    assert caught.value.field == "member-joined"


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_back_what_isoformat_writes(day):
    assert parse_date(day.isoformat()) == day


def test_optional_date_and_time_allow_blank():
    assert parse_optional_date("  ") is None
    assert parse_optional_time("") is None
    assert parse_optional_date("2026-11-19") == date(2026, 11, 19)
    assert parse_optional_time("9:30") == time(9, 30)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("13:05", time(13, 5)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("9", time(9, 0)),
        ("9:30 am", time(9, 30)),
        ("1:15 pm", time(13, 15)),
        ("1:15pm", time(13, 15)),
        ("1:05 p.m.", time(13, 5)),
        (" 11:45 A.M. ", time(11, 45)),
        ("12:00 pm", time(12, 0)),
        ("12:30 am", time(0, 30)),
    ],
)
def test_parse_time_reads_clock_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "24:00", "9:60", "13:00 pm", "0:30 am", "930", "9.30.1", "noon", "", "9:3", "-1:00"])
def test_parse_time_refuses_impossible_times(text):
    with pytest.raises(ValidationError) as caught:
        parse_time(text, "arrived")
    assert caught.value.field == "arrived"


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_parse_time_reads_every_24_hour_time_and_its_12_hour_form(at):
    assert parse_time(at.strftime("%H:%M")) == at
    assert parse_time(at.strftime("%I:%M %p")) == at


# --------------------------------------------------------------------------
# Contacts


@pytest.mark.parametrize("email", ["contact@agency.example.org", "a.b+intake@shelter.ca", ""])
def test_good_emails_pass(email):
    assert check_email(f"  {email} ") == email


@pytest.mark.parametrize("email", ["name@agency", "name.agency.org", "a b@agency.org", "a@@agency.org", "@agency.org", "name@agency.c"])
def test_malformed_emails_are_refused(email):
    with pytest.raises(ValidationError, match="not an e-mail") as caught:
        check_email(email)
    assert caught.value.field == "email"


@pytest.mark.parametrize("phone", ["905-555-1234", "(905) 555-1234 ext. 2", "555 1234", ""])
def test_good_phones_pass(phone):
    assert check_phone(phone) == phone


@pytest.mark.parametrize("phone", ["555-12", "123456", "ext. 12", "n/a 5"])
def test_short_phones_are_refused(phone):
    with pytest.raises(ValidationError, match="too short") as caught:
        check_phone(phone)
    assert caught.value.field == "phone"


# --------------------------------------------------------------------------
# validate_member


def test_a_member_needs_a_name():
    for name in ("", "   ", "\t\n"):
        with pytest.raises(ValidationError, match="needs a name") as caught:
            validate_member(Member(name=name), [])
        assert caught.value.field == "name"


@pytest.mark.parametrize("typed", ["north shore youth shelter", "  NORTH SHORE   Youth Shelter  "])
def test_duplicate_names_are_refused_whatever_the_case_or_spacing(typed):
    roster = [org("North Shore Youth Shelter")]
    with pytest.raises(ValidationError, match="already on the roster") as caught:
        validate_member(Member(name=typed), roster)
    assert caught.value.field == "name"


def test_a_withdrawn_member_still_holds_its_name():
    roster = [org("Westgate Circle", status=MemberStatus.WITHDRAWN)]
    with pytest.raises(ValidationError, match="already on the roster"):
        validate_member(Member(name="westgate circle"), roster)


def test_editing_a_member_does_not_clash_with_itself():
    shelter = org("North Shore Youth Shelter")
    roster = [shelter, org("Other Agency")]
    edited = Member(name="north shore youth shelter ", id=shelter.id, representatives=["  Priya   R "])
    assert validate_member(edited, roster) is edited
    assert edited.name == "north shore youth shelter"
    assert edited.representatives == ["Priya R"]


def test_validate_member_tidies_contacts():
    member = validate_member(Member(name=" New  Agency ", email=" intake@new.example.org ", phone=" 905-555-0101 "), [])
    assert (member.name, member.email, member.phone) == ("New Agency", "intake@new.example.org", "905-555-0101")


def test_the_same_representative_twice_is_refused():
    with pytest.raises(ValidationError, match="listed twice") as caught:
        validate_member(Member(name="Agency", representatives=["Rowan Tate", "rowan  tate"]), [])
    assert caught.value.field == "representatives"


@pytest.mark.parametrize("field_name, value", [("email", "intake@agency"), ("phone", "555-12")])
def test_bad_contacts_are_refused_by_field(field_name, value):
    with pytest.raises(ValidationError) as caught:
        validate_member(Member(name="Agency", **{field_name: value}), [])
    assert caught.value.field == field_name


def test_endorsements_by_roster_members_are_accepted():
    a, b = org("A"), org("B")
    member = Member(name="New", endorsed_by=[a.id, b.id])
    assert validate_member(member, [a, b]).endorsed_by == [a.id, b.id]


def test_self_endorsement_is_refused():
    a = org("A")
    member = Member(name="New", id="new")
    member.endorsed_by = [a.id, "new"]
    with pytest.raises(ValidationError, match="cannot endorse itself") as caught:
        validate_member(member, [a, member])
    assert caught.value.field == "endorsed_by"


def test_unknown_endorser_is_refused():
    with pytest.raises(ValidationError, match="not on the roster"):
        validate_member(Member(name="New", endorsed_by=["ghost"]), [org("A")])


def test_duplicate_endorser_is_refused():
    a = org("A")
    with pytest.raises(ValidationError, match="listed twice as an endorser"):
        validate_member(Member(name="New", endorsed_by=[a.id, a.id]), [a])


# --------------------------------------------------------------------------
# member_concerns: what the roster flags


def concerns_of(members, today=TODAY) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for concern in member_concerns(members, today):
        found.setdefault(concern.member_id, []).append(concern.message)
    return found


def test_a_tidy_roster_has_no_concerns():
    members = [org("A", representatives=["One"]), org("B"), survivor("Survivor (A.R.)", representatives=["A.R."])]
    assert concerns_of(members) == {}


def test_contact_details_over_twelve_months_old_are_flagged():
    just = org("Just in time", contact_updated=TODAY - CONTACT_STALE_AFTER)
    stale = org("Stale", contact_updated=TODAY - CONTACT_STALE_AFTER - timedelta(days=1))
    never = org("Never", contact_updated=None)
    found = concerns_of([just, stale, never])
    assert just.id not in found
    assert found[stale.id] == [f"contact details last updated {stale.contact_updated.isoformat()} (over 12 months)"]
    assert found[never.id] == ["contact details never confirmed"]


@given(st.integers(min_value=0, max_value=2000))
def test_contact_is_stale_exactly_after_365_days(age):
    member = org("A", contact_updated=TODAY - timedelta(days=age))
    flagged = bool(concerns_of([member]))
    assert flagged == (age > 365)


def test_more_than_one_representative_needs_a_reason():
    two = org("Two reps", representatives=["A", "B"])
    explained = org("Explained", representatives=["A", "B"], representation_reason="Different programs")
    blank_reason = org("Blank reason", representatives=["A", "B", "C"], representation_reason="   ")
    found = concerns_of([two, explained, blank_reason])
    assert found[two.id] == ["2 representatives, no reason recorded"]
    assert found[blank_reason.id] == ["3 representatives, no reason recorded"]
    assert explained.id not in found


def test_missing_endorsements_are_flagged_for_members_who_joined():
    a, b = org("A"), org("B")
    sv = survivor("Survivor", representatives=["S"])
    one = org("One endorsement", joined=date(2025, 1, 1), endorsed_by=[a.id])
    by_survivor = org("Endorsed by a survivor", joined=date(2025, 1, 1), endorsed_by=[a.id, sv.id])
    two = org("Two endorsements", joined=date(2025, 1, 1), endorsed_by=[a.id, b.id])
    lone = survivor("Lone survivor", joined=date(2025, 1, 1))
    partnered = survivor("Partnered survivor", joined=date(2025, 1, 1), endorsed_by=[a.id])
    founding = org("Founding", joined=None)
    found = concerns_of([a, b, sv, one, by_survivor, two, lone, partnered, founding])
    assert found[one.id] == ["needs two endorsing member organizations (1 recorded)"]
    assert found[by_survivor.id] == ["needs two endorsing member organizations (1 recorded)"]
    assert found[lone.id] == ["needs an endorsing partner agency"]
    for fine in (a, b, sv, two, partnered, founding):
        assert fine.id not in found


def test_inactive_members_are_not_flagged():
    members = [
        org("Gone", status=MemberStatus.WITHDRAWN, contact_updated=None, representatives=["A", "B"]),
        org("Removed", status=MemberStatus.REMOVED, contact_updated=None),
    ]
    assert concerns_of(members) == {}


def test_a_survivor_member_with_two_contacts_needs_no_reason():
    assert concerns_of([survivor("S", representatives=["A.R.", "J.T."])]) == {}


def test_every_concern_is_reported_for_one_member():
    a = org("A")
    messy = org("Messy", contact_updated=None, representatives=["X", "Y"], joined=date(2025, 1, 1))
    assert len(concerns_of([a, messy])[messy.id]) == 3


# --------------------------------------------------------------------------
# Action items


def test_an_action_item_needs_a_description():
    with pytest.raises(ValidationError, match="Describe") as caught:
        validate_action_item(ActionItem(description="   "), set())
    assert caught.value.field == "description"


def test_an_action_item_owner_must_be_on_the_roster():
    with pytest.raises(ValidationError, match="not on the roster"):
        validate_action_item(ActionItem(description="Call", owner_member_id="ghost"), {"a"})
    item = validate_action_item(ActionItem(description="  Call   the hotel ", owner_member_id="a", owner_name=" Sam  O "), {"a"})
    assert (item.description, item.owner_name) == ("Call the hotel", "Sam O")
