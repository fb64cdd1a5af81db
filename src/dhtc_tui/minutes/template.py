"""Build ``templates/minutes.docx``, the minutes template, from code.

The template has an empty body; the exporter (:mod:`dhtc_tui.minutes.document`)
adds every paragraph. It holds what a coalition may want to restyle in Word:

- styles: Title, Heading 1-2, Normal, List Bullet, Header, Footer, and the
  minutes' own: ``Minutes Meta`` (date/time/location lines), ``Minutes
  Notice`` (the in-progress warning), ``Minutes Motion`` (a motion's
  paragraph), ``Minutes Draft Mark`` (the header's DRAFT line), ``Table
  Text`` and ``Table Heading`` (cell paragraphs) and the ``Minutes Table``
  table style;
- the page: US Letter, 1-inch margins, Calibri 11 pt (Carlito, its metric
  twin, where Calibri is not installed), Canadian English;
- a header paragraph "DRAFT — for approval at the next meeting" (the
  exporter replaces it for approved minutes) and a footer "Confidential —
  Durham Human Trafficking Coalition members only" with "Page X of Y".

A coalition may edit the .docx in Word (keep the style names: the exporter
checks them and names any that is missing). Rebuild the shipped one with::

    python -m dhtc_tui.minutes.template [OUT.docx]

The build is deterministic (fixed core properties and zip timestamps), so a
rebuild of an unchanged builder is byte-identical.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor

from .styles import (  # noqa: F401  (re-exported: the template defines them)
    CONFIDENTIAL,
    DEFAULT_COALITION,
    DRAFT_MARK,
    STYLE_DRAFT_MARK,
    STYLE_META,
    STYLE_MOTION,
    STYLE_NOTICE,
    STYLE_TABLE,
    STYLE_TABLE_HEADING,
    STYLE_TABLE_TEXT,
)

TEMPLATE_NAME = "minutes.docx"

FONT = "Calibri"
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x1F, 0x38, 0x64)  # dark navy: headings, rules
MUTED = RGBColor(0x59, 0x59, 0x59)  # header and footer text
ALERT = RGBColor(0xA5, 0x1C, 0x1C)  # draft mark, in-progress notice


#: Page geometry (inches). The text width tables are sized against.
PAGE_WIDTH, PAGE_HEIGHT = 8.5, 11.0
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 1.0, 0.9, 0.9
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE


#: Every style the exporter uses (checked when a template is loaded).
REQUIRED_STYLES: tuple[tuple[str, WD_STYLE_TYPE], ...] = (
    ("Normal", WD_STYLE_TYPE.PARAGRAPH),
    ("Title", WD_STYLE_TYPE.PARAGRAPH),
    ("Heading 1", WD_STYLE_TYPE.PARAGRAPH),
    ("Heading 2", WD_STYLE_TYPE.PARAGRAPH),
    ("List Bullet", WD_STYLE_TYPE.PARAGRAPH),
    ("Header", WD_STYLE_TYPE.PARAGRAPH),
    ("Footer", WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_META, WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_NOTICE, WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_MOTION, WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_DRAFT_MARK, WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_TABLE_HEADING, WD_STYLE_TYPE.PARAGRAPH),
    (STYLE_TABLE, WD_STYLE_TYPE.TABLE),
)

#: Fixed stamps: the template's core properties and every zip entry.
BUILD_STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)
ZIP_STAMP = (1980, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------
# Style helpers


def _set_fonts(rpr_parent, font: str = FONT) -> None:
    """Give a style (or docDefaults) an explicit font, dropping theme fonts
    (a theme font attribute wins over a named font in Word)."""
    rpr = _rpr(rpr_parent)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _rpr(parent):
    """The ``w:rPr`` child of a style or of ``w:rPrDefault``, created if needed."""
    rpr = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        parent.append(rpr)
    return rpr


def _drop(element, *tags: str) -> None:
    for tag in tags:
        for child in element.findall(qn(tag)):
            element.remove(child)


def _paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _spacing(style, before: float = 0, after: float = 0, line: float | None = None) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line


def _border(style, sides: dict[str, str]) -> None:
    """``sides``: side -> 'size:space:color' (size in eighths of a point)."""
    ppr = style.element.get_or_add_pPr()
    _drop(ppr, "w:pBdr")
    parts = []
    for side, spec in sides.items():
        size, space, color = spec.split(":")
        parts.append(
            f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'
        )
    border = parse_xml(f"<w:pBdr {nsdecls('w')}>{''.join(parts)}</w:pBdr>")
    # pBdr sits before spacing/ind/jc in CT_PPr's sequence.
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(border)
    else:
        ppr.append(border)


def _shading(style, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()
    _drop(ppr, "w:shd")
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    anchor = None
    for tag in ("w:tabs", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(shd)
    else:
        ppr.append(shd)


def _fix_text_style(style, size: float, *, bold: bool = False, color: RGBColor = INK) -> None:
    _set_fonts(style.element)
    rpr = style.element.get_or_add_rPr()
    _drop(rpr, "w:color", "w:spacing", "w:kern", "w:szCs")
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color


# --------------------------------------------------------------------------
# The template


def _define_styles(doc) -> None:
    styles = doc.styles

    # Document defaults: Calibri 11 pt, Canadian English.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_fonts(rpr_default)
    rpr = _rpr(rpr_default)
    _drop(rpr, "w:lang", "w:sz", "w:szCs")
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="22"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="22"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-CA" w:eastAsia="en-US" w:bidi="ar-SA"/>'))

    normal = styles["Normal"]
    _fix_text_style(normal, 11)
    _spacing(normal, 0, 6, 1.08)

    title = styles["Title"]
    _fix_text_style(title, 18, bold=True, color=ACCENT)
    title.element.get_or_add_pPr()
    _drop(title.element.pPr, "w:contextualSpacing")
    _border(title, {"bottom": f"12:6:{ACCENT}"})
    _spacing(title, 0, 10, 1.0)
    title.paragraph_format.keep_with_next = True

    h1 = styles["Heading 1"]
    _fix_text_style(h1, 13, bold=True, color=ACCENT)
    _spacing(h1, 14, 4, 1.0)
    h1.paragraph_format.keep_with_next = True
    h1.paragraph_format.keep_together = True

    h2 = styles["Heading 2"]
    _fix_text_style(h2, 11, bold=True, color=ACCENT)
    _spacing(h2, 8, 2, 1.0)
    h2.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    _spacing(bullet, 0, 2)
    _drop(bullet.element.get_or_add_pPr(), "w:contextualSpacing")

    for name in ("Header", "Footer"):
        style = styles[name]
        _fix_text_style(style, 9, color=MUTED)
        ppr = style.element.get_or_add_pPr()
        _drop(ppr, "w:tabs")
        style.paragraph_format.tab_stops.add_tab_stop(Inches(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
        _spacing(style, 0, 0, 1.0)

    meta = _paragraph_style(doc, STYLE_META)
    _spacing(meta, 0, 1, 1.0)
    meta.paragraph_format.tab_stops.add_tab_stop(Inches(1.35))
    meta.paragraph_format.left_indent = Inches(1.35)
    meta.paragraph_format.first_line_indent = Inches(-1.35)

    notice = _paragraph_style(doc, STYLE_NOTICE)
    notice.font.bold = True
    notice.font.color.rgb = ALERT
    _spacing(notice, 6, 10, 1.0)
    _border(notice, {side: f"12:4:{ALERT}" for side in ("top", "left", "bottom", "right")})
    _shading(notice, "FBEAEA")

    motion = _paragraph_style(doc, STYLE_MOTION)
    _spacing(motion, 4, 8, 1.08)
    motion.paragraph_format.left_indent = Inches(0.3)
    _border(motion, {"left": f"18:8:{ACCENT}"})
    motion.paragraph_format.keep_together = True

    mark = _paragraph_style(doc, STYLE_DRAFT_MARK, base="Header")
    mark.font.bold = True
    mark.font.color.rgb = ALERT
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    cell = _paragraph_style(doc, STYLE_TABLE_TEXT)
    cell.font.size = Pt(9.5)
    _spacing(cell, 1, 1, 1.0)

    head = _paragraph_style(doc, STYLE_TABLE_HEADING, base=STYLE_TABLE_TEXT)
    head.font.bold = True
    head.font.color.rgb = ACCENT
    head.paragraph_format.keep_with_next = True

    _define_table_style(doc)


def _define_table_style(doc) -> None:
    """``Minutes Table``: thin grey grid, a shaded header row, roomy cells."""
    styles = doc.styles
    try:
        existing = styles[STYLE_TABLE]
        existing.element.getparent().remove(existing.element)
    except KeyError:
        pass
    grey = "A6A6A6"
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{grey}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    xml = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="MinutesTable">
  <w:name w:val="{STYLE_TABLE}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblInd w:w="0" w:type="dxa"/>
    <w:tblBorders>{borders}</w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="43" w:type="dxa"/>
      <w:left w:w="86" w:type="dxa"/>
      <w:bottom w:w="43" w:type="dxa"/>
      <w:right w:w="86" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E4E9F2"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""
    styles.element.append(parse_xml(xml.strip()))


def _header_and_footer(doc) -> None:
    section = doc.sections[0]
    section.page_width = Inches(PAGE_WIDTH)
    section.page_height = Inches(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Inches(MARGIN_SIDE)
    section.top_margin = Inches(MARGIN_TOP)
    section.bottom_margin = Inches(MARGIN_BOTTOM)
    section.header_distance = Inches(0.45)
    section.footer_distance = Inches(0.45)

    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.style = doc.styles[STYLE_DRAFT_MARK]
    para.text = DRAFT_MARK

    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.style = doc.styles["Footer"]
    para.add_run(CONFIDENTIAL)
    para.add_run("\tPage ")
    _field(para, "PAGE", "1")
    para.add_run(" of ")
    _field(para, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A simple field (``w:fldSimple``); Word and LibreOffice compute it."""
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        f"<w:r><w:rPr><w:noProof/></w:rPr><w:t>{shown}</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(field)


def _core_properties(doc) -> None:
    props = doc.core_properties
    props.title = "Minutes template"
    props.subject = "Minutes of Coalition meetings"
    props.author = "dhtc-tui"
    props.last_modified_by = "dhtc-tui"
    props.comments = (
        "Styles used by dhtc-tui's minutes export. Keep the style names; "
        "rebuild with: python -m dhtc_tui.minutes.template"
    )
    props.keywords = "minutes; template"
    props.category = "Template"
    props.created = BUILD_STAMP.replace(tzinfo=None)
    props.modified = BUILD_STAMP.replace(tzinfo=None)
    props.revision = 1


def _drop_thumbnail(doc) -> None:
    """python-docx's default package carries a thumbnail of another document."""
    rels = doc.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[r_id]


#: The table styles the template keeps; python-docx's default package
#: defines about 140 more (Light Shading, Medium Grid 3 - Accent 6, ...).
TABLE_STYLES_KEPT = frozenset({"TableNormal", "TableGrid", "MinutesTable"})
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_unused_styles(doc) -> None:
    """Keep the template small: every export parses it and writes it out again.

    python-docx's default package defines some 140 table styles the minutes
    never use and carries ``stylesWithEffects.xml``, a second copy of the
    styles for Word 2010 (790 KB of XML between them). Word and LibreOffice
    still offer their built-in table styles (the template's latent-style list
    names them), and Word rebuilds ``stylesWithEffects.xml`` when it saves.
    """
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in TABLE_STYLES_KEPT:
            styles.remove(style)
    rels = doc.part.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del rels[r_id]


def build_template() -> bytes:
    """The template's bytes (deterministic)."""
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _define_styles(doc)
    _drop_unused_styles(doc)
    _header_and_footer(doc)
    _core_properties(doc)
    _drop_thumbnail(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(payload: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, same entry order."""
    source = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename), compresslevel=9)
    return out.getvalue()


def default_path() -> Path:
    from ..paths import templates_dir

    return templates_dir() / TEMPLATE_NAME


def write_template(path: Path | None = None) -> Path:
    """Build the template and write it (atomically) to ``path``."""
    from .files import atomic_write

    path = Path(path) if path is not None else default_path()
    atomic_write(path, build_template(), mode=0o644)
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("usage: python -m dhtc_tui.minutes.template [OUT.docx]")
        return 0 if args and args[0] in ("-h", "--help") else 2
    path = write_template(Path(args[0]) if args else None)
    print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
