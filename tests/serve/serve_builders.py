"""Hand-made articles and a stand-in extractor for the serve tests."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

# The store tests' builders (write a text, name the phrases, get the spans) serve here too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_builders import article, said, span  # noqa: E402

from onrecord.types import Document, Pledge, Speaker, Statement  # noqa: E402

TOKEN = "s3cret-token"
HUSTINGS = (
    "Buses dominate Eastmere hustings\n\n"
    "Sarah Whitfield said the Liberal Democrats would restore the evening buses if they win the council. "
    "Tom Ashby said the money was not there."
)
SCRIPTED = (
    'Council site hacked <script>alert("owned")</script>\n\n'
    'Ms Whitfield said the page showed <script>alert("owned")</script> to readers. '
    "Mr Ashby said the council would fix it."
)
FOLLOW_UP = "Sarah Whitfield said the evening buses would come back within a year."


def _hustings() -> Document:
    pledge = Pledge("Liberal Democrats", "organisation", (span(HUSTINGS, "restore the evening buses"),),
                    condition_spans=(span(HUSTINGS, "if they win the council"),))
    whitfield = said(HUSTINGS, "the Liberal Democrats would restore the evening buses if they win the council",
                     "Sarah Whitfield", role="candidate", affiliation="Liberal Democrats")
    return article(
        "hustings", HUSTINGS, dataclasses.replace(whitfield, pledge=pledge),
        said(HUSTINGS, "the money was not there", "Tom Ashby", affiliation="Labour"),
        url="https://gazette.example/hustings", title="Buses dominate Eastmere hustings", outlet="Gazette",
        date="2024-05-01",
    )


def _scripted() -> Document:
    return article(
        "scripted", SCRIPTED,
        said(SCRIPTED, 'the page showed <script>alert("owned")</script> to readers', "Sarah Whitfield",
             mentions=("Ms Whitfield",)),
        said(SCRIPTED, "the council would fix it", "<b>Ashby</b>", mentions=("Mr Ashby",)),
        title='Council site hacked <script>alert("owned")</script>', outlet="Echo", date="2024-05-03",
    )


def _follow_up() -> Document:
    return article("follow-up", FOLLOW_UP,
                   said(FOLLOW_UP, "the evening buses would come back within a year", "Sarah Whitfield"),
                   outlet="Gazette", date="2024-05-08")


def record_documents() -> list[Document]:
    """The three articles of the serve tests' record."""
    return [_hustings(), _scripted(), _follow_up()]


class OneStatementExtractor:
    """A stand-in for the model: the whole text is one direct statement of ``speaker``; counts its runs."""

    def __init__(self, speaker: str = "Sarah Whitfield") -> None:
        self.speaker = speaker
        self.runs = 0

    def __call__(self, text: str, doc_id: str = "doc") -> Document:
        self.runs += 1
        who = Speaker(self.speaker, "person", None, "Liberal Democrats", ())
        statement = Statement("direct", (), (), ((0, len(text)),), who, 0.9)
        return Document(doc_id=doc_id, text=text, statements=(statement,))
