"""Adzuna search API: GET /v1/api/jobs/{country}/search/{page}?app_id&app_key&what&where.

A board of this kind is a saved search: board.config holds what, where, country
(default "gb") and max_pages; the app id and key come from settings.
"""

from django.conf import settings

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
from .normalize import api_base, clean_text, html_to_text, parse_date, to_decimal

KIND = "adzuna"
DEFAULT_BASE = "https://api.adzuna.com"
PAGE_SIZE = 50


def _posting(item: dict, board_token: str) -> Posting:
    description = item.get("description") or ""
    contract = " ".join(
        clean_text(item.get(k)).replace("_", " ")
        for k in ("contract_time", "contract_type")
        if item.get(k)
    )
    low, high = to_decimal(item.get("salary_min")), to_decimal(item.get("salary_max"))
    return Posting(
        external_id=str(item["id"]),
        url=item.get("redirect_url") or "",
        title=clean_text(item.get("title")),
        company=clean_text((item.get("company") or {}).get("display_name")),
        location=clean_text((item.get("location") or {}).get("display_name")),
        employment_type=contract,
        salary_min=low,
        salary_max=high if high != low else None,
        salary_period="year" if low else "",
        description_html="",
        description_text=html_to_text(description),
        posted_at=parse_date(item.get("created")),
    )


def parse(body, board_token: str = "") -> list[Posting]:
    data = require_dict(load_json(body), "Adzuna")
    results = require_list(data, "results", "Adzuna")
    return parse_items(results, lambda item: _posting(item, board_token))


def list_postings(board) -> Listing:
    app_id, app_key = (
        getattr(settings, "ADZUNA_APP_ID", ""),
        getattr(settings, "ADZUNA_APP_KEY", ""),
    )
    expect(
        bool(app_id and app_key), "Adzuna needs ADZUNA_APP_ID and ADZUNA_APP_KEY in the settings"
    )
    config = board.config if isinstance(board.config, dict) else {}
    country = str(config.get("country") or "gb").lower()
    max_pages = max(1, min(int(config.get("max_pages") or 5), 20))

    def read_page(index: int):
        url = f"{api_base(KIND, DEFAULT_BASE)}/v1/api/jobs/{country}/search/{index + 1}"
        params = {
            "app_id": app_id,
            "app_key": app_key,
            "results_per_page": PAGE_SIZE,
            "what": config.get("what") or board.token,
            "where": config.get("where") or "",
            "content-type": "application/json",
        }
        postings = parse(fetch_json(url, params=params))
        return postings, len(postings) < PAGE_SIZE

    listing = paged(read_page, max_pages)
    # A search is never a complete list of a company's openings: never close jobs from it.
    listing.complete = False
    return listing


def read_posting(url: str) -> Posting | None:
    return None  # Adzuna ads redirect to the original posting; read that instead
