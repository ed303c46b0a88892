"""The applications list in a real browser: search and filter, then act on several at once,
on a laptop and on a phone."""

import pytest
from playwright.sync_api import expect

from applications.models import Application

from .factories import make_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_search_filter_and_archive_several_applications_at_once(journey, alice, bob):
    for n in range(3):
        make_application(alice, title=f"Platform Engineer {n}", company="Initech")
    make_application(alice, title="Data Analyst", company="Globex", status="saved")
    make_application(bob, title="Platform Engineer (bob's)", company="Initech")
    journey.login("alice", "alice-pass-123")
    page = journey.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    expect(page.get_by_text("4 applications.")).to_be_visible()
    journey.fits()
    journey.look("list")

    page.get_by_label("Search").fill("platform")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.get_by_text("3 applications.")).to_be_visible()
    expect(page.get_by_text("Platform Engineer (bob's)")).to_have_count(0)

    page.get_by_label("Status", exact=True).select_option(label="Saved")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.get_by_role("heading", name="No applications match")).to_be_visible()
    page.get_by_label("Search").fill("")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.get_by_text("1 application.")).to_be_visible()

    page.get_by_label("Status", exact=True).select_option(label="Any status")
    page.get_by_label("Search").fill("platform")
    page.get_by_role("button", name="Filter", exact=True).click()
    page.set_viewport_size({"width": 390, "height": 844})  # the rest on a phone
    page.get_by_label("Select Platform Engineer 0").check()
    page.get_by_label("Select Platform Engineer 1").check()
    page.get_by_label("Bulk action").select_option(label="Archive")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Archived 2 applications.")).to_be_visible()
    expect(page.get_by_text("1 application.")).to_be_visible()
    journey.fits()
    journey.look("archived")
    assert Application.objects.filter(owner=alice, archived=True).count() == 2

    page.get_by_label("Archived").check()
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.get_by_text("2 applications.")).to_be_visible()
