"""References between records that the schema alone cannot check.

A vote by a member id that is not on the roster silently drops out of a
tally (14 against becomes 13), so an unknown id is damage, found when the
record is read and reported with where it sits in the record.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..domain.model import ActionItem, Application, Meeting, Settings


def meeting_member_refs(meeting: Meeting) -> Iterator[tuple[str, str]]:
    """Every (where, member id) a meeting holds."""
    if meeting.chair_member_id:
        yield "chair_member_id", meeting.chair_member_id
    for i, a in enumerate(meeting.attendance):
        yield f"attendance[{i}].member_id", a.member_id
    for i, c in enumerate(meeting.conflicts):
        yield f"conflicts[{i}].member_id", c.member_id
    for i, u in enumerate(meeting.member_updates):
        yield f"member_updates[{i}].member_id", u.member_id
    for m, motion in enumerate(meeting.motions):
        at = f"motions[{m}]"
        for name in ("mover_id", "seconder_id", "subject_member_id"):
            value = getattr(motion, name)
            if value:
                yield f"{at}.{name}", value
        for i, member_id in enumerate(motion.objections):
            yield f"{at}.objections[{i}]", member_id
        for i, vote in enumerate(motion.votes):
            yield f"{at}.votes[{i}].member_id", vote.member_id
        for i, member_id in enumerate(motion.electorate):
            yield f"{at}.electorate[{i}]", member_id
        for i, excluded in enumerate(motion.excluded):
            yield f"{at}.excluded[{i}].member_id", excluded.member_id
        if motion.removal is not None:
            for i, member_id in enumerate(motion.removal.signed_by):
                yield f"{at}.removal.signed_by[{i}]", member_id


def coalition_member_refs(
    settings: Settings, actions: Iterable[ActionItem], applications: Iterable[Application]
) -> Iterator[tuple[str, str]]:
    if settings.chair_member_id:
        yield "settings.chair_member_id", settings.chair_member_id
    for action in actions:
        if action.owner_member_id:
            yield f"actions[#{action.number}].owner_member_id", action.owner_member_id
    for application in applications:
        for i, e in enumerate(application.endorsements):
            yield f"applications[{application.id}].endorsements[{i}].member_id", e.member_id
        for i, r in enumerate(application.reviews):
            yield f"applications[{application.id}].reviews[{i}].member_id", r.member_id


def first_unknown(refs: Iterable[tuple[str, str]], known: set[str]) -> tuple[str, str] | None:
    return next(((where, mid) for where, mid in refs if mid not in known), None)
