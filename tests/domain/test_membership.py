"""Membership applications (two endorsements, two reviews) and the ToR review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from dhtc_tui.domain.membership import (
    ReviewState,
    add_endorsement,
    add_review,
    check_application,
    decide,
    has_vote,
    member_from_application,
    tor_review,
    validate_application,
)
from dhtc_tui.domain.model import (
    Application,
    ApplicationStatus,
    Endorsement,
    Member,
    MemberKind,
    MemberStatus,
    Review,
    Sector,
)
from dhtc_tui.domain.validation import ValidationError

DAY = date(2026, 11, 19)


@pytest.fixture
def members() -> list[Member]:
    return [
        Member(name="Victim Services", id="vs"),
        Member(name="Youth Shelter", id="ys"),
        Member(name="Transition House", id="th"),
        Member(name="Police", id="po"),
        Member(name="Survivor (A.R.)", kind=MemberKind.SURVIVOR, sector=Sector.SURVIVOR, id="sv"),
        Member(name="Former Agency", status=MemberStatus.WITHDRAWN, id="fa"),
    ]


def endorsed(*ids: str, kind=MemberKind.ORGANIZATION) -> Application:
    return Application(
        applicant="Riverside Alliance",
        kind=kind,
        endorsements=[Endorsement(i, f"Executive Director of {i}", DAY) for i in ids],
    )


def reviewed(app: Application, *pairs: tuple[str, str]) -> Application:
    app.reviews = [Review(member_id, decision, DAY) for member_id, decision in pairs]
    return app


# --------------------------------------------------------------------------
# check_application


def test_a_new_application_lists_everything_missing(members):
    check = check_application(Application(applicant="New"), members)
    assert check.endorsements == 0 and check.endorsements_needed == 2
    assert check.problems == (
        "needs two endorsing member organizations (0 recorded)",
        "needs review by two different member organizations (0 so far)",
    )
    assert not check.ready_to_approve and not check.ready_to_deny


def test_two_endorsements_and_two_approvals_make_it_ready(members):
    app = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("po", "approve"))
    check = check_application(app, members)
    assert check.problems == ()
    assert check.approvals == 2
    assert check.ready_to_approve


def test_one_endorsement_is_not_enough_for_an_organization(members):
    app = reviewed(endorsed("vs"), ("th", "approve"), ("po", "approve"))
    check = check_application(app, members)
    assert check.problems == ("needs two endorsing member organizations (1 recorded)",)
    assert not check.ready_to_approve


def test_a_survivor_member_needs_one_partner_agency(members):
    app = reviewed(endorsed("vs", kind=MemberKind.SURVIVOR), ("th", "approve"), ("po", "approve"))
    check = check_application(app, members)
    assert check.endorsements_needed == 1
    assert check.ready_to_approve
    lone = reviewed(endorsed(kind=MemberKind.SURVIVOR), ("th", "approve"), ("po", "approve"))
    assert check_application(lone, members).problems == ("needs an endorsing partner agency (0 recorded)",)


@pytest.mark.parametrize(
    "endorsers",
    [("vs", "vs"), ("vs", "sv"), ("vs", "fa"), ("vs", "ghost")],
    ids=["same org twice", "a survivor member", "a withdrawn member", "not a member"],
)
def test_only_distinct_active_member_organizations_endorse(members, endorsers):
    check = check_application(reviewed(endorsed(*endorsers), ("th", "approve"), ("po", "approve")), members)
    assert check.endorsements == 1
    assert not check.ready_to_approve


def test_an_endorsement_needs_a_signatory(members):
    app = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("po", "approve"))
    app.endorsements[1].signatory = "  "
    check = check_application(app, members)
    assert any("no signatory" in p for p in check.problems)
    assert not check.ready_to_approve


def test_two_reviews_must_come_from_two_different_organizations(members):
    one = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("th", "approve"))
    assert check_application(one, members).approvals == 1
    assert not check_application(one, members).ready_to_approve
    outsider = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("sv", "approve"))
    assert not check_application(outsider, members).ready_to_approve


def test_a_split_review_is_ready_for_neither(members):
    app = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("po", "deny"))
    check = check_application(app, members)
    assert (check.approvals, check.denials) == (1, 1)
    assert not check.ready_to_approve and not check.ready_to_deny


def test_two_denials_allow_a_denial_even_without_endorsements(members):
    app = reviewed(Application(applicant="X"), ("th", "deny"), ("po", "deny"))
    assert check_application(app, members).ready_to_deny


# --------------------------------------------------------------------------
# Adding endorsements and reviews


def test_add_endorsement_checks_who_endorses(members):
    app = Application(applicant="X")
    add_endorsement(app, Endorsement("vs", "Executive Director"), members)
    with pytest.raises(ValidationError, match="already endorsed"):
        add_endorsement(app, Endorsement("vs", "Someone else"), members)
    with pytest.raises(ValidationError, match="existing member organizations"):
        add_endorsement(app, Endorsement("sv", "A.R."), members)
    with pytest.raises(ValidationError, match="existing member organizations"):
        add_endorsement(app, Endorsement("fa", "Director"), members)
    with pytest.raises(ValidationError, match="signatory") as caught:
        add_endorsement(app, Endorsement("ys", "  "), members)
    assert caught.value.field == "signatory"
    assert [e.member_id for e in app.endorsements] == ["vs"]


def test_a_second_review_by_the_same_member_replaces_the_first(members):
    app = Application(applicant="X")
    add_review(app, Review("th", "deny"), members)
    add_review(app, Review("th", "approve"), members)
    assert [(r.member_id, r.decision) for r in app.reviews] == [("th", "approve")]


def test_add_review_checks_reviewer_and_decision(members):
    app = Application(applicant="X")
    with pytest.raises(ValidationError, match="existing member organizations"):
        add_review(app, Review("ghost", "approve"), members)
    with pytest.raises(ValidationError, match="approves or denies"):
        add_review(app, Review("th", "maybe"), members)
    assert app.reviews == []


# --------------------------------------------------------------------------
# Deciding


def test_decide_approves_only_a_complete_application(members):
    app = reviewed(endorsed("vs"), ("th", "approve"), ("po", "approve"))
    with pytest.raises(ValidationError, match="Cannot approve yet: needs two endorsing"):
        decide(app, members, approve=True)
    assert app.status is ApplicationStatus.PENDING
    app.endorsements.append(Endorsement("ys", "Director"))
    decide(app, members, approve=True)
    assert app.status is ApplicationStatus.APPROVED


def test_decide_denies_only_after_two_denials(members):
    app = reviewed(endorsed("vs", "ys"), ("th", "deny"))
    with pytest.raises(ValidationError, match="two member organizations"):
        decide(app, members, approve=False)
    app.reviews.append(Review("po", "deny"))
    decide(app, members, approve=False)
    assert app.status is ApplicationStatus.DENIED


def test_an_approved_application_becomes_a_member(members):
    app = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("po", "approve"))
    app.contact_name, app.email, app.sector = "Mei-Lin", "a@b.example.org", Sector.AGENCY_SUPPORT
    with pytest.raises(ValidationError, match="approved"):
        member_from_application(app, DAY)
    decide(app, members, approve=True)
    member = member_from_application(app, DAY)
    assert (member.name, member.kind, member.sector) == ("Riverside Alliance", MemberKind.ORGANIZATION, Sector.AGENCY_SUPPORT)
    assert member.representatives == ["Mei-Lin"]
    assert member.endorsed_by == ["vs", "ys"]
    assert member.joined == member.contact_updated == DAY
    assert member.is_active


def test_validate_application_names(members):
    with pytest.raises(ValidationError, match="applicant's name"):
        validate_application(Application(applicant="  "), members, [])
    with pytest.raises(ValidationError, match="already an active member"):
        validate_application(Application(applicant=" youth  SHELTER "), members, [])
    # A former member may apply again.
    assert validate_application(Application(applicant="former agency"), members, []).applicant == "former agency"
    pending = Application(applicant="Riverside Alliance")
    with pytest.raises(ValidationError, match="pending application"):
        validate_application(Application(applicant="riverside alliance"), members, [pending])
    pending.status = ApplicationStatus.DENIED
    assert validate_application(Application(applicant=" Riverside   Alliance"), members, [pending]).applicant == "Riverside Alliance"
    # Editing the pending application itself is fine.
    pending.status = ApplicationStatus.PENDING
    assert validate_application(pending, members, [pending]) is pending


# --------------------------------------------------------------------------
# Terms of Reference review: every two years, September-October


def test_no_review_on_record_needs_attention():
    review = tor_review(None, DAY)
    assert review.state is ReviewState.NEVER
    assert review.needs_attention
    assert "no review on record" in review.describe()


@pytest.mark.parametrize(
    "today, state",
    [
        (date(2026, 5, 31), ReviewState.CURRENT),
        (date(2026, 6, 1), ReviewState.UPCOMING),
        (date(2026, 8, 31), ReviewState.UPCOMING),
        (date(2026, 9, 1), ReviewState.DUE),
        (date(2026, 10, 31), ReviewState.DUE),
        (date(2026, 11, 1), ReviewState.OVERDUE),
    ],
)
def test_review_window_edges(today, state):
    review = tor_review(date(2024, 10, 17), today)
    assert review.state is state
    assert (review.window_start, review.window_end) == (date(2026, 9, 1), date(2026, 10, 31))


STATE_ORDER = [ReviewState.CURRENT, ReviewState.UPCOMING, ReviewState.DUE, ReviewState.OVERDUE]


@given(
    last=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    offset=st.integers(min_value=0, max_value=3 * 366),
)
def test_review_state_follows_the_calendar(last, offset):
    today = last + timedelta(days=offset)
    review = tor_review(last, today)
    due = last.year + 2
    start, end = date(due, 9, 1), date(due, 10, 31)
    assert (review.window_start, review.window_end) == (start, end)
    expected = (
        ReviewState.OVERDUE if today > end
        else ReviewState.DUE if today >= start
        else ReviewState.UPCOMING if today >= date(due, 6, 1)
        else ReviewState.CURRENT
    )
    assert review.state is expected
    assert review.needs_attention == (expected in (ReviewState.DUE, ReviewState.OVERDUE))
    # Time only moves a review towards overdue.
    later = tor_review(last, today + timedelta(days=30)).state
    assert STATE_ORDER.index(later) >= STATE_ORDER.index(review.state)


@given(last=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_a_review_just_held_is_never_due(last):
    assert tor_review(last, last).state is ReviewState.CURRENT


def test_review_descriptions_name_the_window():
    last = date(2024, 10, 17)
    assert "September 2026\u2013October 2026" in tor_review(last, date(2025, 1, 1)).describe()
    assert "OVERDUE" in tor_review(last, date(2027, 1, 1)).describe()
    assert "due now" in tor_review(last, date(2026, 9, 15)).describe()


# --------------------------------------------------------------------------
# A withdrawn or removed organization no longer counts as an endorser (point 19)


@pytest.mark.parametrize("status", [MemberStatus.WITHDRAWN, MemberStatus.REMOVED])
def test_withdrawn_or_removed_endorsers_do_not_count_on_the_roster(members, status):
    from dhtc_tui.domain.validation import member_concerns

    newcomer = Member(name="Newcomer", joined=date(2026, 1, 5), contact_updated=DAY,
                      endorsed_by=["vs", "ys"], id="new")
    roster = members + [newcomer]
    assert not [c for c in member_concerns(roster, DAY) if c.member_id == "new"]
    next(m for m in roster if m.id == "ys").status = status
    found = [c.message for c in member_concerns(roster, DAY) if c.member_id == "new"]
    assert found == ["needs two endorsing member organizations (1 recorded)"]


@pytest.mark.parametrize("status", [MemberStatus.WITHDRAWN, MemberStatus.REMOVED])
def test_withdrawn_or_removed_endorsers_do_not_count_on_an_application(members, status):
    app = reviewed(endorsed("vs", "ys"), ("th", "approve"), ("po", "approve"))
    assert check_application(app, members).ready_to_approve
    next(m for m in members if m.id == "ys").status = status
    check = check_application(app, members)
    assert check.endorsements == 1 and not check.ready_to_approve


@given(st.sampled_from(list(MemberKind)), st.booleans(), st.booleans())
def test_has_vote(kind, votes, survivors_vote):
    member = Member(name="M", kind=kind, votes=votes)
    assert has_vote(member, survivors_vote) is (survivors_vote if kind is MemberKind.SURVIVOR else votes)
