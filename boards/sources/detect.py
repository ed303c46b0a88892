"""Turn any careers or posting URL into (kind, board token, job id).

`detect(url)` never raises and never fetches. Where the URL does not say, a field is None:
a Greenhouse posting on a company's own domain (`?gh_jid=123`) tells the kind and the job
id, not the board token.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass(frozen=True)
class Detected:
    kind: str | None
    board_token: str | None = None
    job_id: str | None = None

    @property
    def known(self) -> bool:
        return self.kind is not None


UNKNOWN = Detected(None)

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def _segments(path: str) -> list[str]:
    return [unquote(s) for s in path.split("/") if s]


def _first(query: dict, *names: str) -> str | None:
    for name in names:
        values = query.get(name)
        if values and values[0].strip():
            return values[0].strip()
    return None


def _greenhouse(host: str, segs: list[str], query: dict) -> Detected | None:
    if not (host.endswith("greenhouse.io")):
        return None
    if segs and segs[0] == "embed":  # /embed/job_app?for=acme&token=123, /embed/job_board?for=acme
        return Detected("greenhouse", _first(query, "for"), _first(query, "token", "gh_jid"))
    if host.startswith("boards-api.") or host.startswith("api."):
        # /v1/boards/{token}/jobs[/{id}]
        if len(segs) >= 3 and segs[0] == "v1" and segs[1] == "boards":
            job = segs[4] if len(segs) >= 5 and segs[3] == "jobs" else None
            return Detected("greenhouse", segs[2], job)
        return Detected("greenhouse")
    if not segs:
        return Detected("greenhouse", _first(query, "for"), _first(query, "gh_jid"))
    token = segs[0]
    job = None
    if len(segs) >= 3 and segs[1] == "jobs" and segs[2].isdigit():
        job = segs[2]
    return Detected("greenhouse", token, job or _first(query, "gh_jid"))


def _lever(host: str, segs: list[str], query: dict) -> Detected | None:
    if host in ("jobs.lever.co", "jobs.eu.lever.co"):
        if not segs:
            return Detected("lever")
        job = segs[1] if len(segs) >= 2 and re.fullmatch(_UUID, segs[1]) else None
        return Detected("lever", segs[0], job)
    if host in ("api.lever.co", "api.eu.lever.co") and len(segs) >= 3 and segs[1] == "postings":
        return Detected("lever", segs[2], segs[3] if len(segs) >= 4 else None)
    return None


def _ashby(host: str, segs: list[str], query: dict) -> Detected | None:
    if host == "jobs.ashbyhq.com":
        if not segs:
            return Detected("ashby")
        job = segs[1] if len(segs) >= 2 and re.fullmatch(_UUID, segs[1]) else None
        return Detected("ashby", segs[0], job)
    if host == "api.ashbyhq.com" and "job-board" in segs:
        i = segs.index("job-board")
        return Detected("ashby", segs[i + 1] if len(segs) > i + 1 else None)
    return None


_WORKDAY_HOST = re.compile(r"^(?:(?P<tenant>[^.]+)\.)?(?P<wd>wd\d+)\.myworkday(?:jobs|site)\.com$")
_LOCALE = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2})?$")


def _workday(host: str, segs: list[str], query: dict) -> Detected | None:
    m = _WORKDAY_HOST.match(host)
    if m:
        tenant = m.group("tenant")  # None on myworkdaysite.com, where the path names it
        rest = segs[1:] if segs and _LOCALE.match(segs[0]) else segs
        if rest[:1] == ["wday"]:  # /wday/cxs/{tenant}/{site}/jobs
            site = rest[3] if len(rest) >= 4 else None
            return Detected("workday", f"{tenant}/{site}" if site else None)
        if rest[:1] == ["recruiting"] and len(rest) >= 3:  # myworkdaysite.com/recruiting/t/site
            tenant, rest = rest[1], rest[2:]
        if tenant is None:
            return Detected("workday")
        site = rest[0] if rest else None
        job = None
        if "job" in rest:
            last = rest[-1]
            found = re.search(r"_([A-Za-z0-9-]+)$", last)
            job = found.group(1) if found else None
        return Detected("workday", f"{tenant}/{site}" if site else None, job)
    return None


def _smartrecruiters(host: str, segs: list[str], query: dict) -> Detected | None:
    if host in ("jobs.smartrecruiters.com", "careers.smartrecruiters.com"):
        if not segs:
            return Detected("smartrecruiters")
        job = None
        if len(segs) >= 2:
            found = re.match(r"^(\d+)", segs[1])
            job = found.group(1) if found else None
        return Detected("smartrecruiters", segs[0], job)
    if host == "api.smartrecruiters.com" and "companies" in segs:
        i = segs.index("companies")
        token = segs[i + 1] if len(segs) > i + 1 else None
        job = segs[i + 3] if len(segs) > i + 3 and segs[i + 2] == "postings" else None
        return Detected("smartrecruiters", token, job)
    return None


def _workable(host: str, segs: list[str], query: dict) -> Detected | None:
    if host == "apply.workable.com":
        if not segs:
            return Detected("workable")
        if segs[0] == "api" and "accounts" in segs:
            i = segs.index("accounts")
            return Detected("workable", segs[i + 1] if len(segs) > i + 1 else None)
        job = segs[2] if len(segs) >= 3 and segs[1] == "j" else None
        return Detected("workable", segs[0], job)
    if host.endswith(".workable.com") and host.count(".") == 2 and host.split(".")[0] != "www":
        job = segs[1] if len(segs) >= 2 and segs[0] in ("j", "jobs") else None
        return Detected("workable", host.split(".")[0], job)
    return None


def _subdomain_kind(host: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:
        if host.endswith(suffix):
            sub = host[: -len(suffix)]
            if sub and "." not in sub and sub != "www":
                return sub
    return None


def _recruitee(host: str, segs: list[str], query: dict) -> Detected | None:
    token = _subdomain_kind(host, (".recruitee.com",))
    if token:
        job = segs[1] if len(segs) >= 2 and segs[0] == "o" else None
        return Detected("recruitee", token, job)
    return None


def _personio(host: str, segs: list[str], query: dict) -> Detected | None:
    token = _subdomain_kind(host, (".jobs.personio.de", ".jobs.personio.com"))
    if token:
        job = segs[1] if len(segs) >= 2 and segs[0] == "job" and segs[1].isdigit() else None
        return Detected("personio", token, job)
    return None


def _teamtailor(host: str, segs: list[str], query: dict) -> Detected | None:
    token = _subdomain_kind(host, (".teamtailor.com", ".na.teamtailor.com"))
    if token:
        job = None
        if len(segs) >= 2 and segs[0] == "jobs":
            found = re.match(r"^(\d+)", segs[1])
            job = found.group(1) if found else None
        return Detected("teamtailor", token, job)
    return None


def _bamboohr(host: str, segs: list[str], query: dict) -> Detected | None:
    token = _subdomain_kind(host, (".bamboohr.com",))
    if token:
        job = None
        if len(segs) >= 2 and segs[0] == "careers" and segs[1].isdigit():
            job = segs[1]
        elif segs[-1:] == ["view.php"]:
            job = _first(query, "id")
        return Detected("bamboohr", token, job)
    return None


_DETECTORS = (
    _greenhouse,
    _lever,
    _ashby,
    _workday,
    _smartrecruiters,
    _workable,
    _recruitee,
    _personio,
    _teamtailor,
    _bamboohr,
)


def detect(url: str) -> Detected:
    """What the URL tells about its ATS; `Detected(None)` when it is not a known one."""
    try:
        parts = urlsplit((url or "").strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return UNKNOWN
    if parts.scheme.lower() not in ("http", "https") or not host:
        return UNKNOWN
    segs = _segments(parts.path)
    query = parse_qs(parts.query)
    for detector in _DETECTORS:
        found = detector(host, segs, query)
        if found is not None:
            return found
    # Company careers sites that embed an ATS say so in the query string.
    if gh := _first(query, "gh_jid"):
        return Detected("greenhouse", None, gh)
    if ashby := _first(query, "ashby_jid"):
        return Detected("ashby", None, ashby)
    if lever := _first(query, "lever_jid"):
        return Detected("lever", None, lever)
    return UNKNOWN
