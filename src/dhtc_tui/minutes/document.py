"""The minutes as a .docx: renders the plain model of :mod:`.wording` with
python-docx on ``templates/minutes.docx``.

Nothing here decides what the minutes say. Every text must be
:class:`~dhtc_tui.domain.disclosure.Cleared` (it came out of the export gate);
anything else raises before a byte is written. The footer marks the minutes
as confidential to Coalition members; minutes not yet approved carry a DRAFT
header. The document properties carry no internal id.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt
from docx.styles import BabelFish
from docx.styles.style import BaseStyle, StyleFactory
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ..domain.disclosure import require_cleared
from .errors import MinutesError
from .layout import Heading, MinutesLayout, Paragraph, Properties, Table
from .template import (
    CONFIDENTIAL,
    DEFAULT_COALITION,
    DRAFT_MARK,
    REQUIRED_STYLES,
    STYLE_DRAFT_MARK,
    STYLE_TABLE,
    STYLE_TABLE_HEADING,
    STYLE_TABLE_TEXT,
    TEMPLATE_NAME,
    TEXT_WIDTH,
)


# --------------------------------------------------------------------------
# The template


def template_path() -> Path:
    from ..paths import templates_dir

    return templates_dir() / TEMPLATE_NAME


def _rebuild_hint() -> str:
    return "Rebuild it with `python -m dhtc_tui.minutes.template` (or `make template`)."


def load_template(path: Path | None = None) -> DocxDocument:
    """Open the minutes template and check it holds every style used.

    Raises MinutesError naming the template, and the missing styles."""
    path = Path(path) if path is not None else template_path()
    if not path.is_file():
        raise MinutesError(f"The minutes template {path} is missing. {_rebuild_hint()}")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise MinutesError(
            f"The minutes template {path} cannot be read as a Word .docx ({exc}). {_rebuild_hint()}"
        ) from None
    missing = []
    styles = StyleIndex(document)
    for name, kind in REQUIRED_STYLES:
        try:
            style = styles[name]
        except KeyError:
            missing.append(f"\u201c{name}\u201d")
            continue
        if style.type != kind:
            missing.append(f"\u201c{name}\u201d (as a {kind.name.lower()} style)")
    if missing:
        noun = "style" if len(missing) == 1 else "styles"
        raise MinutesError(
            f"The minutes template {path} has no {noun} {', '.join(missing)}. "
            f"Add {'it' if len(missing) == 1 else 'them'} in Word, or restore the shipped template. "
            f"{_rebuild_hint()}"
        )
    return document


class StyleIndex:
    """A document's styles by name, read once: ``document.styles[name]``
    runs an XPath query over every style of the template at each lookup
    (a tenth of an export when the renderer looked up each style anew)."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self._by_name = {}
        for element in document.styles.element.style_lst:
            name = element.name_val
            if name is not None:
                self._by_name.setdefault(name, element)  # the first, as python-docx finds it

    def __getitem__(self, name: str) -> BaseStyle:
        element = self._by_name.get(BabelFish.ui2internal(name))
        if element is None:
            return self.document.styles[name]  # python-docx's own answer: a KeyError, or a style by id
        return StyleFactory(element)


# --------------------------------------------------------------------------
# Small writing helpers


_RUN_BREAKS = re.compile(r"([\t\r\n])")


_W = nsdecls("w")


def _run_xml(text: str) -> str:
    """The content of a ``<w:r>`` holding ``text``, as python-docx's
    ``run.text = text`` makes it (a ``<w:tab/>`` for each tab, a ``<w:br/>``
    for each line break, the rest in ``<w:t>`` elements), built as XML where
    python-docx makes a Python call for every character."""
    out = []
    for piece in _RUN_BREAKS.split(text):
        if not piece:
            continue
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\r" or piece == "\n":
            out.append("<w:br/>")
        elif len(piece.strip()) < len(piece):
            out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
        else:
            out.append(f"<w:t>{escape(piece)}</w:t>")
    return "".join(out)


def _add_run(paragraph, text: str) -> Run:
    """``paragraph.add_run(text)``: the run goes last, as python-docx puts it."""
    r = parse_xml(f"<w:r {_W}>{_run_xml(text)}</w:r>")
    paragraph._p.append(r)
    return Run(r, paragraph)


def _set_cell_shading(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _row_flags(row, *, header: bool = False) -> None:
    """Rows never split across pages; the header row repeats on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # an element, not an XML parse per row
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fixed_layout(table, widths: list[float]) -> None:
    tbl_pr = table._tbl.tblPr
    total = int(sum(widths) * 1440)
    for tag in ("w:tblW", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 1440)))


class _Renderer:
    """Appends the model's blocks to a template document."""

    def __init__(self, document: DocxDocument) -> None:
        self.doc = document
        self._body = document.element.body
        #: The body's section properties: every block goes before them.
        self._end = self._body.find(qn("w:sectPr"))
        self._styles = StyleIndex(document)
        self._style_ids: dict[str, str] = {}

    def styled(self, paragraph, style: str | None):
        """Set a paragraph style by its id, looked up once per document:
        python-docx's own setter scans every style on each assignment, which
        was half of the export time."""
        if style is not None:
            paragraph._p.style = self.style_id(style)
        return paragraph

    def style_id(self, style: str) -> str:
        if style not in self._style_ids:
            self._style_ids[style] = self._styles[style].style_id
        return self._style_ids[style]

    def block(self, block) -> None:
        if isinstance(block, Heading):
            text = require_cleared(block.text, "a heading")
            style = "Title" if block.level == 0 else f"Heading {block.level}"
            self._add_p(style, f"<w:r>{_run_xml(text)}</w:r>" if text else "")
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        else:
            raise TypeError(f"not a block of the minutes: {type(block).__name__}")

    def _add_p(self, style: str | None, runs: str):
        """Append ``<w:p>`` (before the body's section properties, as
        python-docx's ``add_paragraph`` does) from the XML of its runs: one
        parse per paragraph, where python-docx's element-by-element API
        searched each parent's children for every run, style and text."""
        ppr = f'<w:pPr><w:pStyle w:val="{self.style_id(style)}"/></w:pPr>' if style is not None else ""
        p = parse_xml(f"<w:p {_W}>{ppr}{runs}</w:p>")
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body.append(p)
        return p

    def paragraph(self, block: Paragraph) -> None:
        runs = []
        for run in block.runs:
            text = require_cleared(run.text, "a run")
            if run.break_before:
                runs.append("<w:r><w:br/></w:r>")
            bold = "" if run.bold is None else ("<w:rPr><w:b/></w:rPr>" if run.bold else '<w:rPr><w:b w:val="0"/></w:rPr>')
            runs.append(f"<w:r>{bold}{_run_xml(text)}</w:r>")
        p = self._add_p(block.style, "".join(runs))
        if block.keep_with_next or block.space_after is not None:
            paragraph = DocxParagraph(p, self.doc._body)
            if block.keep_with_next:
                paragraph.paragraph_format.keep_with_next = True
            if block.space_after is not None:
                paragraph.paragraph_format.space_after = Pt(block.space_after)

    def table(self, block: Table) -> None:
        scale = TEXT_WIDTH / sum(block.widths)
        widths = [w * scale for w in block.widths]
        table = self.doc.add_table(rows=1, cols=len(block.headers))
        table._tbl.tblStyle_val = self.style_id(STYLE_TABLE)  # as table.style does, without its scan
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _fixed_layout(table, widths)
        header = table.rows[0]
        _row_flags(header, header=True)
        for cell, text, width in zip(header.cells, block.headers, widths):
            cell.width = Inches(width)
            _set_cell_shading(cell, "E4E9F2")
            _add_run(self.styled(cell.paragraphs[0], STYLE_TABLE_HEADING), require_cleared(text, "a table heading"))
        # Body rows as XML, as add_row and add_run would make them (each cell
        # the width of its column, one run), parsed in one go: python-docx's
        # row and cell accessors search the table again for every cell.
        style = self.style_id(STYLE_TABLE_TEXT)
        heads = [f'<w:tcPr><w:tcW w:type="dxa" w:w="{int(width * 1440)}"/></w:tcPr>' for width in widths]
        rows = []
        for values in block.rows:
            cells = []
            for index, head in enumerate(heads):
                if index < len(values):
                    text = require_cleared(values[index], "a table cell")
                    cells.append(
                        f'<w:tc>{head}<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                        f"<w:r>{_run_xml(text)}</w:r></w:p></w:tc>"
                    )
                else:  # a short row: its last cells stay bare
                    cells.append(f"<w:tc>{head}<w:p/></w:tc>")
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
        if rows:
            table._tbl.extend(list(parse_xml(f"<w:tbl {_W}>{''.join(rows)}</w:tbl>")))


# --------------------------------------------------------------------------
# Header, footer, properties


def _header_paragraphs(document: DocxDocument):
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if part.is_linked_to_previous:
                continue
            yield from part.paragraphs


def _footer_paragraphs(document: DocxDocument):
    for section in document.sections:
        for part in (section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous:
                continue
            yield from part.paragraphs


def _is_draft_mark(paragraph) -> bool:
    return paragraph.style is not None and paragraph.style.name == STYLE_DRAFT_MARK or (
        "DRAFT" in paragraph.text
    )


def _set_text(paragraph, text: str) -> None:
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(text)


def _mark_header(document: DocxDocument, final_header: str | None) -> None:
    marks = [p for p in _header_paragraphs(document) if _is_draft_mark(p)]
    if final_header is not None:
        for paragraph in marks:
            _set_text(paragraph, require_cleared(final_header, "the header"))
            paragraph.style = document.styles["Header"]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return
    if not marks:
        header = document.sections[0].header
        header.is_linked_to_previous = False
        paragraph = header.add_paragraph(style=STYLE_DRAFT_MARK)
        paragraph.add_run(DRAFT_MARK)


def _mark_footer(document: DocxDocument, name: str) -> None:
    name = require_cleared(name, "the footer")
    found = False
    for paragraph in _footer_paragraphs(document):
        if "Confidential" not in paragraph.text:
            continue
        found = True
        if name == DEFAULT_COALITION:
            continue
        for run in paragraph.runs:
            if DEFAULT_COALITION in run.text:
                run.text = run.text.replace(DEFAULT_COALITION, name)
    if not found:
        footer = document.sections[0].footer
        footer.is_linked_to_previous = False
        paragraph = footer.add_paragraph(style="Footer")
        paragraph.add_run(CONFIDENTIAL.replace(DEFAULT_COALITION, name))


def _core_properties(document: DocxDocument, given: Properties, now: datetime) -> None:
    props = document.core_properties
    for name in ("title", "subject", "keywords", "comments", "content_status", "category"):
        setattr(props, name, require_cleared(getattr(given, name), f"the property {name}"))
    props.author = require_cleared(given.author, "the author")
    props.last_modified_by = given.author
    # The template's identifier would otherwise stay; an internal id never goes out.
    props.identifier = ""
    # Core properties are stored in UTC; a naive ``now`` is local time.
    stamp = now.astimezone(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.revision = 1


# --------------------------------------------------------------------------
# Entry points


def render(layout: MinutesLayout, *, template: Path | None = None, now: datetime | None = None) -> DocxDocument:
    """The minutes as a python-docx Document (not saved)."""
    if not isinstance(layout, MinutesLayout):
        raise TypeError("render() takes the minutes' layout from minutes.wording")
    document = load_template(template)
    renderer = _Renderer(document)
    for block in layout.blocks:
        renderer.block(block)
    _mark_header(document, layout.final_header)
    _mark_footer(document, layout.footer_name)
    _core_properties(document, layout.properties, now or datetime.now())
    return document


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
