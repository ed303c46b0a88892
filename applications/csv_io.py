"""CSV export and import of applications.

Export streams every field of the applications a filter selects. Import is two steps — read
and map columns, then apply — and all-or-nothing: every row is validated before anything is
written, inside one transaction. Re-importing the same file adds nothing (rows match by
posting URL, else by company and title).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from boards.canonical import InvalidURL, canonical_url

from .intake.service import Entry, take_in_many
from .models import Source, Status

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
EXPORT_FIELDS = [
    "id", "company", "title", "url", "status", "source", "applied_at", "location", "salary",
    "next_action", "next_action_due", "notes", "archived", "created_at",
]  # fmt: skip
IMPORT_FIELDS = [
    "company", "title", "url", "status", "applied_at", "location", "salary", "next_action",
    "next_action_due", "notes",
]  # fmt: skip
ALIASES = {
    "company": {"company", "employer", "organization", "organisation", "firma", "unternehmen"},
    "title": {"title", "job title", "position", "role", "job", "stelle"},
    "url": {"url", "link", "job url", "posting url", "job link", "posting"},
    "status": {"status", "stage", "state"},
    "applied_at": {"applied at", "applied", "date applied", "applied on", "application date"},
    "location": {"location", "city", "place", "ort"},
    "salary": {"salary", "pay", "compensation", "gehalt"},
    "next_action": {"next action", "next step", "todo"},
    "next_action_due": {"next action due", "due", "due date", "follow up"},
    "notes": {"notes", "note", "comments", "comment"},
}


class CSVImportError(ValueError):
    """The file cannot be imported; the message says why, and nothing was written."""


# --- export ---------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    # Spreadsheets run cells starting with these as formulas: neutralise (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def export_lines(queryset):
    """CSV lines (header first) for the applications in `queryset`, one row at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_FIELDS)
    for app in queryset.iterator(chunk_size=500):
        yield writer.writerow([_cell(getattr(app, name)) for name in EXPORT_FIELDS])


# --- import ---------------------------------------------------------------------------------


@dataclass
class Parsed:
    headers: list[str]
    rows: list[list[str]]
    mapping: dict[int, str] = field(default_factory=dict)  # column index -> field


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise CSVImportError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in raw[:4096]:
        raise CSVImportError("This is not a CSV text file (it looks binary; export it as CSV).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CSVImportError(
            "The file is not UTF-8 text. In your spreadsheet choose “CSV UTF-8” when saving."
        ) from exc


def _norm(header: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", header.strip().lower()).split())


def guess_mapping(headers: list[str]) -> dict[int, str]:
    mapping, used = {}, set()
    for index, header in enumerate(headers):
        name = _norm(header)
        for target, aliases in ALIASES.items():
            if target not in used and (name in aliases or name == target.replace("_", " ")):
                mapping[index] = target
                used.add(target)
                break
    return mapping


def parse(text: str) -> Parsed:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise CSVImportError(f"The CSV could not be read: {exc}.") from exc
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CSVImportError("The file is empty.")
    if len(rows) - 1 > MAX_ROWS:
        raise CSVImportError(f"The file has more than {MAX_ROWS:,} rows; split it.")
    headers, body = rows[0], rows[1:]
    if not body:
        raise CSVImportError("The file has a header row but no applications.")
    return Parsed(headers, body, guess_mapping(headers))


_STATUS_WORDS = {s.value: s.value for s in Status} | {s.label.lower(): s.value for s in Status}
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%b %d, %Y", "%d %b %Y")


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"“{value}” is not a date (use YYYY-MM-DD)")


def validate(parsed: Parsed, mapping: dict[int, str]) -> tuple[list[dict], list[str]]:
    """Every row checked: (clean rows, errors with row numbers). Nothing is written."""
    if not any(f in mapping.values() for f in ("company", "title", "url")):
        raise CSVImportError("Map at least one column to company, title or URL.")
    clean, errors = [], []
    for number, row in enumerate(parsed.rows, start=2):
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in mapping.items()}
        try:
            values = _clean_row(values)
        except ValueError as exc:
            errors.append(f"Row {number}: {exc}.")
            continue
        clean.append(values)
        if len(errors) > 50:
            break
    return clean, errors


def _clean_row(values: dict) -> dict:
    if not (values.get("company") or values.get("title") or values.get("url")):
        raise ValueError("it has no company, title or URL")
    if values.get("url"):
        try:
            values["url"] = canonical_url(values["url"])
        except InvalidURL as exc:
            raise ValueError(f"the URL is not valid ({exc})") from exc
    status = (values.get("status") or "").strip().lower()
    if status:
        if status not in _STATUS_WORDS:
            raise ValueError(f"unknown status “{values['status']}”")
        values["status"] = _STATUS_WORDS[status]
    else:
        values["status"] = Status.APPLIED if values.get("applied_at") else Status.SAVED
    for name in ("applied_at", "next_action_due"):
        values[name] = _date(values.get(name) or "")
    limits = {"company": 300, "title": 500, "location": 500, "salary": 200, "next_action": 300}
    for name, limit in limits.items():
        if len(values.get(name) or "") > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
    return values


@transaction.atomic
def apply(user, rows: list[dict]) -> dict:
    """Write validated rows through the intake. Returns counts of created and already present
    applications."""
    taken = take_in_many(user, [_entry(values) for values in rows])
    created = sum(t.created for t in taken)
    return {"created": created, "existing": len(taken) - created}


def _entry(values: dict) -> Entry:
    applied = values.get("applied_at")
    return Entry(
        source=Source.IMPORT,
        url=values.get("url") or "",
        status=values["status"],
        **{k: values.get(k) or "" for k in ("company", "title", "location", "salary", "notes")},
        applied_at=timezone.make_aware(datetime.combine(applied, datetime.min.time()))
        if applied
        else None,
        extra={k: values.get(k) for k in ("next_action", "next_action_due") if values.get(k)},
    )


def import_bytes(user, raw: bytes, mapping: dict[int, str] | None = None) -> dict:
    """Decode, parse, validate and apply in one go (for the command and tests)."""
    parsed = parse(decode(raw))
    rows, errors = validate(parsed, mapping if mapping is not None else parsed.mapping)
    if errors:
        raise CSVImportError("Nothing was imported. " + " ".join(errors[:20]))
    return apply(user, rows)
