"""SmartRecruiters postings API, paginated: GET /v1/companies/{id}/postings?offset=&limit=."""

from .base import Listing, Posting
from .common import (
    expect,
    fetch_json,
    load_json,
    paged,
    parse_items,
    require_dict,
    require_list,
)
from .detect import detect
from .normalize import api_base, clean_text, html_to_text, parse_date, remote_from, sanitize_html

KIND = "smartrecruiters"
DEFAULT_BASE = "https://api.smartrecruiters.com"
PAGE_SIZE = 100
MAX_PAGES = 50


def _description(item: dict) -> str:
    sections = ((item.get("jobAd") or {}).get("sections")) or {}
    parts = []
    for key in ("companyDescription", "jobDescription", "qualifications", "additionalInformation"):
        section = sections.get(key) or {}
        if isinstance(section, dict) and section.get("text"):
            parts.append(f"<h3>{clean_text(section.get('title'))}</h3>{section['text']}")
    return "".join(parts)


def _posting(item: dict, board_token: str) -> Posting:
    location = item.get("location") or {}
    company = item.get("company") or {}
    description = _description(item)
    remote = "remote" if location.get("remote") else "hybrid" if location.get("hybrid") else None
    return Posting(
        external_id=str(item["id"]),
        url=item.get("postingUrl")
        or f"https://jobs.smartrecruiters.com/{board_token}/{item['id']}",
        title=clean_text(item.get("name")),
        company=clean_text(company.get("name")) or board_token,
        location=clean_text(location.get("fullLocation"))
        or ", ".join(clean_text(location.get(k)) for k in ("city", "country") if location.get(k)),
        remote=remote_from(remote),
        employment_type=clean_text((item.get("typeOfEmployment") or {}).get("label"), 64),
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
        posted_at=parse_date(item.get("releasedDate")),
    )


def parse_page(body, board_token: str) -> tuple[list[Posting], int]:
    """One page: its postings and the total the API reports."""
    data = require_dict(load_json(body), "SmartRecruiters")
    items = require_list(data, "content", "SmartRecruiters")
    total = data.get("totalFound")
    expect(isinstance(total, int), "SmartRecruiters: the response has no totalFound")
    return parse_items(items, lambda item: _posting(item, board_token)), total


def parse(body, board_token: str) -> list[Posting]:
    return parse_page(body, board_token)[0]


def list_postings(board) -> Listing:
    expect(bool(board.token), "a SmartRecruiters board needs its company identifier")
    url = f"{api_base(KIND, DEFAULT_BASE)}/v1/companies/{board.token}/postings"

    def read_page(index: int):
        offset = index * PAGE_SIZE
        postings, total = parse_page(
            fetch_json(url, params={"offset": offset, "limit": PAGE_SIZE}), board.token
        )
        return postings, offset + PAGE_SIZE >= total

    return paged(read_page, MAX_PAGES)


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    api = f"{api_base(KIND, DEFAULT_BASE)}/v1/companies/{found.board_token}/postings/{found.job_id}"
    return _posting(require_dict(fetch_json(api), "SmartRecruiters posting"), found.board_token)
