"""Find the article text of an HTML page, and its title and URL, with trafilatura."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field

import trafilatura

LOGGER = logging.getLogger(__name__)

# Metadata fields copied from trafilatura's result when present, in output order.
METADATA_FIELDS = ("title", "author", "date", "url", "sitename")
# When no article is found, trafilatura's last-resort baseline returns whatever text the
# body has, such as "Home News" from a menu. Fewer words than this is not an article: the
# shortest news brief is longer, and a menu or a cookie notice is usually shorter.
MIN_ARTICLE_WORDS = 10


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """The main text of a page (offsets refer to it) and the page's metadata."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def find_article(markup: bytes | str, origin: str) -> HtmlArticle | None:
    """Extract the main article text of an HTML page.

    Comments, tables, images and links are left out and trafilatura is asked to favour
    precision: a missed paragraph costs less than a menu or a caption mistaken for a quote.

    Args:
        markup (bytes | str): the page; bytes are decoded by trafilatura from the page's
            declared or detected charset.
        origin (str): where the page came from, for log messages.

    Returns:
        HtmlArticle | None: the article, or None when the page has no article text (or
        fewer than ``MIN_ARTICLE_WORDS`` words of it).
    """
    document = trafilatura.bare_extraction(
        markup,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        LOGGER.debug("%s: no article text (trafilatura found %r)", origin, text)
        return None
    metadata = {
        name: value for name in METADATA_FIELDS if isinstance(value := getattr(document, name, None), str) and value
    }
    # trafilatura.extract() NFC-normalises its text output; bare_extraction does not, and
    # we want the same text a user would get from trafilatura's own CLI.
    return HtmlArticle(text=unicodedata.normalize("NFC", text), metadata=metadata)
