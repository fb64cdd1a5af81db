"""The coalition as the app holds it in memory, loaded once from the store.

Screens read from here; every change goes back through the app's save
methods, which hand copies to the single writer thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.attendance import meeting_year_bounds, meeting_year_start, standings, StandingReport
from ..domain.sequence import previous_meeting
from ..domain.model import (
    ActionItem,
    Application,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    Settings,
)
from ..store.repository import MeetingRef, Store


@dataclass
class Coalition:
    settings: Settings
    members: list[Member]
    actions: list[ActionItem]
    applications: list[Application]
    refs: list[MeetingRef]
    #: Meetings loaded so far (the current year's, and any opened).
    loaded: dict[str, Meeting] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> "Coalition":
        checked = store.take_checked()
        if checked is not None:
            settings, members, actions, applications, refs = checked
            return cls(settings, members, actions, applications, refs)
        return cls(
            settings=store.settings(),
            members=store.members(),
            actions=store.action_items(),
            applications=store.applications(),
            refs=store.meetings(),
        )

    # -- members -----------------------------------------------------------

    def member(self, member_id: str | None) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def name_of(self, member_id: str | None, default: str = "") -> str:
        member = self.member(member_id)
        return member.name if member else default

    @property
    def names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.members}

    @property
    def active_members(self) -> list[Member]:
        return sorted((m for m in self.members if m.is_active), key=lambda m: m.name.casefold())

    @property
    def active_organizations(self) -> list[Member]:
        return [m for m in self.active_members if m.kind is MemberKind.ORGANIZATION]

    @property
    def chair_name(self) -> str:
        return self.name_of(self.settings.chair_member_id, "the Chair")

    def allow_list(self) -> list[str]:
        """Names that are not personal identifiers: members, sub-committees."""
        return [m.name for m in self.members] + list(self.settings.subcommittees) + [self.settings.name]

    # -- meetings ----------------------------------------------------------

    def meeting(self, store: Store, meeting_id: str) -> Meeting:
        if meeting_id not in self.loaded:
            self.loaded[meeting_id] = store.load_meeting(meeting_id)
        return self.loaded[meeting_id]

    def unfinished_ref(self) -> MeetingRef | None:
        """A meeting that was started and not closed (to resume)."""
        return next((r for r in reversed(self.refs) if r.status is MeetingStatus.IN_PROGRESS), None)

    def scheduled_ref(self) -> MeetingRef | None:
        return next((r for r in self.refs if r.status is MeetingStatus.SCHEDULED), None)

    def latest_closed_ref(self) -> MeetingRef | None:
        return next((r for r in reversed(self.refs) if r.status is MeetingStatus.CLOSED), None)

    def previous_ref(self, before: date, exclude: str | None = None) -> MeetingRef | None:
        return previous_meeting(self.refs, before, exclude)

    def year_refs(self, today: date) -> list[MeetingRef]:
        start, end = meeting_year_bounds(meeting_year_start(today))
        return [r for r in self.refs if start <= r.date <= end]

    def standings(self, store: Store, today: date) -> list[StandingReport]:
        meetings = [self.meeting(store, r.id) for r in self.year_refs(today)]
        return standings(self.members, meetings, self.settings.meetings_per_year, as_of=today)

    def upsert_ref(self, ref: MeetingRef) -> None:
        self.refs = sorted([r for r in self.refs if r.id != ref.id] + [ref], key=lambda r: (r.date, r.id))

    def open_actions(self) -> list[ActionItem]:
        return [a for a in self.actions if a.is_open]

    def next_action_number(self) -> int:
        return max((a.number for a in self.actions), default=0) + 1
