"""Personio XML feed: GET https://{company}.jobs.personio.de/xml?language=en."""

from lxml import etree

from .base import Listing, Posting, ShapeError
from .common import expect, fetch
from .detect import detect
from .normalize import api_base, clean_text, html_to_text, parse_date, remote_from, sanitize_html

KIND = "personio"
DEFAULT_BASE = "https://{token}.jobs.personio.de"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _text(node, tag: str) -> str:
    found = node.find(tag)
    return clean_text(found.text) if found is not None and found.text else ""


def parse(body, board_token: str) -> list[Posting]:
    if isinstance(body, str):
        body = body.encode()
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ShapeError(f"Personio: the feed is not valid XML ({exc})") from exc
    expect(root.tag == "workzag-jobs", f"Personio: unexpected root element <{root.tag}>")
    postings = []
    for position in root.findall("position"):
        job_id, title = _text(position, "id"), _text(position, "name")
        if not job_id or not title:
            continue
        parts = []
        for block in position.findall("jobDescriptions/jobDescription"):
            name, value = _text(block, "name"), block.find("value")
            if value is not None and value.text:
                parts.append(f"<h3>{name}</h3>{value.text.strip()}")
        description = "".join(parts)
        office = _text(position, "office")
        postings.append(
            Posting(
                external_id=job_id,
                url=f"https://{board_token}.jobs.personio.de/job/{job_id}",
                title=title,
                company=_text(position, "subcompany") or board_token,
                location=office,
                remote=remote_from(office),
                employment_type=" ".join(
                    t for t in (_text(position, "employmentType"), _text(position, "schedule")) if t
                ),
                description_html=sanitize_html(description),
                description_text=html_to_text(description),
                posted_at=parse_date(_text(position, "createdAt")),
            )
        )
    return postings


def list_postings(board) -> Listing:
    expect(bool(board.token), "a Personio board needs its company subdomain")
    url = api_base(KIND, DEFAULT_BASE).format(token=board.token) + "/xml"
    return Listing(parse(fetch("GET", url, params={"language": "en"}).content, board.token))


def read_posting(url: str) -> Posting | None:
    found = detect(url)
    if found.kind != KIND or not found.board_token or not found.job_id:
        return None
    base = api_base(KIND, DEFAULT_BASE).format(token=found.board_token)
    feed = parse(fetch("GET", base + "/xml", params={"language": "en"}).content, found.board_token)
    return next((p for p in feed if p.external_id == found.job_id), None)
