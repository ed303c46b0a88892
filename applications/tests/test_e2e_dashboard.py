"""In a real browser: the dashboard's Today list and Coming up, then the calendar feed."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.services import add_manual_event
from applications.task_list import add_task, set_done

from .factories import make_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Europe/Berlin"}


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate(timezone.now(), BERLIN) + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def test_today_coming_up_and_the_calendar_feed(journey, alice):
    today = timezone.localdate(timezone.now(), BERLIN)
    acme = make_application(alice, title="Platform Engineer", company="Acme")
    globex = make_application(alice, title="Data Engineer", company="Globex")
    add_task(alice, "Follow up with the recruiter", application=acme, due_on=today - timedelta(3))
    add_task(alice, "Send portfolio", application=globex, due_on=today)
    add_task(alice, "Prepare system design", application=acme, due_on=today + timedelta(2))
    set_done(add_task(alice, "Already done", application=acme, due_on=today))
    # Entered out of order: the later interview first.
    add_manual_event(acme, "interview_scheduled", _at(4, 14), "Onsite", place="Acme HQ")
    add_manual_event(globex, "interview_scheduled", _at(1, 9, 30), "Phone screen")

    journey.login("alice", "alice-pass-123")
    page = journey.go("/dashboard/")
    today_list = page.locator("#today")
    rows = today_list.locator(".today-row")
    expect(rows).to_have_count(2)
    overdue = rows.first
    expect(overdue).to_have_class("today-row overdue")
    expect(overdue).to_contain_text("Follow up with the recruiter")
    expect(overdue).to_contain_text("3 days late")
    expect(overdue.get_by_role("link", name="Platform Engineer at Acme")).to_be_visible()
    expect(rows.nth(1)).to_contain_text("Due today")
    # On a phone the first screen is Today and Coming up, not status tiles.
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_role("heading", name="Coming up")).to_be_in_viewport()
    journey.fits()
    journey.look("dashboard")

    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Done: Follow up with the recruiter").click()
    expect(rows).to_have_count(1)
    expect(today_list.get_by_role("status")).to_have_text(
        "“Follow up with the recruiter” marked done."
    )
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    page.get_by_role("button", name="Done: Send portfolio").click()
    expect(rows).to_have_count(0)
    expect(today_list.get_by_text("Nothing due today")).to_be_visible()

    agenda = page.locator(".coming-up .agenda-item")
    expect(agenda).to_have_count(3)
    expect(agenda.nth(0)).to_contain_text("09:30 CE")  # CET or CEST, by season
    expect(agenda.nth(0)).to_contain_text("Interview: Phone screen")
    expect(agenda.nth(1)).to_contain_text("Prepare system design")
    expect(agenda.nth(2)).to_contain_text("14:00 CE")
    expect(page.get_by_text("Times in Europe/Berlin.")).to_be_visible()
    journey.look("dashboard-done")

    page.get_by_role("link", name="Subscribe in your calendar app").click()
    page.get_by_role("button", name="Create a calendar link").click()
    url = page.get_by_label("Calendar link").input_value()
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    journey.fits()
    journey.look("calendar")
    answer = journey.page.request.get(url)
    assert answer.ok and answer.headers["content-type"].startswith("text/calendar")
    body = answer.text().replace("\r\n ", "")
    screen_utc = _at(1, 9, 30).astimezone(ZoneInfo("UTC"))
    assert f"DTSTART:{screen_utc:%Y%m%dT%H%M%SZ}" in body
    assert "SUMMARY:Interview: Data Engineer at Globex" in body
    assert "SUMMARY:Interview: Platform Engineer at Acme" in body
    assert f"URL:{journey.base_url}/applications/{acme.pk}/" in body
    assert "SUMMARY:Prepare system design (Platform Engineer at Acme)" in body
    assert f"DTSTART;VALUE=DATE:{today + timedelta(2):%Y%m%d}" in body
    assert "Follow up with the recruiter" not in body and "Already done" not in body
