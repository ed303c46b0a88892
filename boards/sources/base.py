"""The normalized posting every source produces, and the errors sources raise."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from urllib.parse import urlsplit

# Tab and line breaks are dropped inside a URL as a browser does ("java\tscript:" is
# "javascript:" to it); any other control character refuses the URL.
_DROPPED_IN_URL = str.maketrans("", "", "\t\n\r")
_CONTROL = {chr(c) for c in range(0x20)} | {"\x7f"}


class SourceError(Exception):
    """A source could not produce postings. The message is shown to the user as-is."""


class ShapeError(SourceError):
    """The response was not the shape this source expects (schema drift, an error page)."""


def http_url_or_empty(value) -> str:
    """`value` if it is an absolute http(s) URL with a host, else "".

    Whatever an ATS or a page calls a link is rendered as one: `javascript:`, `data:` or a
    scheme-relative URL must never get that far.
    """
    if not isinstance(value, str):
        return ""
    url = value.translate(_DROPPED_IN_URL).strip().replace(" ", "%20")
    if not url or any(c in _CONTROL for c in url):
        return ""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        return ""
    return url


@dataclass
class Posting:
    external_id: str  # the id at the ATS, or "" when the source has none
    url: str  # canonical posting URL
    title: str
    company: str = ""
    location: str = ""
    remote: str = "unknown"  # boards.models.Remote values
    employment_type: str = ""
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str = ""  # ISO 4217
    salary_period: str = ""  # boards.models.SalaryPeriod values
    description_html: str = ""  # already sanitized
    description_text: str = ""
    posted_at: datetime | None = None

    def __post_init__(self):
        # The one edge every source's postings pass: a non-http(s) link is dropped here.
        self.url = http_url_or_empty(self.url)


@dataclass
class Listing:
    """What one scan of a board produced. `complete` is False when pages were missed, so
    the scanner must not close jobs that were absent from it."""

    postings: list[Posting] = field(default_factory=list)
    complete: bool = True
    warnings: list[str] = field(default_factory=list)
