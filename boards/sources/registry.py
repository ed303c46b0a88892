"""Which module reads which kind of board."""

from importlib import import_module
from types import ModuleType

from .base import Posting, SourceError
from .detect import detect

KINDS = (
    "greenhouse",
    "lever",
    "ashby",
    "workday",
    "smartrecruiters",
    "workable",
    "recruitee",
    "personio",
    "teamtailor",
    "bamboohr",
    "adzuna",
    "jsonld",
    "html",
)


def get_source(kind: str) -> ModuleType:
    """The module for a board kind; each has parse(), list_postings() and read_posting()."""
    if kind not in KINDS:
        raise SourceError(f"no source reads boards of kind {kind!r}")
    return import_module(f"boards.sources.{kind}")


def read_posting_for_url(url: str) -> Posting | None:
    """Read one posting from its URL: the ATS API when the URL names one, else the page."""
    found = detect(url)
    if found.kind:
        posting = get_source(found.kind).read_posting(url)
        if posting is not None:
            return posting
    return get_source("jsonld").read_posting(url)
