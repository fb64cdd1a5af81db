"""The minutes template: built from code, deterministic, complete."""

from __future__ import annotations

import zipfile

import docx
from docx.shared import Inches

from dhtc_tui.minutes import template


def test_rebuild_is_byte_identical_to_the_shipped_template(tmp_path):
    first = template.build_template()
    second = template.build_template()
    assert first == second
    shipped = template.default_path()
    assert shipped.read_bytes() == first, "templates/minutes.docx is stale: run `make template`"


def test_zip_entries_have_fixed_timestamps():
    with zipfile.ZipFile(template.default_path()) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {template.ZIP_STAMP}
        assert not any("thumbnail" in n for n in names)


def test_template_body_is_empty_with_styles_page_header_and_footer(tmp_path):
    out = template.write_template(tmp_path / "t.docx")
    document = docx.Document(str(out))
    assert [p for p in document.paragraphs] == []
    assert document.tables == []
    for name, kind in template.REQUIRED_STYLES:
        assert document.styles[name].type == kind
    normal = document.styles["Normal"].font
    assert normal.name == "Calibri" and normal.size.pt == 11
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert section.left_margin == section.right_margin == Inches(1)
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert header == "DRAFT \u2014 for approval at the next meeting"
    footer_xml = section.footer._element.xml
    assert "Confidential \u2014 Durham Human Trafficking Coalition members only" in footer_xml
    assert 'w:instr=" PAGE ' in footer_xml and 'w:instr=" NUMPAGES ' in footer_xml
    assert "Page " in footer_xml and " of " in footer_xml
    props = document.core_properties
    assert props.created.year == 2026 and props.revision == 1


def test_main_writes_the_given_path(tmp_path, capsys):
    assert template.main([str(tmp_path / "x.docx")]) == 0
    assert (tmp_path / "x.docx").read_bytes() == template.build_template()
    assert "Wrote" in capsys.readouterr().out


def test_the_template_carries_only_the_table_styles_it_uses():
    """Every export parses the template and writes it out: python-docx's
    140 spare table styles and its stylesWithEffects.xml stay out."""
    document = docx.Document(str(template.default_path()))
    table_ids = {s.style_id for s in document.styles if s.type == docx.enum.style.WD_STYLE_TYPE.TABLE}
    assert table_ids == template.TABLE_STYLES_KEPT
    for name in ("Heading 1", "Title", "List Bullet", "Quote", "Caption", "Table Grid"):
        document.styles[name]  # the text styles a coalition may use in Word stay
    with zipfile.ZipFile(template.default_path()) as archive:
        assert not any("stylesWithEffects" in n for n in archive.namelist())
        assert "stylesWithEffects" not in archive.read("[Content_Types].xml").decode()
        assert "stylesWithEffects" not in archive.read("word/_rels/document.xml.rels").decode()
        assert archive.getinfo("word/styles.xml").file_size < 60_000
