"""The roster in and out: naming a member, and reading a spreadsheet's rows.

Terms of Reference, Chair: "maintain and update membership list and contact
information". A new chair arrives with a spreadsheet, not with this app; the
rows are read by :mod:`dhtc_tui.paperwork.roster_io` (openpyxl or csv) as
plain strings and turned into members here, with the roster form's own rules
(:func:`~dhtc_tui.domain.validation.validate_member`).

An import never deletes a member, and a blank cell never erases what the
roster already holds: re-importing an older sheet cannot lose a newer address.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .model import Member, MemberKind, MemberStatus, Sector
from .validation import ValidationError, clean_name, normalise_name, parse_date, split_people, validate_member

__all__ = [
    "COLUMNS",
    "EXPORT_HEADERS",
    "ImportPlan",
    "MemberLookupError",
    "export_rows",
    "header_key",
    "plan_import",
    "resolve_member",
]


# --------------------------------------------------------------------------
# Naming a member


class MemberLookupError(ValueError):
    """No member, or more than one, answers to the name given."""


def resolve_member(members: list[Member], wanted: str) -> Member:
    """The member named by id, by name (case- and spacing-insensitive) or by
    a unique prefix of the name. Raises :class:`MemberLookupError`."""
    text = (wanted or "").strip()
    if not text:
        raise MemberLookupError("Name a member (its id, name or the start of its name).")
    for member in members:
        if member.id == text:
            return member
    key = normalise_name(text)
    exact = [m for m in members if normalise_name(m.name) == key]
    if len(exact) == 1:
        return exact[0]
    starts = exact or [m for m in members if normalise_name(m.name).startswith(key)]
    if len(starts) == 1:
        return starts[0]
    if not starts:
        raise MemberLookupError(f"No member is called \u201c{text}\u201d.")
    names = "; ".join(m.name for m in starts[:5]) + ("; \u2026" if len(starts) > 5 else "")
    raise MemberLookupError(f"\u201c{text}\u201d could be {len(starts)} members: {names}. Give more of the name.")


# --------------------------------------------------------------------------
# Columns

#: Field -> accepted headers (compared without case, spaces, dots, hyphens,
#: underscores or brackets).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("organization", "organisation", "name", "member", "member organization", "agency", "organization name"),
    "kind": ("kind", "type", "member type", "membership type"),
    "sector": ("sector",),
    "representatives": ("representatives", "representative", "representative(s)", "reps", "contact person", "contact name"),
    "email": ("email", "e-mail", "email address", "e-mail address"),
    "phone": ("phone", "telephone", "phone number", "tel"),
    "joined": ("joined", "date joined", "member since", "joined on"),
    "endorsed_by": ("endorsed by", "endorsers", "endorsed"),
    "status": ("status", "membership status"),
}

#: The headers this app writes (in this order); each is also accepted.
EXPORT_HEADERS: list[tuple[str, str]] = [
    ("name", "Organization"),
    ("kind", "Kind"),
    ("sector", "Sector"),
    ("representatives", "Representatives"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("joined", "Joined"),
    ("endorsed_by", "Endorsed by"),
    ("status", "Status"),
]


def header_key(text: str) -> str:
    return re.sub(r"[\s.\-_()]+", "", str(text or "")).casefold()


_BY_HEADER = {header_key(h): f for f, names in COLUMNS.items() for h in names}


def map_headers(header: list[str]) -> dict[str, int]:
    """Field -> column index; unknown columns are ignored (the first of a
    repeated header wins)."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        name = _BY_HEADER.get(header_key(text))
        if name and name not in found:
            found[name] = index
    return found


# --------------------------------------------------------------------------
# Values


def _kind(text: str) -> MemberKind:
    key = text.strip().casefold()
    for kind in MemberKind:
        if kind.value.startswith(key) or key.startswith(kind.value):
            return kind
    if key in ("org", "agency"):
        return MemberKind.ORGANIZATION
    raise ValidationError(f"kind \u201c{text.strip()}\u201d is neither organization nor survivor")


def _sector(text: str) -> Sector:
    key = " ".join(text.strip().casefold().split())
    for sector in Sector:
        if sector.value == key or sector.name.casefold().replace("_", " ") == key:
            return sector
    matches = [s for s in Sector if s.value.startswith(key) or s.value.split("/")[0] == key]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(s.value for s in Sector)
    raise ValidationError(f"sector \u201c{text.strip()}\u201d is not one of: {known}")


def _status(text: str) -> MemberStatus:
    key = text.strip().casefold()
    for status in MemberStatus:
        if status.value == key:
            return status
    raise ValidationError(f"status \u201c{text.strip()}\u201d is not active, withdrawn or removed")


def _joined(text: str) -> date:
    text = text.strip()
    try:  # a spreadsheet date cell read as "2024-09-19 00:00:00"
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parse_date(text, "joined")
    except ValidationError:
        raise ValidationError(f"joined \u201c{text}\u201d is not a date (YYYY-MM-DD)") from None


def _why(exc: ValidationError) -> str:
    text = str(exc).rstrip(".")
    if text == "A member needs a name":
        return "no name"
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# --------------------------------------------------------------------------
# The plan


@dataclass
class ImportPlan:
    """What an import would do. ``errors`` holds "row 3: no name" lines;
    with any, nothing is imported."""

    new: list[Member] = field(default_factory=list)
    updated: list[Member] = field(default_factory=list)
    unchanged: list[Member] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_save(self) -> list[Member]:
        return self.new + self.updated

    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.updated)} updated, {len(self.unchanged)} unchanged"


def plan_import(rows: list[list[str]], roster: list[Member]) -> ImportPlan:
    """``rows``: the sheet as text, the header first (row 1). Members are
    matched to the roster by name; the roster itself is not changed."""
    plan = ImportPlan()
    if not rows:
        plan.errors.append("row 1: the file is empty (the first row must be the header)")
        return plan
    header = [str(c or "").strip() for c in rows[0]]
    columns = map_headers(header)
    plan.ignored_columns = [h for h in header if h and header_key(h) not in _BY_HEADER]
    if "name" not in columns:
        accepted = ", ".join(f"\u201c{h}\u201d" for h in COLUMNS["name"][:3])
        plan.errors.append(f"row 1: no organization column (a header such as {accepted})")
        return plan
    existing = {normalise_name(m.name): m for m in roster}
    working = [copy.deepcopy(m) for m in roster]
    by_key = {normalise_name(m.name): m for m in working}
    seen: dict[str, int] = {}
    staged: list[tuple[int, Member, dict[str, str], bool]] = []

    def cell(values: list[str], name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(values):
            return ""
        return " ".join(str(values[index] or "").split())

    for number, values in enumerate(rows[1:], start=2):
        values = [str(v) if v is not None else "" for v in values]
        if not any(v.strip() for v in values):
            continue  # blank line
        name = clean_name(cell(values, "name"))
        if not name:
            plan.errors.append(f"row {number}: no name")
            continue
        key = normalise_name(name)
        if key in seen:
            plan.errors.append(f"row {number}: {name} is also on row {seen[key]}")
            continue
        seen[key] = number
        member = by_key.get(key)
        is_new = member is None
        if is_new:
            member = Member(name=name)
            working.append(member)
            by_key[key] = member
        try:
            if cell(values, "kind"):
                member.kind = _kind(cell(values, "kind"))
            if cell(values, "sector"):
                member.sector = _sector(cell(values, "sector"))
            elif is_new and member.kind is MemberKind.SURVIVOR:
                member.sector = Sector.SURVIVOR
            if cell(values, "representatives"):
                member.representatives = split_people(cell(values, "representatives"))
            if cell(values, "email"):
                member.email = cell(values, "email")
            if cell(values, "phone"):
                phone = cell(values, "phone")
                member.phone = phone[:-2] if re.fullmatch(r"\d+\.0", phone) else phone
            if cell(values, "joined"):
                member.joined = _joined(cell(values, "joined"))
            if cell(values, "status"):
                member.status = _status(cell(values, "status"))
        except ValidationError as exc:
            plan.errors.append(f"row {number}: {_why(exc)}")
            continue
        staged.append((number, member, {"endorsed_by": cell(values, "endorsed_by")}, is_new))

    # Endorsers may be later rows of the same sheet: resolve after every row.
    for number, member, extra, is_new in staged:
        try:
            if extra["endorsed_by"]:
                ids = []
                for part in re.split(r"[;\n]", extra["endorsed_by"]):
                    if not part.strip():
                        continue
                    endorser = by_key.get(normalise_name(part))
                    if endorser is None:
                        raise ValidationError(f"endorser \u201c{clean_name(part)}\u201d is not on the roster or in the file")
                    ids.append(endorser.id)
                member.endorsed_by = ids
            validate_member(member, working)
        except ValidationError as exc:
            plan.errors.append(f"row {number}: {_why(exc)}")
            continue
        if is_new:
            plan.new.append(member)
        elif member == existing[normalise_name(member.name)]:
            plan.unchanged.append(member)
        else:
            plan.updated.append(member)
    plan.errors.sort(key=lambda e: int(re.match(r"row (\d+)", e).group(1)))
    return plan


def export_rows(members: list[Member]) -> list[list[str]]:
    """The roster as a sheet (header first) that :func:`plan_import` reads
    back to the same roster."""
    names = {m.id: m.name for m in members}
    rows = [[h for _, h in EXPORT_HEADERS]]
    for m in members:
        rows.append(
            [
                m.name,
                m.kind.value,
                m.sector.value,
                "; ".join(m.representatives),
                m.email,
                m.phone,
                m.joined.isoformat() if m.joined else "",
                "; ".join(names[e] for e in m.endorsed_by if e in names),
                m.status.value,
            ]
        )
    return rows
