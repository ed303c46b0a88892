"""What a careers page says about itself, read once when a board is added by its URL: its
name, how many schema.org JobPostings it carries, and which known ATS board it embeds or
links to (many company careers pages are a Greenhouse or Lever board in an iframe)."""

from dataclasses import dataclass
from urllib.parse import urljoin

from .base import ShapeError
from .common import fetch
from .detect import Detected, detect
from .jsonld import _document, postings_in
from .normalize import clean_text

MAX_LINKS = 2_000  # links, iframes and scripts looked at for an embedded ATS board


@dataclass
class CareersPage:
    url: str  # after redirects
    site_name: str = ""  # og:site_name
    title: str = ""  # <title>, else og:title
    company: str = ""  # the hiring organization of the first posting
    postings: int = 0  # schema.org JobPostings on the page
    ats: Detected | None = None  # a known ATS board (with its token) the page embeds


def _meta(doc, name: str) -> str:
    values = doc.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    return clean_text(values[0], 200) if values else ""


def embedded_board(doc, base_url: str) -> Detected | None:
    """The first link, iframe or script on the page that names a known ATS board."""
    for link in doc.xpath("//a/@href | //iframe/@src | //script/@src")[:MAX_LINKS]:
        try:
            found = detect(urljoin(base_url, str(link)))
        except ValueError:
            continue
        if found.kind and found.board_token:
            return found
    return None


def read_careers_page(url: str) -> CareersPage:
    """Fetch and read the page. Raises SourceError (with a reason a person can read)."""
    response = fetch("GET", url)
    doc = _document(response.content)
    if doc is None:
        raise ShapeError("the page is empty or not HTML")
    postings = postings_in(doc, response.url)
    titles = doc.xpath("//title")
    title = clean_text(titles[0].text_content(), 200) if titles else ""
    return CareersPage(
        url=response.url,
        site_name=_meta(doc, "og:site_name"),
        title=title or _meta(doc, "og:title"),
        company=next((p.company for p in postings if p.company), ""),
        postings=len(postings),
        ats=None if postings else embedded_board(doc, response.url),
    )
