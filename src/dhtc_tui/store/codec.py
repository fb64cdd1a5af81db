"""Domain dataclasses to JSON-ready dicts and back (cattrs).

cattrs walks the dataclass type hints, so a new field needs no code here;
only the value types JSON lacks (dates and times) get hooks.
"""

from __future__ import annotations

from datetime import date, datetime, time
import typing
from typing import Any, TypeVar

import cattrs

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=False)

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


converter.register_structure_hook(str, _structure_str)


def _structure_list(value: Any, kind: Any) -> list:
    """A list field must hold a list: "Priya" is not ["P", "r", "i", "y", "a"]."""
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    (item,) = typing.get_args(kind) or (Any,)
    return [converter.structure(v, item) for v in value]


converter.register_structure_hook_func(lambda t: typing.get_origin(t) is list, _structure_list)
for _kind in (int, float, bool):
    converter.register_structure_hook(_kind, _strict(_kind))
converter.register_structure_hook(date, lambda v, _: date.fromisoformat(v))
converter.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
converter.register_structure_hook(time, lambda v, _: time.fromisoformat(v))


def to_doc(obj: Any) -> dict[str, Any]:
    return converter.unstructure(obj)


def from_doc(doc: Any, kind: type[T]) -> T:
    return converter.structure(dict(doc), kind)
