"""The normalized posting every source produces, and the errors sources raise."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


class SourceError(Exception):
    """A source could not produce postings. The message is shown to the user as-is."""


class ShapeError(SourceError):
    """The response was not the shape this source expects (schema drift, an error page)."""


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


@dataclass
class Listing:
    """What one scan of a board produced. `complete` is False when pages were missed, so
    the scanner must not close jobs that were absent from it."""

    postings: list[Posting] = field(default_factory=list)
    complete: bool = True
    warnings: list[str] = field(default_factory=list)
