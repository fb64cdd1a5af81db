"""Small helpers the minutes' wording modules share: sentences, joins, and
how the previous minutes were approved (no python-docx here)."""

from __future__ import annotations

from ..domain.model import Meeting, Motion, MotionKind, MotionState


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _end(text: str) -> str:
    """Close a sentence with one full stop ("… at 9:31 a.m." stays as it is)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _status_word(value: str) -> str:
    return str(value)[:1].upper() + str(value)[1:]


def _flat(text: str) -> str:
    return " ".join(text.split())


def approval_motion(approving: Meeting) -> Motion | None:
    """The carried motion by which ``approving`` approved the previous
    minutes, if they were approved by a motion."""
    record = approving.previous_minutes
    motion = approving.motion(record.motion_id) if record.motion_id else None
    if motion is None:
        motion = next(
            (
                m for m in approving.motions
                if m.kind is MotionKind.PREVIOUS_MINUTES and m.state is MotionState.CARRIED
            ),
            None,
        )
    return motion


def approval_how(approving: Meeting) -> str:
    """ "by motion 1" or "by consensus": how the previous minutes were approved."""
    motion = approval_motion(approving)
    if motion is not None and motion.number:
        return f"by motion {motion.number}"
    return "by consensus"
