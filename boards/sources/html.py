"""Career pages without an API or JSON-LD: CSS selectors the user configures.

board.config = {
    "item": "li.job",            # one element per posting (required)
    "title": "a.title",          # within the item (default: the first link's text)
    "link": "a",                 # within the item; its href is the posting URL (default "a")
    "company": ".company",       # optional; default: the board's name
    "location": ".location",     # optional
    "next": "a[rel=next]",       # optional: the link to the next page
    "max_pages": 5,              # optional, 1–20
}
"""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError

from .base import Listing, Posting, ShapeError, SourceError
from .common import expect, fetch
from .jsonld import read_posting as read_jsonld_posting
from .normalize import clean_text, remote_from

MAX_PAGE = 5_000_000


def _select_text(node, selector: str | None) -> str:
    if not selector:
        return ""
    found = node.select_one(selector)
    return clean_text(found.get_text(" ")) if found else ""


def parse(body, board_token: str = "", *, config: dict, page_url: str, company: str = ""):
    """One page: (postings, next page URL or None)."""
    if isinstance(body, bytes):
        body = body[:MAX_PAGE].decode("utf-8", errors="replace")
    item_selector = config.get("item")
    expect(bool(item_selector), "an HTML board needs an item selector")
    soup = BeautifulSoup(body[:MAX_PAGE] if isinstance(body, str) else "", "lxml")
    try:
        items = soup.select(item_selector)
        postings = []
        for item in items:
            link = item.select_one(config.get("link") or "a")
            href = link.get("href") if link is not None else None
            title = _select_text(item, config.get("title")) or (
                clean_text(link.get_text(" ")) if link is not None else ""
            )
            if not title or not href:
                continue
            url = urljoin(page_url, href)
            if not url.startswith(("http://", "https://")):
                continue
            location = _select_text(item, config.get("location"))
            postings.append(
                Posting(
                    external_id="",
                    url=url,
                    title=title,
                    company=_select_text(item, config.get("company")) or company,
                    location=location,
                    remote=remote_from(location),
                )
            )
        next_link = soup.select_one(config["next"]) if config.get("next") else None
    except SelectorSyntaxError as exc:
        raise ShapeError(f"a CSS selector of this board is invalid: {exc}") from exc
    next_href = next_link.get("href") if next_link is not None else None
    return postings, urljoin(page_url, next_href) if next_href else None


def list_postings(board) -> Listing:
    config = board.config if isinstance(board.config, dict) else {}
    expect(bool(board.url), "an HTML board needs the URL of its list page")
    max_pages = max(1, min(int(config.get("max_pages") or 5), 20))
    listing, url, seen = Listing(), board.url, set()
    for page in range(max_pages):
        if not url or url in seen:
            break
        seen.add(url)
        try:
            response = fetch("GET", url)
        except SourceError as exc:
            if page == 0:
                raise
            listing.complete = False
            listing.warnings.append(f"{url}: {exc}")
            break
        postings, url = parse(
            response.content, config=config, page_url=response.url, company=board.name
        )
        listing.postings.extend(postings)
    else:
        if url and url not in seen:
            listing.complete = False  # more pages than we were allowed to read
            listing.warnings.append(f"stopped after {max_pages} pages")
    return listing


def read_posting(url: str) -> Posting | None:
    return read_jsonld_posting(url)
