"""From parsed rows and the person's choices to applications.

`plan` says, row by row, what each value becomes and which rows are skipped and why; it
writes nothing. `apply` hands the rows that stay to the one intake (`take_in_many`), a chunk
at a time so a large file never holds the database for long, and turns a next-action column
into the application's first task. Importing the same file again adds nothing: the intake
finds each posting by its URL, else by company and title.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from boards.canonical import InvalidURL, canonical_url
from jobtracker.text import norm_company, norm_title

from ..intake.service import Entry, IntakeError, identify, take_in_many
from ..models import Application, Source, Status
from ..task_list import set_next_action
from .dates import When, parse_when
from .export import unneutralise
from .mapping import (
    AUTO,
    BLANKS,
    DATE_FIELDS,
    FIELDS,
    SKIP,
    Choices,
    guess_status,
    norm_value,
    preset_named,
)
from .reading import CSVImportError, Parsed

logger = logging.getLogger(__name__)

CHUNK = 200  # rows per transaction
MAX_STATUS_VALUES = 60  # more distinct values than this is not a status column
MAX_SKIPS_KEPT = 200
STATUSES = frozenset(Status.values)
DEFAULT_TASK = "Follow up"  # a due date without a next-action title


@dataclass
class StatusValue:
    """One distinct status value of the file, and what it becomes."""

    raw: str
    key: str
    count: int
    guess: str | None
    chosen: str  # a Status, AUTO or SKIP


@dataclass
class RowPlan:
    number: int
    raw: dict[str, str]  # field -> the file's text
    values: dict | None = None  # what is imported; None when skipped
    skip: str = ""  # why the row is left out
    tracked: bool = False  # the posting is already an application: importing changes nothing


@dataclass
class Plan:
    rows: list[RowPlan]
    statuses: list[StatusValue] = field(default_factory=list)
    too_many_statuses: bool = False
    total: int = 0  # rows in the file; `rows` may hold only the first of them

    @property
    def ready(self) -> list[RowPlan]:
        return [r for r in self.rows if r.values is not None]

    @property
    def skipped(self) -> list[RowPlan]:
        return [r for r in self.rows if r.values is None]

    @property
    def tracked(self) -> list[RowPlan]:
        return [r for r in self.rows if r.values is not None and r.tracked]


def mark_tracked(user, planned: Plan) -> None:
    """Flag the rows whose posting the user already tracks, by the intake's own identity, so a
    second upload of one file says "already tracked" before the Import, not after it."""
    keys: dict[str, list[RowPlan]] = {}
    for row in planned.ready:
        try:
            found = identify(row.values["url"], row.values["company"], row.values["title"])
        except IntakeError:
            continue
        for key in found.keys:
            keys.setdefault(key, []).append(row)
        if found.canonical:
            keys.setdefault(f"app-url:{found.canonical}", []).append(row)
    urls = [k.removeprefix("app-url:") for k in keys if k.startswith("app-url:")]
    apps = Application.objects.filter(owner=user)
    known = {f"app-url:{u}" for u in apps.filter(url__in=urls).values_list("url", flat=True)}
    identities = [k for k in keys if not k.startswith("app-url:")]
    known |= set(apps.filter(job__identity__in=identities).values_list("job__identity", flat=True))
    for key in known:
        for row in keys.get(key, ()):
            row.tracked = True


class Skip(ValueError):
    """This row is left out; the message says why."""


def check_mapping(mapping: dict[int, str]) -> None:
    if not any(f in mapping.values() for f in ("company", "title", "url")):
        raise CSVImportError("Map at least one column to Company, Job title or Posting URL.")
    single = [f for f in mapping.values() if f not in ("salary", "notes")]
    if len(single) != len(set(single)):
        raise CSVImportError(
            "Each field can be mapped from one column only (except salary "
            "and notes, which join several)."
        )


# --- planning -------------------------------------------------------------------------------


def _text(cell: str) -> str:
    text = unneutralise(cell.replace("\x00", "").strip())
    return "" if text.lower() in BLANKS else text


def _raw_values(parsed: Parsed, cells: list[str], mapping: dict[int, str]) -> dict[str, str]:
    parts: dict[str, list[tuple[str, str]]] = {}
    for index, name in sorted(mapping.items()):
        text = _text(cells[index]) if index < len(cells) else ""
        if text:
            parts.setdefault(name, []).append((parsed.headers[index], text))
    raw = {}
    for name, found in parts.items():
        if name == "notes" and len(found) > 1:
            raw[name] = "\n".join(f"{header}: {text}" for header, text in found)
        else:
            raw[name] = " – ".join(text for _, text in found)
    return raw


def status_values(parsed: Parsed, choices: Choices) -> tuple[list[StatusValue], bool]:
    """Each distinct value of the status column with its guess and the person's choice."""
    columns = [i for i, f in choices.mapping.items() if f == "status"]
    preset = preset_named(choices.preset)
    found: dict[str, StatusValue] = {}
    for row in parsed.rows:
        for i in columns:
            raw = _text(row.cells[i]) if i < len(row.cells) else ""
            key = norm_value(raw)
            if not key:
                continue
            if key in found:
                found[key].count += 1
                continue
            if len(found) >= MAX_STATUS_VALUES:
                return list(found.values()), True
            guess = guess_status(raw, preset.statuses if preset else None)
            chosen = choices.statuses.get(key, guess or AUTO)
            found[key] = StatusValue(raw, key, 1, guess, chosen)
    return list(found.values()), False


def plan(parsed: Parsed, choices: Choices, limit: int | None = None) -> Plan:
    """What every row (or the first `limit` rows) becomes; nothing is written."""
    check_mapping(choices.mapping)
    statuses, too_many = status_values(parsed, choices)
    chosen = {s.key: s.chosen for s in statuses}
    seen: dict[str, int] = {}
    rows = []
    for row in parsed.rows[:limit]:
        raw = _raw_values(parsed, row.cells, choices.mapping)
        item = RowPlan(row.number, raw)
        try:
            values = _clean(raw, chosen, choices)
            key = _identity(values)
            if key in seen:
                raise Skip(f"the same posting as row {seen[key]}")
            seen[key] = row.number
            item.values = values
        except Skip as exc:
            item.skip = str(exc)
        rows.append(item)
    return Plan(rows, statuses, too_many, len(parsed.rows))


def _clean(raw: dict[str, str], chosen: dict[str, str], choices: Choices) -> dict:
    if not (raw.get("company") or raw.get("title") or raw.get("url")):
        raise Skip("it has no company, job title or URL")
    values = {name: raw.get(name, "") for name in FIELDS if name not in DATE_FIELDS}
    if values["url"]:
        try:
            values["url"] = canonical_url(values["url"])
        except InvalidURL:
            raise Skip(f"“{values['url'][:60]}” is not a web address") from None
    for name in DATE_FIELDS:
        values[name] = None
        if raw.get(name):
            try:
                values[name] = parse_when(raw[name], choices.date_order)
            except ValueError as exc:
                raise Skip(f"{exc} ({FIELDS[name]})") from None
    status = chosen.get(norm_value(values["status"]), AUTO) if values["status"] else AUTO
    if status == SKIP:
        raise Skip(f"its status “{values['status'][:40]}” is set to be skipped")
    if status not in STATUSES:
        status = Status.APPLIED if values["applied_at"] else Status.SAVED
    values["status"] = status
    if status == Status.APPLIED and not values["applied_at"]:
        # Applied, but the file does not say when (Huntr's "Applied" list): not before it was
        # added, and closer to the truth than the intake's "now".
        values["applied_at"] = values["created_at"]
    if values["next_action_due"] and not values["next_action"]:
        values["next_action"] = DEFAULT_TASK
    return values


def _identity(values: dict) -> str:
    if values["url"]:
        return values["url"]
    return f"{norm_company(values['company'])}|{norm_title(values['title'])}"


# --- applying -------------------------------------------------------------------------------


@dataclass
class Summary:
    created: int = 0
    existing: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    skipped_count: int = 0

    def skip(self, number: int, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIPS_KEPT:
            self.skipped.append((number, reason))

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "existing": self.existing,
            "skipped": self.skipped_count,
            "skipped_rows": self.skipped,
        }


def _moment(when: When | None) -> datetime | None:
    if when is None:
        return None
    if when.at is None:
        return timezone.make_aware(datetime.combine(when.day, time()))
    return when.at if timezone.is_aware(when.at) else timezone.make_aware(when.at)


def _entry(values: dict) -> Entry:
    extra = {}
    if values["created_at"]:
        extra["created_at"] = _moment(values["created_at"])
    return Entry(
        source=Source.IMPORT,
        url=values["url"],
        status=values["status"],
        **{k: values[k] for k in ("company", "title", "location", "salary", "notes")},
        applied_at=_moment(values["applied_at"]),
        extra=extra,
    )


def _apply_chunk(user, rows: list[RowPlan]) -> int:
    """Take the rows in, in one transaction; the number of new applications."""
    with transaction.atomic():
        taken = take_in_many(user, [_entry(r.values) for r in rows])
        for row, result in zip(rows, taken, strict=True):
            title = row.values["next_action"]
            app = result.application
            if title and (result.created or not app.next_action):
                due = row.values["next_action_due"]
                set_next_action(app, title, due.day if due else None)
    return sum(t.created for t in taken)


def apply(user, rows: list[RowPlan], progress=None) -> Summary:
    """Import the planned rows that are not skipped, `CHUNK` per transaction. `progress`,
    when given, is called with the number of rows done after each chunk."""
    summary = Summary()
    ready = [r for r in rows if r.values is not None]
    for r in rows:
        if r.values is None:
            summary.skip(r.number, r.skip)
    for start in range(0, len(ready), CHUNK):
        chunk = ready[start : start + CHUNK]
        try:
            created = _apply_chunk(user, chunk)
            summary.created += created
            summary.existing += len(chunk) - created
        except IntakeError:
            for row in chunk:  # find the row the intake refused; keep the others
                try:
                    created = _apply_chunk(user, [row])
                except IntakeError as exc:
                    summary.skip(row.number, str(exc))
                    continue
                summary.created += created
                summary.existing += 1 - created
        if progress is not None:
            progress(start + len(chunk), len(ready))
    summary.skipped.sort()
    logger.info(
        "csv import user=%s created=%s existing=%s skipped=%s",
        user.pk,
        summary.created,
        summary.existing,
        summary.skipped_count,
    )
    return summary
