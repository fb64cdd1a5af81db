"""Dates and times as the coalition writes them (Canadian style)."""

from __future__ import annotations

from datetime import date, time


def long_date(day: date | None) -> str:
    """Thursday, September 17, 2026"""
    if day is None:
        return "date to be set"
    return f"{day:%A, %B} {day.day}, {day.year}"


def short_date(day: date | None) -> str:
    """Sep 17, 2026"""
    if day is None:
        return "\u2014"
    return f"{day:%b} {day.day}, {day.year}"


def clock(at: time | None) -> str:
    """9:31 a.m. / 12:05 p.m."""
    if at is None:
        return "time to be set"
    hour = at.hour % 12 or 12
    suffix = "a.m." if at.hour < 12 else "p.m."
    return f"{hour}:{at.minute:02d} {suffix}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


# --------------------------------------------------------------------------
# Cleaning text that came from people or files
#
# A name holding ``ESC ] 2 ; ... BEL`` retitles the terminal when drawn, and
# python-docx refuses NUL and most other C0 characters outright. Text is
# cleaned where it enters the store (typed, pasted, imported) and again where
# it is read back, so neither a hostile paste nor an edited file reaches the
# terminal or a document.

def _unsafe(code: int) -> bool:
    """C0 controls, DEL, C1 controls; surrogates and U+FFFE/U+FFFF are not
    valid in XML either (a .docx refuses them)."""
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    )


_DROP = {code: None for code in range(0xA0) if _unsafe(code)}
_DROP.update({code: None for code in (0xFFFE, 0xFFFF)})
_MULTILINE = dict(_DROP)
_MULTILINE.update({ord("\t"): "\t", ord("\n"): "\n"})
_SINGLE_LINE = dict(_DROP)
_SINGLE_LINE.update({ord("\t"): " ", ord("\n"): " "})


def _without_surrogates(text: str) -> str:
    # A lone surrogate can arrive from JSON ("\ud800"); it cannot be encoded
    # for the terminal or a file, so it becomes the replacement character.
    try:
        text.encode("utf-8")  # in C: the usual case costs no loop in Python
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def clean_text(text: str, *, multiline: bool = True) -> str:
    """``text`` with every control character removed.

    Tab and newline stay in multi-line fields (notes) and become spaces in
    single-line ones (names); a carriage return ends a line (Windows and old
    Mac pastes), so CR LF and lone CR become newlines first. Nothing else is
    changed: ordinary text comes back as it was.
    """
    if text.isprintable():  # no control character, surrogate or U+FFFE/U+FFFF
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _without_surrogates(text)
    return text.translate(_MULTILINE if multiline else _SINGLE_LINE)


def clean_line(text: str) -> str:
    """``clean_text`` for a single-line field (a name, an address)."""
    return clean_text(text, multiline=False)


def is_clean(text: str, *, multiline: bool = True) -> bool:
    return clean_text(text, multiline=multiline) == text
