"""The word lists behind the identifier check, read once from a package data file.

The lists live in ``data/identifier_words.json`` so they can be read and
extended without touching the check's code. Nothing is read at import time:
:func:`vocabulary` loads the file the first time a text is checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Vocabulary", "vocabulary", "WORDS_FILE"]

WORDS_FILE = "identifier_words.json"


@dataclass(frozen=True)
class Vocabulary:
    place_names: tuple[str, ...]
    #: Place names, case-folded (a run that is exactly one is not a person).
    place_words: frozenset[str]
    #: Words that make a capitalised run an organization, a place or a programme.
    institutional: frozenset[str]
    #: Organization or place words that are also surnames (Hall, Park).
    weak_institutional: frozenset[str]
    given_names: frozenset[str]
    #: Capitalised words that are never names on their own (plus place parts).
    not_names: frozenset[str]
    vehicles: frozenset[str]
    #: Words after "her name is" / "goes by" that are not a name ("unknown").
    not_after_name_cue: frozenset[str]
    #: Words after "her TikTok is" that are not a handle ("private").
    handle_not_words: frozenset[str]
    #: Any place name, or a place-like word, in a sentence with an age.
    place_cue: re.Pattern[str]


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(word.casefold() for word in words)


def parse_vocabulary(raw: dict) -> Vocabulary:
    places = tuple(raw["durham_places"]) + tuple(raw["nearby_places"])
    keep_as_names = _folded(raw["place_words_that_are_also_names"])
    place_parts = frozenset(
        part.casefold() for place in places for part in place.split() if part.casefold() not in keep_as_names
    )
    place_cue = re.compile(
        r"\b(?i:" + "|".join(re.escape(p).replace(r"\ ", r"[ \t]+") for p in places) + r")\b|"
        r"\b(?i:high[ \t]+school|school|secondary|elementary|middle[ \t]+school|hotel|motel|inn|mall|"
        r"arena|plaza|street(?![ \t-]*(?:involved|youth|level|smart|outreach|drugs?|sex|work))|"
        r"apartment|group[ \t]+home|campus|go[ \t]+station|bus[ \t]+terminal|truck[ \t]+stop|casino|"
        r"subdivision|neighbourhood|neighborhood|townhouse|condo)\b|"
        r"\b[A-Z][\w'’-]+[ \t]+(?:Road|Rd|Avenue|Ave|Drive|Boulevard|Blvd|Crescent|Lane|Way|Line|Sideroad|Highway|Hwy)\b|"
        r"\b(?:Highway|Hwy\.?)[ \t]*\d{1,3}\b|\b(?:the[ \t]+)?(?:401|407|412|418|35/115)\b"
    )
    return Vocabulary(
        place_names=places,
        place_words=_folded(list(places)),
        institutional=_folded(raw["institutional"]),
        weak_institutional=_folded(raw["weak_institutional"]),
        given_names=_folded(raw["given_names"]),
        not_names=_folded(raw["not_names"]) | place_parts,
        vehicles=_folded(raw["vehicle_makes"]) | _folded(raw["vehicle_models"]),
        not_after_name_cue=_folded(raw["not_after_name_cue"]),
        handle_not_words=_folded(raw["handle_not_words"]),
        place_cue=place_cue,
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The packaged word lists, parsed once per process."""
    text = resources.files(__package__).joinpath("data", WORDS_FILE).read_text(encoding="utf-8")
    return parse_vocabulary(json.loads(text))
