"""BambooHR careers API: GET https://{company}.bamboohr.com/careers/list."""

from .base import Listing, Posting
from .common import expect, fetch_json, load_json, parse_items, require_dict, require_list
from .detect import detect
from .normalize import api_base, clean_text, html_to_text, join_location, remote_from, sanitize_html

KIND = "bamboohr"
DEFAULT_BASE = "https://{token}.bamboohr.com"


def _posting(item: dict, board_token: str) -> Posting:
    location = item.get("location") or {}
    ats = item.get("atsLocation") or {}
    remote = "remote" if item.get("isRemote") or str(item.get("locationType")) == "1" else None
    if str(item.get("locationType")) == "2":
        remote = "hybrid"
    description = item.get("description") or ""
    return Posting(
        external_id=str(item["id"]),
        url=f"https://{board_token}.bamboohr.com/careers/{item['id']}",
        title=clean_text(item.get("jobOpeningName")),
        company=board_token,
        location=join_location(
            location.get("city") or ats.get("city"),
            location.get("state") or ats.get("state") or ats.get("province"),
            ats.get("country"),
        ),
        remote=remote_from(remote),
        employment_type=clean_text(item.get("employmentStatusLabel"), 64),
        description_html=sanitize_html(description),
        description_text=html_to_text(description),
    )


def parse(body, board_token: str) -> list[Posting]:
    data = require_dict(load_json(body), "BambooHR")
    results = require_list(data, "result", "BambooHR")
    return parse_items(results, lambda item: _posting(item, board_token))


def _base(token: str) -> str:
    return api_base(KIND, DEFAULT_BASE).format(token=token)


def list_postings(board) -> Listing:
    expect(bool(board.token), "a BambooHR board needs its company subdomain")
    return Listing(parse(fetch_json(f"{_base(board.token)}/careers/list"), board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    data = require_dict(
        fetch_json(f"{_base(found.board_token)}/careers/{found.job_id}/detail"), "BambooHR"
    )
    opening = ((data.get("result") or {}).get("jobOpening")) or {}
    expect(isinstance(opening, dict) and opening, "BambooHR: the posting has no jobOpening")
    opening = {**opening, "id": opening.get("id") or found.job_id}
    opening.setdefault("jobOpeningName", opening.get("jobOpeningName"))
    return _posting(opening, found.board_token)
