"""CSV export: every field of the applications a filter selects, streamed a row at a time."""

import csv
from datetime import date, datetime

EXPORT_FIELDS = [
    "id", "company", "title", "url", "status", "source", "applied_at", "location", "salary",
    "next_action", "next_action_due", "notes", "archived", "created_at",
]  # fmt: skip
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text: a formula-like cell gets a leading apostrophe.

    Cells already starting with apostrophes before a formula character get one more, so
    `unneutralise` (run by the import) gives back exactly the stored text."""
    bare = text.lstrip("'")
    return "'" + text if bare[:1] in FORMULA_STARTS else text


def unneutralise(text: str) -> str:
    """The stored text of a cell `neutralise` wrote (or a spreadsheet user typed as '=…)."""
    if text.startswith("'") and text.lstrip("'")[:1] in FORMULA_STARTS:
        return text[1:]
    return text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return neutralise(str(value))


def export_lines(queryset):
    """CSV lines (header first) for the applications in `queryset`, one row at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_FIELDS)
    for app in queryset.iterator(chunk_size=500):
        yield writer.writerow([_cell(getattr(app, name)) for name in EXPORT_FIELDS])
