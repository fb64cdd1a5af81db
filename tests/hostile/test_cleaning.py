"""Control characters never survive cleaning, and ordinary text is untouched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dhtc_tui.domain.model import ActionItem, Meeting, Member
from dhtc_tui.domain.text import clean_line, clean_text
from dhtc_tui.domain.validation import (
    ValidationError,
    check_email,
    validate_action_item,
    validate_member,
)
from dhtc_tui.store.codec import clean_doc, from_doc, to_doc

from datetime import date


def _controls(text: str, allowed: str = "") -> list[str]:
    return [
        ch
        for ch in text
        if (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or 0xD800 <= ord(ch) <= 0xDFFF)
        and ch not in allowed
    ]


#: Text biased towards what hurts: escapes, BEL, NUL, CR, C1, surrogates.
hostile = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(["\x1b", "\x07", "\x00", "\r", "\n", "\t", "\x85", "\x9b", "\ud800", "[", "]", "/"]),
    )
)
#: Text with no control character at all.
ordinary = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff")
)


@given(hostile)
def test_multiline_cleaning_keeps_only_tab_and_newline(text):
    assert _controls(clean_text(text), allowed="\t\n") == []


@given(hostile)
def test_single_line_cleaning_keeps_no_control_at_all(text):
    assert _controls(clean_line(text)) == []


@given(hostile)
def test_cleaning_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once
    line = clean_line(text)
    assert clean_line(line) == line


@given(ordinary)
def test_ordinary_text_is_unchanged(text):
    assert clean_text(text) == text
    assert clean_line(text) == text


def test_notes_keep_their_lines_and_lose_the_escapes():
    pasted = "Line one\r\nLine two\rLine\tthree\x1b]2;PWNED\x07\x1b[2J\x00"
    assert clean_text(pasted) == "Line one\nLine two\nLine\tthree]2;PWNED[2J"
    assert clean_line("A\tB\nC\x1b") == "A B C"


def test_cleaned_text_is_valid_xml():
    from xml.etree.ElementTree import fromstring
    from xml.sax.saxutils import escape

    nasty = "".join(chr(c) for c in range(0x00, 0xA0)) + "\ud800\ufffe\uffff ok"
    fromstring(f"<p>{escape(clean_text(nasty))}</p>")  # raises on an invalid character


def test_store_documents_are_cleaned_both_ways():
    member = Member(name="Evil\x1b]2;PWNED\x07 Agency", notes="a\r\nb\x00", representatives=["R\nep"])
    doc = to_doc(member)
    assert doc["name"] == "Evil]2;PWNED Agency"
    assert doc["notes"] == "a\nb"
    assert doc["representatives"] == ["R ep"]
    raw = dict(doc, name="Evil\x1b[2J", notes="x\x9b\ty")
    back = from_doc(raw, Member)
    assert (back.name, back.notes) == ("Evil[2J", "x\ty")


def test_meeting_documents_clean_nested_text_and_keys():
    meeting = Meeting(date=date(2026, 12, 3), location="Hall\x1b[2J")
    meeting.subcommittee_updates = {"Edu\x07cation": "Line 1\nLine 2\x1b"}
    doc = to_doc(meeting)
    assert doc["location"] == "Hall[2J"
    assert doc["subcommittee_updates"] == {"Education": "Line 1\nLine 2"}


def test_cleaning_leaves_wrong_types_for_the_damage_check():
    assert clean_doc({"name": 5, "tags": [1, "a\x1b"]}) == {"name": 5, "tags": [1, "a"]}
    with pytest.raises(Exception):
        from_doc({"name": 5}, Member)


@pytest.mark.parametrize(
    "address",
    [
        "intake@agency.org\r\nBcc: everyone@example.org",
        "intake@agency.org\nX-Evil: 1",
        "in\x1btake@agency.org",
        "intake@agency.org\x00",
        "in\ttake@agency.org",
    ],
)
def test_header_breaking_addresses_are_refused_with_a_field_message(address):
    with pytest.raises(ValidationError) as caught:
        check_email(address, "member-email")
    assert caught.value.field == "member-email"
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message and "\x1b" not in message
    assert "control characters" in message


@pytest.mark.parametrize(
    "address",
    ["a(comment)@agency.org", '"a b"@agency.org', "a@agency.org, b@agency.org", "Name <a@agency.org>", "a..b@agency.org"],
)
def test_what_the_standard_library_would_rewrite_is_refused(address):
    with pytest.raises(ValidationError):
        check_email(address)


def test_ordinary_addresses_still_pass():
    assert check_email(" intake@agency.example.org ") == "intake@agency.example.org"
    assert check_email("a.b+intake@shelter.ca") == "a.b+intake@shelter.ca"


def test_forms_clean_names_and_notes_before_saving():
    member = validate_member(
        Member(name="Evil\x1b]2;PWNED\x07\tAgency", representatives=["Rep\x1b[2J"], notes="n\x00\r\nm", phone="905\x07-555-0101"),
        [],
    )
    assert member.name == "Evil]2;PWNED Agency"
    assert member.representatives == ["Rep[2J"]
    assert member.notes == "n\nm"
    assert member.phone == "905-555-0101"
    item = validate_action_item(ActionItem(description="Do\x1b[2J it", owner_name="Ann\x07"), set())
    assert (item.description, item.owner_name) == ("Do[2J it", "Ann")


def test_a_name_differing_only_by_control_characters_is_a_duplicate():
    first = Member(name="Agency One")
    with pytest.raises(ValidationError):
        validate_member(Member(name="Agency\x1b One"), [first])


def _reference_clean_doc(value, multiline=True):
    """The definition clean_doc's loop must keep to (its first, recursive form)."""
    from dhtc_tui.store.codec import _single_line

    if isinstance(value, str):
        return clean_text(value, multiline=multiline)
    if isinstance(value, dict):
        return {
            (clean_text(k, multiline=False) if isinstance(k, str) else k): _reference_clean_doc(
                v, multiline=not (isinstance(k, str) and _single_line(k))
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_reference_clean_doc(v, multiline) for v in value]
    return value


_NASTY = st.text(st.sampled_from(["a", " ", "\t", "\n", "\r", "\x1b", "\x00", "\x85", "\ud800", "\ufffe", "é"]), max_size=8)
_KEYS = st.sampled_from(["name", "notes", "member_id", "title", "text", "id", "a\tb", "x\x1by"]) | _NASTY
_DOCS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _NASTY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


@given(_DOCS, st.booleans())
def test_clean_doc_cleans_exactly_as_its_definition(doc, multiline):
    assert clean_doc(doc, multiline) == _reference_clean_doc(doc, multiline)
