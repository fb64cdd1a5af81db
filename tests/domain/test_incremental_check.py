"""The incremental identifier check agrees with a full check, and re-checks little."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dhtc_tui.domain.confidentiality import find_identifiers, paragraphs
from dhtc_tui.domain.incremental_check import IncrementalChecker

from .test_confidentiality import ALLOW, IDENTIFYING, NOT_IDENTIFYING

PUBLIC = ["911", "1-833-900-1010"]
SENTENCES = NOT_IDENTIFYING + [s for s, _, _ in IDENTIFYING]
JOINERS = [" ", "\n", "\n\n", "  ", ",\n", " \n", "\n \n"]


def full(text: str):
    return find_identifiers(text, ALLOW, PUBLIC)


@st.composite
def notes(draw):
    parts = draw(st.lists(st.sampled_from(SENTENCES), max_size=10))
    text = ""
    for part in parts:
        text += part + draw(st.sampled_from(JOINERS))
    return text


@st.composite
def edits(draw, text: str):
    """One edit: insert, delete or replace a slice (as typing, pasting, cutting do)."""
    at = draw(st.integers(0, len(text)))
    to = draw(st.integers(at, min(len(text), at + 40)))
    insert = draw(
        st.one_of(
            st.text(alphabet="abcXYZ019 .,\n@-'", max_size=12),
            st.sampled_from(SENTENCES),
            st.sampled_from(["\n", "\n\n", ". ", "905-555-0142", "Jessica ", "room 7 at the Lakeview Motel"]),
        )
    )
    return text[:at] + insert + text[to:]


@given(notes(), st.data())
@settings(max_examples=150, deadline=None)
def test_incremental_findings_always_equal_a_full_check(text, data):
    checker = IncrementalChecker(ALLOW, PUBLIC)
    assert checker.check(text) == full(text)
    for _ in range(data.draw(st.integers(1, 6))):
        text = data.draw(edits(text))
        assert checker.check(text) == full(text)


@given(st.text(max_size=200), st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_any_two_versions_agree_with_a_full_check(first, second):
    checker = IncrementalChecker(ALLOW, PUBLIC)
    assert checker.check(first) == full(first)
    assert checker.check(second) == full(second)


@given(notes())
@settings(max_examples=100, deadline=None)
def test_paragraphs_partition_the_text(text):
    spans = paragraphs(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)


def test_a_keystroke_rechecks_only_its_paragraph():
    text = "\n\n".join(SENTENCES[:40])
    checker = IncrementalChecker(ALLOW, PUBLIC)
    checker.check(text)
    assert checker.rechecked == len({text[a:b] for a, b in paragraphs(text)})  # blank lines repeat
    at = text.index(SENTENCES[20]) + 3
    typed = text[:at] + "x" + text[at:]
    assert checker.check(typed) == full(typed)
    assert checker.rechecked == 1
    assert checker.check(typed) == full(typed)
    assert checker.rechecked == 0


def test_findings_move_with_text_typed_above_them():
    checker = IncrementalChecker(ALLOW, PUBLIC)
    text = "A youth was supported.\n\nCall her at 905-555-0142."
    (before,) = checker.check(text)
    (after,) = checker.check("More context here. " + text)
    assert after.start == before.start + len("More context here. ")
    assert after.text == "905-555-0142"


def test_a_new_roster_forgets_the_memo():
    checker = IncrementalChecker()
    text = "Priya Ranganathan from the shelter called."
    assert [f.text for f in checker.check(text)] == ["Priya Ranganathan"]
    checker.set_allow(["Priya Ranganathan"])
    assert checker.check(text) == []


def test_public_numbers_are_not_findings_but_other_numbers_are():
    checker = IncrementalChecker(public_numbers=["1-800-668-6868"])
    text = "Kids Help Phone is 1-800-668-6868; her cell is 905-555-0142."
    assert [f.text for f in checker.check(text)] == ["905-555-0142"]
