from datetime import UTC, date, datetime

import pytest

from applications.calendar import escape, feed, fold, rotate_feed
from applications.services import add_manual_event

from .factories import make_application

pytestmark = pytest.mark.django_db


def _token(client) -> str:
    response = client.post("/calendar/new/")
    url = response.context["feed_url"]
    return url.rsplit("/", 1)[1].removesuffix(".ics")


def test_the_feed_lists_interviews_and_follow_ups_for_the_token_holder(alice_client, client, alice):
    app = make_application(
        alice,
        title="SRE",
        company="Acme, Inc.",
        next_action="Send portfolio",
        next_action_due=date(2026, 12, 3),
    )
    add_manual_event(
        app,
        "interview_scheduled",
        datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        "Tech screen; bring code",
        place="https://meet.example.com/x",
    )
    token = _token(alice_client)
    response = client.get(f"/calendar/{token}.ics")  # no login: calendar apps can't
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261201T093000Z" in body and "DTEND:20261201T103000Z" in body
    assert "SUMMARY:Interview: SRE at Acme\\, Inc." in body
    assert "DESCRIPTION:Tech screen\\; bring code" in body
    assert "DTSTART;VALUE=DATE:20261203" in body and "Follow up: Send portfolio" in body


def test_unknown_or_rotated_tokens_get_404(alice_client, client, alice):
    first = _token(alice_client)
    second = _token(alice_client)
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    assert client.get("/calendar/guess.ics").status_code == 404


def test_a_feed_shows_only_its_owners_events(alice, bob):
    make_application(alice, next_action="Alice secret", next_action_due=date(2026, 12, 3))
    rotate_feed(bob)
    assert "Alice secret" not in feed(bob)


def test_escaping_and_folding_follow_rfc_5545():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert parts[1].startswith(" ") and "".join(p.removeprefix(" ") for p in parts) == line


def test_calendar_page_needs_login(client):
    assert client.get("/calendar/")["Location"].startswith("/login/")
