"""A free-text field checked for identifying details as it is typed.

Every panel where text that can reach the minutes is typed uses
:class:`CheckedText`: its editor (a TextArea, or an Input for one line), a
one-line count, and a compact findings list shown only when there are
findings. Findings are highlighted in the text where they are.

The check never runs on the interface thread: after a pause in typing a
thread worker checks the text (incrementally: only the paragraphs that
changed), tagged with the text's version. Workers can overlap, so a result
is shown only if it belongs to the newest version typed.

The check is the export gate's own: the same allow-list
(:func:`~dhtc_tui.domain.disclosure.record_names`), the same field paths and
the same reviews (:func:`~dhtc_tui.domain.disclosure.mark_reviewed`), so a
finding reviewed here is the very one `dhtc-tui check` and the exporters no
longer count, and a finding flagged here is one they would leave out.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...domain.confidentiality import KINDS, finding_key
from ...domain.disclosure import FORMAL_NOT_FINDINGS, mark_reviewed, record_names, reviewed_in
from ...domain.incremental_check import IncrementalChecker
from ...domain.model import Finding, Meeting

CHECK_DELAY = 0.25

#: Highlight names in the editor's theme.
_TO_REVIEW = "finding.to-review"
_REVIEWED = "finding.reviewed"
_STYLES = {
    _TO_REVIEW: Style(reverse=True, bold=True, color="red"),
    _REVIEWED: Style(reverse=True, color="green"),
}


@dataclass(frozen=True)
class Segment:
    """The part of the editor's text that is one field of the meeting."""

    path: str
    start: int
    end: int


def whole(path: str) -> Callable[[str], list[Segment]]:
    """The editor holds one field."""
    return lambda text: [Segment(path, 0, len(text))]


def lines(prefix: str) -> Callable[[str], list[Segment]]:
    """The editor holds a list field, one item per non-blank line (stripped,
    as the panel stores them): ``prefix[0]``, ``prefix[1]``, …"""

    def segments(text: str) -> list[Segment]:
        out: list[Segment] = []
        position = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = position + (len(line) - len(line.lstrip()))
                out.append(Segment(f"{prefix}[{len(out)}]", start, start + len(stripped)))
            position += len(line) + 1
        return out

    return segments


def offset_to_location(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    before = text[:offset]
    row = before.count("\n")
    col = offset - (before.rfind("\n") + 1)
    return row, col


def _shift(finding: Finding, by: int) -> Finding:
    return Finding(finding.kind, finding.text, finding.start + by, finding.end + by)


class _RowHighlights(defaultdict):
    """The editor's highlights, computed for a row when it is drawn.

    The TextArea rebuilds its highlight map on every keystroke and draws only
    the rows in view: building every finding's highlight each time cost a
    5,000-word note milliseconds per key; now a keystroke costs nothing here
    and a row costs its own findings when (and if) it is drawn.
    """

    def __init__(self, area: "CheckedArea") -> None:
        super().__init__(list)
        self._area = area

    def __bool__(self) -> bool:  # the TextArea skips highlighting when empty
        return bool(self._area._rows) or super().__len__() > 0

    def __missing__(self, row: int) -> list:
        value = self._area._row_highlights(row)
        self[row] = value
        return value


class CheckedArea(TextArea):
    """A TextArea that shows findings where they are (red: to review,
    green: reviewed, not identifying)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("soft_wrap", True)
        self._rows: dict[int, list[tuple[int, int | None, str]]] = {}
        super().__init__(*args, **kwargs)
        self.show_line_numbers = False
        self._highlights = _RowHighlights(self)

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        # A copy: the built-in theme's style map is shared by every TextArea.
        self._theme = dataclasses.replace(self._theme, syntax_styles={**self._theme.syntax_styles, **_STYLES})

    def mark(self, marks: list[tuple[int, int, str]]) -> None:
        """``(start, end, highlight name)`` in offsets of the current text."""
        text = self.text
        rows: dict[int, list[tuple[int, int | None, str]]] = {}
        row, last = 0, 0
        for start, end, name in sorted(marks):
            # One pass over the text, not a slice per finding: a long note
            # can hold many.
            row += text.count("\n", last, start)
            last = start
            col = start - (text.rfind("\n", 0, start) + 1)
            end_row = row + text.count("\n", start, end)
            end_col = end - (text.rfind("\n", 0, end) + 1)
            for at in range(row, end_row + 1):
                if at == end_row and end_col == 0 and at != row:
                    break  # ends where the line begins: nothing on it
                rows.setdefault(at, []).append(
                    (col if at == row else 0, end_col if at == end_row else None, name)
                )
        self._rows = rows
        self._build_highlight_map()
        self.refresh()

    def _row_highlights(self, row: int) -> list[tuple[int, int | None, str]]:
        """Row ``row``'s marks, in the UTF-8 byte columns highlights use."""
        marks = self._rows.get(row)
        if not marks or row >= self.document.line_count:
            return []  # no findings here (or typed away since the check: the next one redraws)
        line = self.document.get_line(row)
        return [
            (len(line[:a].encode()), None if b is None else len(line[:b].encode()), name)
            for a, b, name in marks
        ]


class FindingList(OptionList):
    """The findings of one field; its keys work only while it has focus."""

    DEFAULT_CSS = """
    FindingList { height: auto; max-height: 4; border: none; background: $panel; padding: 0; }
    FindingList:focus { border: none; background-tint: $foreground 5%; }
    """
    BINDINGS = [
        Binding("r", "review", "Reviewed: not identifying"),
        Binding("u", "unreview", "Undo review"),
    ]

    def action_review(self) -> None:
        self.query_ancestor(CheckedText).mark_reviewed(True)

    def action_unreview(self) -> None:
        self.query_ancestor(CheckedText).mark_reviewed(False)


class CheckedText(Vertical):
    """An editor, its findings count and its findings list."""

    DEFAULT_CSS = """
    CheckedText { height: auto; }
    CheckedText > .checked-status { height: auto; color: $text-muted; }
    CheckedText > .checked-status.-warn { color: $error; text-style: bold; }
    CheckedText > FindingList { display: none; }
    CheckedText.-findings > FindingList { display: block; }
    """

    class Checked(Message):
        """A thread worker finished checking one version of the text."""

        def __init__(self, checked: "CheckedText", version: int, text: str, found: list[tuple[str, Finding]]) -> None:
            super().__init__()
            self.checked = checked
            self.version = version
            self.text = text
            self.found = found

    class Reviewed(Message):
        """A finding was marked reviewed (or the review undone): save."""

    def __init__(
        self,
        editor: TextArea | Input,
        meeting: Meeting,
        segments: Callable[[str], list[Segment]],
        *,
        formal: bool = False,
        start: bool = True,
        status_id: str | None = None,
        list_id: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.editor = editor
        self.meeting = meeting
        self.segments = segments
        self.formal = formal
        self._start = start
        self._status_id = status_id or (f"{editor.id}-status" if editor.id else None)
        self._list_id = list_id or (f"{editor.id}-findings" if editor.id else None)
        #: (field path, finding in offsets of the whole editor text), newest check shown.
        self.found: list[tuple[str, Finding]] = []
        #: Bumped on every edit; a check's result is shown only for the newest.
        self.text_version = 0
        #: The version whose findings are on screen (-1: none yet).
        self.shown_version = -1
        self.checked_text = ""
        self._timer = None
        #: Seconds of quiet typing before a check starts.
        self.check_delay = CHECK_DELAY
        #: What the findings list and the status line show (rebuilt only on a change).
        self._entries: list[tuple[bool, str, str, int]] | None = None
        self._status_line: str | None = None
        self._allow_key: object = None
        self._allow: list[str] = []
        # sleep(0) between paragraphs lets key presses in while a long note is first checked.
        self.checker = IncrementalChecker(between=lambda: time.sleep(0))

    def compose(self) -> ComposeResult:
        yield self.editor
        yield Static("", id=self._status_id, classes="checked-status", markup=False)
        yield FindingList(id=self._list_id)

    def on_mount(self) -> None:
        if self._start:
            self.run_check()

    # -- what is checked ---------------------------------------------------------

    @property
    def text(self) -> str:
        editor = self.editor
        return editor.text if isinstance(editor, TextArea) else editor.value

    @property
    def findings(self) -> list[Finding]:
        return [finding for _, finding in self.found]

    def set_segments(self, segments: Callable[[str], list[Segment]]) -> None:
        """The editor now holds another field (the member-update go-around)."""
        self.segments = segments
        self.found = []
        self.text_version += 1
        self.show_findings()
        self.run_check()

    def _allow_list(self) -> list[str]:
        """The gate's allow-list, recomputed only when what it is made of changes
        (it costs tens of milliseconds: too much for every pause in typing)."""
        meeting = self.meeting
        data = self.app.coalition
        key = (
            tuple((m.name, tuple(m.representatives)) for m in data.members),
            data.settings.name,
            data.settings.short_name,
            tuple(data.settings.subcommittees),
            meeting.chair_person,
            meeting.minute_taker,
            meeting.land_acknowledgement_by,
            tuple((a.person, a.marked, a.presence) for a in meeting.attendance),
            tuple((g.name, g.organization) for g in meeting.guests),
            tuple(i.presenter for i in meeting.agenda),
        )
        if key != self._allow_key:
            self._allow = record_names(meeting, data.members, data.settings)
            self._allow_key = key
        return self._allow

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self.editor:
            self._edited()  # not stopped: the panel stores the text

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.editor:
            self._edited()

    def _edited(self) -> None:
        self.text_version += 1
        if not self._start:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.check_delay, self.run_check)

    def start(self) -> None:
        """Begin checking (case examples: once the reminder is acknowledged)."""
        self._start = True
        self.run_check()

    def run_check(self):
        """Start checking the text as it is now, off the interface thread."""
        self._timer = None
        self.checker.set_allow(self._allow_list())
        version, text = self.text_version, self.text
        return self.run_worker(
            partial(self._check, version, text, self.segments(text), self.formal),
            thread=True,
            group="identifier-check",
            exit_on_error=False,
        )

    def _check(self, version: int, text: str, segments: list[Segment], formal: bool) -> None:
        """In a thread worker: the check itself, reported back as a message."""
        found: list[tuple[str, Finding]] = []
        for segment in segments:
            for finding in self.checker.check(text[segment.start:segment.end]):
                if formal and finding.kind in FORMAL_NOT_FINDINGS:
                    continue
                found.append((segment.path, _shift(finding, segment.start)))
        self.post_message(self.Checked(self, version, text, found))

    def on_checked_text_checked(self, message: Checked) -> None:
        if message.checked is not self:
            return
        message.stop()
        if message.version != self.text_version or message.version < self.shown_version:
            return  # a newer version was typed (or shown) since: this result is stale
        self.shown_version = message.version
        self.checked_text = message.text
        self.found = message.found
        self.show_findings()

    # -- what is shown ---------------------------------------------------------

    def is_reviewed(self, path: str, finding: Finding) -> bool:
        return finding_key(finding) in reviewed_in(self.meeting, path)

    def waiting(self) -> list[tuple[str, Finding]]:
        return [(p, f) for p, f in self.found if not self.is_reviewed(p, f)]

    def show_findings(self) -> None:
        # Runs on every check result, i.e. at every pause in typing: only what
        # changed is touched (a Static update lays out the whole screen again).
        reviewed_keys: dict[str, set[str]] = {}
        reviewed = []
        for path, finding in self.found:
            keys = reviewed_keys.get(path)
            if keys is None:
                keys = reviewed_keys[path] = reviewed_in(self.meeting, path)
            reviewed.append(finding_key(finding) in keys)
        waiting = reviewed.count(False)
        if waiting:
            # One line at 80 columns; the console's hints say what happens to them.
            fate = " \u2014 stops the export" if self.formal else ""
            line = f"\u26a0 {waiting} possible identifying detail(s) to review (Tab, r){fate}"
        elif self.found:
            line = "All flagged details reviewed as not identifying."
        else:
            line = "No identifying details found."
        if line != self._status_line:
            self._status_line = line
            status = self.query_one(".checked-status", Static)
            status.update(line)
            status.set_class(bool(waiting), "-warn")
        self.set_class(bool(self.found), "-findings")
        text = self.checked_text
        entries: list[tuple[bool, str, str, int]] = []
        row, last = 0, 0
        for (path, finding), done in zip(self.found, reviewed):
            row += text.count("\n", last, finding.start)
            last = finding.start
            entries.append((done, finding.kind, finding.text, row))
        options = self.query_one(FindingList)
        if entries != self._entries:
            # Rebuilt only when what it lists changed: typing elsewhere in a long
            # note leaves it alone.
            self._entries = entries
            prompts = []
            for done, kind, found_text, row in entries:
                shown = " ".join(found_text.split())
                shown = shown if len(shown) <= 40 else shown[:39] + "\u2026"
                mark = "\u2713" if done else "\u26a0"
                prompts.append(Text(f"{mark} {KINDS.get(kind, kind)}: \u201c{shown}\u201d \u00b7 line {row + 1}"))
            highlighted_index = options.highlighted
            options.set_options(Option(prompt, id=str(index)) for index, prompt in enumerate(prompts))
            if prompts:
                options.highlighted = min(highlighted_index or 0, len(prompts) - 1)
        if isinstance(self.editor, CheckedArea):
            self.editor.mark(
                [(f.start, f.end, _REVIEWED if done else _TO_REVIEW) for (_, f), done in zip(self.found, reviewed)]
                if text == self.text
                else []
            )

    # -- the findings list -------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a finding selects it in the text, ready to edit away."""
        if event.option_list.parent is not self:
            return
        event.stop()
        _, finding = self.found[int(event.option.id)]
        self.select_range(finding.start, finding.end)

    def select_range(self, start: int, end: int) -> None:
        editor = self.editor
        if isinstance(editor, TextArea):
            from textual.widgets.text_area import Selection

            text = editor.text
            editor.selection = Selection(offset_to_location(text, start), offset_to_location(text, end))
        else:
            from textual.widgets._input import Selection as InputSelection

            editor.selection = InputSelection(start, end)
        editor.focus()

    def covers(self, path: str) -> bool:
        return any(segment.path == path for segment in self.segments(self.text))

    def select_finding(self, path: str, finding: Finding) -> bool:
        """Select a finding the gate reported (offsets within its field)."""
        segment = next((s for s in self.segments(self.text) if s.path == path), None)
        if segment is None:
            return False
        start, end = segment.start + finding.start, segment.start + finding.end
        for index, (p, f) in enumerate(self.found):
            if p == path and f.start == start:
                self.query_one(FindingList).highlighted = index
        self.select_range(start, end)
        return True

    def mark_reviewed(self, reviewed: bool) -> None:
        options = self.query_one(FindingList)
        if options.highlighted is None or not self.found:
            return
        path, finding = self.found[options.highlighted]
        mark_reviewed(self.meeting, path, finding, reviewed)
        if path == "case_examples.notes":
            # Case examples also keep their own list, which the minute
            # taker's notes file carries (the gate reads both).
            key = finding_key(finding)
            legacy = self.meeting.case_examples.reviewed
            if reviewed and key not in legacy:
                legacy.append(key)
            elif not reviewed and key in legacy:
                legacy.remove(key)
        self.show_findings()  # the text did not change: no need to check again
        self.post_message(self.Reviewed())
