"""A person's first minutes, in a real browser: create the account, sign in, find every page
from the navigation, and get a helpful page when a link is wrong."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What the navigation offers, and the heading each page then shows.
BAR = {
    "Dashboard": "Dashboard",
    "Pipeline": "Pipeline",
    "Applications": "Applications",
    "Jobs": "Jobs",
    "Boards": "Boards",
    "Inbox": "Inbox",
    "Profile": "Profile",
}
MORE = {
    "Mailboxes": "Mailboxes",
    "Import CSV": "Import",
    "Google Sheets": "Google Sheets",
    "Calendar feed": "Calendar",
    "Track a posting": "Track a posting",
    "Model usage": "usage",
    "Settings": "Settings",
}


def test_first_run_account_then_login_then_dashboard(journey):
    page = journey.go("/")
    expect(page.get_by_role("heading", name="Welcome to jobtracker")).to_be_visible()
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Email").fill("maria@example.com")
    page.locator("#id_password1").fill("correct-horse-battery")
    page.locator("#id_password2").fill("correct-horse-battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    journey.fits()

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_text("More", exact=True).click()
    nav.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    journey.fits()
    journey.login("maria", "correct-horse-battery")
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    journey.look("dashboard")


def test_every_page_is_reachable_from_the_navigation(journey, alice):
    journey.login("alice", "alice-pass-123")
    page = journey.page
    nav = page.get_by_role("navigation", name="Main")
    for link, heading in BAR.items():
        nav.get_by_role("link", name=link, exact=True).click()
        expect(page.locator("h1").first).to_contain_text(heading)
        expect(nav.get_by_role("link", name=link, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
    more = nav.locator("details.nav-more")
    nav.get_by_text("More", exact=True).click()
    expect(more).to_have_attribute("open", "")
    page.keyboard.press("Escape")  # closes like a native menu
    expect(more).not_to_have_attribute("open", "")
    for link, heading in MORE.items():
        nav.get_by_text("More", exact=True).click()
        nav.get_by_role("link", name=link, exact=True).click()
        expect(page.locator("h1").first).to_contain_text(heading, ignore_case=True)
    journey.fits()
    journey.look("navigation")


def test_a_wrong_link_shows_a_page_with_a_way_back(journey, alice):
    journey.login("alice", "alice-pass-123")
    page = journey.go("/applications/999999/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    journey.fits()
    journey.look("not-found")
    journey.allow_console("404 (Not Found)")
    page.get_by_role("button", name="Back to the dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()


def test_the_favicon_is_served_where_browsers_look_for_it(journey):
    response = journey.page.request.get(journey.base_url + "/favicon.ico")
    assert response.status == 200
    assert "svg" in response.headers["content-type"]


def test_an_api_token_is_shown_once_and_the_settings_page_still_fits_a_phone(journey, alice):
    journey.login("alice", "alice-pass-123")
    page = journey.go("/settings/")
    page.get_by_label("Token name").fill("Chromium on my laptop")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_text("New token created — copy it now.")).to_be_visible()
    expect(page.get_by_role("cell", name="Chromium on my laptop")).to_be_visible()
    journey.fits()
    journey.look("settings-with-token")
    page.reload()
    expect(page.get_by_text("New token created")).to_have_count(0)  # shown once only
    journey.fits()
