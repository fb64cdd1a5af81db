"""Collects the minutes' blocks as plain text, then clears them all at once.

The wording (:mod:`.wording`) writes paragraphs, headings and tables here as
plain strings; :meth:`Writer.finish` sends every text through the export
gate in one pass (one scan per text would cost a millisecond or more each)
and builds the cleared model of :mod:`.layout`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.disclosure import Cleared, Gate
from .layout import Heading, Paragraph, Run, Table
from .styles import STYLE_BULLET, STYLE_META, STYLE_TABLE_TEXT


@dataclass
class _Para:
    """A paragraph being written: plain text until :meth:`Writer.finish`."""

    runs: list[tuple[str, bool | None, bool]]  # text, bold, line break before
    style: str | None = None
    keep_with_next: bool = False
    space_after: float | None = None


@dataclass
class _Head:
    text: str
    level: int = 1


@dataclass
class _Grid:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]


class Writer:
    """Collects the minutes' blocks as plain text; :meth:`finish` sends every
    text through the gate in one pass and builds the cleared model."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.blocks: list = []

    def runs(self, runs: list[tuple[str, bool | None, bool]], style: str | None = None) -> _Para:
        paragraph = _Para(runs, style)
        self.blocks.append(paragraph)
        return paragraph

    def para(self, text: str = "", style: str | None = None, **fmt) -> _Para:
        paragraph = _Para([(text, None, False)] if text else [], style, **fmt)
        self.blocks.append(paragraph)
        return paragraph

    def labelled(self, label: str, text: str, style: str | None = None) -> _Para:
        return self.runs([(label, True, False), (text, None, False)], style)

    def meta(self, label: str, text: str) -> _Para:
        return self.runs([(f"{label}:", True, False), (f"\t{text}", None, False)], STYLE_META)

    def intro(self, text: str) -> _Para:
        """A lead-in that stays on the page of the list or table it introduces."""
        return self.para(text, keep_with_next=True)

    def heading(self, text: str, level: int = 1) -> _Head:
        heading = _Head(text, level)
        self.blocks.append(heading)
        return heading

    def bullets(self, items: Iterable[str]) -> None:
        """A short list kept on one page."""
        paragraphs = [self.para(item, STYLE_BULLET) for item in items]
        if paragraphs:
            paragraphs[-1].space_after = 6
        if len(paragraphs) > 8:
            return
        for paragraph in paragraphs[:-1]:
            paragraph.keep_with_next = True

    def notes(self, text: Cleared) -> bool:
        """Free text as typed: one paragraph per line; "- " lines as bullets."""
        wrote = False
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            if line[:2] in ("- ", "* ", "\u2022 "):
                self.para(line[2:].strip(), STYLE_BULLET)
            else:
                self.para(line)
            wrote = True
        return wrote

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> _Grid:
        grid = _Grid(headers, rows, widths)
        self.blocks.append(grid)
        # A little air after a table (Word has no "space after" for tables).
        self.para("", STYLE_TABLE_TEXT)
        return grid

    def finish(self) -> list:
        texts: list[str] = []
        for block in self.blocks:
            if isinstance(block, _Head):
                texts.append(block.text)
            elif isinstance(block, _Para):
                texts.extend(run[0] for run in block.runs)
            else:
                texts.extend(block.headers)
                texts.extend(cell for row in block.rows for cell in row)
        cleared = iter(self.gate.words_many(texts))
        out: list = []
        for block in self.blocks:
            if isinstance(block, _Head):
                out.append(Heading(next(cleared), block.level))
            elif isinstance(block, _Para):
                runs = [Run(next(cleared), bold, brk) for _, bold, brk in block.runs]
                out.append(Paragraph(runs, block.style, block.keep_with_next, block.space_after))
            else:
                headers = [next(cleared) for _ in block.headers]
                rows = [[next(cleared) for _ in row] for row in block.rows]
                out.append(Table(headers, rows, block.widths))
        return out
