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


@given(st.text(st.sampled_from("ab \t\n\r\u00e9") | st.characters(min_codepoint=0x20, max_codepoint=0x2FF), max_size=30))
@settings(max_examples=300, deadline=None)
def test_a_run_holds_the_xml_python_docx_writes_for_its_text(text):
    document = docx.Document()
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
