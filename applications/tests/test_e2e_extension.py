"""The unpacked extension in Debian's chromium: options, popup, save, already tracked."""

import json
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from applications.models import Application
from jobtracker.services import issue_token

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
EXTENSION = str(Path(settings.BASE_DIR) / "extension")
POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Backend Engineer (Python)",
    "hiringOrganization": {"@type": "Organization", "name": "Umbrella Labs"},
    "jobLocation": {
        "@type": "Place",
        "address": {"addressLocality": "Vienna", "addressRegion": "AT"},
    },
}


@pytest.fixture
def extension_context(playwright):
    context = playwright.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="jt-ext-"),
        executable_path="/usr/bin/chromium",
        headless=True,
        args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}",
              "--disable-gpu", "--disable-sync", "--disable-quic"],
        ignore_default_args=["--disable-extensions"],
    )  # fmt: skip
    yield context
    context.close()


def test_save_a_posting_from_the_popup_then_see_it_tracked(
    extension_context, live_server, http_server, alice
):
    _, token = issue_token(alice, "e2e")
    http_server.route(
        "/jobs/42",
        body=f'<html><head><title>Careers</title><script type="application/ld+json">{json.dumps(POSTING)}</script></head><body><h1>Careers</h1></body></html>',
    )
    context = extension_context
    worker = (
        context.service_workers[0]
        if context.service_workers
        else context.wait_for_event("serviceworker")
    )
    ext = worker.url.split("/")[2]

    options = context.new_page()
    options.goto(f"chrome-extension://{ext}/options.html")
    options.get_by_label("Server address").fill(live_server.url)
    options.get_by_label("API token").fill(token)
    options.get_by_role("button", name="Test connection").click()
    expect(options.locator("#status")).to_have_text("Connected as alice.")

    job = context.new_page()
    job.goto(http_server.url + "/jobs/42")
    tab_id = worker.evaluate(
        "chrome.tabs.query({}).then(tabs => tabs.find(t => (t.url || '').includes('/jobs/42')).id)"
    )

    popup = context.new_page()
    popup.goto(f"chrome-extension://{ext}/popup.html?tabId={tab_id}")
    expect(popup.get_by_label("Title")).to_have_value("Backend Engineer (Python)")
    expect(popup.get_by_label("Company")).to_have_value("Umbrella Labs")
    popup.get_by_label("Notes").fill("Referred by Kim")
    popup.get_by_role("button", name="Save", exact=True).click()
    expect(popup.locator("#status")).to_have_text("Saved (saved).")

    app = Application.objects.get(owner=alice)
    assert (app.title, app.company, app.location, app.notes, app.source) == (
        "Backend Engineer (Python)",
        "Umbrella Labs",
        "Vienna, AT",
        "Referred by Kim",
        "extension",
    )
    assert app.url == http_server.url + "/jobs/42"

    popup.reload()
    expect(popup.locator("#tracked")).to_contain_text("Already tracked — status saved")
    popup.get_by_role("button", name="Save", exact=True).click()
    expect(popup.locator("#tracked")).to_contain_text("Already tracked")
    assert Application.objects.filter(owner=alice).count() == 1


def test_a_wrong_token_is_explained_in_the_options(extension_context, live_server):
    context = extension_context
    worker = (
        context.service_workers[0]
        if context.service_workers
        else context.wait_for_event("serviceworker")
    )
    options = context.new_page()
    options.goto(f"chrome-extension://{worker.url.split('/')[2]}/options.html")
    options.get_by_label("Server address").fill(live_server.url)
    options.get_by_label("API token").fill("jt_not-a-real-token")
    options.get_by_role("button", name="Test connection").click()
    expect(options.locator("#status")).to_contain_text("token was refused")


def test_the_extension_icons_load_at_every_size(extension_context):
    context = extension_context
    worker = (
        context.service_workers[0]
        if context.service_workers
        else context.wait_for_event("serviceworker")
    )
    manifest = worker.evaluate("chrome.runtime.getManifest()")
    assert manifest["icons"] == manifest["action"]["default_icon"]
    page = context.new_page()
    page.goto(f"chrome-extension://{worker.url.split('/')[2]}/options.html")
    sizes = page.evaluate(
        """icons => Promise.all(Object.entries(icons).map(([size, path]) => new Promise(done => {
             const image = new Image();
             image.onload = () => done([size, image.naturalWidth, image.naturalHeight]);
             image.onerror = () => done([size, 0, 0]);
             image.src = chrome.runtime.getURL(path);
           })))""",
        manifest["icons"],
    )
    assert sorted(sizes, key=lambda s: int(s[0])) == [
        [size, int(size), int(size)] for size in ("16", "32", "48", "128")
    ]
