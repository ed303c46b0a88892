"""The bookmarklet as a person uses it: take it from Settings, click it on a posting (its
javascript: link runs in the posting's page), check title and company on the capture page,
save, and see the application, recorded as from the bookmarklet with its company."""

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from applications.models import Application
from testkit.browser import Journey

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
POSTING = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Careers"},
        {
            "@type": "JobPosting",
            "title": "Senior Site Reliability Engineer",
            "hiringOrganization": {"@type": "Organization", "name": "Initech"},
        },
    ],
}


def posting_page(title: str, head: str) -> str:
    icon = '<link rel="icon" href="data:,">'  # no favicon request to 404 in the console
    return f"<!doctype html><html><head><title>{title}</title>{icon}{head}</head><body><h1>{title}</h1></body></html>"


def click_bookmarklet(page, href: str):
    """What a click on the bookmark does: decode the javascript: URL and run it in the page."""
    with page.context.expect_page() as opened:
        page.evaluate(unquote(href.removeprefix("javascript:")))
    capture = opened.value
    capture.wait_for_load_state()
    return capture


def test_the_bookmarklet_reads_the_posting_and_tracks_it_as_bookmarklet(
    journey, live_server, http_server, alice
):
    http_server.route(
        "/jobs/senior-sre/",
        body=posting_page(
            "Senior SRE | Initech Careers",
            '<meta property="og:site_name" content="Initech Careers">'
            f'<script type="application/ld+json">{json.dumps(POSTING)}</script>',
        ),
    )
    http_server.route(
        "/openings/42",
        body=posting_page(
            "Data Engineer – Hooli", '<meta property="og:site_name" content="Hooli">'
        ),
    )
    page = journey.page
    journey.login("alice", "alice-pass-123")
    journey.go("/settings/")
    bookmarklet = page.get_by_role("link", name="Track in jobtracker")
    expect(bookmarklet).to_be_visible()
    href = bookmarklet.get_attribute("href")
    assert href.startswith("javascript:")

    # A page with only Open Graph tags: the site name is the company, the title the page's.
    page.goto(http_server.url + "/openings/42")
    other = click_bookmarklet(page, href)
    asked = parse_qs(urlsplit(other.url).query)
    assert (asked["company"], asked["title"]) == (["Hooli"], ["Data Engineer – Hooli"])
    other.close()

    page.goto(http_server.url + "/jobs/senior-sre/")
    capture = Journey(click_bookmarklet(page, href), live_server.url, journey.name + "-capture")
    form = capture.page
    expect(form.get_by_role("heading", name="Track a posting")).to_be_visible()
    expect(form.get_by_label("Posting URL")).to_have_value(http_server.url + "/jobs/senior-sre/")
    expect(form.get_by_label("Title")).to_have_value("Senior Site Reliability Engineer")
    expect(form.get_by_label("Company")).to_have_value("Initech")  # JSON-LD over og:site_name
    capture.fits()
    capture.look("capture")

    form.get_by_role("button", name="Track it").click()
    expect(form.get_by_text("Tracked.")).to_be_visible()
    expect(form.get_by_role("heading", level=1)).to_contain_text("Senior Site Reliability Engineer")
    expect(form.get_by_text(re.compile(r"^Added .* from bookmarklet"))).to_be_visible()
    expect(form.locator("main")).to_contain_text("Initech")
    capture.fits()
    capture.look("application")
    capture.assert_clean_console()

    app = Application.objects.get(owner=alice)
    assert (app.source, app.company, app.title) == (
        "bookmarklet",
        "Initech",
        "Senior Site Reliability Engineer",
    )
    assert app.url == http_server.url + "/jobs/senior-sre"  # one posting, with or without "/"
