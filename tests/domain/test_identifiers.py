"""The identifying-detail check on case-example notes.

A corpus of identifying sentences (each must be caught, at the right place)
and of ordinary coalition sentences (none may be flagged), plus properties.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dhtc_tui.domain.confidentiality import (
    KINDS,
    find_identifiers,
    finding_key,
    redact_unreviewed,
    unreviewed,
)

ROSTER = [
    "Victim Services of Durham Region",
    "Lakeshore Regional Police Service \u2014 Human Trafficking Unit",
    "North Shore Youth Shelter",
    "Lakeshore Hotel Association",
    "Survivor Advisory",
]

IDENTIFYING = [
    ("Call her mom at 905-555-0142 today.", "phone", "905-555-0142"),
    ("Her cell is (289) 555-0199.", "phone", "(289) 555-0199"),
    ("Reach the worker at +1 416 555 0123 ext 22.", "phone", "+1 416 555 0123 ext 22"),
    ("Number given was 905.555.0111.", "phone", "905.555.0111"),
    ("She texted from 9055550177 last week.", "phone", "9055550177"),
    ("Her e-mail is jess.b08@gmail.com.", "email", "jess.b08@gmail.com"),
    ("Contact: t.nguyen+safe@outlook.ca", "email", "t.nguyen+safe@outlook.ca"),
    ("She lives near L1G 4T2 in the north end.", "postal_code", "L1G 4T2"),
    ("Postal code l1n5w3 was on the form.", "postal_code", "l1n5w3"),
    ("They stayed at 123 Simcoe Street North for a month.", "street_address", "123 Simcoe Street North"),
    ("Picked up at 45 King St.", "street_address", "45 King St."),
    ("Unit 4, 1500 Taunton Road was the address.", "street_address", "Unit 4, 1500 Taunton Road"),
    ("The apartment at 88 Glen Hill Dr is known to police.", "street_address", "88 Glen Hill Dr"),
    ("DOB 2008-03-14 on the intake form.", "date_of_birth", "DOB 2008-03-14"),
    ("She was born on March 14, 2008.", "date_of_birth", "born on March 14, 2008"),
    ("Date of birth: 14/03/2008.", "date_of_birth", "Date of birth: 14/03/2008"),
    ("Her birthday is May 2nd.", "date_of_birth", "birthday is May 2nd"),
    ("The incident was on 2026-10-03.", "date", "2026-10-03"),
    ("Court date set for November 4, 2026.", "date", "November 4, 2026"),
    ("A 16-year-old from Whitby was approached at the mall.", "age_with_place", "16-year-old"),
    ("The girl, aged 15, attends school in Ajax.", "age_with_place", "aged 15"),
    ("A 17 yo was found at a motel in Pickering.", "age_with_place", "17 yo"),
    ("Her handle is @jess_b08 on the app.", "social_handle", "@jess_b08"),
    ("Instagram: sweetpea.2008 was used to recruit.", "social_handle", "Instagram: sweetpea.2008"),
    ("snapchat account: lilmaya08 messaged her.", "social_handle", "snapchat account: lilmaya08"),
    ("SIN 046 454 286 was on the form.", "sin", "SIN 046 454 286"),
    ("The number 046-454-286 was written down.", "sin", "046-454-286"),
    ("OHIP 1234-567-890-AB was shared.", "health_card", "OHIP 1234-567-890-AB"),
    ("Health card 1234567890 was copied.", "health_card", "Health card 1234567890"),
    ("Her card 1234 567 890 was kept by him.", "health_card", "1234 567 890"),
    ("The plate ABCD 123 was seen at the hotel.", "licence_plate", "plate ABCD 123"),
    ("Licence plate: CBTR-442 reported.", "licence_plate", "Licence plate: CBTR-442"),
    ("See file #2024-0123 for details.", "file_number", "file #2024-0123"),
    ("Case no. CAS-12345 is open.", "file_number", "Case no. CAS-12345"),
    ("Occurrence 26-118734 was filed.", "file_number", "Occurrence 26-118734"),
    ("Jessica Brown was supported at intake.", "person_name", "Jessica Brown"),
    ("The survivor named Tina asked for help.", "person_name", "Tina"),
    ("Her boyfriend Marcus recruited her.", "person_name", "Marcus"),
    ("We met with Ms. Okonkwo about housing.", "person_name", "Okonkwo"),
    ("Support from Maria Lopez-Garcia was key.", "person_name", "Maria Lopez-Garcia"),
    ("Kayla Smith and her sister went to the shelter.", "person_name", "Kayla Smith"),
    ("She was kept in room 7 at the Lakeview Motel.", "hotel_room", "room 7 at the Lakeview Motel"),
]

NOT_IDENTIFYING = [
    "Durham Regional Police Service shared a case where a youth was recruited online.",
    "Victim Services of Durham Region provided a warm transfer to counselling.",
    "The Children's Aid Society was consulted and supports were offered.",
    "Lakeshore Regional Police Service \u2014 Human Trafficking Unit attended the debrief.",
    "North Shore Youth Shelter had a bed available that night.",
    "A hospital emergency department nurse noticed the signs.",
    "The Sexual Assault Care Centre offered a forensic exam.",
    "A 16-year-old was referred to counselling.",
    "The youth, aged 15, was connected with a worker.",
    "Three referrals were made this month.",
    "We meet at 9:30 on Thursday.",
    "In 2024 the program doubled its caseload.",
    "The Town Hall hosted the awareness event in March.",
    "Members discussed the survivor's need for dental care.",
    "The Lakeshore Hotel Association trained front-desk staff.",
    "A hotel manager called police after noticing repeated short stays.",
    "Survivor Advisory recommended an honorarium policy.",
    "The client was supported with safety planning and housing.",
    "The Crown Attorney's Office explained the court process.",
    "A survivor shared that peer support made the difference.",
    "Staff completed trauma-informed care training.",
    "Referral went through the Community Legal Clinic.",
    "Discussion focused on online recruitment through gaming chats.",
    "She was offered harm reduction supplies and a safe ride.",
    "Police and the shelter coordinated a safe exit plan.",
    "The worker accompanied her to the appointment on Monday.",
    "Case examples were shared after the reminder.",
    "Follow-up in two weeks; 2 of 5 beds remain open.",
    "Ontario Works and the Ministry were contacted about income support.",
    "The Indigenous Wellness Circle offered a cultural support worker.",
    "The meeting moved online because of the snowstorm.",
    "Victim Services followed up by phone the next day.",
]


@pytest.mark.parametrize(("sentence", "kind", "text"), IDENTIFYING)
def test_identifying_details_are_found_where_they_are(sentence, kind, text):
    findings = find_identifiers(sentence, ROSTER)
    matching = [f for f in findings if f.kind == kind]
    assert matching, f"{kind} not found in {sentence!r}: {findings}"
    finding = matching[0]
    assert finding.text == text
    assert sentence[finding.start:finding.end] == finding.text


@pytest.mark.parametrize("sentence", NOT_IDENTIFYING)
def test_ordinary_coalition_sentences_are_not_flagged(sentence):
    assert find_identifiers(sentence, ROSTER) == []


def test_every_kind_has_a_label():
    kinds = {kind for _, kind, _ in IDENTIFYING}
    assert kinds <= set(KINDS)
    assert kinds == set(KINDS)  # the corpus exercises every kind


def test_allow_list_keeps_member_names():
    text = "Priya Ranganathan from the shelter called."
    assert [f.text for f in find_identifiers(text)] == ["Priya Ranganathan"]
    assert find_identifiers(text, ["Priya Ranganathan"]) == []


def test_random_nine_digits_failing_luhn_are_not_a_sin():
    assert not [f for f in find_identifiers("Ref 123 456 789 noted.") if f.kind == "sin"]


def test_review_keys_are_stable_across_spacing_and_case():
    a = find_identifiers("Call 905-555-0142.")[0]
    b = find_identifiers("Later: call 905-555-0142 again.")[0]
    assert finding_key(a) == finding_key(b)
    assert unreviewed([a], [finding_key(b)]) == []


def test_redaction_drops_sentences_with_unreviewed_findings():
    text = "Good outcome for the youth. Call her at 905-555-0142. Warm transfer worked."
    findings = find_identifiers(text)
    kept, left_out = redact_unreviewed(text, findings, [])
    assert left_out == 1
    assert "905" not in kept
    assert kept == "Good outcome for the youth. Warm transfer worked."
    kept, left_out = redact_unreviewed(text, findings, [finding_key(findings[0])])
    assert (kept, left_out) == (text, 0)


def test_redaction_of_finding_across_lines():
    text = "First line is fine.\nShe lives at 123 Simcoe Street North\nLast line fine."
    kept, left_out = redact_unreviewed(text, find_identifiers(text), [])
    assert left_out == 1 and "Simcoe" not in kept and "First line is fine." in kept


# -- properties ---------------------------------------------------------------

filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,", max_size=40)
digits = st.integers(min_value=0, max_value=9)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_findings_are_sorted_disjoint_and_exact(text):
    findings = find_identifiers(text, ROSTER)
    for finding in findings:
        assert text[finding.start:finding.end] == finding.text
        assert finding.kind in KINDS
    for before, after in zip(findings, findings[1:]):
        assert before.end <= after.start


@given(filler, filler, st.from_regex(r"[a-z]{1,10}\.?[a-z]{1,8}@[a-z]{2,10}\.(ca|com|org)", fullmatch=True))
def test_any_email_in_filler_is_found(before, after, email):
    text = f"{before} {email} {after}"
    assert email in [f.text for f in find_identifiers(text) if f.kind == "email"]


@given(filler, filler, st.tuples(*[st.integers(2, 9)] + [digits] * 9))
def test_any_phone_in_filler_is_found(before, after, d):
    phone = f"{d[0]}{d[1]}{d[2]}-{d[3]}{d[4]}{d[5]}-{d[6]}{d[7]}{d[8]}{d[9]}"
    text = f"{before} {phone} {after}"
    assert phone in [f.text for f in find_identifiers(text) if f.kind == "phone"]


@given(filler, filler, st.from_regex(r"[ABCEGHJKLMNPRSTVXY][0-9][ABCEGHJKLMNPRSTVWXYZ] [0-9][ABCEGHJKLMNPRSTVWXYZ][0-9]", fullmatch=True))
def test_any_postal_code_in_filler_is_found(before, after, code):
    text = f"{before} {code} {after}"
    assert code in [f.text for f in find_identifiers(text) if f.kind == "postal_code"]


@given(st.lists(st.sampled_from(NOT_IDENTIFYING + [s for s, _, _ in IDENTIFYING]), max_size=6), st.data())
@settings(deadline=None)
def test_redaction_never_keeps_an_unreviewed_finding(sentences, data):
    text = " ".join(sentences)
    findings = find_identifiers(text, ROSTER)
    reviewed = [finding_key(f) for f in findings if data.draw(st.booleans())]
    kept, left_out = redact_unreviewed(text, findings, reviewed)
    waiting = unreviewed(findings, reviewed)
    assert left_out == len(waiting)
    for finding in waiting:
        if text.count(finding.text) == 1:  # the same words may stand, unflagged, elsewhere
            assert finding.text not in kept
    if not waiting:
        assert kept == text


# -- recall and false alarms over every corpus -----------------------------------

CORPUS_FILE = Path(__file__).parent / "corpus" / "case_notes.txt"

#: Recorded figures: the test fails if the check gets worse than these.
#: Measured when issue 8 was done: 100 % caught, 0 % flagged on all four corpora
#: (held_out.txt scored 20/20 and 0/20 the first time it was run, untuned).
#: Before that work, case_notes.txt scored 27/40 caught and 6/40 flagged.
RECALL_AT_LEAST = 1.00
FALSE_ALARMS_AT_MOST = 0.00
#: The issue's targets for any fresh corpus of realistic case notes.
RECALL_TARGET = 0.95
FALSE_ALARM_TARGET = 0.10


def read_corpus(path: Path) -> tuple[list[str], list[str], list[str]]:
    """``(allow, identifying, ordinary)`` from a ``=``/``+``/``-`` corpus file."""
    allow, identifying, ordinary = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        mark, _, sentence = line.partition(" ")
        target = {"=": allow, "+": identifying, "-": ordinary}.get(mark)
        if target is not None and sentence.strip():
            target.append(sentence.strip())
    return allow, identifying, ordinary


def corpora() -> dict[str, tuple[list[str], list[str], list[str]]]:
    from . import test_confidentiality as first

    return {
        "test_confidentiality": (first.ALLOW, [s for s, _, _ in first.IDENTIFYING], first.NOT_IDENTIFYING),
        "test_identifiers": (ROSTER, [s for s, _, _ in IDENTIFYING], NOT_IDENTIFYING),
        "corpus/case_notes.txt": read_corpus(CORPUS_FILE),
        "corpus/held_out.txt": read_corpus(CORPUS_FILE.with_name("held_out.txt")),
    }


def score(allow, identifying, ordinary) -> tuple[int, int, list[str], list[str]]:
    missed = [s for s in identifying if not find_identifiers(s, allow)]
    flagged = [s for s in ordinary if find_identifiers(s, allow)]
    return len(identifying) - len(missed), len(flagged), missed, flagged


def test_the_independent_corpus_is_large_enough():
    allow, identifying, ordinary = read_corpus(CORPUS_FILE)
    assert allow and len(identifying) >= 40 and len(ordinary) >= 40


def test_recall_and_false_alarms_do_not_get_worse(capsys):
    caught_all = total_identifying = flagged_all = total_ordinary = 0
    lines = []
    for name, (allow, identifying, ordinary) in corpora().items():
        caught, flagged, missed, wrongly = score(allow, identifying, ordinary)
        caught_all += caught
        flagged_all += flagged
        total_identifying += len(identifying)
        total_ordinary += len(ordinary)
        lines.append(
            f"{name}: caught {caught}/{len(identifying)} identifying, flagged {flagged}/{len(ordinary)} ordinary"
        )
        lines += [f"  missed: {s}" for s in missed] + [f"  flagged: {s}" for s in wrongly]
        assert caught / len(identifying) >= RECALL_TARGET, name
        assert flagged / len(ordinary) <= FALSE_ALARM_TARGET, name
    recall = caught_all / total_identifying
    false_alarms = flagged_all / total_ordinary
    lines.append(
        f"all corpora: recall {recall:.1%} ({caught_all}/{total_identifying}), "
        f"false alarms {false_alarms:.1%} ({flagged_all}/{total_ordinary})"
    )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert recall >= RECALL_AT_LEAST, "\n".join(lines)
    assert false_alarms <= FALSE_ALARMS_AT_MOST, "\n".join(lines)
