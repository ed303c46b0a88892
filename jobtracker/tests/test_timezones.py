"""The browser's time zone (the "tz" cookie from static/js/timezone.js) is the request's zone."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from applications.services import add_manual_event
from applications.tests.factories import make_application
from jobtracker.timezones import COOKIE, TimezoneMiddleware, zone_named


def _zone_seen(cookie: str | None, user=None) -> str:
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user if user is not None else AnonymousUser()
    if cookie is not None:
        request.COOKIES[COOKIE] = cookie
    TimezoneMiddleware(view)(request)
    return seen["zone"]


def test_a_valid_zone_is_active_for_the_request():
    assert _zone_seen("Europe/Berlin") == "Europe/Berlin"


@pytest.mark.parametrize(
    "junk",
    ["", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/Berlin\x00", "x" * 5000,
     "europe/berlin ", "Europe/Berlin; path=/"],
)  # fmt: skip
def test_junk_falls_back_to_the_servers_zone(junk, settings):
    assert _zone_seen(junk) == settings.TIME_ZONE


def test_no_cookie_means_the_servers_zone(settings):
    assert _zone_seen(None) == settings.TIME_ZONE


def test_the_zone_does_not_leak_into_the_next_request(settings):
    _zone_seen("Asia/Tokyo")
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_zone_named_accepts_utc_and_iana_names_only():
    assert zone_named("UTC") is not None and zone_named("America/Sao_Paulo") is not None
    assert zone_named(None) is None and zone_named("Not/AZone") is None


@pytest.mark.django_db
def test_an_interview_typed_at_14_00_is_14_00_in_the_persons_zone(alice_client, alice):
    app = make_application(alice)
    alice_client.cookies[COOKIE] = "Europe/Berlin"
    alice_client.post(
        f"/applications/{app.pk}/events/",
        {"kind": "interview_scheduled", "when": "2026-07-01T14:00", "text": "Onsite"},
    )
    event = app.events.get(kind="interview_scheduled")
    assert event.scheduled_for == datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    page = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert "14:00" in page


@pytest.mark.django_db
def test_the_dashboard_shows_times_with_the_zone(alice_client, alice):
    app = make_application(alice)
    add_manual_event(app, "interview_scheduled", datetime(2099, 1, 5, 13, 0, tzinfo=UTC), "x")
    alice_client.cookies[COOKIE] = "America/New_York"
    page = alice_client.get("/dashboard/").content.decode()
    assert "08:00 EST" in page and "Times in America/New_York." in page


@pytest.mark.django_db
def test_the_browsers_zone_is_remembered_for_the_account(alice):
    assert _zone_seen("America/Chicago", alice) == "America/Chicago"
    alice.refresh_from_db()
    assert alice.time_zone == "America/Chicago"


@pytest.mark.django_db
def test_another_browser_without_the_cookie_gets_the_accounts_zone(alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save(update_fields=["time_zone"])
    assert _zone_seen(None, alice) == "Asia/Tokyo"


@pytest.mark.django_db
def test_a_junk_cookie_never_overwrites_the_accounts_zone(alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save(update_fields=["time_zone"])
    assert _zone_seen("Mars/Olympus", alice) == "Asia/Tokyo"
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Tokyo"


@pytest.mark.django_db
def test_an_unchanged_zone_writes_nothing(alice, django_assert_num_queries):
    alice.time_zone = "Europe/Berlin"
    with django_assert_num_queries(0):
        _zone_seen("Europe/Berlin", alice)
