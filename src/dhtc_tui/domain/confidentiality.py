"""Identifying details in case-example notes.

Terms of Reference, Confidentiality Agreement: "Where case examples are
discussed non-identifying information should be used and all precautions
taken to protect the privacy of those we serve."

This is a standard-library heuristic with labelled kinds (see ``KINDS``); its
word lists are in ``data/identifier_words.json`` (:mod:`.identifier_words`)
and the public service numbers it never flags in the coalition's
``templates/public-numbers.txt`` (:mod:`.public_numbers`). It
warns for human review and never redacts silently: the minute taker edits a
finding away or marks it "reviewed, not identifying" (remembered by
:func:`finding_key`); exported minutes leave out every sentence that still
holds an unreviewed finding (:func:`redact_unreviewed`).

Recall on real identifiers matters more than precision, but ordinary
coalition sentences ("Durham Regional Police Service shared a case where a
youth was recruited online") must stay quiet: organization and place words,
month and day names, common sentence openers and the caller's ``allow`` list
(member organization and sub-committee names) are never personal names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .identifier_words import vocabulary
from .model import Finding
from .public_numbers import default_public_numbers, number_key

__all__ = [
    "KINDS",
    "find_identifiers",
    "ParagraphMemo",
    "finding_key",
    "unreviewed",
    "redact_unreviewed",
    "paragraphs",
    "check_paragraph",
]

KINDS: dict[str, str] = {
    "email": "e-mail address",
    "phone": "phone number",
    "postal_code": "postal code",
    "street_address": "street address",
    "hotel_room": "room at a named hotel or motel",
    "date_of_birth": "date of birth",
    "date": "full date",
    "age_with_place": "age with a place",
    "social_handle": "social media handle",
    "sin": "social insurance number",
    "health_card": "health card number",
    "licence_plate": "licence plate or licence number",
    "file_number": "file or case number",
    "person_name": "possible personal name",
}

# When two candidates overlap: fixed-format kinds beat loosely cued ones
# (a phone number after "file" is still a phone number), which beat dates and
# ages, which beat names; within a tier the longer (usually cued) one wins,
# then this order.
PRIORITY = [
    "email", "social_handle", "date_of_birth", "sin", "health_card", "phone", "postal_code",
    "licence_plate", "file_number", "hotel_room", "street_address", "date", "age_with_place", "person_name",
]
TIER = (
    {kind: 0 for kind in PRIORITY}
    | {"licence_plate": 1, "file_number": 1, "hotel_room": 1, "street_address": 1}
    | {"date": 2, "age_with_place": 2, "person_name": 3}
)
RANK = {kind: index for index, kind in enumerate(PRIORITY)}

# --------------------------------------------------------------------------
# Vocabulary: the word lists (names, places, organizations) are in
# data/identifier_words.json, read by :func:`identifier_words.vocabulary`.

MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
STREET_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Crescent|Cres|Boulevard|Blvd|Court|Crt|Ct|Way|"
    r"Lane|Ln|Line|Concession|Conc|Sideroad|Sdrd|Place|Pl|Circle|Cir|Terrace|Terr|Trail|Trl|"
    r"Parkway|Pkwy|Highway|Hwy|Square|Sq|Gate|Grove|Heights|Hts|Row|Path|Close|Mews|Gardens|Gdns|Walk"
)
STREET_SUFFIX_LOWER = (
    r"street|st|avenue|ave|road|rd|drive|dr|crescent|cres|boulevard|blvd|court|crt|ct|lane|ln|"
    r"sideroad|trail|trl|parkway|pkwy|hwy"
)
UNIT = r"(?:Unit|unit|UNIT|Apt|apt|APT|Apartment|apartment|Suite|suite|Ste|#)\.?\s*#?\s*\d{1,5}[A-Za-z]?"

# Cues before a single capitalised given name.
NAME_CUE = re.compile(
    r"(?i:\b(?:named|name\s+is|name\s+was|the\s+name|called|calls\s+herself|calls\s+himself|goes\s+by|went\s+by|"
    r"known\s+as|a\.?k\.?a\.?|alias|nicknamed|client|survivor|victim|girlfriend|boyfriend|"
    r"partner|friend|daughter|son|sister|brother|cousin|niece|nephew|mother|father|mom|mum|dad|"
    r"trafficker|pimp|recruiter)\b|\b(?:Ms|Mr|Mrs|Mx|Miss|Dr|Det|Cst|Const|Sgt)\b\.?|"
    r"\b(?:Officer|Constable|Detective|Sergeant|Nurse))"
    r"[ \t]+(?=[\"“']?([^\W\d_][^\W\d_'’-]*))",
)

# Cues after which a name is often typed in lower case ("her name is maria
# santos", "client: devon o'neill"). Narrower than NAME_CUE: "client" and
# "survivor" count only with a colon, since "client support" is ordinary.
LOWER_NAME_CUE = re.compile(
    r"(?i:\b(?:named|name\s+is|name\s+was|the\s+name|goes\s+by|went\s+by|known\s+as|"
    r"a\.?k\.?a\.?|alias|nicknamed|calls\s+(?:herself|himself|themself|themselves)|"
    r"(?:client|survivor|victim|youth|trafficker|buyer|recruiter)[ \t]*:))"
    r"[ \t]+[\"“']?(?=[a-z])"
)
_LOWER_WORD = re.compile(r"[a-z][a-z]*(?:['’-][a-z]+)*")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+(?:['’-][^\W\d_]+)*)")

# --------------------------------------------------------------------------
# Patterns: (kind, compiled pattern, needs) - ``needs`` is a cheap test that
# must pass before the pattern is run at all (see ``PATTERNS``).

_FILLER = r"(?:\s*(?:\#|no\.|no\b|number\b|num\.?))?(?:\s+(?:is|was))?\s*[:=#]?\s*"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[A-Za-z]{2,24}\b")
_HANDLE = re.compile(r"(?<![\w@.+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_PLATFORMS = r"instagram|insta|ig|snapchat|snap|tiktok|facebook|fb|twitter|telegram|whatsapp|discord|kik|onlyfans|reddit|threads"
_HANDLE_CUED = re.compile(
    r"\b(?:" + _PLATFORMS + r")(?:\s+(?:handle|account|name|user(?:name)?|id|profile))?\s*[:=]\s*@?"
    r"(?:(?-i:[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3})|[\w.]{2,30}(?<![.]))",
    re.IGNORECASE,
)
_HANDLE_WORD = re.compile(
    r"\b(?:" + _PLATFORMS + r")\s+(?:handle|account|user(?:name)?|profile|id)\s+(?:is\s+|was\s+)?@?"
    r"(?=[\w.]*[\d_.])[\w.]{2,30}(?<![.])|"
    r"\b(?:" + _PLATFORMS + r")\s+(?:is|was)\s+@?(?=[\w.]*[\d_])[\w.]{2,30}(?<![.])",
    re.IGNORECASE,
)
_TLD = r"(?:com|ca|net|org|info|biz|me|io|co|us|uk|edu|gov|gc\.ca|on\.ca)"
_EMAIL_SPELLED = re.compile(
    r"(?<![\w@.])[A-Za-z0-9][\w.+-]*"
    r"(?:[ \t]+(?:underscore|dot|period|dash|hyphen|plus)[ \t]+[\w.+-]+|[ \t]*_[ \t]*[\w.+-]+)*"
    r"[ \t]+(?:at|\(at\)|\[at\])[ \t]+[A-Za-z0-9][\w-]*"
    r"(?:(?:[ \t]+(?:dot|\(dot\)|\[dot\])[ \t]+|\.)[A-Za-z0-9-]+)*"
    r"(?:[ \t]+(?:dot|\(dot\)|\[dot\])[ \t]+|\.)" + _TLD + r"\b",
    re.IGNORECASE,
)
_HANDLE_VALUE = r"@?(?P<handle>[\w][\w.]{1,29})(?<![.])"
_HANDLE_POSSESSIVE = re.compile(
    r"\b(?:her|his|their|my|your|the[ \t]+(?:buyer|trafficker|recruiter|client|survivor|youth)['’]s)[ \t]+"
    r"(?P<platform>" + _PLATFORMS + r")(?:[ \t]+(?:handle|account|name|user(?:name)?|id|profile))?[ \t]+(?:is|was)[ \t]+"
    + _HANDLE_VALUE,
    re.IGNORECASE,
)
_HANDLE_ON_AS = re.compile(
    r"\b(?:on|through|via)[ \t]+(?:" + _PLATFORMS + r")[ \t]+(?:as|under|named|called)[ \t]+(?:the[ \t]+name[ \t]+)?"
    + _HANDLE_VALUE,
    re.IGNORECASE,
)
_HANDLE_DOTTED = re.compile(
    r"\b(?:" + _PLATFORMS + r")(?:[ \t]+(?:handle|account|user(?:name)?|profile|id))?[ \t]+(?:is|was)[ \t]+@?"
    r"(?P<handle>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)",
    re.IGNORECASE,
)
_HOTEL = r"(?:Motel|Hotel|Inn|Suites|Lodge|Resort|Motor[ \t]+Inn|Motor[ \t]+Hotel)"
_HOTEL_NAME = r"(?:[A-Z][\w'’&-]*[ \t]+){1,4}" + _HOTEL + r"\b"
_HOTEL_ROOM = re.compile(
    r"\b(?i:room|rm\.?|suite|unit)[ \t]*#?[ \t]*\d{1,4}[A-Za-z]?[ \t]*,?[ \t]+(?i:at|in|of)[ \t]+(?:(?i:the)[ \t]+)?"
    + _HOTEL_NAME + r"|"
    r"\b(?:(?i:the)[ \t]+)?" + _HOTEL_NAME + r"[ \t]*,?[ \t]*(?:\(?[ \t]*)(?i:room|rm\.?|suite|unit)[ \t]*#?[ \t]*\d{1,4}[A-Za-z]?\b"
)
_SIN_CUED = re.compile(
    r"\b(?:SIN|S\.I\.N\.?|social\s+insurance(?:\s+(?:number|no\.?|#))?)" + _FILLER
    + r"\d{3}[ \t-]?\d{3}[ \t-]?\d{3}(?!\d)",
    re.IGNORECASE,
)
_SIN = re.compile(r"(?<![\d-])(?:\d{3}[ \t-]\d{3}[ \t-]\d{3}|\d{9})(?![\d-])")
_HEALTH_CUED = re.compile(
    r"\b(?:OHIP|health[\s-]?card|health\s+number)" + _FILLER
    + r"\d{4}[ \t-]?\d{3}[ \t-]?\d{3}(?:[ \t-]?(?-i:[A-Z]{2}))?(?![\w])",
    re.IGNORECASE,
)
_HEALTH = re.compile(r"(?<![\d-])(?:\d{4}[ \t-]\d{3}[ \t-]\d{3}(?:[ \t-]?[A-Z]{2})?|\d{10}[ \t-]?[A-Z]{2})(?![\w-])")
_PLATE_CUED = re.compile(
    r"\b(?:licen[cs]e[\s-]+plate|plate|licen[cs]e)" + _FILLER
    + r"(?:[A-Za-z]{2,4}[ \t-]?\d{3,4}|\d{3,4}[ \t-]?[A-Za-z]{2,4}|[A-Za-z]{1,3}\d[A-Za-z0-9]{1,5}|"
    r"[A-Za-z]\d{4}[ \t-]?\d{5}[ \t-]?\d{5})(?![\w-])",
    re.IGNORECASE,
)
_DRIVERS_LICENCE = re.compile(r"(?<![\w-])[A-Za-z]\d{4}[ \t-]?\d{5}[ \t-]?\d{5}(?![\w-])")
_FILE_CUED = re.compile(
    r"\b(?:file|case|occurrence|incident|docket|(?:client|member|case|file)[ \t]+id|"
    r"(?:report|reference|ref|claim|record|police|warrant|cas|drps)(?=\s*(?:\#|no\b|no\.|number)))(?![A-Za-z])"
    + _FILLER
    + r"(?=[A-Za-z0-9-]*\d)[A-Za-z]{0,6}-?\d[\dA-Za-z-]{2,}(?<!-)",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+-])(?:\+?1[ \t.-]?)?(?:\([2-9]\d{2}\)[ \t.-]?|[2-9]\d{2}[ \t.-]?)\d{3}[ \t.-]?\d{4}"
    r"(?:[ \t]*,?[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,6})?(?![\d-])",
    re.IGNORECASE,
)
_PHONE_LOCAL = re.compile(r"(?<![\w.:/-])[2-9]\d{2}[.-]\d{4}(?![\w-]|\.\d)")
_POSTAL = re.compile(
    r"(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \t-]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|\d{1,3}(?:st|nd|rd|th))"
_STREET = re.compile(
    r"(?<![\w-])(?<!\d[ \t.])(?:" + UNIT + r"\s*[,-]?\s*)?(?:\d{1,5}\s*-\s*)?\d{1,6}[A-Za-z]?,?[ \t]+"
    r"(?:" + _NAME_WORD + r"[ \t]+){1,3}(?:" + STREET_SUFFIX + r"|" + STREET_SUFFIX.upper() + r")\b\.?"
    r"(?:[ \t]+(?:North|South|East|West|N|S|E|W)\b\.?)?"
    r"(?:\s*,?\s*" + UNIT + r")?"
)
_STREET_LOWER = re.compile(
    r"(?<![\w-])(?<!\d[ \t.])(?:(?:unit|apt|apartment|suite)\.?\s*\d{1,5}[a-z]?\s*[,-]?\s*)?\d{1,6}[a-z]?[ \t]+"
    r"(?!(?:the|a|an|in|on|at|to|of|and|or|for|with|from|by|is|was|her|his|their|my|our|this|that|more|"
    r"less|other|same|new|next|last|different|separate|per|times|days|weeks|months|years|hours|"
    r"youth|kids|girls|boys|people|women|men|referrals|members)\b)"
    r"[a-z][a-z'-]+(?:[ \t]+(?!(?:the|a|an|in|on|at|to|of|and|or|for|with|from|by|is|was)\b)[a-z][a-z'-]+)?[ \t]+"
    r"(?:" + STREET_SUFFIX_LOWER + r")\b\.?"
    r"(?:[ \t]+(?:north|south|east|west|n|s|e|w)\b)?"
)
_RURAL = re.compile(
    r"(?<![\w-])(?<!\d[ \t.])\d{1,6}[ \t]+(?:(?:Regional|Durham|Reg\.?)[ \t]+(?:Road|Rd\.?|Hwy|Highway)|Concession(?:[ \t]+(?:Road|Rd\.?))?|"
    r"Conc\.?|Sideroad|Side[ \t]+Road|Townline(?:[ \t]+Road)?|Line|Highway|Hwy\.?)[ \t]+\d{1,3}[A-Za-z]?\b",
    re.IGNORECASE,
)
_DATE_NUMERIC = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))"
_DATE_WORDY = (
    r"(?:(?:" + MONTHS + r")\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?(?:,?[ \t]+\d{4})?|"
    r"\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:" + MONTHS + r")\.?(?:,?[ \t]+\d{4})?|"
    r"(?:" + MONTHS + r")\.?,?[ \t]+\d{4}|\d{4})"
)
_DOB = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|birthdate|born(?:[ \t]+(?:on|in))?|"
    r"birthday(?:[ \t]+(?:is|was|on))?)(?:[ \t]+(?:is|was|listed[ \t]+as|given[ \t]+as))?[ \t]*:?[ \t]*(?:on[ \t]+|the[ \t]+)?"
    r"(?:" + _DATE_NUMERIC + r"|" + _DATE_WORDY + r")(?![\w/-])",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?<![\w/.-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}/\d{1,2}/\d{2}|"
    r"(?:" + MONTHS + r")\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:" + MONTHS + r")\.?,?[ \t]+\d{4})(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|nine|eight|seven|six|five"
)
_AGE = re.compile(
    r"\b(?:(?:\d{1,2}|" + _NUMBER_WORDS + r")[ \t-]?(?:years?|yrs?)[ \t-]?old|"
    r"aged?[ \t]*:?[ \t]*\d{1,2}(?![\d:]|\.\d)|"
    r"\d{1,2}[ \t]+years?[ \t]+of[ \t]+age|"
    r"\d{1,2}[ \t]?(?:yo|y/o|y\.o\.?|yrs?\.?[ \t]old))(?![\w/])",
    re.IGNORECASE,
)
# ``needs`` is a cheap test a paragraph must pass before the pattern runs
# at all: a substring (casefolded), or one of these two searches. Each is
# implied by the pattern: every match of a ``_DIGIT`` pattern holds a \d,
# every match of a ``_PLATFORM`` pattern a platform word after a word
# boundary, so skipping a paragraph that fails it changes no finding.
_DIGIT = re.compile(r"\d")
_PLATFORM = re.compile(r"\b(?:" + _PLATFORMS + r")", re.IGNORECASE)
PATTERNS: list[tuple[str, re.Pattern[str], str | re.Pattern[str]]] = [
    ("email", _EMAIL, "@"),
    ("social_handle", _HANDLE, "@"),
    ("social_handle", _HANDLE_CUED, _PLATFORM),
    ("social_handle", _HANDLE_WORD, _PLATFORM),
    ("social_handle", _HANDLE_POSSESSIVE, _PLATFORM),
    ("social_handle", _HANDLE_ON_AS, _PLATFORM),
    ("social_handle", _HANDLE_DOTTED, _PLATFORM),
    ("email", _EMAIL_SPELLED, " at "),
    ("hotel_room", _HOTEL_ROOM, _DIGIT),
    ("sin", _SIN_CUED, _DIGIT),
    ("sin", _SIN, _DIGIT),
    ("health_card", _HEALTH_CUED, _DIGIT),
    ("health_card", _HEALTH, _DIGIT),
    ("licence_plate", _PLATE_CUED, _DIGIT),
    ("licence_plate", _DRIVERS_LICENCE, _DIGIT),
    ("file_number", _FILE_CUED, _DIGIT),
    ("phone", _PHONE, _DIGIT),
    ("phone", _PHONE_LOCAL, _DIGIT),
    ("postal_code", _POSTAL, _DIGIT),
    ("street_address", _STREET, _DIGIT),
    ("street_address", _STREET_LOWER, _DIGIT),
    ("street_address", _RURAL, _DIGIT),
    ("date_of_birth", _DOB, _DIGIT),
    ("date", _DATE, _DIGIT),
]
_YEAR = re.compile(r"(?:19|20)\d\d")
_ABBREVIATED_END = re.compile(r"(?i:\b(?:st|ave|rd|dr|blvd|cres|crt|ct|hwy|conc|[nsew]|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.)$")
_YEAR_LEAD = re.compile(r"(?i:\b(?:in|since|by|during|until|till|from|of|before|after|for|through|to)\s+)$")
_NOT_STREET = re.compile(
    r"(?i:united\s+way|(?:ontario|youth|family|superior|drug|provincial|criminal|bail|traffic|"
    r"divisional|supreme|federal|tax|appeal|small\s+claims)\s+court|front\s+line|bottom\s+line|"
    r"hot\s*line|help\s*line|crisis\s+line|on\s+line|party\s+line|phone\s+line)"
)

# Tokens for the name heuristic: words of letters (hyphens and apostrophes
# inside), and initials ("J.").
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_GAP = re.compile(r"[ \t]{1,3}")
_INITIAL_GAP = re.compile(r"\.[ \t]{1,3}")

# Sentences: a line break always ends one; ., ! or ? followed by white space
# ends one unless it closes a known abbreviation or an initial.
_BOUNDARY = re.compile(r"\n|[.!?]+[\"'”’)\]]*(?:[ \t\r\f\v]+|(?=\n)|$)")
_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr st ste ave rd blvd cres crt ct hwy no nos apt det cst const sgt jr sr vs
    approx e.g i.e a.m p.m am pm dept fig inc ltd co corp est min max ext tel conc etc""".split()
)


# --------------------------------------------------------------------------
# Helpers


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


@lru_cache(maxsize=32)
def _allow_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted(
        {tuple(phrase.split()) for phrase in phrases if phrase and phrase.strip()},
        key=lambda w: -sum(map(len, w)),
    )
    if not words:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in phrase) for phrase in words)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


def _allowed_spans(text: str, allow: Iterable[str]) -> list[tuple[int, int]]:
    # check_paragraph gets allow_phrases() already: not rebuilt per paragraph.
    phrases = allow if type(allow) is tuple else allow_phrases(allow)
    pattern = _allow_pattern(phrases)
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        spans.append(match.span())
        pos = match.start() + 1  # overlapping allowed phrases are all kept
    return spans


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans that partition ``text``: each sentence with its trailing white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0) != "\n":
            before = text[start:match.start()].rsplit(None, 1)
            word = before[-1].casefold().lstrip("(\"'“‘") if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        end = match.end()
        if end > start:
            spans.append((start, end))
            start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _sentence_at(spans: list[tuple[int, int]], index: int) -> tuple[int, int]:
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        a, b = spans[mid]
        if index < a:
            hi = mid - 1
        elif index >= b:
            lo = mid + 1
        else:
            return a, b
    return (spans[-1] if spans else (0, 0))


def _folded(word: str) -> str:
    folded = word.casefold().replace("’", "'")
    return folded[:-2] if folded.endswith("'s") else folded


def _is_institutional(word: str, weak: bool = False) -> bool:
    """An organization or place word (``weak`` adds surname-like ones: Hall, Park)."""
    whole = word.casefold().replace("’", "'")
    folded = _folded(word)
    parts = [whole, folded] + (folded.split("-") if "-" in folded else [])
    v = vocabulary()
    return any(part in v.institutional or (weak and part in v.weak_institutional) for part in parts)


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and any(ch.islower() for ch in word)


def _not_name(word: str) -> bool:
    return _folded(word) in vocabulary().not_names


# --------------------------------------------------------------------------
# Kinds


_HANDLE_CHECKED = (_HANDLE_POSSESSIVE, _HANDLE_ON_AS, _HANDLE_DOTTED)
# A full date in a sentence about the coalition's own calendar ("The meeting
# on October 16, 2026", "training on ...") is not about a person.
_CALENDAR_CUE = re.compile(
    r"(?i:\b(?:meeting|meetings|meet|training|trainings|workshop|workshops|webinar|session|sessions|"
    r"conference|agm|minutes|agenda|deadline|orientation|presentation|launch|walk|gala|fundraiser)\b)"
)


def _pattern_candidates(text: str, public: frozenset[str] = frozenset()) -> list[Finding]:
    folded = text.casefold()
    words = vocabulary()
    found: list[Finding] = []
    passed = {_DIGIT: _DIGIT.search(text) is not None, _PLATFORM: _PLATFORM.search(text) is not None}
    for kind, pattern, needs in PATTERNS:
        if type(needs) is str:
            if needs and needs not in folded:
                continue
        elif not passed[needs]:
            continue
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(" \t,;:-")
            if value.endswith(".") and not _ABBREVIATED_END.search(value):
                value = value.rstrip(".")  # the full stop ends the sentence, not the detail
            start = match.start()
            end = start + len(value)
            if end <= start:
                continue
            if pattern in _HANDLE_CHECKED:
                handle = match.group("handle").casefold()
                if handle in words.handle_not_words or (pattern is not _HANDLE_DOTTED and handle in words.not_names):
                    continue
                if pattern is _HANDLE_POSSESSIVE:
                    start = match.start("platform")  # the finding is the account, not "her"
                    value = text[start:end]
            if kind == "phone" and number_key(value) in public:
                continue  # a help line or 911, not someone's number
            if kind == "sin" and pattern is _SIN:
                # Uncued: only numbers passing the SIN check digit (Luhn).
                digits = re.sub(r"\D", "", value)
                if not _luhn_ok(digits) or (value.isdigit() and digits[0] == "0"):
                    continue
            if kind == "phone" and value.isdigit() and _YEAR.match(value) and _YEAR.match(value, 4):
                continue  # two years run together ("2019202011"), not a phone number
            if kind == "street_address" and pattern is not _RURAL:
                if _NOT_STREET.search(value):
                    continue
                number = re.match(r"\d+", value)
                if number and _YEAR.fullmatch(number.group(0)) and _YEAR_LEAD.search(text[max(0, start - 12):start]):
                    continue  # "In 2024 United Way ..." is a year, not a house number
            if kind == "file_number":
                tail = re.search(r"[\dA-Za-z-]+$", value)
                if tail and (_YEAR.fullmatch(tail.group(0)) or tail.group(0) == "911"):
                    continue  # "case 2024" is a year; "the incident 911 was called" an emergency call
            found.append(Finding(kind, value, start, end))
    return found


def _ages_with_places(text: str, allowed: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    if _DIGIT.search(text) is None and "old" not in text.casefold():
        return found  # every age is in digits, or in words before "old" ("fifteen years old")
    for match in _AGE.finditer(text):
        lo, hi = _sentence_at(spans, match.start())
        for place in vocabulary().place_cue.finditer(text, lo, hi):
            a, b = place.span()
            # A place inside an allowed organization name ("Whitby Youth Outreach")
            # is not where the person is; an allowed place word on its own still is.
            in_name = any(x <= a and b <= y and (y - x) > (b - a) for x, y in allowed)
            if not in_name and not _NOT_STREET.search(place.group(0)):
                found.append(Finding("age_with_place", match.group(0), match.start(), match.end()))
                break
    return found


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Maximal runs of capitalised words (and initials) on one line."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_end = -1
    last_initial = False
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group(0)
        initial = len(word) == 1 and word.isupper() and text[end:end + 1] == "."
        if not (initial or _is_capitalised(word)):
            if current:
                runs.append(current)
            current, last_end = [], -1
            continue
        if current:
            gap = text[last_end:start]
            joined = (_INITIAL_GAP.fullmatch(gap) is not None) if last_initial else (_GAP.fullmatch(gap) is not None)
            if not joined:
                runs.append(current)
                current = []
        current.append((start, end))
        last_end, last_initial = end, initial
    if current:
        runs.append(current)
    return runs


def _names(text: str, allowed: list[tuple[int, int]]) -> list[Finding]:
    vocab = vocabulary()
    found: list[Finding] = []
    blocked: set[int] = set()  # token starts inside organization/place runs
    for run in _runs(text):
        # The caller's allowed phrases split a run.
        pieces: list[list[tuple[int, int]]] = [[]]
        for token in run:
            if _inside(*token, allowed):
                blocked.add(token[0])
                if pieces[-1]:
                    pieces.append([])
            else:
                pieces[-1].append(token)
        for piece in pieces:
            if not piece:
                continue
            words = [text[a:b] for a, b in piece]
            trimmed = piece
            while trimmed and _not_name(text[trimmed[0][0]:trimmed[0][1]]):
                trimmed = trimmed[1:]
            while trimmed and _not_name(text[trimmed[-1][0]:trimmed[-1][1]]):
                trimmed = trimmed[:-1]
            given = bool(trimmed) and _folded(text[trimmed[0][0]:trimmed[0][1]]) in vocabulary().given_names
            if any(_is_institutional(w) for w in words) or _normalise(" ".join(words)) in vocabulary().place_words:
                blocked.update(a for a, _ in piece)
                continue
            if not given and any(_folded(w) in vocab.vehicles for w in words):
                continue  # "Toyota Corolla", "Honda Civic": a car, not a person
            if not given and any(_is_institutional(w, weak=True) for w in words):
                continue  # "Victoria Park", "Covenant House"; but a cue still counts ("Ms. Hall")
            full = [t for t in trimmed if t[1] - t[0] > 1]
            if not full or (len(trimmed) < 2 and not given):
                continue
            start, end = trimmed[0][0], trimmed[-1][1]
            value = text[start:end]
            if value.endswith(("'s", "’s")):
                end -= 2
                value = value[:-2]
            found.append(Finding("person_name", value, start, end))
    for match in NAME_CUE.finditer(text):
        start, end = match.span(1)
        word = match.group(1)
        if word.endswith(("'s", "’s")):
            word, end = word[:-2], end - 2
        if not word or not _is_capitalised(word) or len(word) < 2:
            continue
        if start in blocked or _not_name(word) or _is_institutional(word) or _folded(word) in vocabulary().place_words:
            continue
        if _inside(start, end, allowed):
            continue
        found.append(Finding("person_name", word, start, end))
    found.extend(_lower_case_names(text, allowed, vocab))
    return found


_STRONG_LOWER_CUE = re.compile(r"(?i:named|name|calls|a\.?k\.?a|alias|nicknamed|client|survivor|victim|youth|trafficker|buyer|recruiter)")


def _lower_words(text: str, pos: int, limit: int = 3) -> list[tuple[int, int]]:
    """Up to ``limit`` lower-case words from ``pos``, separated by spaces only."""
    spans: list[tuple[int, int]] = []
    while len(spans) < limit:
        match = _LOWER_WORD.match(text, pos)
        if match is None:
            break
        spans.append(match.span())
        gap = re.match(r"[ \t]+", text[match.end():match.end() + 4])
        if gap is None:
            break
        pos = match.end() + gap.end()
    return spans


def _lower_case_names(text: str, allowed: list[tuple[int, int]], vocab) -> list[Finding]:
    """Names typed in lower case: after a cue ("her name is maria santos"), or a
    common given name with the word after it ("met nathan king")."""
    found: list[Finding] = []

    def stop(word: str) -> bool:
        folded = _folded(word)
        return len(folded) < 2 or folded in vocab.not_after_name_cue or (
            folded in vocab.not_names and folded not in vocab.given_names
        ) or _is_institutional(word) or folded in vocab.place_words

    def add(spans: list[tuple[int, int]]) -> None:
        start, end = spans[0][0], spans[-1][1]
        value = text[start:end]
        if value.endswith(("'s", "’s")):
            end -= 2
            value = value[:-2]
        if end > start and not _inside(start, end, allowed):
            found.append(Finding("person_name", value, start, end))

    for match in LOWER_NAME_CUE.finditer(text):
        words = _lower_words(text, match.end())
        names: list[tuple[int, int]] = []
        for span in words:
            if stop(text[span[0]:span[1]]):
                break
            names.append(span)
        if not names:
            continue
        first = _folded(text[names[0][0]:names[0][1]])
        strong = _STRONG_LOWER_CUE.match(match.group(0).lstrip()) is not None
        if strong or first in vocab.given_names:
            add(names)
    for match in _LOWER_WORD.finditer(text):
        word = match.group(0)
        folded = _folded(word)
        if folded not in vocab.given_names or folded in vocab.not_names:
            continue
        if match.start() > 0 and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "@._-'’"):
            continue
        spans = [match.span()]
        after = _lower_words(text, match.end() + 1, 1) if text[match.end():match.end() + 1] in " \t" else []
        if after and not stop(text[after[0][0]:after[0][1]]) and _folded(text[after[0][0]:after[0][1]]) not in vocab.not_names:
            spans.append(after[0])
        add(spans)
    return found


# --------------------------------------------------------------------------
# API


def find_identifiers(
    text: str, allow: Iterable[str] = (), public_numbers: Iterable[str] | None = None
) -> list[Finding]:
    """Possible identifying details, sorted by position, never overlapping.

    ``allow`` holds phrases that are not personal identifiers (member
    organization, sub-committee and place names), matched case-insensitively:
    a possible name inside one is not a finding. ``public_numbers`` are
    service numbers that are never someone's phone (default: the coalition's
    ``templates/public-numbers.txt``).

    The text is checked paragraph by paragraph (:func:`paragraphs`), so a
    change to one paragraph never changes the findings of another; this is
    what lets :class:`~dhtc_tui.domain.incremental_check.IncrementalChecker`
    re-check only what changed and still agree with this function.
    """
    return ParagraphMemo(allow, public_numbers).check(text)


class ParagraphMemo:
    """:func:`find_identifiers` with one allow-list and one set of public
    numbers, remembering each paragraph's findings by its text: the export
    checks the meeting's fields, then its own sentences that quote them, and
    a paragraph met again is not checked again. Same findings as
    :func:`find_identifiers`, since a paragraph's findings depend only on
    its text (see :class:`~dhtc_tui.domain.incremental_check.IncrementalChecker`,
    which keeps only the latest version of one text)."""

    def __init__(self, allow: Iterable[str] = (), public_numbers: Iterable[str] | None = None) -> None:
        self.phrases = allow_phrases(allow)
        self.public = public_number_keys(public_numbers)
        self._findings: dict[str, list[Finding]] = {}

    def check(self, text: str) -> list[Finding]:
        """``find_identifiers(text, allow, public_numbers)``."""
        if not text or not text.strip():
            return []
        memo = self._findings
        found: list[Finding] = []
        for start, end in paragraphs(text):
            piece = text[start:end]
            findings = memo.get(piece)
            if findings is None:
                findings = memo[piece] = check_paragraph(piece, self.phrases, self.public)
            found.extend(shift(findings, start))
        return found


def allow_phrases(allow: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(phrase) for phrase in allow if phrase)


def public_number_keys(public_numbers: Iterable[str] | None) -> frozenset[str]:
    if public_numbers is None:
        return default_public_numbers()
    return frozenset(key for key in (number_key(str(n)) for n in public_numbers) if key)


def shift(findings: list[Finding], by: int) -> list[Finding]:
    if not by:
        return findings
    return [Finding(f.kind, f.text, f.start + by, f.end + by) for f in findings]


# A paragraph ends at a blank line, or at a line break after the end of a
# sentence; lines that run on (a list, a wrapped sentence) stay together so
# that a detail typed across them is still seen whole.
_LINE_END = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*$")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans that partition ``text`` into the units the check looks at alone."""
    spans: list[tuple[int, int]] = []
    start = 0
    line_start = 0
    for match in _LINE_END.finditer(text):
        newline = match.start()
        line = text[line_start:newline]
        rest = text[newline + 1:newline + 200]
        next_line = rest.split("\n", 1)[0]
        if _ends_unit(line) or not next_line.strip():
            spans.append((start, newline + 1))
            start = newline + 1
        line_start = newline + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _ends_unit(line: str) -> bool:
    stripped = line.rstrip()
    if not stripped:
        return True
    if not _SENTENCE_END.search(stripped):
        return False
    tail = stripped.rstrip("\"'”’)]").rstrip(".!?")
    before = tail.rsplit(None, 1)
    word = before[-1].casefold().lstrip("(\"'“‘") if before else ""
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def check_paragraph(text: str, allow: tuple[str, ...], public: frozenset[str]) -> list[Finding]:
    """The findings of one paragraph, offsets relative to it."""
    if not text.strip():
        return []
    allowed = _allowed_spans(text, allow)
    spans = _sentences(text)
    candidates = _pattern_candidates(text, public)
    candidates.extend(_ages_with_places(text, allowed, spans))
    candidates.extend(_names(text, allowed))
    candidates.sort(key=lambda f: (TIER[f.kind], -(f.end - f.start), RANK[f.kind], f.start))
    chosen: list[Finding] = []
    for finding in candidates:
        if any(finding.start < other.end and other.start < finding.end for other in chosen):
            continue
        if finding.kind == "date":
            lo, hi = _sentence_at(spans, finding.start)
            if _CALENDAR_CUE.search(text, lo, hi):
                continue
        chosen.append(finding)
    return sorted(chosen, key=lambda f: (f.start, f.end))


def finding_key(f: Finding) -> str:
    """``"kind|text"``, case-folded with white space collapsed: remembers a review."""
    return f"{f.kind}|{_normalise(f.text)}"


def unreviewed(findings: list[Finding], reviewed: Iterable[str]) -> list[Finding]:
    """The findings nobody marked "reviewed, not identifying"."""
    done = {_review_key(key) for key in reviewed}
    return [f for f in findings if finding_key(f) not in done]


def _review_key(key: str) -> str:
    kind, sep, rest = str(key).partition("|")
    return f"{kind}|{_normalise(rest)}" if sep else str(key)


def redact_unreviewed(text: str, findings: list[Finding], reviewed: Iterable[str]) -> tuple[str, int]:
    """``text`` without every sentence (or line) holding an unreviewed finding.

    Returns the kept text and how many findings were left out. Nothing of an
    unreviewed finding survives, even when it runs across sentences. When
    every finding is reviewed the text comes back unchanged.
    """
    waiting = unreviewed(findings, reviewed)
    if not waiting:
        return text, 0
    spans = _sentences(text)
    drop = [False] * len(spans)
    for finding in waiting:
        start = max(0, min(finding.start, len(text)))
        end = max(start, min(finding.end, len(text)))
        if end == start:
            end = min(start + 1, len(text))
        for index, (a, b) in enumerate(spans):
            if a < end and start < b:
                drop[index] = True
    out: list[str] = []
    for (a, b), gone in zip(spans, drop):
        piece = text[a:b]
        if not gone:
            out.append(piece)
        elif "\n" in piece and out and not out[-1].endswith("\n"):
            # A sentence mid-line went; keep the line break that followed it.
            out.append("\n")
    kept = "".join(out)
    kept = "\n".join(line.rstrip() for line in kept.split("\n"))
    kept = re.sub(r"\n{3,}", "\n\n", kept).strip()
    return kept, len(waiting)
