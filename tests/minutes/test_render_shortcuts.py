"""The renderer's shortcuts around python-docx write what python-docx writes."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from dhtc_tui.minutes.document import StyleIndex, _add_run, load_template
from dhtc_tui.minutes.template import REQUIRED_STYLES


_documents: dict[str, object] = {}


def _shared(name: str, make):
    """One document per kind for every example: opening one costs about 40 ms,
    and a paragraph or table appended to it is rendered as in a new one."""
    if name not in _documents:
        _documents[name] = make()
    return _documents[name]


@given(st.text(st.sampled_from("ab \t\n\r\u00e9") | st.characters(min_codepoint=0x20, max_codepoint=0x2FF), max_size=30))
@settings(max_examples=300, deadline=None)
def test_a_run_holds_the_xml_python_docx_writes_for_its_text(text):
    document = _shared("blank", docx.Document)
    ours = _add_run(document.add_paragraph(), text)
    theirs = document.add_paragraph().add_run(text)
    assert etree.tostring(ours._r) == etree.tostring(theirs._r)
    assert ours.text == theirs.text


def test_tabs_and_line_breaks_become_their_elements():
    document = docx.Document()
    run = _add_run(document.add_paragraph(), " a\tb\r\nc ")
    tags = [child.tag for child in run._r]
    assert tags == [qn("w:t"), qn("w:tab"), qn("w:t"), qn("w:br"), qn("w:br"), qn("w:t")]
    assert run._r[0].get(qn("xml:space")) == "preserve"


def test_the_style_index_finds_every_style_python_docx_finds():
    document = load_template()
    index = StyleIndex(document)
    names = [s.name for s in document.styles] + [name for name, _ in REQUIRED_STYLES] + ["Heading 1", "Title"]
    for name in names:
        assert index[name].style_id == document.styles[name].style_id
        assert index[name].type == document.styles[name].type


def test_the_style_index_refuses_an_unknown_style_as_python_docx_does():
    index = StyleIndex(load_template())
    with pytest.raises(KeyError):
        index["No Such Style"]


def _rendered_table(rows, headers=("A", "B", "C")):
    from dhtc_tui.domain.disclosure import _mint
    from dhtc_tui.minutes.document import _Renderer
    from dhtc_tui.minutes.layout import Table

    document = _shared("template", load_template)
    block = Table([_mint(h) for h in headers], [[_mint(v) for v in row] for row in rows], [1.0, 2.0, 1.0])
    _Renderer(document).table(block)
    return document.tables[-1]


@given(st.lists(st.lists(st.text(st.sampled_from("ab &<>\"'\t\ne\u00e9"), max_size=8), max_size=3), max_size=4))
@settings(max_examples=100, deadline=None)
def test_table_rows_hold_their_texts_as_python_docx_reads_them(rows):
    table = _rendered_table(rows)
    assert len(table.rows) == 1 + len(rows)
    for row, values in zip(table.rows[1:], rows):
        texts = [cell.text for cell in row.cells]
        expected = list(values) + [""] * (3 - len(values))
        assert texts == expected
        for cell, value in zip(row.cells, values + [None] * (3 - len(values))):
            paragraph = cell._tc.findall(qn("w:p"))
            assert len(paragraph) == 1
            styled = paragraph[0].find(qn("w:pPr")) is not None
            assert styled == (value is not None)  # a short row's missing cells stay bare


def test_every_body_cell_has_its_columns_width():
    table = _rendered_table([["x", "y", "z"], ["only one"]])
    widths = [[tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")) for tc in tr.findall(qn("w:tc"))]
              for tr in table._tbl.findall(qn("w:tr"))[1:]]
    assert widths[0] == widths[1] and len(set(widths[0])) == 2  # 1 : 2 : 1
