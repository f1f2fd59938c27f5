"""The JSON API's request and response models: the store's typed rows, as OpenAPI documents them.

Responses are built from each row's ``to_dict()`` (the one JSON form shared with the
CLI and the exports) plus the links a client follows next.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from onrecord.store.models import PLEDGE_STATUSES

StatementKind = Literal["direct", "indirect", "mixed"]
EntityType = Literal["person", "organisation", "group"]
PledgeStatus = Literal[PLEDGE_STATUSES]  # type: ignore[valid-type]
Item = TypeVar("Item", bound=BaseModel)
# Row ids are 64-bit integers in SQLite and PostgreSQL: a larger number names no row and
# overflows the database driver.
MAX_ID = 2**63 - 1
WEB_SCHEMES = frozenset({"http", "https"})


def is_web_url(url: object) -> bool:
    """Whether ``url`` is an absolute http(s) URL: the only kind a page links to (never ``javascript:``)."""
    if not isinstance(url, str):
        return False
    try:
        # strip() and urlsplit drop the spaces and control characters a browser ignores ("java\tscript:").
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in WEB_SCHEMES and bool(parts.netloc)


class StatementOut(BaseModel):
    """One statement with its resolved speaker, its article and the link to its evidence."""

    id: int
    kind: StatementKind
    content: str = Field(description="The words said, content spans joined by ' … '.")
    cue: str
    confidence: float
    speaker: str | None = Field(description="The resolved entity's name; null when unattributed.")
    speaker_id: int | None
    speaker_as_written: str | None
    role: str | None
    party: str | None
    article_id: int
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date
    pledge_id: int | None
    spans: dict[str, list[list[int]]] = Field(
        description="[start, end) code-point offsets into the article text: source, cue, content, mentions, figures."
    )
    evidence: str = Field(description="The article page, scrolled to this statement's highlighted words.")


class PersonOut(BaseModel):
    """A person, organisation or group with what the record knows of them."""

    id: int
    name: str
    type: EntityType
    party: str | None
    roles: list[str]
    affiliations: list[str]
    aliases: list[str]
    statements: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    statements_url: str


class ArticleOut(BaseModel):
    """One article version, without its text."""

    id: int
    key: str
    version: int
    doc_id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date
    date_from: Literal["metadata", "ingest"]
    superseded: bool
    statements: int
    page: str = Field(description="The article's web page.")


class ArticleTextOut(ArticleOut):
    """One article version with its exact text and every statement in it."""

    text: str
    sha256: str
    current_id: int | None = Field(description="The current version's id when this one is superseded.")
    statement_list: list[StatementOut] = Field(description="Every statement found in the text, in text order.")


class MentionOut(BaseModel):
    """One entry of a pledge's timeline."""

    kind: Literal["made", "reaffirmed", "contradicted"]
    statement_id: int
    speaker: str | None
    content: str
    article_id: int
    title: str | None
    url: str | None
    published: dt.date
    evidence: str


class StatusChangeOut(BaseModel):
    """One change of a pledge's status."""

    old_status: str
    new_status: str
    changed_by: str
    note: str | None
    changed_at: dt.datetime


class PledgeOut(BaseModel):
    """A pledge with its timeline (oldest first) and its status history."""

    id: int
    pledger: str
    action: str
    condition: str | None
    target: str | None
    status: str
    first_seen: dt.date
    last_seen: dt.date
    timeline: list[MentionOut]
    history: list[StatusChangeOut]


class PageOut(BaseModel, Generic[Item]):
    """One page of a listing; follow ``next`` until it is null."""

    items: list[Item]
    page: int
    per_page: int
    next: str | None = Field(description="The next page's URL; null on the last page.")
    previous: str | None


class IngestIn(BaseModel):
    """An article to analyse and store; the metadata keys are those of a JSON Lines input."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text, as plain text.")
    doc_id: str | None = Field(None, min_length=1, description="Defaults to the URL, else a hash of the text.")
    url: str | None = Field(None, description="Where the article was published: an http:// or https:// URL.")
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD); the ingest date if absent.")

    @field_validator("url")
    @classmethod
    def _web_url(cls, url: str | None) -> str | None:
        """Refuse ``javascript:``, ``data:`` and relative URLs: the article page links to this one."""
        if url is not None and not is_web_url(url):
            raise PydanticCustomError("url_scheme", "must be an absolute http:// or https:// URL")
        return url


class IngestOut(BaseModel):
    """What storing the article did."""

    doc_id: str
    status: Literal["added", "unchanged", "new version"]
    article_id: int
    version: int
    statements: int
    pledges: int
    article: str = Field(description="The stored article in the API.")
    page: str


class MergeIn(BaseModel):
    """Merge entity ``other_id`` into the entity of the URL."""

    model_config = ConfigDict(extra="forbid")

    other_id: int = Field(ge=1, le=MAX_ID)
    by: str = Field(min_length=1, description="Who merges, kept in the audit trail.")
    note: str | None = None


class StatusIn(BaseModel):
    """A new status for a pledge, with who set it and why."""

    model_config = ConfigDict(extra="forbid")

    status: PledgeStatus
    by: str = Field(min_length=1, description="Who changes the status, kept in the history.")
    note: str | None = Field(None, description="Why, with a source if there is one.")


class ErrorOut(BaseModel):
    """Every error response: a one-line message and, for invalid input, each problem."""

    ok: Literal[False] = False
    status: int
    error: str = Field(description="One line saying what is wrong and how to fix it.")
    detail: str = Field(description="The same message (FastAPI's usual key).")
    errors: list[dict[str, object]] = Field(default_factory=list)
