"""Letters to a member, from the record.

Terms of Reference, Removal of Members: the member "shall be notified of the
vote prior to it occurring and the reasons for the proposed removal", and
"of the voting outcome and final decision of the Coalition in writing,
signed by at least two member organizations"; attendance under 2/3 means
"automatic withdrawal from the Coalition will be assumed". Process of
Becoming a Member: applications are endorsed and reviewed by member
organizations.

Each letter is a .docx in the minutes' style (and an .eml draft when the
member has an address), written only from facts on record: a letter whose
facts are missing is refused with the reason. Writing one records it on the
member's history (:class:`~dhtc_tui.domain.model.LetterSent`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.attendance import meeting_year_bounds, meeting_year_label, meeting_year_start, standing
from ..domain.model import (
    Application,
    ApplicationStatus,
    LetterKind,
    LetterSent,
    Meeting,
    MeetingStatus,
    Member,
    MemberStatus,
    Motion,
    MotionKind,
    MotionState,
)
from ..domain.roster import MemberLookupError, resolve_member
from ..domain.text import clock, long_date
from ..minutes.circulation import DOCX_MIME
from ..minutes.styles import STYLE_MOTION, STYLE_TITLE
from ..minutes.writer import Writer
from .common import address, coalition_name, docx_bytes, email_message, flat, out_folder, paper_gate, short_name, slug, write_all

KINDS: dict[str, LetterKind] = {
    "removal-notice": LetterKind.REMOVAL_NOTICE,
    "removal-outcome": LetterKind.REMOVAL_OUTCOME,
    "withdrawal": LetterKind.WITHDRAWAL,
    "application-decision": LetterKind.APPLICATION_DECISION,
}

#: Terms of Reference, Removal of Members (quoted in the withdrawal notice).
ATTENDANCE_RULE = (
    "Where members/organizations are in attendance for less than 2/3 annual meetings "
    "(ie. less than 4 of 6 meetings), automatic withdrawal from the Coalition will be assumed."
)


class LetterError(Exception):
    """One line for the chair. ``usage``: the request itself was wrong (exit 2)."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass
class LetterReport:
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Letter:
    kind: LetterKind
    member: Member | None
    to_name: str
    attention: str
    email: str
    subject: str
    meeting: Meeting | None
    build: object  # callable(Writer) -> None
    record: list[str] = field(default_factory=list)
    after: object = None  # callable() -> None: what the record keeps


# --------------------------------------------------------------------------
# Finding the facts


def _meetings(store, selector: str | None) -> list[Meeting]:
    """Newest first: the chosen meeting only, or every meeting."""
    from ..record import select_ref

    if selector and selector.strip().lower() not in ("", "latest"):
        return [store.load_meeting(select_ref(store, selector).id)]
    return [store.load_meeting(r.id) for r in reversed(store.meetings())]


def _removal_motions(store, selector, member: Member) -> list[tuple[Meeting, Motion]]:
    found = []
    for meeting in _meetings(store, selector):
        for motion in reversed(meeting.motions):
            if motion.kind is MotionKind.REMOVAL and motion.subject_member_id == member.id:
                found.append((meeting, motion))
    return found


def _when(meeting: Meeting) -> str:
    text = long_date(meeting.date)
    if meeting.start_time:
        text += f" at {clock(meeting.start_time)}"
    return text


def _signature(w: Writer, org: str, role: str = "") -> None:
    w.para("")
    w.para("_" * 38)
    w.runs([(f"Signed for {org}", True, False)] + ([(role, None, True)] if role else []))
    w.para("Name and title: ______________________    Date: ____________")


def _chair_close(w: Writer, gate) -> None:
    names = {m.id: m.name for m in gate.members}
    chair = names.get(gate.settings.chair_member_id or "", "")
    w.para("")
    w.para("Sincerely,")
    _signature(w, chair or coalition_name(gate.settings), f"Chair, {coalition_name(gate.settings)}")


def removal_notice(store, member: Member, selector: str | None, today: date) -> _Letter:
    motions = _removal_motions(store, selector, member)
    if not motions:
        raise LetterError(f"No motion to remove {member.name} is on record: add it on the motion screen first.")
    pending = [(m, x) for m, x in motions if x.state in (MotionState.DRAFT, MotionState.CONSENSUS)]
    if not pending:
        raise LetterError(
            f"The vote on removing {member.name} has taken place: write the removal-outcome letter instead."
        )
    meeting, motion = pending[0]
    if motion.removal is None or not motion.removal.reasons.strip():
        raise LetterError(
            f"The reasons for removing {member.name} are not recorded on the motion: record them (motion screen) first."
        )

    def build(w: Writer) -> None:
        g = w.gate
        location = flat(g.text(meeting, "location"))
        w.para(
            f"The {coalition_name(g.settings)} will vote on a motion to remove {member.name} from membership "
            f"at its meeting on {_when(meeting)}" + (f" ({location})." if location else ".")
        )
        w.para("The motion reads:")
        w.para(flat(g.text(motion, "text")), STYLE_MOTION)
        w.para("The reasons for the proposed removal:")
        w.notes(g.text(motion.removal, "reasons"))
        w.para(
            "Under the Terms of Reference, removal requires a vote of 50% + 1, and your organization does not "
            "vote on this motion. You are welcome to respond in writing to the Chair before the meeting."
        )
        _chair_close(w, g)

    def after() -> None:
        if motion.removal.notified_on is None:
            from ..domain.voting import record_removal_notice

            record_removal_notice(motion, today, motion.removal.reasons)
            store.save_meeting(meeting)

    return _member_letter(LetterKind.REMOVAL_NOTICE, member, "Notice of a vote on removal from membership", meeting, build, after)


def removal_outcome(store, member: Member, selector: str | None, today: date) -> _Letter:
    from ..domain.voting import tally

    motions = _removal_motions(store, selector, member)
    if not motions:
        raise LetterError(f"No motion to remove {member.name} is on record.")
    decided = [(m, x) for m, x in motions if x.state in (MotionState.CARRIED, MotionState.DEFEATED)]
    if not decided:
        state = motions[0][1].state.value
        raise LetterError(
            f"The vote on removing {member.name} has not taken place yet (the motion is {state}): "
            "the outcome letter follows the vote."
        )
    meeting, motion = decided[0]
    names = {m.id: m.name for m in store.members()}
    signers = [names[s] for s in (motion.removal.signed_by if motion.removal else []) if s in names]
    if len(signers) < 2:
        raise LetterError(
            "The outcome letter is signed by at least two member organizations: record them on the motion "
            "(motion screen, outcome notice) first."
        )
    count = tally(motion)
    carried = motion.state is MotionState.CARRIED

    def build(w: Writer) -> None:
        g = w.gate
        w.para(
            f"At its meeting on {_when(meeting)}, the {coalition_name(g.settings)} voted on the motion to remove "
            f"{member.name} from membership:"
        )
        w.para(flat(g.text(motion, "text")), STYLE_MOTION)
        w.meta("Outcome", f"{'Carried' if carried else 'Defeated'}")
        w.meta("Votes", f"{count.for_} in favour, {count.against} against, {count.abstain} abstaining")
        w.meta("Needed", f"{count.needed} in favour (50% + 1 of {count.base} {count.base_kind.value})")
        if motion.removal and motion.removal.reasons.strip():
            w.para("The reasons given for the proposed removal:")
            w.notes(g.text(motion.removal, "reasons"))
        if carried:
            w.para(
                f"The Coalition's final decision: {member.name} is removed from membership of the "
                f"{coalition_name(g.settings)} as of {long_date(meeting.date)}."
            )
        else:
            w.para(f"The Coalition's final decision: {member.name} remains a member of the {coalition_name(g.settings)}.")
        w.para("As the Terms of Reference require, this letter is signed by the member organizations below.")
        for org in signers:
            _signature(w, org)

    def after() -> None:
        if motion.removal is not None and motion.removal.outcome_notice_on is None:
            motion.removal.outcome_notice_on = today
            store.save_meeting(meeting)

    letter = _member_letter(LetterKind.REMOVAL_OUTCOME, member, "Outcome of the vote on removal from membership", meeting, build, after)
    return letter


def withdrawal(store, member: Member, selector: str | None, today: date) -> _Letter:
    settings = store.settings()
    refs = store.meetings()
    closed = [r for r in refs if r.status is MeetingStatus.CLOSED]
    if selector and selector.strip().lower() not in ("", "latest"):
        from ..record import select_ref

        anchor = select_ref(store, selector).date
    elif closed:
        anchor = closed[-1].date
    else:
        raise LetterError("No meeting has been held yet: there is no attendance to write about.")
    year = meeting_year_start(anchor)
    first, last = meeting_year_bounds(year)
    meetings = [store.load_meeting(r.id) for r in refs if first <= r.date <= last]
    report = standing(member, meetings, settings.meetings_per_year, as_of=today, year=year)
    if member.status is not MemberStatus.WITHDRAWN and report.standing.name != "WITHDRAWN":
        raise LetterError(
            f"{member.name} has not withdrawn under the attendance rule in {meeting_year_label(year)} "
            f"({report.describe()})."
        )

    def build(w: Writer) -> None:
        g = w.gate
        w.para(
            f"The Coalition's records for the {meeting_year_label(year)} meeting year show that {member.name} "
            f"attended {report.attended} of the {report.held} meetings held "
            f"({report.planned} planned; {report.required} needed)."
        )
        w.para("The Terms of Reference (Removal of Members) say:")
        w.para(ATTENDANCE_RULE, STYLE_MOTION)
        w.para(
            f"Under this rule, {member.name} is withdrawn from membership of the {coalition_name(g.settings)}, "
            "and is no longer counted or called to vote."
        )
        w.heading("Coming back", 2)
        w.bullets(
            [
                "If the record is wrong (a meeting attended, or attended by a delegate), tell the Chair: "
                "the record is corrected and the withdrawal undone.",
                "To be reinstated, write to the Chair; the request is put to the Coalition at its next meeting.",
                "Or re-apply with a new membership application, with two endorsements by existing member "
                "organizations (senior leadership with signing authority).",
            ]
        )
        _chair_close(w, g)

    return _member_letter(LetterKind.WITHDRAWAL, member, "Withdrawal from membership under the attendance rule", None, build, None)


def _application(store, application_id: str | None, member_text: str | None) -> Application:
    applications = store.applications()
    if application_id:
        found = [a for a in applications if a.id == application_id]
        if not found:
            raise LetterError(f"No application {application_id}.", usage=True)
        return found[0]
    if not member_text:
        raise LetterError("Name the application (--application ID) or the applicant (--member NAME).", usage=True)
    pseudo = [Member(name=a.applicant, id=a.id) for a in applications]
    try:
        chosen = resolve_member(pseudo, member_text)
    except MemberLookupError as exc:
        raise LetterError(str(exc).replace("No member is called", "No application is from").replace(" members:", " applicants:"), usage=True) from None
    return next(a for a in applications if a.id == chosen.id)


def application_decision(store, application: Application, today: date) -> _Letter:
    if application.status not in (ApplicationStatus.APPROVED, ApplicationStatus.DENIED):
        raise LetterError(
            f"The application of {application.applicant} is {application.status.value}: "
            "the letter follows the decision."
        )
    members = store.members()
    names = {m.id: m.name for m in members}
    approved = application.status is ApplicationStatus.APPROVED
    endorsers = [names.get(e.member_id, "a former member") for e in application.endorsements]
    reviewers = [
        f"{names.get(r.member_id, 'a former member')} ({'approve' if r.decision == 'approve' else 'deny'})"
        for r in application.reviews
    ]
    member = next((m for m in members if m.name.casefold() == application.applicant.casefold()), None)

    def build(w: Writer) -> None:
        g = w.gate
        received = f", received {long_date(application.received)}" if application.received else ""
        w.para(f"Thank you for applying to join the {coalition_name(g.settings)}{received}.")
        if approved:
            w.para(f"We are pleased to tell you that the application of {application.applicant} has been approved.")
        else:
            w.para(f"We regret to tell you that the application of {application.applicant} has not been approved.")
        w.meta("Endorsed by", "; ".join(endorsers) or "none recorded")
        w.meta("Reviewed by", "; ".join(reviewers) or "none recorded")
        if approved:
            w.para(
                "Each member organization has one vote and is asked to attend at least two thirds of the "
                "meetings each year. The Chair will send you the agenda of the next meeting."
            )
        else:
            w.para("You are welcome to contact the Chair about the decision, or to apply again in future.")
        _chair_close(w, g)

    letter = _Letter(
        kind=LetterKind.APPLICATION_DECISION,
        member=member,
        to_name=application.applicant,
        attention=application.contact_name,
        email=address(application.email) or (address(member.email) if member else ""),
        subject=f"Membership application: {'approved' if approved else 'not approved'}",
        meeting=None,
        build=build,
        record=[application.applicant, application.contact_name],
    )
    return letter


def _member_letter(kind, member: Member, subject: str, meeting, build, after) -> _Letter:
    return _Letter(
        kind=kind,
        member=member,
        to_name=member.name,
        attention="; ".join(member.representatives),
        email=address(member.email),
        subject=subject,
        meeting=meeting,
        build=build,
        after=after,
    )


# --------------------------------------------------------------------------
# Writing


def letter_filename(settings, kind: LetterKind, to_name: str, today: date, suffix: str = ".docx") -> str:
    return f"{slug(short_name(settings))}-letter-{slug(kind.value)}-{slug(to_name)[:40]}-{today.isoformat()}{suffix}"


def compose(store, letter: _Letter, today: date) -> tuple[bytes, bytes | None, object]:
    members, settings = store.members(), store.settings()
    gate = paper_gate(members, settings, letter.meeting, store.action_items(), record=letter.record, on=today)
    gate.check()
    w = Writer(gate)
    w.para(coalition_name(settings), STYLE_TITLE)
    w.para(long_date(today))
    w.para("")
    w.runs([(letter.to_name, True, False)] + ([(f"Attention: {letter.attention}", None, True)] if letter.attention else []))
    w.para("")
    w.runs([("Re: ", True, False), (letter.subject, True, False)])
    w.para(f"Dear {letter.attention or letter.to_name},")
    letter.build(w)
    data = docx_bytes(
        w,
        header=f"{short_name(settings)} \u2014 {letter.subject} \u2014 {long_date(today)}",
        title=f"{letter.subject}: {letter.to_name}",
        subject=letter.kind.value.capitalize(),
        category="Letter",
    )
    eml = None
    if letter.email:
        body = (
            f"Dear {letter.attention or letter.to_name},\n\n"
            f"Please find attached a letter from the {coalition_name(settings)}: {letter.subject.lower()}.\n\n"
            f"Regards,\n{coalition_name(settings)} Chair"
        )
        name = letter_filename(settings, letter.kind, letter.to_name, today)
        from .common import address as first

        eml = email_message(
            gate,
            f"{short_name(settings)}: {letter.subject}",
            body,
            [(name, data, DOCX_MIME)],
            to=first(settings.chair_email),
            bcc=[letter.email],
        )
    return data, eml, gate


def write_letter(
    store,
    kind: str,
    member_text: str | None,
    selector: str | None = None,
    application_id: str | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    today: date | None = None,
) -> LetterReport:
    """Write one letter; raises LetterError (or MinutesError / RecordError)."""
    today = today or date.today()
    if kind not in KINDS:
        raise LetterError(f"unknown letter {kind}: choose one of {', '.join(KINDS)}", usage=True)
    folder = out_folder(out_dir)
    if KINDS[kind] is LetterKind.APPLICATION_DECISION:
        letter = application_decision(store, _application(store, application_id, member_text), today)
    else:
        if not member_text:
            raise LetterError("Name the member: --member NAME (an id, a name or the start of one).", usage=True)
        try:
            member = resolve_member(store.members(), member_text)
        except MemberLookupError as exc:
            raise LetterError(str(exc), usage=True) from None
        make = {"removal-notice": removal_notice, "removal-outcome": removal_outcome, "withdrawal": withdrawal}[kind]
        letter = make(store, member, selector, today)
    settings = store.settings()
    docx_path = folder / letter_filename(settings, letter.kind, letter.to_name, today)
    targets = [docx_path] + ([docx_path.with_suffix(".eml")] if letter.email else [])
    from .common import check_all

    check_all(targets, force)
    data, eml, gate = compose(store, letter, today)
    payloads = [(docx_path, data)] + ([(targets[1], eml)] if eml else [])
    report = LetterReport(paths=write_all(payloads, force))
    if letter.after:
        letter.after()
    if letter.member is not None:
        fresh = next((m for m in store.members() if m.id == letter.member.id), letter.member)
        fresh.letters.append(LetterSent(letter.kind, today, letter.meeting.date if letter.meeting else None))
        store.save_member(fresh)
        report.notes.append(f"Recorded in the history of {fresh.name}: {letter.kind.value}, {long_date(today)}.")
    else:
        report.notes.append(f"{letter.to_name} is not on the roster, so the letter is not recorded on a member's history.")
    if not letter.email:
        report.notes.append("No e-mail address on record: print the letter and send it by post.")
    if gate.left_out:
        report.notes.append(f"{gate.left_out} unreviewed possible identifying detail(s) were left out.")
    return report
