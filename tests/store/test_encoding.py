"""The store's JSON encoder (orjson) writes what the standard library wrote."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dhtc_tui.store.errors import DataFileError
from dhtc_tui.store.storage import encode, read_json_file


def stdlib(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


# What to_doc produces: strings (any Unicode the store keeps, control
# characters included in case one slips past cleaning), integers, booleans,
# None, lists and objects with string keys.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_LEAF = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | _TEXT
_TREE = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_TEXT, inner, max_size=5),
    max_leaves=30,
)


@given(_TREE)
def test_the_bytes_are_those_the_standard_library_writes(data):
    assert encode(data) == stdlib(data)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_comes_back_as_the_same_value(value):
    doc = {"seconds_spent": value}
    assert json.loads(encode(doc)) == doc


@pytest.mark.parametrize(
    "data",
    [
        {"n": 2**64},  # beyond orjson's 64 bits: the standard library writes it
        {"n": -(2**63) - 1},
        {"t": "\u2028 \x7f \x00 \u00e9 \U0001f600"},
    ],
)
def test_what_orjson_refuses_is_written_as_before(data):
    assert encode(data) == stdlib(data)
    assert json.loads(encode(data)) == data


def test_a_string_that_is_not_unicode_still_raises():
    with pytest.raises(UnicodeEncodeError):
        encode({"t": "\ud800"})


def test_a_non_string_key_is_written_as_before():
    assert encode({1: "a", True: "b", None: "c"}) == stdlib({1: "a", True: "b", None: "c"})


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_file_holding_a_non_finite_number_is_damage(tmp_path, constant):
    """The standard library reads NaN; orjson would write it back as null."""
    path = tmp_path / "coalition.json"
    path.write_text('{"meetings": {"1": {"seconds_spent": %s}}}' % constant)
    with pytest.raises(DataFileError, match="is not valid JSON"):
        read_json_file(path)


def test_finite_numbers_still_read(tmp_path):
    path = tmp_path / "coalition.json"
    path.write_text('{"t": {"1": {"seconds_spent": 1.5e16, "n": 3}}}')
    data = read_json_file(path)
    assert data == {"t": {"1": {"seconds_spent": 1.5e16, "n": 3}}}
    assert math.isfinite(data["t"]["1"]["seconds_spent"])
