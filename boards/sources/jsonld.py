"""schema.org JobPosting in JSON-LD: the generic source, and the extractor for any page.

`extract_posting(html, url)` is total: for any input it returns a Posting or None, never
raises, and reads at most MAX_PAGE characters. It prefers JSON-LD (what Google for Jobs
reads), then falls back to OpenGraph and headings.
"""

import json
import logging
import re

from lxml import etree
from lxml import html as lxml_html

from .base import Listing, Posting, ShapeError, SourceError
from .common import fetch
from .normalize import (
    clean_text,
    html_to_text,
    join_location,
    parse_date,
    parse_salary,
    period_from,
    remote_from,
    sanitize_html,
    to_decimal,
)

logger = logging.getLogger(__name__)

MAX_PAGE = 3_000_000  # characters of a page considered
MAX_BLOCK = 500_000  # characters of one JSON-LD block
MAX_NODES = 2_000  # JSON-LD objects walked per page
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _loads(text: str):
    text = text.strip()
    if not text or len(text) > MAX_BLOCK:
        return None
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate)
        except (ValueError, RecursionError):
            continue
    return None


def _document(page):
    if isinstance(page, bytes):
        page = page[:MAX_PAGE].decode("utf-8", errors="replace")
    if not isinstance(page, str) or not page.strip():
        return None
    page = page[:MAX_PAGE]
    try:
        return lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def iter_jsonld(doc):
    """Every JSON-LD object on the page, including @graph members and list items."""
    seen = 0
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        data = _loads(script.text or "")
        stack = [data]
        while stack and seen < MAX_NODES:
            node = stack.pop(0)
            seen += 1
            if isinstance(node, list):
                stack.extend(node[:MAX_NODES])
            elif isinstance(node, dict):
                graph = node.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph[:MAX_NODES])
                yield node


def _is_job_posting(node: dict) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.split("/")[-1] == "JobPosting" for k in kinds)


def _text(value) -> str:
    if isinstance(value, dict):
        return clean_text(value.get("name") or value.get("@value") or "")
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return clean_text(value) if isinstance(value, (str, int, float)) else ""


def _location(node: dict) -> str:
    places = node.get("jobLocation")
    places = places if isinstance(places, list) else [places]
    names = []
    for place in places[:20]:
        if not isinstance(place, dict):
            if isinstance(place, str):
                names.append(clean_text(place, 200))
            continue
        address = place.get("address")
        if isinstance(address, dict):
            names.append(
                join_location(
                    address.get("addressLocality"),
                    address.get("addressRegion"),
                    _text(address.get("addressCountry")),
                )
            )
        elif isinstance(address, str):
            names.append(clean_text(address, 200))
        elif place.get("name"):
            names.append(_text(place.get("name")))
    return "; ".join(n for n in names if n)[:500]


def _salary(node: dict):
    salary = node.get("baseSalary") or node.get("estimatedSalary")
    if isinstance(salary, list):
        salary = salary[0] if salary else None
    if isinstance(salary, (str, int, float)) and not isinstance(salary, bool):
        return parse_salary(str(salary))
    if not isinstance(salary, dict):
        return None, None, "", ""
    currency = _text(salary.get("currency")).upper()[:3]
    value = salary.get("value")
    if isinstance(value, dict):
        low = to_decimal(value.get("minValue") or value.get("value"))
        high = to_decimal(value.get("maxValue"))
        period = period_from(value.get("unitText"))
    else:
        low, high, period = to_decimal(value), None, period_from(salary.get("unitText"))
    if high is not None and low is not None and high < low:
        low, high = high, low
    return low, high, currency if currency.isalpha() else "", period


def posting_from_jsonld(node: dict, url: str) -> Posting | None:
    """A Posting from one schema.org JobPosting object (None without a title)."""
    if not isinstance(node, dict):
        return None
    title = _text(node.get("title") or node.get("name"))
    if not title:
        return None
    org = node.get("hiringOrganization")
    identifier = node.get("identifier")
    external_id = ""
    if isinstance(identifier, dict):
        external_id = _text(identifier.get("value"))
    elif isinstance(identifier, (str, int)):
        external_id = str(identifier)
    description = node.get("description") if isinstance(node.get("description"), str) else ""
    low, high, currency, period = _salary(node)
    employment = node.get("employmentType")
    if isinstance(employment, list):
        employment = ", ".join(str(e) for e in employment if isinstance(e, str))
    location_type = node.get("jobLocationType")
    page_url = node.get("url") if isinstance(node.get("url"), str) else ""
    return Posting(
        external_id=external_id[:300],
        url=page_url if page_url.startswith(("http://", "https://")) else url,
        title=title[:500],
        company=_text(org)[:300],
        location=_location(node),
        remote=remote_from(location_type, node.get("applicantLocationRequirements") and "remote"),
        employment_type=clean_text(employment or "", 64).replace("_", " ").lower(),
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=period,
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
        posted_at=parse_date(node.get("datePosted")),
    )


def postings_in(doc, url: str) -> list[Posting]:
    found = []
    for node in iter_jsonld(doc):
        if _is_job_posting(node):
            posting = posting_from_jsonld(node, url)
            if posting:
                found.append(posting)
    return found


def _fallback(doc, url: str) -> Posting | None:
    """OpenGraph and headings, for pages without JobPosting markup."""

    def meta(name: str) -> str:
        values = doc.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
        return clean_text(values[0]) if values else ""

    headings = doc.xpath("//h1")
    h1 = clean_text(headings[0].text_content()) if headings else ""
    title = h1 or meta("og:title")
    if not title:
        titles = doc.xpath("//title")
        title = clean_text(titles[0].text_content()) if titles else ""
    if not title:
        return None
    company = meta("og:site_name")
    description = meta("og:description") or meta("description")
    return Posting(
        external_id="",
        url=url,
        title=title[:500],
        company=company[:300],
        description_html=sanitize_html(f"<p>{description}</p>") if description else "",
        description_text=description,
    )


def extract_posting(page, url: str) -> Posting | None:
    """The posting on a page: JSON-LD first, else OpenGraph/headings; None if nothing."""
    return read_page(page, url)[0]


def read_page(page, url: str) -> tuple[Posting | None, str]:
    """(posting, how it was read): "jsonld" for JobPosting markup, "page" for the OpenGraph
    and headings fallback, "" when nothing was found."""
    try:
        doc = _document(page)
        if doc is None:
            return None, ""
        found = postings_in(doc, url)
        if found:
            return found[0], "jsonld"
        posting = _fallback(doc, url)
        return posting, "page" if posting else ""
    except Exception:  # a page is hostile input; report "nothing found", never crash a task
        logger.warning("posting extraction failed url=%s", url, exc_info=True)
        return None, ""


# --- as a board source: pages that list JobPostings ---------------------------------------------


def parse(body, board_token: str = "", url: str = "") -> list[Posting]:
    doc = _document(body)
    if doc is None:
        raise ShapeError("the page is empty or not HTML")
    return postings_in(doc, url)


def _pages(board) -> list[str]:
    urls = board.config.get("urls") if isinstance(board.config, dict) else None
    pages = [u for u in (urls or []) if isinstance(u, str)] or [board.url]
    return [p for p in pages if p]


def list_postings(board) -> Listing:
    pages = _pages(board)
    if not pages:
        raise SourceError("this board has no page URL to read")
    listing, errors = Listing(), []
    for page_url in pages:
        try:
            response = fetch("GET", page_url)
            listing.postings.extend(parse(response.content, board.token, response.url))
        except SourceError as exc:
            errors.append(f"{page_url}: {exc}")
    if len(errors) == len(pages):
        raise SourceError("; ".join(errors))
    if errors:  # some pages read: keep what was found, but close nothing on this scan
        listing.complete = False
        listing.warnings.extend(errors)
    return listing


def read_posting(url: str) -> Posting | None:
    return fetch_page(url)[0]


def fetch_page(url: str) -> tuple[Posting | None, str]:
    """Fetch a posting's page and read it (see read_page)."""
    response = fetch("GET", url)
    return read_page(response.content, response.url)
