"""A newcomer's first look, in a real browser: build the demo, sign in as the demo user, and
see the product with data in it: numbers and today's tasks, scored jobs, a full posting, email
waiting for review, an application whose timeline shows its email, a profile with a resume."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from mail.models import Email, Label, Review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_shows_the_product_with_data_in_it(journey, capsys):
    call_command("demo", "--new-password")
    password = capsys.readouterr().out.split("password: ")[1].split()[0]
    journey.login("demo", password)
    page = journey.page

    # Dashboard: numbers, and the tasks due today (one overdue).
    journey.go("/dashboard/")
    today = page.get_by_role("region", name="Today")
    expect(today.get_by_text("Due today").first).to_be_visible()
    expect(today.get_by_text(re.compile(r"\d+ days? late")).first).to_be_visible()
    expect(
        page.get_by_role("region", name="Coming up").get_by_text("Interview:").first
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Funnel")).to_be_visible()
    journey.fits()
    journey.look("dashboard")

    # Jobs: every row has a fit score, none shows "–".
    journey.go("/jobs/")
    badges = page.locator(".badge[class*='band-']")
    expect(badges.first).to_be_visible()
    assert badges.count() >= 20
    expect(page.get_by_title("Not scored: fill in your profile")).to_have_count(0)
    journey.fits()
    journey.look("jobs")

    # A job: a posting of several paragraphs and lists, as a career site shows it.
    page.get_by_role("link", name="Senior Backend Engineer").first.click()
    expect(page.get_by_role("heading", name="Description")).to_be_visible()
    expect(page.get_by_role("heading", name="What you will do")).to_be_visible()
    assert page.locator(".posting p").count() >= 4
    journey.fits()
    journey.look("job")

    # Inbox: emails the matcher was unsure of, with candidates to link.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("link", name=re.compile(r"Waiting \([1-9]"))).to_be_visible()
    expect(page.get_by_text("Next steps")).to_be_visible()
    expect(page.get_by_role("button", name="Link").first).to_be_visible()
    journey.fits()
    journey.look("inbox")

    # An application whose timeline shows the interview invitation that came by email.
    invitation = Email.objects.filter(review=Review.LINKED, label=Label.INTERVIEW).first()
    journey.go(f"/applications/{invitation.application_id}/")
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_text(invitation.subject)).to_be_visible()
    expect(timeline.get_by_role("link", name="Read the email").first).to_be_visible()
    journey.fits()
    journey.look("application")

    # Profile: skills to score against and the active resume.
    journey.go("/profile/")
    expect(page.get_by_role("link", name="Robin Demo — backend CV")).to_be_visible()
    expect(page.get_by_text("active", exact=True)).to_be_visible()
    journey.fits()
    journey.look("profile")
