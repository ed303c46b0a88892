"""Teamtailor JSON feed: GET https://{company}.teamtailor.com/jobs.json (items carry JSON-LD)."""

import re

from .base import Listing, Posting
from .common import expect, fetch, fetch_json, load_json, parse_items, require_dict, require_list
from .detect import detect
from .jsonld import extract_posting, posting_from_jsonld
from .normalize import api_base, clean_text, html_to_text, parse_date, sanitize_html

KIND = "teamtailor"
DEFAULT_BASE = "https://{token}.teamtailor.com"


def _posting(item: dict, board_token: str) -> Posting | None:
    url = item.get("url") or ""
    posting = posting_from_jsonld(item.get("_jobposting") or {}, url)
    if posting is None:
        content = item.get("content_html") or ""
        posting = Posting(
            external_id="",
            url=url,
            title=clean_text(item.get("title")),
            description_html=sanitize_html(content),
            description_text=html_to_text(content),
        )
    found = re.search(r"/jobs/(\d+)", url)
    posting.external_id = found.group(1) if found else posting.external_id or str(item["id"])
    posting.url = url or posting.url
    posting.company = posting.company or board_token
    posting.posted_at = posting.posted_at or parse_date(item.get("date_published"))
    if not posting.description_html and item.get("content_html"):
        posting.description_html = sanitize_html(item["content_html"])
        posting.description_text = html_to_text(item["content_html"])
    return posting


def parse(body, board_token: str) -> list[Posting]:
    data = require_dict(load_json(body), "Teamtailor")
    items = require_list(data, "items", "Teamtailor")
    return parse_items(items, lambda item: _posting(item, board_token))


def _base(token: str) -> str:
    return api_base(KIND, DEFAULT_BASE).format(token=token)


def list_postings(board) -> Listing:
    expect(bool(board.token), "a Teamtailor board needs its company subdomain")
    return Listing(parse(fetch_json(f"{_base(board.token)}/jobs.json"), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token:
        return None
    response = fetch("GET", url)
    posting = extract_posting(response.content, response.url)
    if posting and found.job_id:
        posting.external_id = found.job_id
    return posting
