"""Ashby posting API: GET /posting-api/job-board/{name}?includeCompensation=true."""

from .base import Listing, Posting
from .common import expect, fetch_json, load_json, parse_items, require_dict, require_list
from .detect import detect
from .normalize import (
    api_base,
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

KIND = "ashby"
DEFAULT_BASE = "https://api.ashbyhq.com"


def _salary(compensation) -> tuple:
    if not isinstance(compensation, dict):
        return None, None, "", ""
    for part in compensation.get("summaryComponents") or []:
        if isinstance(part, dict) and part.get("compensationType") == "Salary":
            low, high = to_decimal(part.get("minValue")), to_decimal(part.get("maxValue"))
            if low or high:
                period = period_from(str(part.get("interval") or "").replace("1 ", ""))
                return low, high, clean_text(part.get("currencyCode"), 3).upper(), period
    summary = compensation.get("scrapeableCompensationSalarySummary")
    return parse_salary(summary) if isinstance(summary, str) else (None, None, "", "")


def _posting(item: dict, board_token: str) -> Posting | None:
    if item.get("isListed") is False:
        return None
    low, high, currency, period = _salary(item.get("compensation"))
    html = item.get("descriptionHtml") or ""
    address = ((item.get("address") or {}).get("postalAddress")) or {}
    location = clean_text(item.get("location")) or join_location(
        address.get("addressLocality"), address.get("addressRegion"), address.get("addressCountry")
    )
    return Posting(
        external_id=str(item["id"]),
        url=item.get("jobUrl") or f"https://jobs.ashbyhq.com/{board_token}/{item['id']}",
        title=clean_text(item.get("title")),
        company=board_token,
        location=location,
        remote=remote_from(item.get("workplaceType"), item.get("isRemote") or None),
        employment_type=clean_text(item.get("employmentType"), 64),
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=period,
        description_html=sanitize_html(html),
        description_text=item.get("descriptionPlain") or html_to_text(html),
        posted_at=parse_date(item.get("publishedAt")),
    )


def parse(body, board_token: str) -> list[Posting]:
    data = require_dict(load_json(body), "Ashby")
    jobs = require_list(data, "jobs", "Ashby")
    listed = [j for j in jobs if not (isinstance(j, dict) and j.get("isListed") is False)]
    return parse_items(listed, lambda item: _posting(item, board_token))


def list_postings(board) -> Listing:
    expect(bool(board.token), "an Ashby board needs its job board name")
    url = f"{api_base(KIND, DEFAULT_BASE)}/posting-api/job-board/{board.token}"
    return Listing(parse(fetch_json(url, params={"includeCompensation": "true"}), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    api = f"{api_base(KIND, DEFAULT_BASE)}/posting-api/job-board/{found.board_token}"
    data = require_dict(fetch_json(api, params={"includeCompensation": "true"}), "Ashby")
    for item in data.get("jobs") or []:
        if isinstance(item, dict) and str(item.get("id")) == found.job_id:
            return _posting(item, found.board_token)
    return None
