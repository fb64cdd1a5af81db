"""The identifier check's shortcuts change no finding.

Two shortcuts keep the export quick: a paragraph met again is not checked
again (:class:`ParagraphMemo`), and a pattern whose every match holds a digit
(or a platform word) is not run over a paragraph without one.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dhtc_tui.domain import confidentiality as C
from dhtc_tui.domain.confidentiality import ParagraphMemo, check_paragraph, find_identifiers, paragraphs, shift

from .test_confidentiality import ALLOW, IDENTIFYING, NOT_IDENTIFYING

PUBLIC = ["911", "1-833-900-1010"]
SENTENCES = NOT_IDENTIFYING + [s for s, _, _ in IDENTIFYING]
JOINERS = [" ", "\n", "\n\n", "  ", ",\n", " \n"]


def by_paragraph(text: str):
    """The definition: each paragraph checked on its own, offsets moved."""
    phrases, public = C.allow_phrases(ALLOW), C.public_number_keys(PUBLIC)
    found = []
    for a, b in paragraphs(text):
        found.extend(shift(check_paragraph(text[a:b], phrases, public), a))
    return found


@st.composite
def notes(draw):
    parts = draw(st.lists(st.sampled_from(SENTENCES), max_size=8))
    return "".join(part + draw(st.sampled_from(JOINERS)) for part in parts)


@given(st.lists(notes() | st.text(max_size=120), min_size=1, max_size=6))
@settings(max_examples=120, deadline=None)
def test_a_memo_kept_across_texts_finds_what_a_fresh_check_finds(texts):
    memo = ParagraphMemo(ALLOW, PUBLIC)
    for text in texts + texts:  # the second round is answered from the memo
        expected = by_paragraph(text) if text.strip() else []
        assert memo.check(text) == expected
        assert find_identifiers(text, ALLOW, PUBLIC) == expected


def test_findings_from_the_memo_are_moved_to_each_texts_offsets():
    memo = ParagraphMemo(public_numbers=PUBLIC)
    (first,) = memo.check("Call her at 905-555-0142.")
    (second,) = memo.check("A youth was supported.\n\nCall her at 905-555-0142.")
    assert first.start == len("Call her at ")
    assert second.start == len("A youth was supported.\n\n") + first.start
    assert first.start == len("Call her at ")  # the memo's own copy was not moved


# Text that reaches the patterns: their cue words, digits and separators.
_PIECES = [
    "room", "rm.", "suite", "unit", "#", "at", "the", "Sun", "Motel", "Inn", "SIN", "OHIP", "plate", "licence",
    "file", "case", "no.", "DOB", "born", "on", "March", "Oct.", "12th", "2024", "905", "555-0142", "(905)",
    "L1G 4B7", "Street", "Rd", "Concession", "Regional Road", "instagram", "IG", "snap", "her", "his", "handle",
    "is", "was", "as", "via", "@jay_22", "@jessie", "@ab.cd", "jo@mail.ca", "jo at mail dot com", "jay.doe", "ext", "x", "12", "0", "7", "-", "/", ".", ",", ":", "=",
    "\u0663", "\u0966", "\u212a", "ſnapchat", "INSTAGRAM", "Kik",
]


@st.composite
def pattern_text(draw):
    words = draw(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=14))
    return "".join(w + draw(st.sampled_from([" ", "", "\t", "  ", ", "])) for w in words)


def _needs_hold(needs, text: str) -> bool:
    if isinstance(needs, str):
        return not needs or needs in text.casefold()
    return needs.search(text) is not None


@given(pattern_text())
@settings(max_examples=400, deadline=None)
def test_every_match_of_a_pattern_holds_what_its_shortcut_looks_for(text):
    for _kind, pattern, needs in C.PATTERNS:
        if isinstance(needs, str):
            continue
        for match in pattern.finditer(text):
            assert _needs_hold(needs, match.group(0)), (pattern.pattern[:40], match.group(0))


def _without_shortcuts(monkeypatch):
    monkeypatch.setattr(C, "PATTERNS", [(k, p, n if isinstance(n, str) else "") for k, p, n in C.PATTERNS])


@pytest.mark.parametrize("sentence", [s for s, _, _ in IDENTIFYING] + NOT_IDENTIFYING)
def test_the_shortcuts_skip_no_candidate_of_the_corpus(sentence, monkeypatch):
    public = C.public_number_keys(PUBLIC)
    with_shortcuts = C._pattern_candidates(sentence, public)
    _without_shortcuts(monkeypatch)
    assert C._pattern_candidates(sentence, public) == with_shortcuts


@given(pattern_text())
@settings(max_examples=200, deadline=None)
def test_the_shortcuts_skip_no_candidate_of_any_text(text):
    public = C.public_number_keys(PUBLIC)
    with_shortcuts = C._pattern_candidates(text, public)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _without_shortcuts(monkeypatch)
        assert C._pattern_candidates(text, public) == with_shortcuts


@given(st.lists(st.sampled_from(["fifteen", "Twenty-one", "years", "yrs", "old", "OLD", "aged", "age", "of", "in",
                                   "Oshawa", "downtown", "16", "y/o", "yo", "-", " "]), max_size=10).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_the_age_shortcut_skips_no_age(text):
    """A paragraph with no digit and no "old" holds no age at all."""
    if C._DIGIT.search(text) is None and "old" not in text.casefold():
        assert not list(C._AGE.finditer(text))


def test_the_digit_shortcut_knows_digits_beyond_ascii():
    """\\d matches any decimal digit, so the shortcut does too (Arabic-Indic 3)."""
    assert C._DIGIT.search("\u0663") is not None
    assert re.search(r"\d", "\u0663") is not None
