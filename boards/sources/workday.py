"""Workday CXS API: POST https://{tenant}.wdN.myworkdayjobs.com/wday/cxs/{tenant}/{site}/jobs.

The board's URL is its careers site (https://acme.wd5.myworkdayjobs.com/en-US/External);
the token is "tenant/site". Pages hold 20 postings; `total` is only reliable on the first.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

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
from .normalize import clean_text, html_to_text, parse_date, remote_from, sanitize_html

KIND = "workday"
PAGE_SIZE = 20
MAX_PAGES = 100


def posted_on(text) -> object:
    """'Posted Today', 'Posted Yesterday', 'Posted 5 Days Ago', 'Posted 30+ Days Ago'."""
    text = str(text or "").lower()
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    if "today" in text:
        return today
    if "yesterday" in text:
        return today - timedelta(days=1)
    found = re.search(r"(\d+)\+?\s*day", text)
    return today - timedelta(days=int(found.group(1))) if found else None


def _site_url(board) -> tuple[str, str, str]:
    """(origin, tenant, site) from the board's URL and token."""
    found = detect(board.url or "")
    token = board.token or found.board_token or ""
    expect("/" in token, "a Workday board needs its careers site URL (tenant and site)")
    tenant, site = token.split("/", 1)
    parts = urlsplit(board.url or "")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    expect(bool(origin), "a Workday board needs its careers site URL")
    return origin, tenant, site


def _posting(item: dict, origin: str, site: str, company: str) -> Posting:
    path = item["externalPath"]
    bullets = item.get("bulletFields") or []
    req = bullets[0] if bullets and isinstance(bullets[0], str) else ""
    if not req:
        found = re.search(r"_([A-Za-z0-9-]+)$", path)
        req = found.group(1) if found else path
    location = clean_text(item.get("locationsText"))
    return Posting(
        external_id=req,
        url=f"{origin}/{site}{path}",
        title=clean_text(item.get("title")),
        company=company,
        location=location,
        remote=remote_from(item.get("remoteType"), location),
        employment_type=clean_text(item.get("timeType"), 64),
        posted_at=posted_on(item.get("postedOn")),
    )


def parse_page(body, origin: str, site: str, company: str) -> tuple[list[Posting], int | None]:
    data = require_dict(load_json(body), "Workday")
    items = require_list(data, "jobPostings", "Workday")
    total = data.get("total") if isinstance(data.get("total"), int) else None
    return parse_items(items, lambda item: _posting(item, origin, site, company)), total


def parse(body, board_token: str) -> list[Posting]:
    tenant, _, site = board_token.partition("/")
    origin = f"https://{tenant}.myworkdayjobs.com"
    return parse_page(body, origin, site, tenant)[0]


def list_postings(board) -> Listing:
    origin, tenant, site = _site_url(board)
    api = f"{origin}/wday/cxs/{tenant}/{site}/jobs"
    company = board.name or tenant
    first_total: list[int] = []  # real Workday reports the total on the first page only

    def read_page(index: int):
        offset = index * PAGE_SIZE
        payload = {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": ""}
        postings, total = parse_page(
            fetch_json(api, method="POST", json=payload), origin, site, company
        )
        if not first_total:
            first_total.append(total or 0)
        return postings, offset + PAGE_SIZE >= first_total[0]

    return paged(read_page, MAX_PAGES)


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    tenant, site = found.board_token.split("/", 1)
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    path = parts.path[parts.path.index("/job/") :]
    data = require_dict(fetch_json(f"{origin}/wday/cxs/{tenant}/{site}{path}"), "Workday job")
    info = require_dict(data.get("jobPostingInfo"), "Workday job")
    description = info.get("jobDescription") or ""
    return Posting(
        external_id=clean_text(info.get("jobReqId")) or found.job_id,
        url=info.get("externalUrl") or url,
        title=clean_text(info.get("title")),
        company=clean_text((data.get("hiringOrganization") or {}).get("name")) or tenant,
        location=clean_text(info.get("location")),
        remote=remote_from(info.get("remoteType"), info.get("location")),
        employment_type=clean_text(info.get("timeType"), 64),
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
        posted_at=parse_date(info.get("startDate")) or posted_on(info.get("postedOn")),
    )
