"""Canonical posting URLs: one string per posting, whatever link the user arrived by."""

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .sources.detect import detect

# Query parameters that only say where a click came from.
TRACKING_PARAMS = {
    "gh_src",
    "lever-source",
    "lever-origin",
    "ref",
    "referrer",
    "trk",
    "trkinfo",
    "src",
    "source",
    "fbclid",
    "gclid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "ashby_jid_source",
}
TRACKING_PREFIXES = ("utm_",)


class InvalidURL(ValueError):
    """Not an http(s) URL with a host, or longer than a URL column holds."""


# The URL columns' length (Job.canonical_url, Application.url). Cleaning can lengthen a URL
# (a query's "é" is re-encoded as "%C3%A9"), so the limit is checked on the result.
MAX_URL_LENGTH = 2000
IDENTITY_LENGTH = 700  # Job.identity's column


def url_identity(canonical: str) -> str:
    """A posting's identity by its URL. A URL too long for the column keeps its first part and
    a hash of the whole, so two long URLs that differ only at the end stay two postings."""
    key = f"url:{canonical}"
    if len(key) <= IDENTITY_LENGTH:
        return key
    return f"{key[: IDENTITY_LENGTH - 65]}#{hashlib.sha256(canonical.encode()).hexdigest()}"


# One form per ATS posting, whatever link (board page, embed, apply page) was followed.
STABLE_FORMS = {
    "greenhouse": "https://job-boards.greenhouse.io/{token}/jobs/{job}",
    "lever": "https://jobs.lever.co/{token}/{job}",
    "ashby": "https://jobs.ashbyhq.com/{token}/{job}",
    "smartrecruiters": "https://jobs.smartrecruiters.com/{token}/{job}",
    "workable": "https://apply.workable.com/{token}/j/{job}/",
}


def canonical_url(url: str) -> str:
    """One URL per posting: a known ATS job becomes its stable form; any other URL gets a
    lower-case scheme and host, no fragment, no tracking parameters, no default port and no
    trailing slash on the path.

    Raises InvalidURL for anything but an absolute http(s) URL.
    """
    return canonical_and_detected(url)[0]


def canonical_and_detected(url: str):
    """(canonical URL, what `detect` found in it), for callers that need both: detection
    runs once."""
    cleaned = _clean(url)
    found = detect(cleaned)
    form = STABLE_FORMS.get(found.kind or "")
    if form and found.board_token and found.job_id:
        cleaned = form.format(token=found.board_token, job=found.job_id)
    if len(cleaned) > MAX_URL_LENGTH:
        raise InvalidURL(
            f"the URL is {len(cleaned):,} characters long once cleaned; "
            f"up to {MAX_URL_LENGTH:,} can be kept"
        )
    return cleaned, found


def _clean(url: str) -> str:
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InvalidURL("only http:// and https:// URLs can be tracked")
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    # /jobs/1 and /jobs/1/ are one posting; the root stays "/" and the rest of the path,
    # inner slashes and case included, is kept as it came.
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))
