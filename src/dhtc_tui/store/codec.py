"""Domain dataclasses to JSON-ready dicts and back (cattrs).

cattrs walks the dataclass type hints, so a new field needs no code here;
only the value types JSON lacks (dates and times) get hooks.

Every string is cleaned of control characters on the way in and on the way
out (``dhtc_tui.domain.text.clean_text``): this is the one door all typed,
pasted and imported text passes, and a file edited by hand or restored from
elsewhere may already hold an escape sequence that would otherwise reach the
terminal or a .docx.
"""

from __future__ import annotations

from datetime import date, datetime, time
import typing
from typing import Any, TypeVar

import cattrs

from ..domain.text import clean_text

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=False)
#: The same rules without cattrs' detailed validation, for reading: its
#: generated code is smaller (built quicker at start-up, runs quicker). A
#: record it refuses is read again by ``converter``, whose error names the field.
_reader = cattrs.Converter(forbid_extra_keys=False, detailed_validation=False)

for _kind in (date, datetime, time):
    converter.register_unstructure_hook(_kind, lambda v: v.isoformat())


def _strict(kind: type):
    """cattrs would turn 5 into "5"; a damaged file must be reported instead."""

    def structure(value: Any, _: type) -> Any:
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise TypeError(f"expected {kind.__name__}, found {type(value).__name__} {value!r}")
        return value

    return structure


def _structure_str(value: Any, kind: type) -> Any:
    if kind is not str:  # a StrEnum field: build the member by value (raises if unknown)
        return kind(value)
    return _strict(str)(value, kind)


def _list_hook(conv: cattrs.Converter):
    def _structure_list(value: Any, kind: Any) -> list:
        """A list field must hold a list: "Priya" is not ["P", "r", "i", "y", "a"]."""
        if not isinstance(value, list):
            raise TypeError(f"expected a list, found {type(value).__name__}")
        (item,) = typing.get_args(kind) or (Any,)
        return [conv.structure(v, item) for v in value]

    return _structure_list


for _conv in (converter, _reader):
    _conv.register_structure_hook(str, _structure_str)
    _conv.register_structure_hook_func(lambda t: typing.get_origin(t) is list, _list_hook(_conv))
    for _kind in (int, float, bool):
        _conv.register_structure_hook(_kind, _strict(_kind))
    _conv.register_structure_hook(date, lambda v, _: date.fromisoformat(v))
    _conv.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
    _conv.register_structure_hook(time, lambda v, _: time.fromisoformat(v))


#: Fields that hold one line (names, addresses, titles, identifiers): a tab
#: or newline there becomes a space. Every other string may hold tabs and
#: newlines (notes, motion wording, reasons), so a new notes field loses
#: nothing by default.
SINGLE_LINE_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "representatives",
        "email",
        "phone",
        "subcommittees",
        "default_location",
        "description",
        "owner_name",
        "signatory",
        "applicant",
        "contact_name",
        "title",
        "presenter",
        "person",
        "organization",
        "location",
        "upcoming_items",
        "chair_person",
        "minute_taker",
        "land_acknowledgement_by",
        "id",
    }
)


def _single_line(key: str) -> bool:
    return key in SINGLE_LINE_FIELDS or key.endswith("_id")


def clean_doc(value: Any, multiline: bool = True) -> Any:
    """``value`` (a JSON-ready document) with every string cleaned.

    Only strings change: a number where a string belongs is left for the
    structure hooks to report as damage. Dictionary keys (sub-committee
    names) are single-line.
    """
    if isinstance(value, str):
        return clean_text(value, multiline=multiline)
    if isinstance(value, dict):
        return _clean_dict(value)
    if isinstance(value, list):
        return [clean_doc(v, multiline) for v in value]
    return value


def _clean_dict(value: dict) -> dict:
    # Every record read or written passes here: plain strings and numbers
    # (most values) are handled in the loop, without a call each.
    out = {}
    for key, item in value.items():
        if isinstance(key, str):
            multiline = not _single_line(key)
            if not key.isprintable():
                key = clean_text(key, multiline=False)
        else:
            multiline = True
        kind = type(item)
        if kind is str:
            out[key] = item if item.isprintable() else clean_text(item, multiline=multiline)
        elif kind is int or kind is bool or item is None:
            out[key] = item
        else:
            out[key] = clean_doc(item, multiline)
    return out


def to_doc(obj: Any) -> dict[str, Any]:
    return clean_doc(converter.unstructure(obj))


def from_doc(doc: Any, kind: type[T]) -> T:
    if not isinstance(doc, dict):
        raise TypeError(f"expected a record, found {type(doc).__name__}")
    cleaned = clean_doc(dict(doc))
    try:
        return _reader.structure(cleaned, kind)
    except Exception:
        return converter.structure(cleaned, kind)  # raises again, naming the field
