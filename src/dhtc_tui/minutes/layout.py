"""The minutes as a plain document model: headings, paragraphs, tables.

Every text in it is :class:`~dhtc_tui.domain.disclosure.Cleared`: each node
refuses anything else when built, and the .docx renderer checks again. No
python-docx here, so the wording is testable as plain text (:func:`as_text`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.disclosure import Cleared, require_cleared


@dataclass
class Run:
    text: Cleared
    bold: bool | None = None
    #: A line break before the run's text (inside the same paragraph).
    break_before: bool = False

    def __post_init__(self) -> None:
        require_cleared(self.text, "a run of the minutes")


@dataclass
class Paragraph:
    runs: list[Run]
    style: str | None = None
    keep_with_next: bool = False
    #: Points of space after the paragraph; None keeps the style's.
    space_after: float | None = None

    @property
    def text(self) -> str:
        return "".join(("\n" if r.break_before else "") + r.text for r in self.runs)


@dataclass
class Heading:
    text: Cleared
    level: int = 1

    def __post_init__(self) -> None:
        require_cleared(self.text, "a heading of the minutes")


@dataclass
class Table:
    headers: list[Cleared]
    rows: list[list[Cleared]]
    #: Relative column widths (scaled to the text width when rendered).
    widths: list[float]

    def __post_init__(self) -> None:
        for text in self.headers:
            require_cleared(text, "a table heading")
        for row in self.rows:
            for text in row:
                require_cleared(text, "a table cell")


Block = Paragraph | Heading | Table


@dataclass
class Properties:
    """The .docx document properties."""

    title: Cleared
    subject: Cleared
    author: Cleared
    keywords: Cleared
    comments: Cleared
    content_status: Cleared
    category: Cleared

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            require_cleared(value, f"the document property {name}")


@dataclass
class MinutesLayout:
    blocks: list[Block]
    #: The approved header line; None keeps (or adds) the DRAFT mark.
    final_header: Cleared | None
    #: The coalition name for the "Confidential" footer.
    footer_name: Cleared
    properties: Properties

    def __post_init__(self) -> None:
        if self.final_header is not None:
            require_cleared(self.final_header, "the header")
        require_cleared(self.footer_name, "the footer")


def as_text(layout: MinutesLayout) -> str:
    """The minutes as plain text, one block per line (tables as "a | b")."""
    lines: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Heading):
            lines.append(("#" * block.level) + " " + block.text)
        elif isinstance(block, Paragraph):
            if block.text:
                prefix = "- " if block.style == "List Bullet" else ""
                lines.append(prefix + block.text)
        else:
            lines.append(" | ".join(block.headers))
            lines.extend(" | ".join(row) for row in block.rows)
    return "\n".join(lines)
