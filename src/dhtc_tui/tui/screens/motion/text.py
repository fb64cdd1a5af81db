"""What the motion screen says: bar, summary, status, key hints, vote rows.

Pure functions of the motion and the names of members, so the wording can be
read (and tested) without a running screen. Strings returned here are Textual
markup unless the name says ``Text``; every piece of data is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from ...widgets.text import escape

from ....domain.model import Meeting, Motion, MotionKind, MotionState, Vote, VoteChoice
from ....domain.text import clock, long_date, plural
from ....domain.voting import Tally, disposition, motion_wording, open_amendments
from ...widgets.text import cut

#: Member id -> name, with a fallback for an unknown id.
Namer = Callable[[str | None], str]

OPEN = (MotionState.CONSENSUS, MotionState.VOTING)

NOBODY_ELIGIBLE = "No member present can vote on this motion yet: mark attendance first (agenda item 2)."
NOT_VOTED = "\u00b7"
CANNOT_VOTE = "\u2014"

CHOICE_STYLE = {
    VoteChoice.FOR: "bold green",
    VoteChoice.AGAINST: "bold red",
    VoteChoice.ABSTAIN: "bold yellow",
}


def label(motion: Motion) -> str:
    noun = "Amendment" if motion.kind is MotionKind.AMENDMENT else "Motion"
    return f"{noun} {motion.number}" if motion.number else f"New {noun.lower()}"


def item_label(meeting: Meeting, item_id: str | None) -> str:
    item = meeting.item(item_id) if item_id else None
    if item is None:
        return "no agenda item"
    return f"item {meeting.agenda.index(item) + 1}. {item.title}"


def bar_text(meeting: Meeting, motion: Motion | None, item_id: str | None) -> str:
    """The one-line bar at the top (plain text)."""
    if motion is None or motion.state is MotionState.DRAFT:
        return f"New motion \u00b7 {item_label(meeting, item_id)}"
    state = motion.state.value if motion.state in OPEN else disposition(motion)
    return f"{label(motion)} \u00b7 {motion.kind.value} \u00b7 {state} \u00b7 {item_label(meeting, motion.agenda_item_id)}"


def motions_list_row(motion: Motion, width: int) -> Text:
    state = "OPEN: " + motion.state.value if motion.state in OPEN else disposition(motion)
    style = "bold" if motion.state in OPEN else ""
    return Text(f"{motion.number:>2}. [{state}] {cut(motion_wording(motion.text), width)}", style=style)


def summary_text(motion: Motion, meeting: Meeting, name: Namer, applicant: str | None, *, compact: bool) -> str:
    """The motion's wording, what it is about, and (unless ``compact``) who moved it."""
    extra = []
    if motion.kind is MotionKind.REMOVAL:
        extra.append(f"to remove {name(motion.subject_member_id)}")
    if motion.kind is MotionKind.APPLICATION and applicant is not None:
        extra.append(f"application of {applicant}")
    if motion.amends_motion_id:
        parent = meeting.motion(motion.amends_motion_id)
        if parent is not None:
            extra.append(f"amends {label(parent).lower()}")
    about = f"{motion.kind.value}{' (' + escape('; '.join(extra)) + ')' if extra else ''}"
    recorded = f"recorded vote: {'yes' if motion.recorded_vote else 'no'}"
    wording = f"[b]{escape(motion_wording(motion.text))}[/b]"
    if compact:
        # The vote panel needs the rows; mover and seconder are in the minutes line.
        return f"{wording} \u00b7 {about} \u00b7 {recorded}"
    return (
        f"{wording}\nMoved by {escape(name(motion.mover_id))}, seconded by "
        f"{escape(name(motion.seconder_id))} \u00b7 {about} \u00b7 {recorded}"
    )


def status_text(motion: Motion, meeting: Meeting, name: Namer) -> str:
    lines: list[str] = []
    if motion.state is MotionState.CONSENSUS:
        lines.append("[b]Seeking consensus.[/b] The Chair asks: does any member object?")
        if motion.objections:
            who = ", ".join(escape(name(m)) for m in motion.objections)
            lines.append(f"[b]Objection by {who}[/b]: no consensus \u2014 v calls the vote.")
    elif motion.state is MotionState.VOTING:
        opened = clock(motion.vote_opened_at.time()) if motion.vote_opened_at else "?"
        lines.append(
            f"[b]Vote open[/b] since {opened} \u00b7 "
            f"{plural(len(set(motion.electorate)), 'member')} eligible \u00b7 base: {motion.voting_base}"
        )
    else:
        when = f" at {clock(motion.closed_at.time())}" if motion.closed_at else ""
        stop = "" if when.endswith(".") else "."
        lines.append(f"[b]{disposition(motion)}[/b]{when}{stop} The result is frozen: o reopens it, with a reason.")
        reopened = [e for e in motion.events if e.what.startswith("reopened")]
        if reopened:
            last = reopened[-1]
            lines.append(f"Reopened {len(reopened)}\u00d7; last at {clock(last.at.time())}: {escape(last.what)}")
    if motion.kind is MotionKind.REMOVAL:
        lines.extend(removal_lines(motion, name))
    pending = open_amendments(meeting, motion)
    if pending:
        lines.append(f"[b]{escape(label(pending[0]))} to this motion is open[/b]: decide it first (l lists motions).")
    return "\n".join(lines)


def removal_lines(motion: Motion, name: Namer) -> list[str]:
    record = motion.removal
    lines = []
    if record is None or record.notified_on is None:
        if motion.state in (MotionState.DRAFT, MotionState.CONSENSUS):
            lines.append("[b]Notice to the member not recorded[/b]: required before the vote \u2014 n records it.")
    else:
        lines.append(f"Member notified of the vote and the reasons on {long_date(record.notified_on)}.")
    if motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
        if record is not None and record.outcome_notice_on is not None and record.signed_by:
            signers = ", ".join(escape(name(s)) for s in record.signed_by)
            lines.append(f"Written notice of the outcome dated {long_date(record.outcome_notice_on)}, signed by {signers}.")
        else:
            lines.append("[b]Written notice of the outcome not recorded[/b]: s records it (two member organizations sign).")
        if motion.state is MotionState.CARRIED:
            lines.append(
                f"{escape(name(motion.subject_member_id))} is removed on the roster (its record is kept); "
                "reopening the motion makes it active again."
            )
    return lines


def keys_text(motion: Motion) -> str:
    """The keys of a motion not at a vote (plain text)."""
    if motion.state is MotionState.CONSENSUS and motion.kind is MotionKind.REMOVAL:
        return (
            "Removal of a member needs a vote of 50% + 1 (Terms of Reference, Removal of Members).\n"
            "n  notice to the member (date and reasons): required before the vote\n"
            "v  call the vote\n"
            "m  amend (the amendment is decided first)\n"
            "w  withdraw \u00b7 t  defer (table) \u00b7 r  recorded vote on/off\n"
            "l  motions of this meeting \u00b7 Esc  back (the motion stays open)"
        )
    if motion.state is MotionState.CONSENSUS:
        return (
            "c  carried by consensus (no objection)\n"
            "o  a member objects \u2192 the motion goes to a vote\n"
            "v  call a vote without asking for consensus\n"
            "m  amend (the amendment is decided first)\n"
            "w  withdraw \u00b7 t  defer (table) \u00b7 r  recorded vote on/off\n"
            "l  motions of this meeting \u00b7 Esc  back (the motion stays open)"
        )
    keys = "o  reopen (a reason is required and recorded) \u00b7 l  motions \u00b7 Esc  back"
    if motion.kind is MotionKind.REMOVAL and motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
        keys = "s  written notice of the outcome \u00b7 " + keys
    return keys


def excluded_text(motion: Motion, name: Namer) -> str:
    if not motion.excluded:
        return ""
    lines = ["Cannot take part:"]
    for exclusion in motion.excluded:
        lines.append(f"  \u2014 {escape(name(exclusion.member_id))}: {escape(exclusion.reason)}")
    return "\n".join(lines)


def vote_hint(motion: Motion, electronic_next: bool) -> str:
    if motion.state is MotionState.VOTING:
        flag = "[reverse] ON [/reverse]" if electronic_next else "off"
        return f"f/1 for \u00b7 a/2 against \u00b7 b/3 abstain\ne electronic next: {flag} \u00b7 x close"
    return "How each member voted (frozen). o reopens, with a reason."


def vote_keys(motion: Motion) -> str:
    if motion.state is MotionState.VOTING:
        return "x close the vote \u00b7 w withdraw \u00b7 t defer \u00b7 r recorded vote \u00b7 l motions \u00b7 Esc back"
    if motion.kind is MotionKind.REMOVAL and motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
        return "s written notice of the outcome \u00b7 o reopen \u00b7 l motions \u00b7 Esc back"
    return "o reopen (with a reason) \u00b7 l motions \u00b7 Esc back"


def last_vote(motion: Motion, member_id: str) -> Vote | None:
    return next((v for v in reversed(motion.votes) if v.member_id == member_id), None)


def vote_row(vote: Vote | None, member: str) -> Text:
    """One row of the vote list: the vote (or a dot), e for electronic, the name."""
    text = Text()
    if vote is None:
        text.append(NOT_VOTED.ljust(8), style="dim")
    else:
        text.append(f"{vote.choice.value.upper():<8}", style=CHOICE_STYLE[vote.choice])
    text.append("e " if vote is not None and vote.electronic else "  ", style="italic")
    text.append(member)
    return text


def excluded_row(member: str, reason: str) -> Text:
    prompt = Text(CANNOT_VOTE.ljust(10), style="dim")
    prompt.append(f"{member} ({reason})", style="dim")
    return prompt


def vote_detail(member: str, presence: str, vote: Vote | None) -> str:
    """The line under the vote list (plain text)."""
    cast = f" \u2014 {vote.choice.value}{' (electronic)' if vote.electronic else ''}" if vote else ""
    return f"{member} ({presence}){cast}"


def close_question(motion: Motion, t: Tally) -> str:
    result = "Carried" if t.carried_so_far else "Defeated"
    question = (
        f"Close the vote on {label(motion).lower()}?\n\n"
        f"Result: {result} \u2014 {t.for_} for, {t.against} against, {plural(t.abstain, 'abstention')}; "
        f"base: {t.base_kind} = {t.base}, {t.needed} needed."
    )
    if t.not_voted:
        question += f"\n{plural(t.not_voted, 'eligible member')} not voted yet."
    return question


def remaining_question(names: Iterable[str]) -> str:
    names = list(names)
    shown = "\n".join(f"  {cut(n, 56)}" for n in names[:8]) + (
        f"\n  \u2026 and {len(names) - 8} more" if len(names) > 8 else ""
    )
    return f"Record FOR for the {plural(len(names), 'member')} that have not voted yet?\n{shown}"
