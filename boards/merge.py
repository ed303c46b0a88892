"""How a posting's fields are merged when several sources describe it. The one place for it.

Sources rank by how much they know about a posting. A person's edit always wins. Otherwise a
value from a source of the same or a higher rank replaces the stored one, and a lower-ranked
source only fills a field that is empty; an empty value never replaces a stored one. Fields
that belong together (the salary's amounts, currency and period; the description's HTML and
text) move as one.

Each job remembers, in `Job.field_sources`, the origin of the fields whose origin differs from
what its source kind implies, so a scan-created job stores nothing extra.
"""

from dataclasses import dataclass
from enum import StrEnum

from .sources import Posting
from .sources.base import http_url_or_empty


class Origin(StrEnum):
    PERSON = "person"  # typed or edited by the user
    ATS = "ats"  # an applicant tracking system's public API
    JSONLD = "jsonld"  # schema.org JobPosting on the posting's page
    PAGE = "page"  # the page itself: OpenGraph tags, headings, what enrichment read
    AGGREGATOR = "aggregator"  # a job search API (summaries, often cut)
    LISTING = "listing"  # a careers page read with the user's CSS selectors
    CAPTURE = "capture"  # what the browser tab showed when the posting was captured
    EMAIL = "email"  # words of a confirmation email


RANK = {
    Origin.PERSON: 100,
    Origin.ATS: 60,
    Origin.JSONLD: 50,
    Origin.PAGE: 40,
    Origin.AGGREGATOR: 30,
    Origin.LISTING: 20,
    Origin.CAPTURE: 15,
    Origin.EMAIL: 10,
}

# Field groups as stored on Job; a group is taken from one source or not at all.
GROUPS: dict[str, tuple[str, ...]] = {
    "url": ("canonical_url",),
    "title": ("title",),
    "company": ("company",),
    "location": ("location",),
    "remote": ("remote",),
    "employment_type": ("employment_type",),
    "salary": ("salary_min", "salary_max", "salary_currency", "salary_period"),
    "description": ("description_html", "description_text"),
    "posted_at": ("posted_at",),
}
# Which part of a group must be set for the group to count as given.
_KEY_FIELDS = {
    "salary": ("salary_min", "salary_max"),
    "description": ("description_html", "description_text"),
}
LIMITS = {"title": 500, "company": 300, "location": 500, "employment_type": 64,
          "salary_currency": 3, "canonical_url": 2000}  # fmt: skip


def origin_for_kind(kind: str) -> Origin:
    """What a job's source kind implies about where its fields came from."""
    if kind == "jsonld":
        return Origin.JSONLD
    if kind == "html":
        return Origin.LISTING
    if kind == "adzuna":
        return Origin.AGGREGATOR
    if kind in ("manual", ""):
        # Jobs captured before origins were recorded were filled by enrichment from the page.
        return Origin.PAGE
    return Origin.ATS


def values_of(posting: Posting) -> dict:
    """A posting as Job field values, cut to the columns' lengths."""
    values = {
        "canonical_url": http_url_or_empty(posting.url),
        "title": posting.title or "",
        "company": posting.company or "",
        "location": posting.location or "",
        "remote": posting.remote or "unknown",
        "employment_type": posting.employment_type or "",
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "salary_currency": (posting.salary_currency or "").upper(),
        "salary_period": posting.salary_period or "",
        "description_html": posting.description_html or "",
        "description_text": posting.description_text or "",
        "posted_at": posting.posted_at,
    }
    for name, limit in LIMITS.items():
        values[name] = values[name][:limit]
    return values


def _given(group: str, values: dict) -> bool:
    for name in _KEY_FIELDS.get(group, GROUPS[group]):
        value = values.get(name)
        if value not in (None, "", "unknown"):
            return True
    return False


@dataclass(frozen=True)
class Change:
    group: str
    old: object
    new: object
    origin: Origin


@dataclass
class Merged:
    values: dict  # Job field values to write (only the fields that change)
    sources: dict  # the new Job.field_sources
    changes: list[Change]  # groups whose non-empty stored value was replaced

    @property
    def fields(self) -> list[str]:
        return list(self.values)


def merge(current: dict, sources: dict, default: Origin, incoming: dict, origin: Origin) -> Merged:
    """Merge `incoming` values from `origin` into a job's `current` values.

    `sources` is the job's field_sources; groups missing there came from `default`.
    """
    values: dict = {}
    new_sources = dict(sources)
    changes: list[Change] = []
    for group, names in GROUPS.items():
        if not _given(group, incoming):
            continue
        had = _given(group, current)
        held_by = Origin(sources.get(group, default))
        if had and held_by is Origin.PERSON and origin is not Origin.PERSON:
            continue
        if had and RANK[origin] < RANK[held_by]:
            continue
        update = {n: incoming.get(n) for n in names if incoming.get(n) != current.get(n)}
        if origin is not default or group in sources:
            new_sources[group] = origin.value
        if not update:
            continue
        values.update(update)
        if had:
            changes.append(Change(group, _shown(group, current), _shown(group, incoming), origin))
    if new_sources != sources:
        values["field_sources"] = new_sources
    return Merged(values, new_sources, changes)


def _shown(group: str, values: dict) -> str:
    """A short form of a group's value for the timeline."""
    if group == "salary":
        amounts = "–".join(
            f"{v:,.0f}" for v in (values.get("salary_min"), values.get("salary_max")) if v
        )
        return f"{values.get('salary_currency') or ''} {amounts}".strip()
    if group == "description":
        text = values.get("description_text") or values.get("description_html") or ""
        return f"{len(text):,} characters"
    value = values.get(GROUPS[group][0])
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")[:200]


def job_values(job) -> dict:
    """The mergeable fields of a Job row."""
    return {name: getattr(job, name) for names in GROUPS.values() for name in names}


def merge_into_job(job, posting_or_values, origin: Origin) -> Merged:
    """Merge into a loaded Job and set its attributes (the caller saves `merged.fields`)."""
    incoming = (
        values_of(posting_or_values)
        if isinstance(posting_or_values, Posting)
        else posting_or_values
    )
    merged = merge(
        job_values(job), job.field_sources or {}, origin_for_kind(job.source_kind), incoming, origin
    )
    for name, value in merged.values.items():
        setattr(job, name, value)
    return merged
