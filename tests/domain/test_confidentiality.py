"""The identifying-detail check on case-example notes (domain.confidentiality).

A corpus of identifying sentences (each detail must be caught, with the
finding pointing at the right substring), a corpus of ordinary coalition
case-example sentences (nothing may be flagged), the review/export helpers,
and hypothesis properties.
"""

from __future__ import annotations

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
from dhtc_tui.domain.model import Finding

# What the app passes as ``allow``: member organizations, sub-committees, the coalition.
ALLOW = [
    "Durham Human Trafficking Coalition",
    "Victim Services of Durham Region",
    "Durham Regional Police Service",
    "Lakeview Hotel Association",
    "North Shore Youth Shelter",
    "Survivor Advisory",
    "Education and Awareness",
    "Harbourside Outreach Collective",
]

# (sentence, expected kind, expected finding text)
IDENTIFYING: list[tuple[str, str, str]] = [
    # e-mail
    ("Her e-mail is jess.b08@gmail.com.", "email", "jess.b08@gmail.com"),
    ("Contact: t.nguyen+safe@outlook.ca", "email", "t.nguyen+safe@outlook.ca"),
    ("He wrote to her from BIGBOSS_905@Hotmail.COM last week.", "email", "BIGBOSS_905@Hotmail.COM"),
    # phone
    ("Call her mom at 905-555-0142 today.", "phone", "905-555-0142"),
    ("Her cell is (289) 555-0199.", "phone", "(289) 555-0199"),
    ("Reach the worker at +1 416 555 0123 ext 22.", "phone", "+1 416 555 0123 ext 22"),
    ("Number given was 905.555.0111.", "phone", "905.555.0111"),
    ("She texted from 9055550177 last week.", "phone", "9055550177"),
    ("The buyer used 1-800-555-0199 x123 to book.", "phone", "1-800-555-0199 x123"),
    ("Her local number was 555-0142.", "phone", "555-0142"),
    ("Call +1 (905) 555-0142 after five.", "phone", "+1 (905) 555-0142"),
    # postal code
    ("She lives near L1G 4T2 in the north end.", "postal_code", "L1G 4T2"),
    ("Postal code l1n5w3 was on the form.", "postal_code", "l1n5w3"),
    ("Mail went to L1H-7K4 for a while.", "postal_code", "L1H-7K4"),
    # street address
    ("They stayed at 123 Simcoe Street North for a month.", "street_address", "123 Simcoe Street North"),
    ("Picked up at 45 King St. near the plaza.", "street_address", "45 King St."),
    ("Unit 4, 1500 Taunton Road was the address.", "street_address", "Unit 4, 1500 Taunton Road"),
    ("The apartment at 88 Glen Hill Dr is known to police.", "street_address", "88 Glen Hill Dr"),
    ("The youth lived at 1500 Taunton Rd E, Unit 12.", "street_address", "1500 Taunton Rd E, Unit 12"),
    ("They were at 22 king st in the evening.", "street_address", "22 king st"),
    ("She stays at 3250 Concession Road 7 near the lake.", "street_address", "3250 Concession Road 7"),
    ("Apt 305, 12 Bond Street West was the last address.", "street_address", "Apt 305, 12 Bond Street West"),
    ("The house at 17 Harmony Cres was watched.", "street_address", "17 Harmony Cres"),
    # date of birth (a date with a DOB cue)
    ("DOB 2008-03-14 on the intake form.", "date_of_birth", "DOB 2008-03-14"),
    ("She was born on March 14, 2008.", "date_of_birth", "born on March 14, 2008"),
    ("Date of birth: 14/03/2008.", "date_of_birth", "Date of birth: 14/03/2008"),
    ("Her birthday is May 2nd.", "date_of_birth", "birthday is May 2nd"),
    ("She was born in 2008 and left home early.", "date_of_birth", "born in 2008"),
    # any other full date
    ("The incident was on 2026-10-03.", "date", "2026-10-03"),
    ("Court date set for November 4, 2026.", "date", "November 4, 2026"),
    ("She arrived on 12 April 2025 by bus.", "date", "12 April 2025"),
    ("The form was signed 03/10/2026 at intake.", "date", "03/10/2026"),
    # an age in the same sentence as a place
    ("A 16-year-old from Whitby was approached at the mall.", "age_with_place", "16-year-old"),
    ("The girl, aged 15, attends school in Ajax.", "age_with_place", "aged 15"),
    ("A 17 yo was found at a motel in Pickering.", "age_with_place", "17 yo"),
    ("A fifteen-year-old in Bowmanville was targeted.", "age_with_place", "fifteen-year-old"),
    ("Age 17, she lives in Port Perry.", "age_with_place", "Age 17"),
    ("She is 16 years old and works at a hotel near the highway.", "age_with_place", "16 years old"),
    # social media
    ("Her handle is @jess_b08 on the app.", "social_handle", "@jess_b08"),
    ("Instagram: sweetpea.2008 was used to recruit.", "social_handle", "Instagram: sweetpea.2008"),
    ("snapchat account: lilmaya08 messaged her.", "social_handle", "snapchat account: lilmaya08"),
    ("Her tiktok is lil_jess09.", "social_handle", "tiktok is lil_jess09"),
    ("facebook: Jessica Brown sent the messages.", "social_handle", "facebook: Jessica Brown"),
    # SIN: Luhn-valid 3-3-3, or cued
    ("SIN 046 454 286 was on the form.", "sin", "SIN 046 454 286"),
    ("The number 046-454-286 was written down.", "sin", "046-454-286"),
    ("Her SIN is 123 456 789.", "sin", "SIN is 123 456 789"),
    # Ontario health card
    ("OHIP 1234-567-890-AB was shared.", "health_card", "OHIP 1234-567-890-AB"),
    ("Health card 1234567890 was copied.", "health_card", "Health card 1234567890"),
    ("Her card 1234 567 890 was kept by him.", "health_card", "1234 567 890"),
    ("The card said 1234567890XY.", "health_card", "1234567890XY"),
    # licence plate (and licence number)
    ("The plate ABCD 123 was seen at the hotel.", "licence_plate", "plate ABCD 123"),
    ("Licence plate: CBTR-442 reported.", "licence_plate", "Licence plate: CBTR-442"),
    ("The licence plate was ABCD 123.", "licence_plate", "licence plate was ABCD 123"),
    ("His licence A1234-56789-01234 was seized.", "licence_plate", "licence A1234-56789-01234"),
    # file or case number
    ("See file #2024-0123 for details.", "file_number", "file #2024-0123"),
    ("Case no. CAS-12345 is open.", "file_number", "Case no. CAS-12345"),
    ("Occurrence 26-118734 was filed.", "file_number", "Occurrence 26-118734"),
    ("Client id 55321 was noted at intake.", "file_number", "Client id 55321"),
    # possible personal names
    ("Jessica Brown was supported at intake.", "person_name", "Jessica Brown"),
    ("The survivor named Tina asked for help.", "person_name", "Tina"),
    ("Her boyfriend Marcus recruited her.", "person_name", "Marcus"),
    ("We met with Ms. Okonkwo about housing.", "person_name", "Okonkwo"),
    ("Support from Maria Lopez-Garcia was key.", "person_name", "Maria Lopez-Garcia"),
    ("Kayla McDonald and her sister went to the shelter.", "person_name", "Kayla McDonald"),
    ("She met Zo\u00eb \u00c1lvarez at the bus stop.", "person_name", "Zo\u00eb \u00c1lvarez"),
    ("J. Smith drove her to the motel.", "person_name", "J. Smith"),
    ("She goes by Candy online.", "person_name", "Candy"),
    ("Detective Constable Smith followed up.", "person_name", "Smith"),
    ("Sean O'Brien's cousin drove.", "person_name", "Sean O'Brien"),
    ("Victim Services of Durham Region supported Priya Ranganathan.", "person_name", "Priya Ranganathan"),
    ("Jessica was recruited through a gaming chat.", "person_name", "Jessica"),
    ("Jessica Hall was supported at the shelter.", "person_name", "Jessica Hall"),
    ("We met with Ms. Hall about housing.", "person_name", "Hall"),
    ("Tim Baker drove her to the motel.", "person_name", "Tim Baker"),
    ("She lives in Oshawa, age 17.", "age_with_place", "age 17"),
    ("A 16-year-old was seen on Taunton Road.", "age_with_place", "16-year-old"),
    ("A 15-year-old was found near the 401.", "age_with_place", "15-year-old"),
    ("A 14 year old from oshawa was found.", "age_with_place", "14 year old"),
    # kinds the first version missed (issue 8, "A better check")
    ("her name is maria santos and she is 15.", "person_name", "maria santos"),
    ("client: devon o'neill, referred by school.", "person_name", "devon o'neill"),
    ("She met nathan king at a party.", "person_name", "nathan king"),
    ("She uses the name Diamond online.", "person_name", "Diamond"),
    ("The e-mail is amy underscore k at gmail dot com.", "email", "amy underscore k at gmail dot com"),
    ("Write to jess dot b at outlook dot com.", "email", "jess dot b at outlook dot com"),
    ("her TikTok is sunny.days.xo and she posts daily.", "social_handle", "TikTok is sunny.days.xo"),
    ("He contacted her on Instagram as bluejay.", "social_handle", "on Instagram as bluejay"),
    ("She was kept in room 7 at the Lakeview Motel.", "hotel_room", "room 7 at the Lakeview Motel"),
    ("Room 214 at the Starlight Inn on March 3.", "hotel_room", "Room 214 at the Starlight Inn"),
    ("The Sunset Motel, room 12, was booked.", "hotel_room", "The Sunset Motel, room 12"),
    ("Her date of birth is 12/05/2008.", "date_of_birth", "date of birth is 12/05/2008"),
    ("DOB: 2009-07-21, per the intake sheet.", "date_of_birth", "DOB: 2009-07-21"),
]

NOT_IDENTIFYING: list[str] = [
    "Durham Regional Police Service shared a case where a youth was recruited online.",
    "Victim Services of Durham Region provided a warm transfer to counselling.",
    "The Children's Aid Society was consulted and supports were offered.",
    "The Children\u2019s Aid Society of Durham Region opened a file.",
    "Lakeridge Health Oshawa staff noticed the signs in the emergency department.",
    "A hospital emergency department nurse noticed the signs.",
    "The youth attended the Durham Rape Crisis Centre on Tuesday.",
    "A 16-year-old was referred to counselling.",
    "A 16-year-old was referred by Victim Services of Durham Region.",
    "The youth, aged 15, was connected with a worker.",
    "The youth was 15 and had been reported missing.",
    "Three referrals were made this month.",
    "There were 3 referrals and 12 calls to the hotline in 2024.",
    "We meet at 9:30 on Thursday.",
    "We meet at 9:30 a.m. on the third Thursday of the month.",
    "In 2024 the program doubled its caseload.",
    "In 2024 United Way funded the outreach program.",
    "The Town Hall hosted the awareness event in March.",
    "The Town Hall in Whitby hosted the event in February.",
    "Members discussed the survivor's need for dental care.",
    "The Lakeview Hotel Association trained front-desk staff.",
    "A hotel manager called police after noticing repeated short stays.",
    "Survivor Advisory recommended an honorarium policy.",
    "The client was supported with safety planning and housing.",
    "The Crown Attorney's Office explained the court process.",
    "Ontario Court of Justice dates were set for the spring.",
    "Referral went through the Community Legal Clinic.",
    "Discussion focused on online recruitment through gaming chats.",
    "Police and the shelter coordinated a safe exit plan.",
    "The worker accompanied her to the appointment on Monday.",
    "Case examples were shared after the reminder.",
    "Follow-up in two weeks; 2 of 5 beds remain open.",
    "Ontario Works and the Ministry were contacted about income support.",
    "The Indigenous Wellness Circle offered a cultural support worker.",
    "Kids Help Phone was suggested as an after-hours option.",
    "The Salvation Army provided clothing and a gift card.",
    "Big Brothers Big Sisters offered a mentor.",
    "Over March Break a youth ran away from a group placement.",
    "The Canadian Centre to End Human Trafficking hotline was called.",
    "The John Howard Society and Elizabeth Fry Society both attended court support.",
    "Covenant House Toronto accepted a referral.",
    "She used Tim Hortons wifi to message her worker.",
    "Police located her within 48 hours; 5 youth were supported in 2023.",
    "Three youth, ages 14-17, were supported this quarter.",
    "She turned 18 in June and moved into Supportive Housing.",
    "Youth Justice Services met on Monday, December 4.",
    "The Durham Region Transit driver called 911.",
    "Front-line staff shared 2 examples at 10:15.",
    "Case Example 1: Online Recruitment Through Gaming",
    "Next Steps: Education and Awareness will draft a fact sheet.",
    "A 16-year-old was referred by United Way.",
    "A 16-year-old was on the road to recovery.",
    "The incident 911 call was made by a neighbour.",
    "An Amber alert was issued and cancelled the same day.",
    "Black youth are overrepresented in child welfare.",
    "The West End drop-in offered a meal.",
    "Victoria Park was where the outreach van stopped.",
    "Mark the date: the awareness walk is in February.",
    # added with issue 8: cars, public numbers, the coalition's own calendar
    "She was driven away in a Toyota Corolla.",
    "A grey Honda Civic was seen at the motel twice.",
    "Youth can call Kids Help Phone at 1-800-668-6868 any time.",
    "The Canadian Human Trafficking Hotline, 1-833-900-1010, takes calls 24/7.",
    "Call 911 or 211 for help after hours.",
    "The meeting on October 16, 2026 reviewed the new protocol.",
    "Her instagram is private now.",
    "Her name is not known to the worker.",
    "She stayed at a motel for three nights.",
    "She goes by bus to school.",
    "The strip is known as the track.",
    "Her snapchat is deleted now.",
    "A room at the Lakeview Motel was booked by police.",
    "Members met on 2026-10-15 for training.",
    "Her name was withheld.",
    "A Jeep Wrangler followed her.",
    "The buyer was a john from Toronto.",
]


# -- corpus --------------------------------------------------------------------


def test_corpus_sizes():
    assert len(IDENTIFYING) >= 40
    assert len(NOT_IDENTIFYING) >= 30
    assert {kind for _, kind, _ in IDENTIFYING} == set(KINDS)  # every kind is exercised


@pytest.mark.parametrize(("sentence", "kind", "text"), IDENTIFYING)
def test_identifying_details_are_found_where_they_are(sentence, kind, text):
    findings = find_identifiers(sentence, ALLOW)
    matching = [f for f in findings if f.kind == kind and f.text == text]
    assert matching, f"{kind} {text!r} not found in {sentence!r}: {findings}"
    finding = matching[0]
    assert sentence[finding.start:finding.end] == finding.text
    assert sentence.index(text) == finding.start


@pytest.mark.parametrize("sentence", NOT_IDENTIFYING)
def test_ordinary_coalition_sentences_are_not_flagged(sentence):
    assert find_identifiers(sentence, ALLOW) == []


def test_ordinary_paragraph_stays_quiet():
    paragraph = "\n".join(NOT_IDENTIFYING)
    assert find_identifiers(paragraph, ALLOW) == []


def test_every_kind_has_a_human_label():
    assert all(isinstance(label, str) and label for label in KINDS.values())
    assert KINDS["email"] == "e-mail address"


# -- specific behaviour ------------------------------------------------------------


def test_empty_and_blank_text():
    assert find_identifiers("") == []
    assert find_identifiers("   \n\t") == []


def test_allow_list_keeps_names_and_is_case_insensitive():
    text = "Priya Ranganathan from the shelter called."
    assert [f.text for f in find_identifiers(text)] == ["Priya Ranganathan"]
    assert find_identifiers(text, ["Priya Ranganathan"]) == []
    assert find_identifiers(text, ["PRIYA   ranganathan"]) == []
    # Only a name fully inside an allowed phrase is spared.
    assert find_identifiers("Harbourside Outreach Collective met Jessica Brown.", ALLOW)[0].text == "Jessica Brown"


def test_allow_list_accepts_any_iterable():
    text = "Pine Ridge Collaborative hosted Jessica Brown."
    names = (name for name in ["pine ridge collaborative"])
    assert [f.text for f in find_identifiers(text, names)] == ["Jessica Brown"]


def test_age_alone_or_with_an_allowed_organization_is_not_a_finding():
    assert find_identifiers("A 16-year-old was referred by the shelter.") == []
    text = "A 16-year-old was referred by Whitby Youth Outreach."
    assert [f.kind for f in find_identifiers(text)] == ["age_with_place"]
    assert find_identifiers(text, ["Whitby Youth Outreach"]) == []
    # An allowed place word is not a name, but it is still a place for an age.
    assert [f.kind for f in find_identifiers("A 16-year-old from Whitby.", ["Whitby"])] == ["age_with_place"]


def test_age_and_place_must_share_a_sentence():
    assert find_identifiers("A 16-year-old was referred. The meeting was in Oshawa.") == []


def test_random_nine_digits_failing_luhn_are_not_a_sin():
    assert not [f for f in find_identifiers("Ref 123 456 789 noted.") if f.kind == "sin"]
    assert [f.kind for f in find_identifiers("Her SIN: 123-456-789.")] == ["sin"]


def test_overlaps_prefer_the_more_specific_kind():
    findings = find_identifiers("DOB 2008-03-14 was given.")
    assert [(f.kind, f.text) for f in findings] == [("date_of_birth", "DOB 2008-03-14")]
    findings = find_identifiers("OHIP 1234-567-890-AB was shared.")
    assert [(f.kind, f.text) for f in findings] == [("health_card", "OHIP 1234-567-890-AB")]
    findings = find_identifiers("Write to kim.lee@mail.ca or @kimlee.")
    assert [(f.kind, f.text) for f in findings] == [("email", "kim.lee@mail.ca"), ("social_handle", "@kimlee")]


def test_organization_and_place_runs_are_not_names():
    for text in [
        "Maria Lopez Foundation paid for the bus ticket.",
        "Port Perry and Beaverton both reported cases.",
        "The Oshawa Centre security team called.",
        "Staff from Pinewood Centre and Lakeridge Health attended.",
    ]:
        assert [f for f in find_identifiers(text) if f.kind == "person_name"] == [], text


def test_several_findings_in_one_note():
    text = (
        "Jessica Brown, 16-year-old from Oshawa, gave 905-555-0142 and jb@mail.ca.\n"
        "Her boyfriend Marcus drives plate ABCD 123."
    )
    kinds = [f.kind for f in find_identifiers(text, ALLOW)]
    assert kinds == ["person_name", "age_with_place", "phone", "email", "person_name", "licence_plate"]


# -- review keys -----------------------------------------------------------------


def test_finding_key_is_casefolded_and_whitespace_collapsed():
    assert finding_key(Finding("phone", "905  555\n0142", 0, 14)) == "phone|905 555 0142"
    assert finding_key(Finding("person_name", " Jessica BROWN ", 0, 15)) == "person_name|jessica brown"


def test_review_keys_are_stable_across_spacing_and_case():
    a = find_identifiers("Call 905-555-0142.")[0]
    b = find_identifiers("Later: call 905-555-0142 again.")[0]
    assert finding_key(a) == finding_key(b)
    assert unreviewed([a], [finding_key(b)]) == []
    c = find_identifiers("Jessica   Brown was there.")[0]
    d = find_identifiers("Later JESSICA BROWN left; Jessica Brown called.")[-1]
    assert finding_key(c) == finding_key(d) == "person_name|jessica brown"


def test_unreviewed_keeps_order_and_drops_reviewed():
    findings = find_identifiers("Call 905-555-0142 or e-mail a.b@c.ca; Jessica Brown knows.")
    assert [f.kind for f in findings] == ["phone", "email", "person_name"]
    reviewed = [finding_key(findings[1])]
    assert unreviewed(findings, reviewed) == [findings[0], findings[2]]
    assert unreviewed(findings, []) == findings
    assert unreviewed(findings, {finding_key(f) for f in findings}) == []


# -- export redaction ---------------------------------------------------------------


def test_redaction_drops_sentences_with_unreviewed_findings():
    text = "Good outcome for the youth. Call her at 905-555-0142. Warm transfer worked."
    findings = find_identifiers(text)
    kept, left_out = redact_unreviewed(text, findings, [])
    assert left_out == 1
    assert kept == "Good outcome for the youth. Warm transfer worked."
    assert (redact_unreviewed(text, findings, [finding_key(findings[0])])) == (text, 0)


def test_redaction_counts_every_unreviewed_finding():
    text = "Fine start. Jessica Brown gave 905-555-0142 and jb@mail.ca. Fine end."
    findings = find_identifiers(text)
    kept, left_out = redact_unreviewed(text, findings, [])
    assert left_out == 3
    assert kept == "Fine start. Fine end."


def test_redaction_works_by_line_and_keeps_line_breaks():
    text = "First line is fine.\nShe lives at 123 Simcoe Street North\nLast line fine."
    kept, left_out = redact_unreviewed(text, find_identifiers(text), [])
    assert (kept, left_out) == ("First line is fine.\nLast line fine.", 1)
    text = "Fine. Call 905-555-0142.\nNext line."
    assert redact_unreviewed(text, find_identifiers(text), [])[0] == "Fine.\nNext line."


def test_redaction_does_not_split_at_abbreviations_or_initials():
    text = "We met with Ms. Okonkwo about housing. Good result."
    kept, _ = redact_unreviewed(text, find_identifiers(text), [])
    assert kept == "Good result."
    text = "Kept. J. Smith drove her. Kept too."
    kept, _ = redact_unreviewed(text, find_identifiers(text), [])
    assert kept == "Kept. Kept too."


def test_redaction_with_nothing_to_leave_out_returns_text_unchanged():
    text = "  A youth was supported.\n\nNo details.  "
    assert redact_unreviewed(text, [], []) == (text, 0)
    assert redact_unreviewed("", [], []) == ("", 0)


def test_redaction_everything_unreviewed_leaves_nothing():
    text = "Call 905-555-0142."
    assert redact_unreviewed(text, find_identifiers(text), []) == ("", 1)


def test_redaction_accepts_unnormalised_review_keys():
    text = "Jessica Brown helped. Good."
    findings = find_identifiers(text)
    assert redact_unreviewed(text, findings, ["person_name|JESSICA  brown"]) == (text, 0)


# -- properties -------------------------------------------------------------------

filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,", max_size=40)
sentence_filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.\n", max_size=60)
digit = st.sampled_from("0123456789")
area_digit = st.sampled_from("23456789")
POSTAL_FIRST = "ABCEGHJKLMNPRSTVXY"
POSTAL_OTHER = "ABCEGHJKLMNPRSTVWXYZ"


@st.composite
def emails(draw):
    local = draw(st.from_regex(r"[a-z0-9](?:[a-z0-9._+-]{0,14}[a-z0-9])?", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?(?:\.[a-z0-9]{1,10})?", fullmatch=True))
    tld = draw(st.sampled_from(["ca", "com", "org", "net", "on.ca"]))
    return f"{local}@{domain}.{tld}"


@st.composite
def phones(draw):
    area = draw(area_digit) + "".join(draw(st.lists(digit, min_size=2, max_size=2)))
    exchange = "".join(draw(st.lists(digit, min_size=3, max_size=3)))
    line = "".join(draw(st.lists(digit, min_size=4, max_size=4)))
    template = draw(
        st.sampled_from(
            [
                "{a}-{e}-{n}",
                "({a}) {e}-{n}",
                "({a}){e}-{n}",
                "{a}.{e}.{n}",
                "{a} {e} {n}",
                "+1 {a} {e} {n}",
                "1-{a}-{e}-{n}",
                "+1 ({a}) {e}-{n}",
                "{a}{e}{n}",
            ]
        )
    )
    number = template.format(a=area, e=exchange, n=line)
    extension = draw(st.sampled_from(["", " ext 22", " ext. 4", " x123", " extension 9"]))
    return number + extension


@st.composite
def postal_codes(draw):
    chars = [
        draw(st.sampled_from(POSTAL_FIRST)),
        draw(digit),
        draw(st.sampled_from(POSTAL_OTHER)),
        draw(st.sampled_from(["", " ", "-"])),
        draw(digit),
        draw(st.sampled_from(POSTAL_OTHER)),
        draw(digit),
    ]
    code = "".join(chars)
    return code.lower() if draw(st.booleans()) else code


def _luhn_complete(eight: str) -> str:
    for last in "0123456789":
        digits = eight + last
        total = 0
        for index, char in enumerate(reversed(digits)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


@st.composite
def sins(draw):
    digits = _luhn_complete(draw(area_digit) + "".join(draw(st.lists(digit, min_size=7, max_size=7))))
    sep = draw(st.sampled_from([" ", "-"]))
    return sep.join([digits[:3], digits[3:6], digits[6:]])


IDENTIFIER_MAKERS = {"email": emails(), "phone": phones(), "postal_code": postal_codes(), "sin": sins()}


def assert_well_formed(text, findings):
    for finding in findings:
        assert finding.kind in KINDS
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
    for before, after in zip(findings, findings[1:]):
        assert before.start <= after.start
        assert before.end <= after.start


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_never_raises_on_arbitrary_text(text):
    assert_well_formed(text, find_identifiers(text, ALLOW))


@given(st.text(alphabet=" \n\t.,:;-@#()+/0123456789abcxyzABCXYZ'\u2019\u00e9", max_size=200))
@settings(max_examples=200, deadline=None)
def test_never_raises_on_punctuation_and_digit_soup(text):
    assert_well_formed(text, find_identifiers(text))


@given(st.lists(st.sampled_from(NOT_IDENTIFYING + [s for s, _, _ in IDENTIFYING]), max_size=8), st.sampled_from([" ", "\n", "  "]))
@settings(deadline=None)
def test_findings_are_sorted_disjoint_and_exact_in_mixed_notes(sentences, joiner):
    text = joiner.join(sentences)
    assert_well_formed(text, find_identifiers(text, ALLOW))


def assert_found(before, identifier, after, kind):
    """The identifier is found exactly, as ``kind`` - or, when the filler just
    before it happens to be a cue ("ohip", "case no"), inside the cued finding."""
    text = f"{before} {identifier} {after}"
    at = len(before) + 1
    findings = find_identifiers(text)
    assert_well_formed(text, findings)
    covering = [f for f in findings if f.start <= at and at + len(identifier) <= f.end]
    assert covering, f"{identifier!r} not found in {text!r}: {findings}"
    finding = covering[0]
    if finding.start == at:
        assert (finding.kind, finding.text) == (kind, identifier)


@given(filler, filler, emails())
def test_any_email_in_filler_is_found(before, after, email):
    assert_found(before, email, after, "email")


@given(filler, filler, phones())
def test_any_phone_in_filler_is_found(before, after, phone):
    assert_found(before, phone, after, "phone")


@given(filler, filler, postal_codes())
def test_any_postal_code_in_filler_is_found(before, after, code):
    assert_found(before, code, after, "postal_code")


@given(filler, filler, sins())
def test_any_luhn_valid_sin_in_filler_is_found(before, after, sin):
    assert_found(before, sin, after, "sin")


@given(st.sampled_from(sorted(IDENTIFIER_MAKERS)).flatmap(lambda k: st.tuples(st.just(k), IDENTIFIER_MAKERS[k])))
def test_identifier_between_plain_words_is_found_exactly(made):
    kind, identifier = made
    text = f"the worker noted {identifier} and moved on"
    assert [(f.kind, f.text) for f in find_identifiers(text)] == [(kind, identifier)]


@given(
    st.lists(
        st.tuples(sentence_filler, st.sampled_from(sorted(IDENTIFIER_MAKERS)).flatmap(lambda k: IDENTIFIER_MAKERS[k])),
        min_size=1,
        max_size=5,
    ),
    sentence_filler,
    st.data(),
)
@settings(deadline=None)
def test_redaction_never_keeps_an_unreviewed_identifier(parts, tail, data):
    text = "".join(f"{chunk} {identifier} " for chunk, identifier in parts) + tail
    findings = find_identifiers(text)
    assert_well_formed(text, findings)
    reviewed = [finding_key(f) for f in findings if data.draw(st.booleans())]
    kept, left_out = redact_unreviewed(text, findings, reviewed)
    waiting = unreviewed(findings, reviewed)
    assert left_out == len(waiting)
    for finding in waiting:
        assert finding.text not in kept
    if not waiting:
        assert kept == text


@given(st.lists(st.sampled_from(NOT_IDENTIFYING + [s for s, _, _ in IDENTIFYING]), max_size=6), st.data())
@settings(deadline=None)
def test_redaction_of_corpus_notes(sentences, data):
    text = " ".join(sentences)
    findings = find_identifiers(text, ALLOW)
    reviewed = [finding_key(f) for f in findings if data.draw(st.booleans())]
    kept, left_out = redact_unreviewed(text, findings, reviewed)
    waiting = unreviewed(findings, reviewed)
    assert left_out == len(waiting)
    for finding in waiting:
        if text.count(finding.text) == 1:  # the same words may stand, unflagged, elsewhere
            assert finding.text not in kept
    if not waiting:
        assert kept == text
    # Reviewing everything keeps the text as typed.
    assert redact_unreviewed(text, findings, [finding_key(f) for f in findings]) == (text, 0)


# -- public service numbers ----------------------------------------------------------

from pathlib import Path  # noqa: E402

from dhtc_tui.domain.public_numbers import (  # noqa: E402
    BUILT_IN,
    default_public_numbers,
    number_key,
    parse_public_numbers,
)

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "public-numbers.txt"


def test_the_template_lists_the_cited_national_numbers():
    numbers = parse_public_numbers(TEMPLATE.read_text(encoding="utf-8"))
    assert {"911", "211", "8339001010", "8006686868"} <= numbers
    assert BUILT_IN <= numbers
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, service, source = (part.strip() for part in line.split("|"))
            assert number and service and source  # every number says what it is and where it was checked


def test_number_keys_ignore_punctuation_and_the_long_distance_one():
    assert number_key("1-833-900-1010") == number_key("(833) 900 1010") == "8339001010"
    assert parse_public_numbers("# comment\n\n911 | Emergency | x\n  +1 800 668 6868 | KHP | y\nnot a number | z") == {
        "911",
        "8006686868",
    }


def test_public_numbers_are_not_findings():
    text = "Call the hotline at 1-833-900-1010 or her mom at 905-555-0142."
    assert [f.text for f in find_identifiers(text, public_numbers=["1 (833) 900-1010"])] == ["905-555-0142"]
    assert [f.text for f in find_identifiers(text, public_numbers=[])] == ["1-833-900-1010", "905-555-0142"]


def test_the_coalition_edits_the_list_in_its_templates_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DHTC_TEMPLATES_DIR", str(tmp_path))
    (tmp_path / "public-numbers.txt").write_text("905-555-0142 | A local line | test\n", encoding="utf-8")
    assert default_public_numbers() == {"9055550142"}
    assert find_identifiers("Call 905-555-0142.") == []
    (tmp_path / "public-numbers.txt").unlink()
    assert default_public_numbers() == BUILT_IN  # missing file: the national numbers still hold
    assert [f.text for f in find_identifiers("Call 905-555-0142.")] == ["905-555-0142"]


# -- word lists ------------------------------------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

from dhtc_tui.domain.identifier_words import vocabulary  # noqa: E402


def test_word_lists_come_from_the_package_data_file():
    words = vocabulary()
    assert vocabulary() is words  # read once
    assert "jessica" in words.given_names and "toyota" in words.vehicles
    assert "oshawa" in words.place_words and "police" in words.institutional


def test_importing_the_check_reads_no_file():
    code = (
        "import dhtc_tui.domain.confidentiality as c, dhtc_tui.domain.identifier_words as w, sys\n"
        "print(w.vocabulary.cache_info().currsize, 'dhtc_tui.paths' in sys.modules)\n"
        "c.find_identifiers('Jessica Brown')\n"
        "print(w.vocabulary.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "False", "1"]
