"""Greenhouse job board API: GET /v1/boards/{token}/jobs?content=true."""

from .base import Listing, Posting
from .common import expect, fetch_json, load_json, parse_items, require_dict, require_list
from .detect import detect
from .normalize import (
    api_base,
    clean_text,
    html_to_text,
    parse_date,
    parse_salary,
    remote_from,
    sanitize_html,
    to_decimal,
)

KIND = "greenhouse"
DEFAULT_BASE = "https://boards-api.greenhouse.io"


def _salary(metadata) -> tuple:
    for field in metadata if isinstance(metadata, list) else []:
        if not isinstance(field, dict):
            continue
        value = field.get("value")
        if field.get("value_type") == "currency_range" and isinstance(value, dict):
            low, high = to_decimal(value.get("min_value")), to_decimal(value.get("max_value"))
            if low or high:
                return low, high, clean_text(value.get("unit"), 3).upper(), "year"
        name = str(field.get("name") or "").lower()
        if isinstance(value, str) and any(w in name for w in ("salary", "compensation", "pay")):
            parsed = parse_salary(value)
            if parsed[0]:
                return parsed
    return None, None, "", ""


def _employment(metadata) -> str:
    for field in metadata if isinstance(metadata, list) else []:
        if isinstance(field, dict) and "employment" in str(field.get("name") or "").lower():
            return clean_text(field.get("value"), 64)
    return ""


def _posting(item: dict, board_token: str) -> Posting:
    content = item.get("content") or ""
    metadata = item.get("metadata")
    low, high, currency, period = _salary(metadata)
    location = clean_text((item.get("location") or {}).get("name"))
    return Posting(
        external_id=str(item["id"]),
        url=item.get("absolute_url")
        or f"https://job-boards.greenhouse.io/{board_token}/jobs/{item['id']}",
        title=clean_text(item.get("title")),
        company=clean_text(item.get("company_name")) or board_token,
        location=location,
        remote=remote_from(location),
        employment_type=_employment(metadata),
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=period,
        description_html=sanitize_html(content),
        description_text=html_to_text(content),
        posted_at=parse_date(item.get("first_published") or item.get("updated_at")),
    )


def parse(body, board_token: str) -> list[Posting]:
    data = require_dict(load_json(body), "Greenhouse")
    jobs = require_list(data, "jobs", "Greenhouse")
    return parse_items(jobs, lambda item: _posting(item, board_token))


def list_postings(board) -> Listing:
    expect(bool(board.token), "a Greenhouse board needs its board token")
    url = f"{api_base(KIND, DEFAULT_BASE)}/v1/boards/{board.token}/jobs"
    return Listing(parse(fetch_json(url, params={"content": "true"}), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    api = f"{api_base(KIND, DEFAULT_BASE)}/v1/boards/{found.board_token}/jobs/{found.job_id}"
    item = require_dict(fetch_json(api, params={"content": "true"}), "Greenhouse job")
    return _posting(item, found.board_token)
