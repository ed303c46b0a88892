"""Lever postings API: GET /v0/postings/{company}?mode=json (a JSON list)."""

from .base import Listing, Posting, ShapeError
from .common import expect, fetch_json, load_json, parse_items, require_dict
from .detect import detect
from .normalize import (
    api_base,
    clean_text,
    html_to_text,
    parse_date,
    period_from,
    remote_from,
    sanitize_html,
    to_decimal,
)

KIND = "lever"
DEFAULT_BASE = "https://api.lever.co"


def _description(item: dict) -> str:
    parts = [item.get("description") or item.get("opening") or ""]
    for block in item.get("lists") or []:
        if isinstance(block, dict):
            parts.append(
                f"<h3>{clean_text(block.get('text'))}</h3><ul>{block.get('content') or ''}</ul>"
            )
    parts.append(item.get("additional") or "")
    return "".join(p for p in parts if isinstance(p, str))


def _posting(item: dict, board_token: str) -> Posting:
    categories = item.get("categories") or {}
    salary = item.get("salaryRange") or {}
    description = _description(item)
    return Posting(
        external_id=str(item["id"]),
        url=item.get("hostedUrl") or f"https://jobs.lever.co/{board_token}/{item['id']}",
        title=clean_text(item.get("text")),
        company=board_token,
        location=clean_text(categories.get("location")),
        remote=remote_from(item.get("workplaceType"), categories.get("location")),
        employment_type=clean_text(categories.get("commitment"), 64),
        salary_min=to_decimal(salary.get("min")),
        salary_max=to_decimal(salary.get("max")),
        salary_currency=clean_text(salary.get("currency"), 3).upper(),
        salary_period=period_from(salary.get("interval")),
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
        posted_at=parse_date(item.get("createdAt")),
    )


def parse(body, board_token: str) -> list[Posting]:
    data = load_json(body)
    if isinstance(data, dict) and data.get("ok") is False:
        raise ShapeError(f"Lever answered an error: {clean_text(data.get('error'))}")
    expect(isinstance(data, list), "Lever: expected a JSON list of postings")
    return parse_items(data, lambda item: _posting(item, board_token))


def list_postings(board) -> Listing:
    expect(bool(board.token), "a Lever board needs its company name")
    url = f"{api_base(KIND, DEFAULT_BASE)}/v0/postings/{board.token}"
    return Listing(parse(fetch_json(url, params={"mode": "json"}), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    api = f"{api_base(KIND, DEFAULT_BASE)}/v0/postings/{found.board_token}/{found.job_id}"
    return _posting(require_dict(fetch_json(api), "Lever posting"), found.board_token)
