"""Naming a member, and the roster's spreadsheet rows (all or nothing)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dhtc_tui.domain.model import Member, MemberStatus, Sector
from dhtc_tui.domain.roster import MemberLookupError, export_rows, plan_import, resolve_member
from dhtc_tui.paths import templates_dir

ROSTER = [
    Member(name="Lakeshore Hotel Association", id="m1"),
    Member(name="Lakeshore District School Board", id="m2"),
    Member(name="Open Door Food and Resource Centre", id="m3"),
    Member(name="Open", id="m4"),
]


@pytest.mark.parametrize(
    "wanted, expected",
    [("m3", "m3"), ("open door", "m3"), ("  LAKESHORE   hotel ", "m1"), ("Open", "m4"), ("lakeshore d", "m2")],
)
def test_a_member_is_named_by_id_name_or_unique_prefix(wanted, expected):
    assert resolve_member(ROSTER, wanted).id == expected


@pytest.mark.parametrize("wanted, message", [("lakeshore", "could be 2"), ("nobody", "No member"), ("", "Name a member")])
def test_unknown_or_ambiguous_names_are_refused(wanted, message):
    with pytest.raises(MemberLookupError, match=message):
        resolve_member(ROSTER, wanted)


@given(st.lists(st.text(alphabet="abc ", min_size=1, max_size=6), min_size=1, max_size=6), st.text(alphabet="abc ", max_size=4))
def test_resolve_never_returns_a_member_that_does_not_answer_to_the_name(names, wanted):
    members = [Member(name=n, id=f"id{i}") for i, n in enumerate(names)]
    try:
        found = resolve_member(members, wanted)
    except MemberLookupError:
        return
    key = " ".join(wanted.split()).casefold()
    assert found.id == wanted.strip() or " ".join(found.name.split()).casefold().startswith(key)


def test_rows_are_checked_with_the_roster_forms_rules_and_numbered_as_in_the_sheet():
    rows = [
        ["Name", "E-mail", "Phone", "Sector"],
        ["", "x@y.example.org", "", ""],
        ["Good", "nope", "", ""],
        [],
        ["Short phone", "", "12", ""],
        ["Odd sector", "", "", "astrology"],
        ["Fine Org", "ok@fine.example.org", "905-555-0100", "justice"],
    ]
    plan = plan_import(rows, [])
    assert plan.errors[0] == "row 2: no name"
    assert [e.split(":")[0] for e in plan.errors] == ["row 2", "row 3", "row 5", "row 6"]
    assert not plan.ok


def test_blank_cells_keep_what_the_roster_holds_and_nothing_is_deleted():
    existing = [Member(name="Keep Me", email="a@keep.example.org", phone="905-555-0199", id="k"), Member(name="Other", id="o")]
    plan = plan_import([["Organization", "E-mail", "Phone", "Status"], ["keep me", "", "", "withdrawn"]], existing)
    assert plan.ok and [m.name for m in plan.updated] == ["Keep Me"]
    updated = plan.updated[0]
    assert updated.email == "a@keep.example.org" and updated.phone == "905-555-0199"
    assert updated.status is MemberStatus.WITHDRAWN and updated.id == "k"
    assert existing[0].status is MemberStatus.ACTIVE  # the roster itself is untouched


def test_export_rows_read_back_unchanged():
    first = Member(name="First Org", sector=Sector.JUSTICE, representatives=["A B", "C D"], joined=date(2024, 9, 19), id="a")
    second = Member(name="Second Org", endorsed_by=["a"], status=MemberStatus.REMOVED, id="b")
    plan = plan_import(export_rows([first, second]), [first, second])
    assert plan.ok and len(plan.unchanged) == 2 and not plan.new and not plan.updated


def test_the_sample_in_templates_imports():
    import csv

    with (templates_dir() / "roster-sample.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    plan = plan_import(rows, [])
    assert plan.ok and len(plan.new) == 3
    youth = next(m for m in plan.new if m.name == "Harbourside Youth Centre")
    assert len(youth.endorsed_by) == 2
