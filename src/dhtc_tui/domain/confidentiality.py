"""Identifying details in case-example notes.

Terms of Reference, Confidentiality Agreement: "Where case examples are
discussed non-identifying information should be used and all precautions
taken to protect the privacy of those we serve."

This is a standard-library heuristic with labelled kinds. It warns for human
review and never redacts silently: the minute taker edits a finding away or
marks it "reviewed, not identifying"; exports leave out what nobody reviewed.
Organization and place words (and the roster's member names, passed in as
``allow``) are not personal names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Finding

KINDS: dict[str, str] = {
    "email": "e-mail address",
    "phone": "phone number",
    "postal_code": "postal code",
    "street_address": "street address",
    "date_of_birth": "date of birth",
    "date": "full date",
    "age_with_place": "age with a place",
    "social_handle": "social media handle",
    "sin": "social insurance number",
    "health_card": "health card number",
    "licence_plate": "licence plate",
    "file_number": "file or case number",
    "person_name": "possible personal name",
}

# More specific kinds win when findings overlap.
PRIORITY = [
    "email", "social_handle", "sin", "health_card", "phone", "postal_code",
    "street_address", "date_of_birth", "licence_plate", "file_number",
    "date", "age_with_place", "person_name",
]

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
STREET_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Crescent|Cres|Boulevard|Blvd|Court|Ct|Way|Lane|Ln|"
    r"Line|Concession|Conc|Sideroad|Place|Pl|Circle|Cir|Terrace|Trail|Trl|Parkway|Pkwy|Highway|Hwy|Square|Sq"
)
DURHAM_PLACES = (
    "Oshawa|Whitby|Ajax|Pickering|Clarington|Bowmanville|Courtice|Newcastle|Uxbridge|Scugog|"
    "Port Perry|Brock|Beaverton|Cannington|Sunderland|Orono|Brooklin|Toronto|Scarborough|Durham"
)

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")),
    ("social_handle", re.compile(r"(?<![\w@.])@[A-Za-z0-9_.]{2,30}\b")),
    (
        "social_handle",
        re.compile(
            r"\b(?:instagram|insta|snapchat|snap|tiktok|facebook|fb|twitter|x\.com|telegram|whatsapp|discord)"
            r"(?:\s+(?:handle|account|name|user(?:name)?|id))?\s*[:=]\s*[@\w.]{2,30}",
            re.IGNORECASE,
        ),
    ),
    ("sin", re.compile(r"\b(?:SIN|social insurance(?: number)?)\s*(?:#|no\.?|number)?\s*:?\s*\d{3}[\s-]?\d{3}[\s-]?\d{3}\b", re.IGNORECASE)),
    ("sin", re.compile(r"\b\d{3}[\s-]\d{3}[\s-]\d{3}\b")),
    (
        "health_card",
        re.compile(
            r"\b(?:OHIP|health[\s-]?card)(?:\s*(?:#|no\.?|number))?\s*:?\s*\d{4}[\s-]?\d{3}[\s-]?\d{3}(?:[\s-]?[A-Z]{2})?\b",
            re.IGNORECASE,
        ),
    ),
    ("health_card", re.compile(r"\b\d{4}[\s-]\d{3}[\s-]\d{3}(?:[\s-]?[A-Z]{2})?\b")),
    (
        "phone",
        re.compile(
            r"(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?!\d)",
            re.IGNORECASE,
        ),
    ),
    ("phone", re.compile(r"(?<![\d-])\d{10}(?![\d-])")),
    ("postal_code", re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b", re.IGNORECASE)),
    (
        "street_address",
        re.compile(
            r"\b(?:(?:Unit|Apt\.?|Apartment|Suite)\s*\w{1,5}[,\s-]+)?\d{1,6}[A-Za-z]?\s+(?:[A-Z][a-z]+\.?\s+){1,3}(?:" + STREET_SUFFIX + r")\b\.?"
            r"(?:\s+(?:North|South|East|West|N|S|E|W)\b)?",
        ),
    ),
    (
        "date_of_birth",
        re.compile(
            r"\b(?:DOB|D\.O\.B\.|date of birth|born(?:\s+on)?|birthday(?:\s+is)?)\s*:?\s*"
            r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
            r"(?:" + MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}\s+(?:" + MONTHS + r")\.?(?:\s+\d{4})?)",
            re.IGNORECASE,
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|(?:" + MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s+\d{4})\b"
        ),
    ),
    (
        "licence_plate",
        re.compile(r"\b(?:plate|licen[cs]e(?:\s+plate)?)\s*(?:#|no\.?|number)?\s*:?\s*[A-Z0-9]{2,4}[\s-]?[A-Z0-9]{3,4}\b", re.IGNORECASE),
    ),
    (
        "file_number",
        re.compile(
            r"\b(?:file|case|occurrence|incident|docket|client(?:\s+id)?)\s*(?:#|no\.?|number|id)?\s*:?\s*"
            r"(?=[A-Z0-9-]*\d)[A-Z]{0,5}-?\d[\dA-Z-]{2,}\b",
            re.IGNORECASE,
        ),
    ),
]

AGE = re.compile(
    r"\b(?:\d{1,2}[\s-]?(?:year|yr)s?[\s-]?old|aged?\s+\d{1,2}|\d{1,2}\s?(?:yo|y/o|y\.o\.))\b",
    re.IGNORECASE,
)
PLACE_CUE = re.compile(
    r"\b(?:" + DURHAM_PLACES + r")\b|\b(?:school|high school|secondary|elementary|hotel|motel|inn|mall|"
    r"arena|plaza|street|avenue|road|apartment|group home|shelter on)\b",
    re.IGNORECASE,
)

# Capitalised words that make a run an organization, a place or a title, not a person.
INSTITUTIONAL = {
    word.casefold()
    for word in """
    police service services hospital health centre center region regional durham ontario canada
    society children's childrens aid coalition shelter house network association council school schools
    board college university victim victims community hall town city court clinic department emergency
    crown legal program programme team unit committee sub-committee ministry government agency foundation
    church mosque temple synagogue library public street avenue road drive lakeshore
    human trafficking ht services' office probation parole housing co-operative cooperative collaborative
    circle alliance wellness support outreach youth women's family families transit safety food resource
    employment pathways indigenous newcomer settlement rainbow drop-in care sexual assault addiction
    mental station detachment division opp rcmp cas dvsacc mall plaza hotel motel inn arena park
    province provincial federal national international catholic district secondary elementary high
    north south east west central first nation nations treaty treaties williams mississaugas scugog
    island anishinaabeg haudenosaunee wendat black bipoc lgbtq 2slgbtqia+ terms reference minutes
    chair agenda item items meeting zoom teams online covid
    """.split()
}
NOT_NAMES = {
    word.casefold()
    for word in (
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
        "January February March April May June July August September October November December "
        "The A An This That These Those There Their They She He Her His We Our It Its I "
        "Discussion Members Member Case Example Examples Survivor Survivors Client Clients Youth "
        "Staff Worker Workers Police Hospital Mom Dad Mother Father Sister Brother Aunt Uncle "
        "Grandmother Grandfather Partner Boyfriend Girlfriend Friend Friends Family Also After "
        "Before When While During Since Until Once Then Later Today Yesterday Tomorrow Last Next "
        "Some Many Most Several Both One Two Three Four Five Six Seven Eight Nine Ten No Yes "
        "Another Other Each Every Following Previously Currently Recently Unfortunately However "
        "Safety Housing Referral Referrals Support Services Counselling Intake Program Update Updates "
        "Canadian English French Spanish Arabic Mandarin Christmas Easter Thanksgiving Ramadan Diwali "
        "Instagram Snapchat TikTok Facebook Twitter Telegram WhatsApp Discord Google Uber Lyft"
    ).split()
}
NAME_CUE = re.compile(
    r"\b(?:named|called|name is|client|survivor|victim|girlfriend|boyfriend|mother|father|mom|dad|"
    r"sister|brother|trafficker|pimp|Ms\.?|Mr\.?|Mrs\.?|Miss|Mx\.?)\s+([A-Z][a-z]{1,20})\b"
)
CAP_RUN = re.compile(r"\b[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)+\b")


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


def _allowed_spans(text: str, allow: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    lowered = text.casefold()
    for phrase in allow:
        phrase = _normalise(phrase)
        if not phrase:
            continue
        start = 0
        while (found := lowered.find(phrase, start)) != -1:
            spans.append((found, found + len(phrase)))
            start = found + 1
    return spans


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _sentence_of(text: str, index: int) -> tuple[int, int]:
    start = max(text.rfind(".", 0, index), text.rfind("\n", 0, index), text.rfind("!", 0, index), text.rfind("?", 0, index)) + 1
    ends = [pos for pos in (text.find(c, index) for c in ".\n!?") if pos != -1]
    return start, (min(ends) + 1 if ends else len(text))


def _names(text: str, allowed: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    for match in CAP_RUN.finditer(text):
        words = re.split(r"[ -]", match.group(0))
        if any(w.casefold().strip("'’") in INSTITUTIONAL for w in words):
            continue
        # Drop leading words that are not names (sentence starts, days, pronouns).
        start = match.start()
        while words and words[0].casefold() in NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].casefold() in NOT_NAMES:
            words = words[:-1]
        if len(words) < 2:
            continue
        end = start + len(" ".join(words))
        # The following word may make it an organization ("Maria Lopez Foundation").
        after = text[end:end + 30].split()
        if after and after[0].strip(".,;:").casefold() in INSTITUTIONAL and after[0][:1].isupper():
            continue
        span = (start, end)
        if not _inside(span, allowed):
            found.append(Finding("person_name", text[start:end], start, end))
    for match in NAME_CUE.finditer(text):
        word = match.group(1)
        if word.casefold() in NOT_NAMES or word.casefold() in INSTITUTIONAL:
            continue
        span = match.span(1)
        if not _inside(span, allowed):
            found.append(Finding("person_name", word, *span))
    return found


def find_identifiers(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Possible identifying details, sorted by position, never overlapping."""
    if not text:
        return []
    allowed = _allowed_spans(text, allow)
    candidates: list[Finding] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(" ,;:")
            start, end = match.start(), match.start() + len(value)
            if kind == "sin" and not value[:3].isalpha():
                digits = re.sub(r"\D", "", value)
                if len(digits) != 9 or not _luhn_ok(digits):
                    continue
            if kind == "phone" and re.fullmatch(r"\d{10}", value) and value.startswith(("19", "20")):
                continue  # a run of digits more likely a year/number pair than a phone
            candidates.append(Finding(kind, value, start, end))
    for match in AGE.finditer(text):
        lo, hi = _sentence_of(text, match.start())
        if PLACE_CUE.search(text, lo, hi):
            candidates.append(Finding("age_with_place", match.group(0), match.start(), match.end()))
    candidates.extend(_names(text, allowed))
    rank = {kind: index for index, kind in enumerate(PRIORITY)}
    candidates.sort(key=lambda f: (rank[f.kind], -(f.end - f.start), f.start))
    chosen: list[Finding] = []
    for finding in candidates:
        if finding.start >= finding.end:
            continue
        if any(finding.start < other.end and other.start < finding.end for other in chosen):
            continue
        chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def finding_key(finding: Finding) -> str:
    return f"{finding.kind}|{_normalise(finding.text)}"


def unreviewed(findings: list[Finding], reviewed: Iterable[str]) -> list[Finding]:
    done = set(reviewed)
    return [f for f in findings if finding_key(f) not in done]


SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def redact_unreviewed(text: str, findings: list[Finding], reviewed: Iterable[str]) -> tuple[str, int]:
    """Text with every sentence holding an unreviewed finding left out.

    Returns the text and how many findings were left out. Nothing of an
    unreviewed finding survives, even when it spans sentences.
    """
    waiting = unreviewed(findings, reviewed)
    if not waiting:
        return text, 0
    drop = [False] * len(text)
    for finding in waiting:
        lo, _ = _sentence_of(text, finding.start)
        _, hi = _sentence_of(text, max(finding.end - 1, finding.start))
        for index in range(lo, min(hi, len(text))):
            drop[index] = True
    kept = "".join(ch for ch, gone in zip(text, drop) if not gone)
    kept = re.sub(r"[ \t]{2,}", " ", kept)
    kept = re.sub(r"\n{3,}", "\n\n", kept).strip()
    return kept, len(waiting)
