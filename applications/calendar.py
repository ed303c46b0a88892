"""A private ICS feed (RFC 5545) of interviews and tasks, behind an unguessable token.

Written by hand: the format needed here is small (VEVENTs with text, times and dates), and
the escaping and 75-octet line folding rules are a few lines each. Interviews are timed
events in UTC (`Z`), which every calendar app shows in its own zone; tasks are all-day
VEVENTs on their due date (Google and Apple calendars show VEVENTs, not VTODOs). Each one
links back to its application (URL and the last line of DESCRIPTION).
"""

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from .models import CalendarFeed, Event, EventKind, Task


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_feed(owner) -> str:
    """A new secret feed token for `owner` (the old URL stops working). Returns the token."""
    token = secrets.token_urlsafe(24)
    CalendarFeed.objects.update_or_create(owner=owner, defaults={"token_hash": _hash(token)})
    return token


def owner_for(token: str):
    feed = (
        CalendarFeed.objects.select_related("owner").filter(token_hash=_hash(token or "")).first()
    )
    return feed.owner if feed and feed.owner.is_active else None


# RFC 5545 TEXT allows no control characters but the tab; line breaks are escaped below.
# C1 controls go too: some readers act on them (U+009B starts a terminal escape).
_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 13), *range(14, 32), *range(127, 160)])
# Every way of breaking a line some reader honours, a bare CR included: each is one "\n".
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def escape(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text or "").translate(_CONTROLS)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character; continuations start with a space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _minutes(value) -> int:
    """An interview's length from its payload: 60 unless a sane number of minutes is given."""
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return 60
    return minutes if 5 <= minutes <= 24 * 60 else 60


def _interview_lines(event: Event, base_url: str, stamp: str) -> list[str]:
    start = event.scheduled_for.astimezone(UTC)
    end = start + timedelta(minutes=_minutes(event.payload.get("minutes")))
    app = event.application
    link = base_url + reverse("applications:application-detail", args=[app.pk])
    place = str(event.payload.get("place") or "")
    description = "\n".join(part for part in (event.text, place, link) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:interview-{event.pk}@jobtracker",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
        f"DTEND:{end:%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{escape(f'Interview: {app}')}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{link}",
    ]
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    return [*lines, "END:VEVENT"]


def _task_lines(task: Task, base_url: str, stamp: str) -> list[str]:
    app = task.application
    if app is not None:
        link = base_url + reverse("applications:application-detail", args=[app.pk])
        summary, description = f"{task.title} ({app})", f"{task.title}\n{app}\n{link}"
    else:
        link = base_url + reverse("applications:dashboard")
        summary, description = task.title, f"{task.title}\n{link}"
    day = task.due_on
    return [
        "BEGIN:VEVENT",
        f"UID:task-{task.pk}@jobtracker",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{link}",
        "TRANSP:TRANSPARENT",  # a to-do does not make the person busy all day
        "END:VEVENT",
    ]


def feed(owner, base_url: str = "", now: datetime | None = None) -> str:
    """The whole calendar; `base_url` (scheme and host, no slash) makes the links absolute."""
    now = now or timezone.now()
    base_url = base_url.rstrip("/")
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//jobtracker//applications//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Job search",
    ]
    interviews = Event.objects.filter(
        application__owner=owner,
        application__archived=False,
        kind=EventKind.INTERVIEW_SCHEDULED,
        scheduled_for__gte=now - timedelta(days=365),
    ).select_related("application")
    for event in interviews.order_by("scheduled_for"):
        lines += _interview_lines(event, base_url, stamp)
    tasks = (
        Task.objects.filter(owner=owner, done_at__isnull=True, due_on__isnull=False)
        .exclude(application__archived=True)
        .select_related("application")
    )
    for task in tasks:
        lines += _task_lines(task, base_url, stamp)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
