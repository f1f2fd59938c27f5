"""Behaviour of the whole extraction (``Extractor``) on short texts written for these tests.

Every text is an original, fictional piece of UK or US political news. The tests assert
what a user of ``Document.statements`` relies on: the content text (``doc.text[s:e]``),
the speaker's name, type, role and affiliation, the kind, and that every span lies in
the text. The pipeline is loaded once for the module.

Direct content is compared without its enclosing quotation marks and with separator
punctuation trimmed at the edges (``words``), so that these tests check *which* words are
attributed; that a fragment does not start on the separator before it is checked
separately (``test_statements_boundary_*``).
"""

from __future__ import annotations

import pytest

from onrecord.api import Extractor
from onrecord.types import CharSpan, Document, Statement

QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"
SEPARATORS = ",;:"
# Characters a content boundary may include or leave out without changing what was said.
EDGE_CHARS = " \n\t" + QUOTE_MARKS + SEPARATORS


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The default pipeline (base model plus the onrecord component), loaded once."""
    return Extractor()


# --------------------------------------------------------------------------- helpers


def words(fragment: str) -> str:
    """A content fragment without surrounding blanks, quotation marks or separators."""
    return fragment.strip(EDGE_CHARS)


def fragments(doc: Document, statement: Statement) -> list[str]:
    """The statement's content fragments as text, in text order."""
    return [doc.text[start:end] for start, end in sorted(statement.content_spans)]


def all_spans(statement: Statement) -> tuple[CharSpan, ...]:
    """Every source, cue, content and speaker-mention span of a statement."""
    mentions = statement.speaker.mention_spans if statement.speaker else ()
    return statement.source_spans + statement.cue_spans + statement.content_spans + mentions


def assert_spans_in_text(doc: Document) -> None:
    """Every span of every statement satisfies ``0 <= start < end <= len(text)``."""
    for statement in doc.statements:
        for start, end in all_spans(statement):
            assert 0 <= start < end <= len(doc.text), (start, end, statement)


def covers(doc: Document, statement: Statement, start: int, end: int) -> bool:
    """Whether the content spans hold every character of ``[start, end)`` but edge ones."""
    return all(
        any(s <= offset < e for s, e in statement.content_spans)
        for offset in range(start, end)
        if doc.text[offset] not in EDGE_CHARS
    )


def statement_with(doc: Document, phrase: str) -> Statement:
    """The one statement whose content covers ``phrase`` (its first occurrence)."""
    start = doc.text.index(phrase)
    found = [s for s in doc.statements if covers(doc, s, start, start + len(phrase))]
    listing = [(speaker_name(s), s.kind, fragments(doc, s)) for s in doc.statements]
    assert len(found) == 1, f"{phrase!r} is covered by {len(found)} statements; got {listing}"
    return found[0]


def overlaps(statement: Statement, start: int, end: int) -> bool:
    """Whether any content span of the statement overlaps ``[start, end)``."""
    return any(s < end and e > start for s, e in statement.content_spans)


def speaker_name(statement: Statement) -> str | None:
    return statement.speaker.name if statement.speaker else None


def same_text(got: str | None, expected: str | None) -> bool:
    """Role/affiliation comparison as the seed evaluation does it (case-insensitive)."""
    if got is None or expected is None:
        return got is expected
    return got.casefold() == expected.casefold()


# ------------------------------------------------------------------ direct quotes

_HOLT = "Council leader Mary Holt opened the new library in Brackford on Friday. "
_LYLE = "The minister for transport, Peter Lyle, visited the bus depot in Carnford on Monday. "
_VANCE = "Housing campaigner Rita Vance spoke outside Dunsworth town hall. "

# (text, speaker, expected content fragments in text order)
DIRECT_CASES = [
    pytest.param(
        _HOLT + '"This building belongs to every family in the town," she said.',
        "Mary Holt",
        ["This building belongs to every family in the town"],
        id="after-straight",
    ),
    pytest.param(
        _HOLT + "\u201cThis building belongs to every family in the town,\u201d she said.",
        "Mary Holt",
        ["This building belongs to every family in the town"],
        id="after-curly",
    ),
    pytest.param(
        _HOLT + "\u2018This building belongs to every family in the town,\u2019 she said.",
        "Mary Holt",
        ["This building belongs to every family in the town"],
        id="after-single",
    ),
    pytest.param(
        '"We have waited long enough for this bridge," said Lib Dem councillor Ruth Ames.',
        "Ruth Ames",
        ["We have waited long enough for this bridge"],
        id="after-inverted-said",
    ),
    pytest.param(
        _LYLE + 'Lyle said: "We will not let this depot close."',
        "Peter Lyle",
        ["We will not let this depot close."],
        id="before-straight",
    ),
    pytest.param(
        _LYLE + "Lyle said: \u201cWe will not let this depot close.\u201d",
        "Peter Lyle",
        ["We will not let this depot close."],
        id="before-curly",
    ),
    pytest.param(
        _LYLE + "Lyle said: \u2018We will not let this depot close.\u2019",
        "Peter Lyle",
        ["We will not let this depot close."],
        id="before-single",
    ),
    pytest.param(
        _VANCE + '"The waiting list is longer than ever," said Vance, "and the council has no plan to shorten it."',
        "Rita Vance",
        ["The waiting list is longer than ever", "and the council has no plan to shorten it."],
        id="inside-straight",
    ),
    pytest.param(
        _VANCE
        + "\u201cThe waiting list is longer than ever,\u201d said Vance, "
        + "\u201cand the council has no plan to shorten it.\u201d",
        "Rita Vance",
        ["The waiting list is longer than ever", "and the council has no plan to shorten it."],
        id="inside-curly",
    ),
    pytest.param(
        _VANCE
        + "\u2018The waiting list is longer than ever,\u2019 said Vance, "
        + "\u2018and the council has no plan to shorten it.\u2019",
        "Rita Vance",
        ["The waiting list is longer than ever", "and the council has no plan to shorten it."],
        id="inside-single",
    ),
    pytest.param(
        '"We have waited long enough for this bridge," Ruth Ames said. "Now we need it finished."',
        "Ruth Ames",
        ["We have waited long enough for this bridge", "Now we need it finished."],
        id="split-by-sentence",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content"), DIRECT_CASES)
def test_statements_direct_quote_gives_one_statement_with_speaker_and_words(
    extractor: Extractor, text: str, speaker: str, content: list[str]
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    assert len(doc.statements) == 1, [fragments(doc, s) for s in doc.statements]
    (statement,) = doc.statements
    assert statement.kind == "direct"
    assert speaker_name(statement) == speaker
    assert statement.speaker is not None and statement.speaker.type == "person"
    assert [words(fragment) for fragment in fragments(doc, statement)] == [words(c) for c in content]


# ------------------------------------------------------------- colon introductions

COLON_CASES = [
    pytest.param(
        "Conservative MP David Marsh visited the flooded Larkhill estate in Kettlebridge on Monday. "
        'He told the Gazette: "The residents here deserve better flood defences."',
        "David Marsh",
        "The residents here deserve better flood defences.",
        id="he-told-straight",
    ),
    pytest.param(
        "Conservative MP David Marsh visited the flooded Larkhill estate in Kettlebridge on Monday. "
        "He told the Gazette: \u201cThe residents here deserve better flood defences.\u201d",
        "David Marsh",
        "The residents here deserve better flood defences.",
        id="he-told-curly",
    ),
    pytest.param(
        "Green councillor Olivia Brandt toured the recycling plant on Thursday with council leader "
        "Mark Tully. She told BBC Radio Wessex: \u2018Every household will get a food waste bin by "
        "next spring.\u2019",
        "Olivia Brandt",
        "Every household will get a food waste bin by next spring.",
        id="she-told-single-with-second-name",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content"), COLON_CASES)
def test_statements_colon_introduction_resolves_pronoun_to_previous_sentence(
    extractor: Extractor, text: str, speaker: str, content: str
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    statement = statement_with(doc, content)
    assert statement.kind == "direct"
    assert speaker_name(statement) == speaker
    assert [words(fragment) for fragment in fragments(doc, statement)] == [words(content)]


# ------------------------------------------------------- multi-paragraph quotations

_PENROSE = "Labour candidate Sarah Penrose launched her campaign in Hollinwood on Saturday. She said: "

MULTI_PARAGRAPH_CASES = [
    pytest.param(
        _PENROSE
        + "\u201cWe will reopen the walk-in centre within a year.\n\n"
        + "\u201cWe will also put two more buses on the night route.\n\n"
        + "\u201cAnd we will freeze parking charges at the hospital.\u201d",
        "Sarah Penrose",
        [
            "We will reopen the walk-in centre within a year.",
            "We will also put two more buses on the night route.",
            "And we will freeze parking charges at the hospital.",
        ],
        id="open-marks-curly-three-paragraphs",
    ),
    pytest.param(
        _PENROSE
        + '"We will reopen the walk-in centre within a year.\n\n'
        + '"We will also put two more buses on the night route."',
        "Sarah Penrose",
        [
            "We will reopen the walk-in centre within a year.",
            "We will also put two more buses on the night route.",
        ],
        id="open-marks-straight",
    ),
    pytest.param(
        "Independent councillor Hugh Farrant spoke at the parish meeting on Monday. He said: "
        "\u201cThe bypass has been promised for twenty years and nothing has happened.\u201d\n\n"
        "\u201cPeople in Millbeck are tired of waiting for it.\u201d",
        "Hugh Farrant",
        [
            "The bypass has been promised for twenty years and nothing has happened.",
            "People in Millbeck are tired of waiting for it.",
        ],
        id="closed-then-whole-quote-continuation",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "paragraphs"), MULTI_PARAGRAPH_CASES)
def test_statements_multi_paragraph_quote_is_one_statement_per_paragraph_with_one_speaker(
    extractor: Extractor, text: str, speaker: str, paragraphs: list[str]
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    statements = [statement_with(doc, paragraph) for paragraph in paragraphs]
    # One statement per paragraph (as the seed's gold has it), each holding only its
    # paragraph, all with the speaker and cue that introduced the quotation.
    assert len({id(statement) for statement in statements}) == len(paragraphs)
    for statement, paragraph in zip(statements, paragraphs):
        assert statement.kind == "direct"
        assert speaker_name(statement) == speaker
        assert statement.cue_spans == statements[0].cue_spans
        assert [words(fragment) for fragment in fragments(doc, statement)] == [words(paragraph)]


# ------------------------------------------------------------ boilerplate in a quote

_BEFORE = "\u201cWe will reopen the walk-in centre within a year."
_AFTER = "\u201cWe will also put two more buses on the night route.\u201d"
BOILERPLATE_CASES = [
    pytest.param(["Subscribe now for just \u00a31 a week. Click here"], id="advert"),
    pytest.param(["Hide Ad"], id="hide-ad"),
    pytest.param(["Advertisement"], id="advertisement"),
    pytest.param(["The Daily Courier:"], id="caption-label"),
    pytest.param(
        ["Subscribe now for just \u00a31 a week. Click here", "Hide Ad", "Advertisement", "The Daily Courier:"],
        id="all-four",
    ),
]


@pytest.mark.parametrize("lines", BOILERPLATE_CASES)
def test_statements_boilerplate_inside_running_quote_is_skipped(extractor: Extractor, lines: list[str]) -> None:
    text = _PENROSE + _BEFORE + "\n\n" + "\n\n".join(lines) + "\n\n" + _AFTER
    doc = extractor(text)
    assert_spans_in_text(doc)
    first = text.index(lines[0])
    last = text.index(lines[-1]) + len(lines[-1])
    for statement in doc.statements:
        assert not overlaps(statement, first, last), fragments(doc, statement)
    before = statement_with(doc, _BEFORE.lstrip("\u201c"))
    after = statement_with(doc, _AFTER.strip("\u201c\u201d"))
    # The quotation goes on after the furniture: same speaker and cue, next paragraph.
    assert speaker_name(before) == speaker_name(after) == "Sarah Penrose"
    assert after.cue_spans == before.cue_spans


# ------------------------------------------------------------------ indirect speech


def _cue_case(cue: str, text: str, speaker: str, content: str, *, xfail: bool = False) -> object:
    marks = [pytest.mark.xfail(strict=True, reason="model misses this cue today")] if xfail else []
    return pytest.param(text, speaker, content, id=cue, marks=marks)


INDIRECT_CASES = [
    _cue_case(
        "said",
        "Health secretary Jane Doe visited Wexley General Hospital on Monday. "
        "She said the new cancer unit would open next year.",
        "Jane Doe",
        "the new cancer unit would open next year",
    ),
    _cue_case(
        "told",
        "Opposition leader Mark Fenwick spoke to reporters in Dunmore. "
        "He told reporters the budget would leave schools short of money.",
        "Mark Fenwick",
        "the budget would leave schools short of money",
    ),
    _cue_case(
        "warned",
        "Shadow education secretary Clare Abbott warned that class sizes would rise if funding was cut.",
        "Clare Abbott",
        "class sizes would rise if funding was cut",
    ),
    _cue_case(
        "confirmed",
        "Transport minister Neil Garvey confirmed on Friday that the Fenbury line would reopen by December.",
        "Neil Garvey",
        "the Fenbury line would reopen by December",
    ),
    _cue_case(
        "pledged",
        "Labour candidate Helen Shaw spoke to voters in Altham. "
        "She pledged to build 500 new council homes in the town.",
        "Helen Shaw",
        "to build 500 new council homes in the town",
    ),
    _cue_case(
        "promised",
        "Senator Walter Briggs promised to cut the gas tax before the summer.",
        "Walter Briggs",
        "to cut the gas tax before the summer",
    ),
    _cue_case(
        "insisted",
        "Conservative councillor Ian Beck insisted that Larchmont Park would not be sold.",
        "Ian Beck",
        "Larchmont Park would not be sold",
    ),
    _cue_case(
        "claimed",
        "Reform UK candidate Gary Platt spoke at a rally in Lowford. "
        "He claimed that crime in the town had doubled.",
        "Gary Platt",
        "crime in the town had doubled",
    ),
    _cue_case(
        "accused-of",
        "Liberal Democrat MP Fiona Grant accused the government of ignoring rural bus routes.",
        "Fiona Grant",
        "the government of ignoring rural bus routes",
    ),
    _cue_case(
        "called-on",
        "Governor Rosa Delgado called on lawmakers to restore funding for rural clinics.",
        "Rosa Delgado",
        "lawmakers to restore funding for rural clinics",
    ),
    _cue_case(
        "according-to-after",
        "The number of empty shops in Pellborough has fallen by a fifth this year, "
        "according to mayor Anna Ruiz.",
        "Anna Ruiz",
        "The number of empty shops in Pellborough has fallen by a fifth this year",
    ),
    _cue_case(
        "according-to-before",
        "According to mayor Anna Ruiz, the number of empty shops in Pellborough has fallen by a fifth this year.",
        "Anna Ruiz",
        "the number of empty shops in Pellborough has fallen by a fifth this year",
    ),
]


def _without_that(fragment: str) -> str:
    """The fragment's words without a leading "that".

    PolNeAR, which the model learns from, keeps "that" in the content; the seed gold
    leaves it out. Either is accepted until the project settles on one.
    """
    stripped = words(fragment)
    return stripped[5:] if stripped.startswith("that ") else stripped


@pytest.mark.parametrize(("text", "speaker", "content"), INDIRECT_CASES)
def test_statements_indirect_cue_gives_speaker_and_reported_content(
    extractor: Extractor, text: str, speaker: str, content: str
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    statement = statement_with(doc, content)
    assert statement.kind == "indirect"
    assert speaker_name(statement) == speaker
    assert [_without_that(fragment) for fragment in fragments(doc, statement)] == [content]


# --------------------------------------------------------------------- mixed quotes

MIXED_CASES = [
    pytest.param(
        "Shadow housing minister Leo Hart visited Farnley on Thursday. "
        "He said the rent rise was \u201ca slap in the face\u201d for tenants.",
        "Leo Hart",
        "the rent rise was \u201ca slap in the face\u201d for tenants",
        id="said-curly",
    ),
    pytest.param(
        "The Green Party accused Ashby council of \"quietly shelving\" its plan for new cycle lanes.",
        "Green Party",
        'Ashby council of "quietly shelving" its plan for new cycle lanes',
        id="accused-straight",
    ),
    pytest.param(
        "Congresswoman Dana Whitfield said the new tariff plan was \u201creckless and unfunded\u201d "
        "and would hurt farmers in her district.",
        "Dana Whitfield",
        "the new tariff plan was \u201creckless and unfunded\u201d and would hurt farmers in her district",
        id="said-phrase-mid-sentence",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content"), MIXED_CASES)
def test_statements_quoted_phrase_inside_reported_speech_is_mixed(
    extractor: Extractor, text: str, speaker: str, content: str
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    statement = statement_with(doc, content)
    assert statement.kind == "mixed"
    assert speaker_name(statement) == speaker
    assert [_without_that(fragment) for fragment in fragments(doc, statement)] == [content]


# ------------------------------------------------------- organisations and groups

COLLECTIVE_CASES = [
    pytest.param(
        "The Department for Education said it would publish new guidance for schools in September.",
        "Department for Education",
        "organisation",
        "it would publish new guidance for schools in September",
        id="department",
    ),
    pytest.param(
        "The Home Office said the new border checks would start in the spring.",
        "Home Office",
        "organisation",
        "the new border checks would start in the spring",
        id="home-office",
    ),
    pytest.param(
        "Teachers and union leaders have been calling on ministers to raise pay in line with inflation.",
        "Teachers and union leaders",
        "group",
        "ministers to raise pay in line with inflation",
        id="group-calling-on",
    ),
    pytest.param(
        "Parents and governors have urged Ashby council to keep Hollins Primary School open.",
        "Parents and governors",
        "group",
        "Ashby council to keep Hollins Primary School open",
        id="group-urged",
    ),
]


@pytest.mark.parametrize(("text", "name", "speaker_type", "content"), COLLECTIVE_CASES)
def test_statements_organisation_and_group_speakers(
    extractor: Extractor, text: str, name: str, speaker_type: str, content: str
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    statement = statement_with(doc, content)
    assert statement.speaker is not None
    assert (statement.speaker.name, statement.speaker.type) == (name, speaker_type)
    assert [_without_that(fragment) for fragment in fragments(doc, statement)] == [content]


# -------------------------------------------------------------- speaker resolution

# (text, content of the statement, name, role, affiliation); role and affiliation are
# compared case-insensitively, as the seed evaluation compares them.
RESOLUTION_CASES = [
    pytest.param(
        "Council leader Mary Holt and her deputy, Owen Pryce, opened the new library in Brackford "
        "on Friday. She said the building would be open seven days a week.",
        "the building would be open seven days a week",
        "Mary Holt",
        "council leader",
        None,
        id="pronoun",
    ),
    pytest.param(
        "Home secretary Nadia Patel visited a police station in Harlow on Monday with local MP Tom "
        "Grey. Ms Patel said more officers would be sent to the town.",
        "more officers would be sent to the town",
        "Nadia Patel",
        "home secretary",
        None,
        id="honorific-surname",
    ),
    pytest.param(
        "Health secretary Jane Doe opened a clinic in Bexford on Monday with the local mayor. "
        "The health secretary said waiting lists would fall by next year.",
        "waiting lists would fall by next year",
        "Jane Doe",
        "health secretary",
        None,
        id="role-description",
    ),
    pytest.param(
        "Tom Reed, the Liberal Democrat candidate for Eastleigh, said the ferry service must be saved.",
        "the ferry service must be saved",
        "Tom Reed",
        "Liberal Democrat candidate for Eastleigh",
        "Liberal Democrat",
        id="appositive-role-and-party",
    ),
    pytest.param(
        "Labour's council leader Ann Cole said the town centre would be rebuilt.",
        "the town centre would be rebuilt",
        "Ann Cole",
        "council leader",
        "Labour",
        id="possessive-party-straight-apostrophe",
    ),
    pytest.param(
        "Labour\u2019s council leader Ann Cole said the town centre would be rebuilt.",
        "the town centre would be rebuilt",
        "Ann Cole",
        "council leader",
        "Labour",
        id="possessive-party-curly-apostrophe",
    ),
]


@pytest.mark.parametrize(("text", "content", "name", "role", "affiliation"), RESOLUTION_CASES)
def test_statements_speaker_resolved_with_role_and_affiliation(
    extractor: Extractor, text: str, content: str, name: str, role: str | None, affiliation: str | None
) -> None:
    doc = extractor(text)
    assert_spans_in_text(doc)
    speaker = statement_with(doc, content).speaker
    assert speaker is not None
    assert (speaker.name, speaker.type) == (name, "person")
    assert same_text(speaker.role, role), speaker.role
    assert same_text(speaker.affiliation, affiliation), speaker.affiliation


def test_statements_speaker_mentions_point_at_the_speaker(extractor: Extractor) -> None:
    text = (
        "Home secretary Nadia Patel visited a police station in Harlow on Monday. "
        "Ms Patel said more officers would be sent to the town. She said the station would stay open."
    )
    doc = extractor(text)
    assert_spans_in_text(doc)
    for content in ("more officers would be sent to the town", "the station would stay open"):
        speaker = statement_with(doc, content).speaker
        assert speaker is not None and speaker.name == "Nadia Patel"
        mentions = {doc.text[start:end] for start, end in speaker.mention_spans}
        assert {"Nadia Patel", "Ms Patel", "She"} <= mentions


# ------------------------------------------------------------------- no statement

PLAIN_TEXTS = [
    pytest.param(
        "The old mill in Ravensworth was built in 1820 and closed in 1968. Its red brick chimney can "
        "be seen from across the valley, and the building now houses a small museum and a caf\u00e9.",
        id="history",
    ),
    pytest.param(
        "Heavy rain caused flooding on the A614 near Thorncliffe on Sunday night. Two cars were "
        "stranded and the road was closed for six hours while crews pumped water from the carriageway.",
        id="weather",
    ),
    pytest.param(
        "Voters in Millbeck go to the polls on Thursday. The ward has been held by Labour since 2012, "
        "and four candidates are standing this year.",
        id="election-facts",
    ),
    pytest.param(
        "The health secretary arrived at Bexford clinic shortly after nine. Staff showed her round the "
        "new wards, and she met patients waiting for scans before leaving for London at noon.",
        id="visit",
        # PolNeAR annotates "show" as a cue ("polls show Clinton ahead"), and the model
        # takes "Staff showed her round" for one (p = 0.60).
        marks=pytest.mark.xfail(strict=True, reason="model reads 'showed' as a cue here"),
    ),
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_statements_none_without_attribution(extractor: Extractor, text: str) -> None:
    doc = extractor(text)
    assert doc.text == text
    assert doc.statements == (), [(speaker_name(s), fragments(doc, s)) for s in doc.statements]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"], ids=["empty", "spaces", "newlines"])
def test_statements_empty_text_gives_no_statements(extractor: Extractor, text: str) -> None:
    doc = extractor(text)
    assert doc.text == text
    assert doc.statements == ()


# ---------------------------------------------------------------------- boundaries

QUOTE_TEXTS = [pytest.param(case.values[0], id=case.id) for case in DIRECT_CASES + COLON_CASES]


@pytest.mark.parametrize("text", QUOTE_TEXTS)
def test_statements_boundary_content_does_not_start_with_separator(extractor: Extractor, text: str) -> None:
    """A fragment starts on a word or a quotation mark, not on blanks or the ``,``/``:`` before it."""
    doc = extractor(text)
    assert doc.statements
    for statement in doc.statements:
        for fragment in fragments(doc, statement):
            assert fragment[:1] not in (" ", "\n", *SEPARATORS), repr(fragment)
            assert not fragment[-1:].isspace(), repr(fragment)


def test_statements_source_stays_on_the_cue_line_after_a_headline(extractor: Extractor) -> None:
    # A headline has no full stop, so the parser runs it into the first sentence.
    text = "Hartley Warns Of Cuts To Rural Schools\n\nJane Hartley said the cuts would close three schools."
    doc = extractor(text)
    statement = statement_with(doc, "the cuts would close three schools")
    assert [text[start:end] for start, end in statement.source_spans] == ["Jane Hartley"]
    assert speaker_name(statement) == "Jane Hartley"


def test_statements_headline_content_stays_on_the_headline_line(extractor: Extractor) -> None:
    # Without a full stop the parser runs the headline into the dateline below it.
    text = (
        "Senate hopeful vows to cap insulin at $35 as race tightens\n\n"
        "COLUMBUS, Ohio (AP) \u2014 Corin Vale promised on Tuesday to cap the price of insulin."
    )
    doc = extractor(text)
    headline_end = text.index("\n")
    headline = [s for s in doc.statements if s.cue_spans and s.cue_spans[0][0] < headline_end]
    assert [fragments(doc, statement) for statement in headline] == [["to cap insulin at $35 as race tightens"]]


def test_statements_body_content_does_not_reach_back_into_the_headline(extractor: Extractor) -> None:
    text = (
        'Housing target "slipping away", warn builders\n\n'
        "Ministers' pledge to build 9,000 homes in Brackford by 2029 is at risk, the builders' federation has warned."
    )
    doc = extractor(text)
    statement = statement_with(doc, "is at risk")
    assert fragments(doc, statement) == ["Ministers' pledge to build 9,000 homes in Brackford by 2029 is at risk"]


def test_statements_participle_cue_takes_the_speaker_of_its_clause(extractor: Extractor) -> None:
    text = (
        "Gov. Ada Brisk signed a $310 billion budget on Friday but vetoed a school voucher program, "
        'calling it "a raid on public schools."'
    )
    doc = extractor(text)
    statement = statement_with(doc, "a raid on public schools")
    assert speaker_name(statement) == "Ada Brisk"


def test_statements_content_before_the_cue_stays_in_its_paragraph(extractor: Extractor) -> None:
    text = (
        "Gov. Ada Brisk signed a $310 billion state budget on Friday but vetoed a Republican-backed school voucher "
        'program, calling it "a raid on public schools."\n\n'
        '"Every dollar we send to private academies is a dollar taken from a classroom in Fresno or Oakland," '
        "Brisk said at a news conference."
    )
    doc = extractor(text)
    statement = statement_with(doc, "Every dollar we send")
    # The quotation of the paragraph above belongs to "calling", not to "said".
    assert min(start for start, _ in statement.content_spans) > text.index("\n\n")
