"""Membership applications and the Terms of Reference review.

Terms of Reference:
- Process of Becoming a Member: "All Organizations must submit a Membership
  Application that requires two endorsements by existing Coalition
  Organizations (Senior Leadership with signing authority)"; survivor members
  "should be endorsed by an existing partner agency".
- Chair duties: "Ensure all new Member Applications are reviewed and
  approved/denied by at least two different, existing Member Organizations".
- Reporting Responsibilities: "The Terms of Reference shall be reviewed by the
  Coalition every two years (on or about September-October)".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .model import (
    Application,
    ApplicationStatus,
    Endorsement,
    Member,
    MemberKind,
    Review,
)
from .validation import ValidationError, clean_name, normalise_name


def has_vote(member: Member, survivors_vote: bool = False) -> bool:
    """Whether ``member`` votes at all: "Each organization has one vote"
    (Decision Making). A survivor member votes only when the coalition's
    setting ``survivors_vote`` says so; an organization unless it is marked
    non-voting."""
    if member.kind is MemberKind.SURVIVOR:
        return survivors_vote
    return member.votes


def _member_orgs(members: list[Member]) -> dict[str, Member]:
    return {m.id: m for m in members if m.is_active and m.kind is MemberKind.ORGANIZATION}


@dataclass(frozen=True)
class ApplicationCheck:
    endorsements: int
    endorsements_needed: int
    approvals: int
    denials: int
    reviews_needed: int
    problems: tuple[str, ...]

    @property
    def ready_to_approve(self) -> bool:
        return not self.problems and self.approvals >= self.reviews_needed

    @property
    def ready_to_deny(self) -> bool:
        return self.denials >= self.reviews_needed


def check_application(application: Application, members: list[Member]) -> ApplicationCheck:
    orgs = _member_orgs(members)
    needed = 2 if application.kind is MemberKind.ORGANIZATION else 1
    endorsers = {e.member_id for e in application.endorsements if e.member_id in orgs}
    problems = []
    if len(endorsers) < needed:
        what = "two endorsing member organizations" if needed == 2 else "an endorsing partner agency"
        problems.append(f"needs {what} ({len(endorsers)} recorded)")
    if any(not e.signatory.strip() for e in application.endorsements):
        problems.append("an endorsement has no signatory (senior leadership with signing authority)")
    approvals = {r.member_id for r in application.reviews if r.decision == "approve" and r.member_id in orgs}
    denials = {r.member_id for r in application.reviews if r.decision == "deny" and r.member_id in orgs}
    if len(approvals) < 2 and len(denials) < 2:
        problems.append(
            f"needs review by two different member organizations ({len(approvals | denials)} so far)"
        )
    return ApplicationCheck(len(endorsers), needed, len(approvals), len(denials), 2, tuple(problems))


def validate_application(application: Application, members: list[Member], others: list[Application]) -> Application:
    name = clean_name(application.applicant)
    if not name:
        raise ValidationError("The application needs the applicant's name.", "applicant")
    key = normalise_name(name)
    if any(normalise_name(m.name) == key and m.is_active for m in members):
        raise ValidationError(f"'{name}' is already an active member.", "applicant")
    if any(o.id != application.id and normalise_name(o.applicant) == key and o.status is ApplicationStatus.PENDING for o in others):
        raise ValidationError(f"'{name}' already has a pending application.", "applicant")
    application.applicant = name
    return application


def add_endorsement(application: Application, endorsement: Endorsement, members: list[Member]) -> None:
    orgs = _member_orgs(members)
    if endorsement.member_id not in orgs:
        raise ValidationError("Endorsements come from existing member organizations.", "endorsement")
    if not endorsement.signatory.strip():
        raise ValidationError(
            "Name the signatory (senior leadership with signing authority).", "signatory"
        )
    if any(e.member_id == endorsement.member_id for e in application.endorsements):
        raise ValidationError(f"{orgs[endorsement.member_id].name} has already endorsed this application.", "endorsement")
    application.endorsements.append(endorsement)


def add_review(application: Application, review: Review, members: list[Member]) -> None:
    orgs = _member_orgs(members)
    if review.member_id not in orgs:
        raise ValidationError("Reviews come from existing member organizations.", "review")
    if review.decision not in ("approve", "deny"):
        raise ValidationError("A review approves or denies.", "review")
    application.reviews = [r for r in application.reviews if r.member_id != review.member_id]
    application.reviews.append(review)


def decide(application: Application, members: list[Member], approve: bool) -> None:
    check = check_application(application, members)
    if approve and not check.ready_to_approve:
        raise ValidationError("Cannot approve yet: " + "; ".join(check.problems), "status")
    if not approve and not check.ready_to_deny:
        raise ValidationError("Denial needs two member organizations' reviews to deny.", "status")
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.DENIED


def member_from_application(application: Application, joined: date) -> Member:
    if application.status is not ApplicationStatus.APPROVED:
        raise ValidationError("Only an approved application becomes a member.", "status")
    return Member(
        name=application.applicant,
        kind=application.kind,
        sector=application.sector,
        representatives=[application.contact_name] if application.contact_name else [],
        email=application.email,
        phone=application.phone,
        endorsed_by=[e.member_id for e in application.endorsements],
        joined=joined,
        contact_updated=joined,
    )


# --------------------------------------------------------------------------
# Terms of Reference review


class ReviewState(StrEnum):
    CURRENT = "current"
    UPCOMING = "coming up"
    DUE = "due"
    OVERDUE = "overdue"
    NEVER = "no review on record"


@dataclass(frozen=True)
class TorReview:
    state: ReviewState
    window_start: date | None
    window_end: date | None

    def describe(self) -> str:
        if self.state is ReviewState.NEVER:
            return "Terms of Reference review: no review on record; one is due."
        window = f"{self.window_start:%B %Y}\u2013{self.window_end:%B %Y}"
        return {
            ReviewState.CURRENT: f"Terms of Reference review: next due {window}.",
            ReviewState.UPCOMING: f"Terms of Reference review coming up ({window}).",
            ReviewState.DUE: f"Terms of Reference review is due now ({window}).",
            ReviewState.OVERDUE: f"Terms of Reference review is OVERDUE (was due {window}).",
        }[self.state]

    @property
    def needs_attention(self) -> bool:
        return self.state in (ReviewState.DUE, ReviewState.OVERDUE, ReviewState.NEVER)


def tor_review(last_review: date | None, today: date) -> TorReview:
    """Every two years, on or about September-October."""
    if last_review is None:
        return TorReview(ReviewState.NEVER, None, None)
    due_year = last_review.year + 2
    start, end = date(due_year, 9, 1), date(due_year, 10, 31)
    if today > end:
        state = ReviewState.OVERDUE
    elif today >= start:
        state = ReviewState.DUE
    elif today >= date(due_year, 6, 1):
        state = ReviewState.UPCOMING
    else:
        state = ReviewState.CURRENT
    return TorReview(state, start, end)
