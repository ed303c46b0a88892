"""In a real browser: upload a resume, take the skills it proposes, and see every job scored
and sorted by how well it fits."""

import re

import pytest
from playwright.sync_api import expect

from .factories import make_job

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RESUME = b"""Maria Lopez - Backend Engineer
Experience: six years building APIs in Python and Django on PostgreSQL, deployed with
Docker and Kubernetes; message queues with Kafka; CI with GitHub Actions.
"""


def test_upload_a_resume_take_its_skills_and_see_jobs_ranked_by_fit(journey, alice, tmp_path):
    make_job(alice, title="Senior Python Engineer", company="Initech",
             description_text="Python, Django, PostgreSQL and Kubernetes on AWS.")  # fmt: skip
    make_job(alice, title="iOS Developer", company="Globex",
             description_text="Swift, SwiftUI and Xcode for our iPhone app.")  # fmt: skip
    resume = tmp_path / "maria-lopez.txt"
    resume.write_bytes(RESUME)
    journey.login("alice", "alice-pass-123")
    page = journey.page

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    expect(page.locator("td.fit .badge").first).to_have_text("–")  # nothing to score against

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").click()
    page.get_by_text("Upload a resume", exact=True).click()
    page.get_by_label("File").set_input_files(str(resume))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Skills found in your resume")).to_be_visible()
    for skill in ("Python", "Django", "PostgreSQL", "Kubernetes"):
        expect(page.get_by_label(skill, exact=True)).to_be_checked()  # proposed ones come ticked
    page.get_by_label("Docker", exact=True).uncheck()
    page.get_by_role("button", name="Add selected skills").click()
    expect(page.get_by_text(re.compile(r"^Added \d+ skills to your profile\.$"))).to_be_visible()
    expect(page.get_by_label("Skills", exact=True)).not_to_contain_text("Docker")
    expect(page.get_by_text(re.compile(r"Last rescore: done just now, 2 jobs"))).to_be_visible()
    journey.fits()
    journey.look("profile")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    page.get_by_label("Sort").select_option(label="Best fit")
    rows = page.locator("table.jobs tbody tr")
    expect(rows.first).to_contain_text("Senior Python Engineer")
    python_fit = int(rows.first.locator("td.fit .badge").inner_text())
    ios_fit = int(rows.nth(1).locator("td.fit .badge").inner_text())
    assert python_fit > ios_fit
    journey.fits()
    journey.look("jobs-by-fit")
