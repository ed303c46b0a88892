from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from applications.calendar import escape, feed, fold, rotate_feed
from applications.services import add_manual_event
from applications.task_list import add_task, set_done

from .factories import make_application

pytestmark = pytest.mark.django_db


def unfold(body: str) -> str:
    return body.replace("\r\n ", "")


def _token(client) -> str:
    response = client.post("/calendar/new/")
    url = response.context["feed_url"]
    return url.rsplit("/", 1)[1].removesuffix(".ics")


def test_the_feed_lists_interviews_and_tasks_for_the_token_holder(alice_client, client, alice):
    app = make_application(alice, title="SRE", company="Acme, Inc.")
    add_task(alice, "Send portfolio", application=app, due_on=date(2026, 12, 3))
    add_manual_event(
        app,
        "interview_scheduled",
        datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        "Tech screen; bring code",
        place="https://meet.example.com/x",
    )
    token = _token(alice_client)
    response = client.get(f"/calendar/{token}.ics")  # no login: calendar apps can't
    body = unfold(response.content.decode())
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261201T093000Z" in body and "DTEND:20261201T103000Z" in body
    assert "SUMMARY:Interview: SRE at Acme\\, Inc." in body
    link = f"http://testserver/applications/{app.pk}/"
    assert f"DESCRIPTION:Tech screen\\; bring code\\nhttps://meet.example.com/x\\n{link}" in body
    assert body.count(f"URL:{link}") == 2  # the interview and the task
    assert "DTSTART;VALUE=DATE:20261203" in body and "DTEND;VALUE=DATE:20261204" in body
    assert "SUMMARY:Send portfolio (SRE at Acme\\, Inc.)" in body


def test_a_follow_up_task_is_not_titled_follow_up_twice(alice):
    app = make_application(alice, title="SRE", company="Acme")
    add_task(alice, "Follow up with the recruiter", application=app, due_on=date(2026, 12, 3))
    body = unfold(feed(alice, base_url="https://jobs.example.com"))
    assert "SUMMARY:Follow up with the recruiter (SRE at Acme)" in body
    assert "Follow up: Follow up" not in body
    assert f"URL:https://jobs.example.com/applications/{app.pk}/" in body


def test_done_undated_and_archived_tasks_stay_out_of_the_feed(alice):
    app = make_application(alice)
    done = add_task(alice, "Done one", application=app, due_on=date(2026, 12, 3))
    set_done(done)
    add_task(alice, "No date", application=app)
    archived = make_application(alice, archived=True)
    add_task(alice, "Archived one", application=archived, due_on=date(2026, 12, 3))
    body = feed(alice)
    assert "VEVENT" not in body


def test_a_task_without_an_application_links_to_the_dashboard(alice):
    add_task(alice, "Update my CV", due_on=date(2026, 12, 3))
    body = unfold(feed(alice, base_url="https://jobs.example.com/"))
    assert "SUMMARY:Update my CV\r\n" in body and "URL:https://jobs.example.com/dashboard/" in body


def test_an_interview_entered_in_berlin_is_at_the_right_utc_instant(alice):
    app = make_application(alice)
    at = datetime(2026, 7, 1, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # CEST, UTC+2
    add_manual_event(app, "interview_scheduled", at, "Onsite", minutes="junk")
    body = feed(alice)
    assert "DTSTART:20260701T120000Z" in body and "DTEND:20260701T130000Z" in body


def test_unknown_or_rotated_tokens_get_404(alice_client, client, alice):
    first = _token(alice_client)
    second = _token(alice_client)
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    assert client.get("/calendar/guess.ics").status_code == 404


def test_a_feed_shows_only_its_owners_events(alice, bob):
    app = make_application(alice, title="Alice secret")
    add_task(alice, "Alice task", application=app, due_on=date(2026, 12, 3))
    add_manual_event(app, "interview_scheduled", datetime(2026, 12, 1, 9, tzinfo=UTC), "x")
    rotate_feed(bob)
    assert "VEVENT" not in feed(bob)


def test_escaping_and_folding_follow_rfc_5545():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape("nul\x00bell\x07\r\nend") == "nulbell\\nend"
    line = "DESCRIPTION:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert parts[1].startswith(" ") and "".join(p.removeprefix(" ") for p in parts) == line


def test_calendar_page_needs_login(client):
    assert client.get("/calendar/")["Location"].startswith("/login/")


def test_the_calendar_page_shows_a_new_link_once_in_a_copyable_field(alice_client):
    response = alice_client.post("/calendar/new/")
    content = response.content.decode()
    assert 'id="feed-url"' in content and response.context["feed_url"] in content
    again = alice_client.get("/calendar/").content.decode()
    assert response.context["feed_url"] not in again and "Replace the link" in again


def test_calendar_link_creation_needs_login(client):
    assert client.post("/calendar/new/")["Location"].startswith("/login/")


HOSTILE_TITLES = [
    "Engineer\rBEGIN:VEVENT\rSUMMARY:forged",  # bare CR: a line break to some parsers
    "Engineer\r\nEND:VCALENDAR",
    "Engineer\nATTACH:https://evil.example/x",
    "Engineer\x85END:VEVENT",  # NEL
    "Engineer\u2028END:VEVENT\u2029X",  # Unicode line and paragraph separators
    "Engi\x01neer\x1b[31m\x7f\x9b",  # C0, DEL and C1 controls (NUL: PostgreSQL refuses it)
    "é" * 40 + "\r" + "ü" * 40,  # folding across multi-byte characters and a CR
]


def _physical_lines(body: str) -> list[str]:
    assert body.endswith("\r\n")
    return body[:-2].split("\r\n")


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_hostile_title_cannot_break_out_of_its_line(alice, title):
    app = make_application(alice, title=title, company="Acme")
    add_task(alice, title, application=app, due_on=date(2026, 12, 3))
    add_manual_event(app, "interview_scheduled", datetime(2026, 12, 1, 9, tzinfo=UTC), title)
    body = feed(alice, base_url="https://jobs.example.com")
    lines = _physical_lines(body)
    for line in lines:
        assert "\r" not in line and "\n" not in line
        assert not any(c in line for c in "\x85\u2028\u2029")
        assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in line)
        assert len(line.encode()) <= 75
    logical = unfold(body)[:-2].split("\r\n")
    assert logical.count("BEGIN:VEVENT") == 2 and logical.count("END:VEVENT") == 2
    assert logical.count("END:VCALENDAR") == 1 and logical[-1] == "END:VCALENDAR"
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in logical}
    assert names <= {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME",
                     "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL",
                     "TRANSP"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a\rb", "a\\nb"),
        ("a\r\rb", "a\\n\\nb"),
        ("a\r\nb", "a\\nb"),
        ("a\x85b\u2028c\u2029d", "a\\nb\\nc\\nd"),
        ("a\x9bb\x00c\x7f", "abc"),
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_escaping_turns_every_line_break_into_an_escape_and_drops_controls(text, escaped):
    assert escape(text) == escaped
