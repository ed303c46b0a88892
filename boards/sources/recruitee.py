"""Recruitee careers API: GET https://{company}.recruitee.com/api/offers/."""

from .base import Listing, Posting
from .common import expect, fetch_json, load_json, parse_items, require_dict, require_list
from .detect import detect
from .normalize import (
    api_base,
    clean_text,
    html_to_text,
    join_location,
    parse_date,
    period_from,
    remote_from,
    sanitize_html,
    to_decimal,
)

KIND = "recruitee"
DEFAULT_BASE = "https://{token}.recruitee.com"


def _posting(item: dict, board_token: str) -> Posting:
    salary = item.get("salary") or {}
    description = (item.get("description") or "") + (item.get("requirements") or "")
    remote = "remote" if item.get("remote") else "hybrid" if item.get("hybrid") else None
    if remote is None and item.get("on_site"):
        remote = "onsite"
    return Posting(
        external_id=str(item.get("slug") or item["id"]),
        url=item.get("careers_url") or f"https://{board_token}.recruitee.com/o/{item.get('slug')}",
        title=clean_text(item.get("title")),
        company=clean_text(item.get("company_name")) or board_token,
        location=clean_text(item.get("location"))
        or join_location(item.get("city"), item.get("country")),
        remote=remote_from(remote),
        employment_type=clean_text(item.get("employment_type_code"), 64).replace("_", " "),
        salary_min=to_decimal(salary.get("min")),
        salary_max=to_decimal(salary.get("max")),
        salary_currency=clean_text(salary.get("currency"), 3).upper(),
        salary_period=period_from(salary.get("period")),
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
        posted_at=parse_date(item.get("published_at") or item.get("created_at")),
    )


def parse(body, board_token: str) -> list[Posting]:
    data = require_dict(load_json(body), "Recruitee")
    offers = require_list(data, "offers", "Recruitee")
    return parse_items(offers, lambda item: _posting(item, board_token))


def _base(token: str) -> str:
    return api_base(KIND, DEFAULT_BASE).format(token=token)


def list_postings(board) -> Listing:
    expect(bool(board.token), "a Recruitee board needs its company subdomain")
    return Listing(parse(fetch_json(f"{_base(board.token)}/api/offers/"), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    data = require_dict(
        fetch_json(f"{_base(found.board_token)}/api/offers/{found.job_id}"), "Recruitee"
    )
    offer = data.get("offer") if isinstance(data.get("offer"), dict) else data
    return _posting(offer, found.board_token)
