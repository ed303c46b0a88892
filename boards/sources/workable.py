"""Workable widget API: GET /api/v1/widget/accounts/{account}?details=true."""

from .base import Listing, Posting
from .common import expect, fetch_json, load_json, parse_items, require_dict, require_list
from .detect import detect
from .normalize import (
    api_base,
    clean_text,
    html_to_text,
    join_location,
    parse_date,
    remote_from,
    sanitize_html,
)

KIND = "workable"
DEFAULT_BASE = "https://apply.workable.com"


def _posting(item: dict, board_token: str, company: str) -> Posting:
    description = item.get("description") or ""
    return Posting(
        external_id=str(item["shortcode"]),
        url=item.get("url") or f"https://apply.workable.com/{board_token}/j/{item['shortcode']}/",
        title=clean_text(item.get("title")),
        company=company or board_token,
        location=join_location(item.get("city"), item.get("state"), item.get("country")),
        remote=remote_from(item.get("telecommuting") or None, item.get("workplace_type")),
        employment_type=clean_text(item.get("employment_type"), 64),
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
        posted_at=parse_date(item.get("published_on") or item.get("created_at")),
    )


def parse(body, board_token: str) -> list[Posting]:
    data = require_dict(load_json(body), "Workable")
    jobs = require_list(data, "jobs", "Workable")
    company = clean_text(data.get("name"))
    return parse_items(jobs, lambda item: _posting(item, board_token, company))


def list_postings(board) -> Listing:
    expect(bool(board.token), "a Workable board needs its account name")
    url = f"{api_base(KIND, DEFAULT_BASE)}/api/v1/widget/accounts/{board.token}"
    return Listing(parse(fetch_json(url, params={"details": "true"}), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    api = f"{api_base(KIND, DEFAULT_BASE)}/api/v1/widget/accounts/{found.board_token}"
    data = require_dict(fetch_json(api, params={"details": "true"}), "Workable")
    for item in data.get("jobs") or []:
        if isinstance(item, dict) and str(item.get("shortcode")) == found.job_id:
            return _posting(item, found.board_token, clean_text(data.get("name")))
    return None
