"""Helpers shared by the source modules: fetching with readable errors, shape checks."""

import json
from collections.abc import Callable

from boards import http

from .base import Listing, Posting, ShapeError, SourceError


def fetch(method: str, url: str, **kwargs) -> http.Response:
    """Fetch through the guarded HTTP module; failures become SourceError with the reason."""
    try:
        return http.request(method, url, **kwargs)
    except http.HTTPStatusError as exc:
        if exc.status == 404:
            raise SourceError(f"{url} was not found (404): check the board's token") from exc
        raise SourceError(str(exc)) from exc
    except http.FetchError as exc:
        raise SourceError(str(exc)) from exc


def fetch_json(url: str, *, method: str = "GET", **kwargs):
    response = fetch(method, url, **kwargs)
    try:
        return response.json()
    except http.FetchError as exc:
        raise ShapeError(
            f"{url} did not answer with JSON (content type {response.content_type or 'unknown'})"
        ) from exc


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise ShapeError(message)


def require_dict(body, what: str) -> dict:
    expect(isinstance(body, dict), f"{what}: expected a JSON object, got {type(body).__name__}")
    return body


def require_list(container: dict, key: str, what: str) -> list:
    value = container.get(key)
    expect(isinstance(value, list), f"{what}: the response has no '{key}' list")
    return value


def load_json(body):
    """Parse a body (bytes/str/already-parsed) as JSON or raise ShapeError."""
    if isinstance(body, (dict, list)):
        return body
    try:
        return json.loads(body)
    except (TypeError, ValueError) as exc:
        raise ShapeError(f"the response is not valid JSON: {exc}") from exc
    except RecursionError as exc:  # "[[[[…" a hundred thousand deep
        raise ShapeError("the response is JSON nested too deeply to read") from exc


def parse_items(items: list, make: Callable[[dict], Posting | None]) -> list[Posting]:
    """Map each item; an item of the wrong shape is skipped, a list of only bad ones is drift."""
    postings, bad = [], 0
    for item in items:
        if not isinstance(item, dict):
            bad += 1
            continue
        try:
            posting = make(item)
        except (KeyError, TypeError, ValueError, AttributeError):
            bad += 1
            continue
        if posting is not None and posting.title:
            postings.append(posting)
        else:
            bad += 1
    expect(not (items and not postings), f"none of the {len(items)} items had the expected fields")
    return postings


def paged(read_page: Callable[[int], tuple[list[Posting], bool]], max_pages: int) -> Listing:
    """Read pages 0, 1, … with `read_page(index) -> (postings, last_page)`.

    A failure on the first page is the scan's failure; on a later page it keeps what was read
    and marks the listing incomplete (so nothing gets closed), as does hitting `max_pages`.
    """
    listing = Listing()
    for index in range(max_pages):
        try:
            postings, last = read_page(index)
        except SourceError as exc:
            if index == 0:
                raise
            listing.complete = False
            listing.warnings.append(f"page {index + 1}: {exc}")
            return listing
        listing.postings.extend(postings)
        if last or not postings:
            return listing
    listing.complete = False
    listing.warnings.append(f"stopped after {max_pages} pages")
    return listing
