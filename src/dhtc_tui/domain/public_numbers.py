"""Public service numbers (911, 211, help lines): never someone's phone number.

The list is ``templates/public-numbers.txt`` so the coalition can edit it.
:func:`parse_public_numbers` is pure; :func:`default_public_numbers` reads
the template through the project's template lookup the first time a check
needs it (never at import), and again only when the file changes.
"""

from __future__ import annotations

import re
import threading

__all__ = [
    "BUILT_IN",
    "TEMPLATE",
    "parse_public_numbers",
    "default_public_numbers",
    "number_key",
]

TEMPLATE = "public-numbers.txt"

#: Used when the template is missing or unreadable: the national numbers the
#: template cites, so a broken file never turns them into findings.
BUILT_IN = frozenset({"911", "211", "988", "8339001010", "8006686868", "686868"})

_NUMBER = re.compile(r"^\s*(\+?[\d][\d ().-]*\d|\d)")


def number_key(text: str) -> str:
    """The digits of a phone number, without a leading long-distance 1."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def parse_public_numbers(text: str) -> frozenset[str]:
    """Number keys from the template's lines (``number | service | source``)."""
    keys = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        match = _NUMBER.match(line.split("|", 1)[0])
        if match:
            key = number_key(match.group(1))
            if key:
                keys.add(key)
    return frozenset(keys)


_lock = threading.Lock()
_cache: dict[tuple[str, int], frozenset[str]] = {}


def default_public_numbers() -> frozenset[str]:
    """The coalition's list from the templates folder, cached until it changes."""
    from ..paths import TemplateError, read_template_text, templates_dir

    path = templates_dir() / TEMPLATE
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return BUILT_IN
    with _lock:
        cached = _cache.get(stamp)
        if cached is not None:
            return cached
        try:
            numbers = parse_public_numbers(read_template_text(TEMPLATE))
        except TemplateError:
            return BUILT_IN
        _cache.clear()
        _cache[stamp] = numbers
        return numbers
