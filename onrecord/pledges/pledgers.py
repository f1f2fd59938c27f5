"""Who a commitment binds: the speaker personally, or the party, government or body they speak for.

The annotation convention (``shared/data/seed/README.md``): the pledger is the person
when they commit personally ("I will"), otherwise the party, government or
organisation that would act ("we will" from a Labour politician is the Labour Party's
pledge; "the Tory government was committed" is the UK Government's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from onrecord.attribute import lexicon_speakers as speaker_lex
from onrecord.pledges import lexicon as lex
from onrecord.types import Speaker, SpeakerType

_PARTIES_BY_AFFILIATION = {party.affiliation.casefold(): party for party in speaker_lex.PARTY_FORMS.values()}
_PARTY_NAMES = frozenset(party.name for party in speaker_lex.PARTY_FORMS.values())


@dataclass(frozen=True, slots=True)
class Pledger:
    """A resolved pledger; ``hypothetical`` when named as a future government ("a Labour government")."""

    name: str
    type: SpeakerType
    hypothetical: bool = False


UK_GOVERNMENT = Pledger(speaker_lex.UK_GOVERNMENT, "organisation")


class PledgerResolver:
    """Resolve the agent of a commitment against the statement's speaker and the article's people."""

    def __init__(self, speakers: Iterable[Speaker | None], *, uk_context: bool = True) -> None:
        """``uk_context`` says the text is about UK politics (see ``has_uk_evidence``): only
        then do "the government", departments and ministers stand for the UK Government."""
        self._uk_context = uk_context
        self._people: dict[str, Speaker] = {}
        for speaker in speakers:
            if speaker is not None and speaker.type == "person":
                self._people.setdefault(speaker.name.casefold(), speaker)
                self._people.setdefault(speaker.name.split()[-1].casefold(), speaker)

    def represented(self, speaker: Speaker | None) -> Pledger | None:
        """The body ``speaker`` commits for when not speaking personally ("we", "she pledged").

        A party or government body stands for itself (a department for the UK
        Government); a person for their government when they hold a government office,
        else for their party or organisation, else for themselves.
        """
        if speaker is None:
            return None
        if speaker.type != "person":
            if self._uk_context and _is_government_body(speaker.name):
                return UK_GOVERNMENT
            return Pledger(speaker.name, speaker.type)
        if _holds_government_office(speaker.role):
            # An office outside the UK (an Ohio secretary of state) binds its holder.
            return UK_GOVERNMENT if self._uk_context else Pledger(speaker.name, "person")
        if speaker.affiliation:
            party = _PARTIES_BY_AFFILIATION.get(speaker.affiliation.casefold())
            return Pledger(party.name if party else speaker.affiliation, "organisation")
        return Pledger(speaker.name, "person")

    def resolve(self, head: Token, speaker: Speaker | None, *, reported: bool = True) -> Pledger | None:
        """Resolve the noun phrase headed by ``head`` (a subject or possessor) to a pledger, if any.

        ``reported`` says the words are reported speech, where "he" or "she" is the speaker;
        in a quotation they are someone else.
        """
        lower = head.lower_
        if lower in lex.FIRST_PERSON_SINGULAR:
            if speaker is not None and speaker.type == "person":
                return Pledger(speaker.name, "person")
            return self.represented(speaker)
        if lower in lex.FIRST_PERSON_PLURAL:
            return self.represented(speaker)
        if lower in lex.THIRD_PERSON_PERSONAL:
            # Reported "he would" is the speaker's own "I will": the person commits.
            return Pledger(speaker.name, "person") if reported and speaker is not None and speaker.type == "person" else None
        if lower in lex.THIRD_PERSON_NEUTER:
            return self.represented(speaker) if speaker is not None and speaker.type == "organisation" else None
        if lower in speaker_lex.GOVERNMENT_HEADS:
            return self._government(head, speaker)
        return self._named(head, speaker)

    def compatible(self, pledger: Pledger, speaker: Speaker | None) -> bool:
        """Whether ``speaker`` can commit for ``pledger`` (a Tory saying "Labour will" cannot)."""
        if speaker is None:
            return True
        represented = self.represented(speaker)
        return pledger.name in {speaker.name, represented.name if represented else None}

    def _government(self, head: Token, speaker: Speaker | None) -> Pledger | None:
        """"the government" is the UK Government; "a Labour government" is the party's future one."""
        modifiers = _premodifiers(head)
        words = {token.lower_ for token in modifiers}
        hypothetical = bool(words & (lex.HYPOTHETICAL_DETERMINERS | lex.HYPOTHETICAL_MODIFIERS))
        for word, name in lex.DEVOLVED_GOVERNMENTS.items():
            if word in words:
                return Pledger(name, "organisation")
        if not hypothetical:
            return UK_GOVERNMENT if self._uk_context else Pledger(speaker_lex.GENERIC_GOVERNMENT, "organisation")
        party = _party_in(modifiers)
        if party is not None:
            return Pledger(party, "organisation", hypothetical=True)
        # "a Keir Starmer government": led by someone the text does not place in a party;
        # a speaker promising it speaks for that party.
        represented = self.represented(speaker)
        if represented is not None and represented.name in _PARTY_NAMES:
            return Pledger(represented.name, "organisation", hypothetical=True)
        return None

    def _named(self, head: Token, speaker: Speaker | None) -> Pledger | None:
        """A party, government body, known person or organisation named by the phrase."""
        phrase = [token for token in _premodifiers(head) if token.lower_ not in speaker_lex.LEADING_DETERMINERS]
        phrase.append(head)
        party = _party_in(phrase)
        if party is not None:
            return Pledger(party, "organisation")
        name = " ".join(token.text for token in phrase)
        if head.lower_ == "party":
            represented = self.represented(speaker)
            return represented if represented is not None and represented.name in _PARTY_NAMES else None
        if _is_government_body(name):
            return UK_GOVERNMENT if self._uk_context else Pledger(name, "organisation")
        if head.ent_type_ == "PERSON" or (head.tag_ == "NNP" and head.lower_ in self._people):
            person = self._people.get(name.casefold()) or self._people.get(head.lower_)
            if person is not None:
                return self.represented(person)
            return Pledger(name, "person") if head.ent_type_ == "PERSON" else None
        if head.ent_type_ == "ORG":
            if speaker is not None and name.casefold() == speaker.name.casefold():
                return self.represented(speaker)
            return Pledger(name, "organisation")
        if head.lower_ in speaker_lex.ORG_DESCRIPTORS and speaker is not None and speaker.type != "person":
            return self.represented(speaker)  # "the company said it would"
        return None


def has_uk_evidence(text: str, speakers: Iterable[Speaker | None]) -> bool:
    """Whether ``text`` is about UK politics: a UK government phrase ("Downing Street",
    "the Tory government") or a speaker of a UK party."""
    if lex.UK_GOVERNMENT_EVIDENCE.search(text):
        return True
    parties = (_PARTIES_BY_AFFILIATION.get(s.affiliation.casefold()) for s in speakers if s is not None and s.affiliation)
    return any(party is not None and party.uk for party in parties)


def _premodifiers(head: Token) -> list[Token]:
    """The words before ``head`` in its phrase ("a Liberal Democrat" of "a Liberal Democrat government")."""
    return list(head.doc[head.left_edge.i : head.i])


def _party_in(tokens: list[Token]) -> str | None:
    """The canonical party named by a run of the phrase's words ("Tory", "Lib Dems")."""
    words = [token.lower_ for token in tokens]
    for length in range(min(speaker_lex.PARTY_MAX_TOKENS, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            party = speaker_lex.PARTY_FORMS.get(tuple(words[start : start + length]))
            if party is not None:
                return party.name
    return None


def _is_government_body(name: str) -> bool:
    """Whether ``name`` is a UK government department or the government itself."""
    lower = name.casefold().removeprefix("the ")
    return lower in lex.GOVERNMENT_BODIES or lower.startswith(lex.GOVERNMENT_BODY_PREFIXES)


def _holds_government_office(role: str | None) -> bool:
    """A minister, secretary of state or chancellor, not a shadow or former one."""
    if not role:
        return False
    words = set(role.casefold().replace("-", " ").split())
    return bool(words & lex.GOVERNMENT_ROLE_WORDS) and not words & lex.NON_GOVERNMENT_ROLE_WORDS

