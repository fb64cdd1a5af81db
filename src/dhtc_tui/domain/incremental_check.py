"""The identifier check, re-run only on the paragraphs that changed.

:func:`~dhtc_tui.domain.confidentiality.find_identifiers` looks at each
paragraph on its own, so the findings of a paragraph depend only on its text.
:class:`IncrementalChecker` remembers them by that text: after a keystroke
only the paragraph being typed in is checked again, the others are reused
with their offsets moved. Its findings always equal a full check of the same
text (a property test holds it to that).

Safe to call from several threads at once (the interface starts a check in a
thread worker per pause in typing, and workers can overlap): the memo holds
results of a pure function, so a race can only cost a repeated check.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from .confidentiality import allow_phrases, check_paragraph, paragraphs, public_number_keys, shift
from .model import Finding

__all__ = ["IncrementalChecker"]


class IncrementalChecker:
    """Findings for successive versions of one text, with a per-paragraph memo."""

    def __init__(
        self,
        allow: Iterable[str] = (),
        public_numbers: Iterable[str] | None = None,
        between: Callable[[], None] | None = None,
    ) -> None:
        """``between`` runs after each paragraph checked afresh: in a thread the
        interface passes ``time.sleep(0)`` so a first check of a long note hands
        the interpreter back to the interface thread between paragraphs."""
        self._between = between
        self._phrases = allow_phrases(allow)
        self._public = public_number_keys(public_numbers)
        self._memo: dict[str, list[Finding]] = {}
        self._lock = threading.Lock()
        #: How many paragraphs the last :meth:`check` had to check afresh.
        self.rechecked = 0

    def set_allow(self, allow: Iterable[str]) -> None:
        """A new roster: forget every memoised paragraph if the phrases differ."""
        phrases = allow_phrases(allow)
        with self._lock:
            if phrases != self._phrases:
                self._phrases = phrases
                self._memo = {}

    def check(self, text: str) -> list[Finding]:
        """The same findings as ``find_identifiers(text, allow, public_numbers)``."""
        if not text or not text.strip():
            with self._lock:
                self._memo = {}
            self.rechecked = 0
            return []
        with self._lock:
            memo, phrases, public = self._memo, self._phrases, self._public
        fresh: dict[str, list[Finding]] = {}
        found: list[Finding] = []
        rechecked = 0
        for start, end in paragraphs(text):
            piece = text[start:end]
            findings = fresh.get(piece)
            if findings is None:
                findings = memo.get(piece)
            if findings is None:
                findings = check_paragraph(piece, phrases, public)
                rechecked += 1
                if self._between is not None:
                    self._between()
            fresh[piece] = findings
            found.extend(shift(findings, start))
        with self._lock:
            if self._phrases == phrases:
                # Keep only this version's paragraphs: the memo stays the size of the note.
                self._memo = fresh
        self.rechecked = rechecked
        return found
