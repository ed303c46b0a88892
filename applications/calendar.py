"""A private ICS feed (RFC 5545) of interviews and follow-ups, behind an unguessable token.

Written by hand: the format needed here is small (VEVENTs with text, times and dates), and
the escaping and 75-octet line folding rules are a few lines each.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.utils import timezone

from .models import Application, CalendarFeed, Event, EventKind


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


def escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


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


def feed(owner, now: datetime | None = None) -> str:
    now = now or timezone.now()
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//jobtracker//applications//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Job search",
    ]
    interviews = Event.objects.filter(
        application__owner=owner,
        kind=EventKind.INTERVIEW_SCHEDULED,
        scheduled_for__gte=now - timedelta(days=365),
    ).select_related("application")
    for event in interviews:
        start = event.scheduled_for.astimezone(timezone.get_fixed_timezone(0))
        end = start + timedelta(minutes=int(event.payload.get("minutes") or 60))
        app = event.application
        lines += [
            "BEGIN:VEVENT",
            f"UID:interview-{event.pk}@jobtracker",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTEND:{end.strftime('%Y%m%dT%H%M%SZ')}",
            f"SUMMARY:{escape('Interview: ' + str(app))}",
            f"DESCRIPTION:{escape(event.text)}",
        ]
        if event.payload.get("place"):
            lines.append(f"LOCATION:{escape(str(event.payload['place']))}")
        lines.append("END:VEVENT")
    follow_ups = Application.objects.filter(owner=owner, archived=False).exclude(
        next_action_due=None
    )
    for app in follow_ups:
        day = app.next_action_due
        lines += [
            "BEGIN:VEVENT",
            f"UID:follow-up-{app.pk}-{day:%Y%m%d}@jobtracker",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape('Follow up: ' + (app.next_action or str(app)))}",
            f"DESCRIPTION:{escape(str(app))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
