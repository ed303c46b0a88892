"""In a real browser, through the pages only: add a board by pasting its URL, scan it, find a
job on the jobs page and track it; add a plain careers page; be stopped from adding a board
twice or a URL that is not one.

The ATS is a real HTTP server on 127.0.0.1 answering in Greenhouse's shape: the pasted URL
is the board's public address (boards.greenhouse.io/acme), and settings.ATS_API_BASES sends
the API calls it implies to the local server, as the source tests do."""

import json
import re

import pytest
from playwright.sync_api import expect

from boards.models import Board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def greenhouse_job(n: int, title: str, text: str, location: str = "Berlin") -> dict:
    return {
        "id": 4000 + n,
        "title": title,
        "absolute_url": f"https://job-boards.greenhouse.io/acme/jobs/{4000 + n}",
        "location": {"name": location},
        "updated_at": "2026-11-01T10:00:00-04:00",
        "company_name": "Acme Robotics",
        "content": f"&lt;p&gt;{text}&lt;/p&gt;",
    }


GREENHOUSE_BOARD = {
    "jobs": [
        greenhouse_job(1, "Platform Engineer", "Run Kubernetes clusters and Terraform.", "Remote"),
        greenhouse_job(2, "Backend Engineer", "Python and Django services."),
        greenhouse_job(3, "Product Designer", "Design our robot fleet console."),
    ],
    "meta": {"total": 3},
}


def careers_page(site_name: str, titles: list[str]) -> str:
    postings = [
        {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": title,
            "identifier": {"value": f"job-{i}"},
            "hiringOrganization": {"name": site_name},
            "jobLocation": {"address": {"addressLocality": "Lisbon"}},
            "description": f"<p>{title} at {site_name}.</p>",
        }
        for i, title in enumerate(titles)
    ]
    return (
        f'<html><head><title>Careers | {site_name}</title><meta property="og:site_name" '
        f'content="{site_name}"><script type="application/ld+json">{json.dumps(postings)}'
        "</script></head><body><h1>Join us</h1></body></html>"
    )


def add_board(page, url: str) -> None:
    field = page.get_by_label("Add a board: paste a careers page or any posting URL")
    field.fill(url)
    page.get_by_role("button", name="Add board").click()


def test_add_a_greenhouse_board_scan_it_search_and_track_a_job(
    journey, alice, http_server, settings
):
    settings.ATS_API_BASES = {"greenhouse": http_server.url}
    http_server.route("/v1/boards/acme/jobs", body=GREENHOUSE_BOARD)
    page = journey.page
    journey.login("alice", "alice-pass-123")

    # Boards: empty, then the pasted URL is recognised before anything is saved.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Boards").click()
    expect(page.get_by_role("heading", name="No boards yet")).to_be_visible()
    page.get_by_label("Add a board: paste a careers page or any posting URL").fill(
        "https://boards.greenhouse.io/acme"
    )
    expect(page.locator("#detected")).to_contain_text("Detected a Greenhouse board")
    expect(page.locator("#detected")).to_contain_text("added as “Acme”")
    journey.fits()
    journey.look("boards-empty")

    # Add board: straight to the board's page, named from its token, its first scan done.
    page.get_by_role("button", name="Add board").click()
    board = Board.objects.get(owner=alice)
    expect(page).to_have_url(f"{journey.base_url}/boards/{board.pk}/")
    expect(page.get_by_role("heading", name="Acme", exact=True)).to_be_visible()
    expect(page.get_by_role("alert").or_(page.locator(".messages"))).to_contain_text("Added Acme")
    status = page.locator("#scan-status")
    expect(status).to_contain_text("3 jobs found")
    expect(page.locator("#scan-status [aria-busy]")).to_have_count(0)
    expect(page.get_by_text("every 6 hours")).to_be_visible()

    # Scan now: the status answers in place with the count of jobs found.
    page.get_by_role("button", name="Scan now").click()
    expect(status).to_contain_text("3 jobs found, 0 new")
    expect(status).to_contain_text("just now")
    assert board.runs.count() == 2
    journey.fits()
    journey.look("board")

    # The boards list shows it, healthy, with its open jobs.
    page.get_by_role("link", name="Boards", exact=True).first.click()
    row = page.get_by_role("row", name="Acme")
    expect(row).to_contain_text("Greenhouse")
    expect(row.get_by_role("link", name="3 open jobs on Acme")).to_be_visible()
    expect(row).to_contain_text("ok")
    journey.fits()
    journey.look("boards")

    # Jobs: search for a word from one description.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    expect(page.get_by_text("3 jobs", exact=True)).to_be_visible()
    page.get_by_label("Search jobs").fill("kubernetes")
    expect(page.get_by_text("1 job", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/jobs/\?q=kubernetes"))
    results = page.locator("#job-results")
    expect(results.get_by_role("link", name="Platform Engineer")).to_be_visible()
    expect(results.get_by_role("link", name="Backend Engineer")).to_have_count(0)
    journey.fits()
    journey.look("jobs")

    # The job page: facts, its Fit panel loaded (no spinner left), then Track.
    results.get_by_role("link", name="Platform Engineer").click()
    expect(page.get_by_role("heading", name="Platform Engineer", level=1)).to_be_visible()
    expect(page.get_by_text("Acme Robotics · Remote")).to_be_visible()
    fit = page.locator("section.panel", has=page.get_by_role("heading", name="Fit"))
    expect(fit).to_contain_text("your profile has no skills or target titles yet")
    expect(fit.get_by_role("link", name="Fill in your profile")).to_be_visible()
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    expect(fit).not_to_contain_text("the fast score above")
    journey.fits()
    journey.look("job")

    page.get_by_role("button", name="Track this job").click()
    expect(page.get_by_text("Tracking Platform Engineer")).to_be_visible()
    expect(page.locator(".tracked")).to_contain_text("Tracked")
    expect(page.get_by_role("button", name="Track this job")).to_have_count(0)
    journey.fits()
    journey.look("job-tracked")
    page.get_by_role("button", name="Open application").click()
    expect(page.get_by_role("heading", name="Platform Engineer", level=1)).to_be_visible()
    expect(page).to_have_url(f"{journey.base_url}/applications/{alice.applications.get().pk}/")


def test_add_a_plain_careers_page_named_from_the_page(journey, alice, http_server):
    http_server.route("/careers", body=careers_page("Globex", ["Data Engineer", "SRE"]))
    page = journey.page
    journey.login("alice", "alice-pass-123")
    journey.go("/boards/")

    url = f"{http_server.url}/careers"
    page.get_by_label("Add a board: paste a careers page or any posting URL").fill(url)
    expect(page.locator("#detected")).to_contain_text("Not a known ATS")
    page.get_by_role("button", name="Add board").click()

    board = Board.objects.get(owner=alice)
    assert (board.kind, board.url) == ("jsonld", url)
    expect(page).to_have_url(f"{journey.base_url}/boards/{board.pk}/")
    expect(page.get_by_role("heading", name="Globex", exact=True)).to_be_visible()
    expect(page.locator("#scan-status")).to_contain_text("2 jobs found")
    expect(page.get_by_text("2 open jobs")).to_be_visible()
    journey.fits()
    journey.look("board")


def test_quick_add_explains_duplicates_and_bad_urls_in_place(journey, alice, bob, http_server):
    http_server.route("/careers", body=careers_page("Globex", ["Data Engineer"]))
    http_server.route("/about", body="<html><title>About us</title><p>No jobs here.</p></html>")
    url = f"{http_server.url}/careers"
    Board.objects.create(owner=bob, name="Globex", kind="jsonld", url=url)  # bob's own
    existing = Board.objects.create(owner=alice, name="Globex jobs", kind="jsonld", url=url)
    page = journey.page
    journey.login("alice", "alice-pass-123")
    journey.go("/boards/")
    field = page.get_by_label("Add a board: paste a careers page or any posting URL")

    # The same page again (a trailing slash is no new board): a link to the one she has.
    add_board(page, url + "/")
    error = page.locator("#quick-add-error")
    expect(error).to_contain_text("You already have this board: Globex jobs")
    expect(field).to_have_value(url + "/")
    expect(field).to_have_attribute("aria-invalid", "true")
    journey.fits()
    journey.look("duplicate")

    # Not a URL at all, and a page with no postings: said on the same page, input kept.
    add_board(page, "not a web address")
    expect(error).to_contain_text("That is not a web address")
    expect(field).to_have_value("not a web address")
    add_board(page, f"{http_server.url}/about")
    expect(error).to_contain_text("No job postings found on that page")
    expect(page.get_by_role("link", name="More options")).to_have_attribute(
        "href", f"/boards/new/?url={http_server.url.replace(':', '%3A')}/about"
    )
    add_board(page, "https://boards.greenhouse.io/")
    expect(error).to_contain_text("does not say which company's board it is")
    assert Board.objects.filter(owner=alice).count() == 1

    add_board(page, url)
    page.locator("#quick-add-error").get_by_role("link", name="Globex jobs").click()
    expect(page).to_have_url(f"{journey.base_url}/boards/{existing.pk}/")
