"""Writes for boards and jobs."""

import ipaddress
import re
from urllib.parse import urlsplit

from django.db import transaction

from .models import Board, CompanyRule, Job, SourceKind
from .sources.base import SourceError
from .sources.careers_page import read_careers_page
from .sources.detect import detect

TOKEN_KINDS = {
    SourceKind.GREENHOUSE, SourceKind.LEVER, SourceKind.ASHBY, SourceKind.SMARTRECRUITERS,
    SourceKind.WORKABLE, SourceKind.RECRUITEE, SourceKind.PERSONIO, SourceKind.TEAMTAILOR,
    SourceKind.BAMBOOHR, SourceKind.WORKDAY,
}  # fmt: skip


# Words that name a page, not a company: never a board's name on their own.
GENERIC_WORDS = {
    "apply",
    "board",
    "boards",
    "career",
    "careers",
    "en",
    "home",
    "hiring",
    "homepage",
    "index",
    "job",
    "jobs",
    "join",
    "join us",
    "karriere",
    "open positions",
    "openings",
    "opportunities",
    "positions",
    "stellenangebote",
    "team",
    "vacancies",
    "welcome",
    "work",
    "work with us",
    "www",
}  # fmt: skip  (a word list reads better packed)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014\u00b7:]\s+")
_TITLE_PREFIX = re.compile(
    r"^(?:careers|jobs|work|working|join us|join)\s+(?:at|with|@)\s+", re.IGNORECASE
)
_TITLE_SUFFIX = re.compile(r"\s+(?:careers|jobs|job board|karriere)$", re.IGNORECASE)
_SECOND_LEVEL = {"ac", "co", "com", "edu", "gov", "ne", "net", "or", "org"}
FALLBACK_NAME = "Untitled board"


def _readable(word: str) -> str:
    word = " ".join(word.replace("-", " ").replace("_", " ").split())
    return word.title() if word.islower() or word.isupper() else word


def _is_generic(name: str) -> bool:
    return not name or name.lower() in GENERIC_WORDS or name.replace(".", "").isdigit()


def name_from_host(url: str) -> str:
    """`careers.acme.com` gives "Acme"; an IP address or localhost gives ""."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    try:
        ipaddress.ip_address(host)
        return ""
    except ValueError:
        pass
    labels = [label for label in host.split(".") if label and label not in GENERIC_WORDS]
    if len(labels) < 2:  # "localhost", or nothing but generic labels and a TLD
        return ""
    # The label before the public suffix; "acme.co.uk" keeps "acme", not "co".
    two_part_suffix = len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
    company = labels[-3] if len(labels) >= 3 and two_part_suffix else labels[-2]
    return _readable(company)


def name_from_title(title: str) -> str:
    """`Careers at Acme`, `Jobs | Acme`, `Acme - Careers` all give "Acme"."""
    for part in _TITLE_SEPARATORS.split(" ".join((title or "").split())):
        part = _TITLE_SUFFIX.sub("", _TITLE_PREFIX.sub("", part)).strip(" .!")
        if not _is_generic(part):
            return part[:200]
    return ""


def guess_name(*, token: str = "", url: str = "", page=None) -> str:
    """A board's name from the ATS token, else what the page says of itself (site name, the
    hiring company, its title), else the web address; never a generic word or an IP."""
    candidates = [_readable(token.split("/")[0]) if token else ""]
    if page is not None:
        candidates += [page.site_name, page.company, name_from_title(page.title)]
    candidates.append(name_from_host(url))
    for candidate in candidates:
        candidate = (candidate or "").strip()
        if not _is_generic(candidate):
            return candidate[:200]
    return FALLBACK_NAME


def guess_board(url: str) -> dict:
    """What a pasted careers URL tells without fetching it: kind, token and a name."""
    found = detect(url)
    kind = found.kind or SourceKind.JSONLD
    token = found.board_token or ""
    name = guess_name(token=token, url=url) if url else ""
    return {
        "kind": kind,
        "label": SourceKind(kind).label,
        "token": token,
        "name": name,
        "detected": found.known,
    }


# --- Adding boards ------------------------------------------------------------------------------


class DuplicateBoard(ValueError):
    """The owner already has this board (same kind and token, or the same page)."""

    def __init__(self, board: Board):
        super().__init__(f"You already have this board: {board.name}.")
        self.board = board


class QuickAddError(ValueError):
    """A pasted URL could not become a board; the message says why and what to do."""


def url_key(url: str) -> str:
    """A URL as compared for duplicates: no scheme, www, fragment or trailing slash."""
    try:
        parts = urlsplit((url or "").strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return (url or "").strip().lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{parts.path.rstrip('/')}{query}"


def find_duplicate(
    owner, *, kind: str = "", token: str = "", url: str = "", exclude_pk: int | None = None
) -> Board | None:
    """The owner's board that is this one: same kind and token, or the same page URL."""
    token, key = (token or "").strip().lower(), url_key(url) if url else ""
    boards = (
        Board.objects.filter(owner=owner)
        .exclude(pk=exclude_pk)
        .only("name", "kind", "token", "url")
    )
    for board in boards.order_by("pk"):
        if token and board.kind == kind and board.token.strip().lower() == token:
            return board
        if key and board.url and url_key(board.url) == key:
            return board
    return None


def create_board(owner, **fields) -> Board:
    """Add a board; raises DuplicateBoard when the owner already has it."""
    duplicate = find_duplicate(
        owner, kind=fields.get("kind", ""), token=fields.get("token", ""), url=fields.get("url", "")
    )
    if duplicate is not None:
        raise DuplicateBoard(duplicate)
    return Board.objects.create(owner=owner, **fields)


def _example_url(kind: str) -> str:
    return {
        SourceKind.GREENHOUSE: "https://boards.greenhouse.io/acme",
        SourceKind.LEVER: "https://jobs.lever.co/acme",
        SourceKind.ASHBY: "https://jobs.ashbyhq.com/acme",
        SourceKind.WORKDAY: "https://acme.wd5.myworkdayjobs.com/External",
        SourceKind.SMARTRECRUITERS: "https://jobs.smartrecruiters.com/Acme",
        SourceKind.WORKABLE: "https://apply.workable.com/acme",
    }.get(kind, "the company's page on it")


def add_board_by_url(owner, url: str) -> Board:
    """Quick add: a board from nothing but a pasted careers or posting URL, with default
    filters and interval. A known ATS is read from the URL alone; any other page is fetched
    once for its schema.org JobPostings, or for the ATS board it embeds.

    Raises DuplicateBoard, or QuickAddError with what to do instead."""
    url = url.strip()
    found = detect(url)
    if found.kind:
        label = SourceKind(found.kind).label
        if not found.board_token:
            raise QuickAddError(
                f"That is a {label} link, but it does not say which company's board it is. "
                f"Paste the board's own address, like {_example_url(found.kind)}."
            )
        fields = {"kind": found.kind, "token": found.board_token}
        name = guess_name(token=found.board_token, url=url)
    else:
        if duplicate := find_duplicate(owner, url=url):
            raise DuplicateBoard(duplicate)
        try:
            page = read_careers_page(url)
        except SourceError as exc:
            raise QuickAddError(f"Could not read that page: {exc}.") from exc
        if page.postings:
            fields = {"kind": SourceKind.JSONLD, "token": ""}
        elif page.ats is not None:
            fields = {"kind": page.ats.kind, "token": page.ats.board_token}
        else:
            raise QuickAddError(
                "No job postings found on that page: it has no schema.org JobPosting markup "
                "and embeds no ATS board jobtracker knows. Use “More options” to read it "
                "with CSS selectors."
            )
        name = guess_name(token=fields["token"], url=url, page=page)
    return create_board(owner, name=name, url=url, **fields)


def update_board(board: Board, **fields) -> Board:
    for name, value in fields.items():
        setattr(board, name, value)
    board.save()
    return board


def set_enabled(board: Board, enabled: bool) -> None:
    board.enabled = enabled
    board.save(update_fields=["enabled"])


@transaction.atomic
def delete_board(board: Board) -> None:
    """Delete a board; its jobs stay (they may be tracked) but lose the link."""
    board.delete()


def hide_jobs(owner, job_ids, hidden: bool = True) -> int:
    return Job.objects.filter(owner=owner, pk__in=list(job_ids)).update(hidden=hidden)


def mark_seen(owner, job_ids) -> int:
    return Job.objects.filter(owner=owner, pk__in=list(job_ids)).update(seen=True, is_new=False)


def add_company_rule(owner, company: str, kind: str):
    """Block or allow a company for this user (replaces an earlier rule for it)."""
    company = " ".join((company or "").split())[:300]
    if not company:
        raise ValueError("Name the company.")
    if kind not in CompanyRule.Kind.values:
        raise ValueError("Choose block or allow.")
    rule, _ = CompanyRule.objects.update_or_create(
        owner=owner, company=company, defaults={"kind": kind}
    )
    return rule


def delete_company_rule(owner, rule_id: int) -> bool:
    deleted, _ = CompanyRule.objects.filter(owner=owner, pk=rule_id).delete()
    return bool(deleted)
