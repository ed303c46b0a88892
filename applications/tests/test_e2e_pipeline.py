"""In a real browser: the pipeline board moves cards by drag, by the card's menu on a phone,
and by keyboard, with every count following and no reload; columns can be renamed and hidden."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from analysis.models import Score
from applications.models import Application
from testkit.browser import PHONE

from .factories import make_application, make_job

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def a_search_in_progress(owner) -> dict[str, Application]:
    """A board a person would have a few weeks in: cards in most stages, scored, with tasks."""
    now = timezone.now()
    today = timezone.localdate()

    def app(title, company, status, days_ago, fit=None, band="good", **extra):
        job = make_job(owner, title=title, company=company)
        if fit is not None:
            Score.objects.create(job=job, owner=owner, profile_version=1, total=fit, band=band)
        return make_application(
            owner, title=title, company=company, status=status, job=job,
            created_at=now - timedelta(days=days_ago), status_changed_at=now - timedelta(days=days_ago),
            applied_at=None if status == "saved" else now - timedelta(days=days_ago), **extra,
        )  # fmt: skip

    return {
        "platform": app("Platform Engineer", "Acme", "applied", 3, 82, "strong",
                        next_action="Follow up with Dana", next_action_due=today - timedelta(days=1)),
        "data": app("Data Engineer", "Globex", "applied", 9, 64, "good",
                    next_action="Send portfolio", next_action_due=today),
        "sre": app("Senior Site Reliability Engineer, Developer Productivity and Infrastructure",
                   "Initech International Holdings GmbH", "screening", 12, 47, "fair"),
        "backend": app("Backend Developer", "Umbrella", "saved", 1, 71, "good"),
        "staff": app("Staff Engineer", "Hooli", "interviewing", 20, 88, "strong",
                     next_action="Prepare system design", next_action_due=today + timedelta(days=4)),
        "ml": app("ML Engineer", "Soylent", "rejected", 40),
        "go": app("Go Developer", "Vandelay", "ghosted", 70, 35, "weak"),
    }  # fmt: skip


def column(page, status):
    return page.locator(f'.kanban-column[data-status="{status}"]')


def count(page, status):
    return column(page, status).locator("h2 .count")


def strip_count(page, status):
    return page.get_by_role("navigation", name="Stages").locator(f'[data-count="{status}"]')


def no_reload_marker(page):
    page.evaluate("window.__sameDocument = true")


def assert_no_reload(page):
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"


def test_dragging_a_card_moves_it_and_updates_the_counts(journey, alice):
    apps = a_search_in_progress(alice)
    journey.login("alice", "alice-pass-123")
    page = journey.go("/pipeline/")
    expect(page.get_by_text("Scroll for more stages")).to_be_visible()
    card = page.locator(f"#card-{apps['platform'].pk}")
    expect(card.get_by_text("82")).to_be_visible()  # the fit chip
    expect(card.get_by_text("3d", exact=True)).to_have_attribute(
        "title",
        "Applied " + (timezone.localtime(apps["platform"].applied_at).strftime("%-d %b %Y")),
    )
    overdue = timezone.localdate() - timedelta(days=1)
    expect(card.get_by_title(f"Overdue: due {overdue:%a %-d %b %Y}")).to_have_text(
        f"Overdue, due {overdue:%b %-d}"
    )
    journey.fits()
    journey.look("board")

    no_reload_marker(page)
    with page.expect_response(
        lambda r: r.url.endswith(f"/applications/{apps['platform'].pk}/status/")
    ) as answer:  # noqa: E501
        card.drag_to(column(page, "screening"), source_position={"x": 8, "y": 8})
    assert answer.value.status == 200
    expect(column(page, "screening").locator(f"#card-{apps['platform'].pk}")).to_be_visible()
    expect(count(page, "screening")).to_have_text("2")
    expect(count(page, "applied")).to_have_text("1")
    expect(strip_count(page, "screening")).to_have_text("2")
    expect(
        page.get_by_text("Moved Platform Engineer to Screening.", exact=False).first
    ).to_be_visible()
    assert_no_reload(page)
    journey.look("after-drag")
    apps["platform"].refresh_from_db()
    assert apps["platform"].status == "screening"
    page = journey.go(f"/applications/{apps['platform'].pk}/")
    expect(page.get_by_text("Applied → Screening")).to_be_visible()


def test_the_card_menu_moves_a_card_on_a_phone_without_a_reload(journey, alice):
    apps = a_search_in_progress(alice)
    journey.login("alice", "alice-pass-123")
    page = journey.page
    page.set_viewport_size(PHONE)
    journey.go("/pipeline/")
    no_reload_marker(page)
    card = page.locator(f"#card-{apps['data'].pk}")
    card.get_by_label("Move Data Engineer").click()
    expect(card.get_by_role("button", name="Offer")).to_be_visible()
    journey.fits()
    journey.look("menu-open")

    card.get_by_role("button", name="Offer").click()
    offer = column(page, "offer")
    expect(offer.locator(f"#card-{apps['data'].pk}")).to_be_visible()
    expect(offer.get_by_text("Data Engineer")).to_be_in_viewport()
    expect(count(page, "offer")).to_have_text("1")
    expect(count(page, "applied")).to_have_text("1")
    expect(strip_count(page, "offer")).to_have_text("1")
    expect(page.locator(f"#card-{apps['data'].pk}")).to_be_focused()
    assert_no_reload(page)
    journey.fits()
    journey.look("moved")
    apps["data"].refresh_from_db()
    assert apps["data"].status == "offer"

    page.get_by_role("button", name="Undo").click()
    expect(column(page, "applied").locator(f"#card-{apps['data'].pk}")).to_be_visible()
    expect(count(page, "offer")).to_have_text("0")
    expect(page.locator("[data-announce]")).to_have_text("Data Engineer is back in Applied.")


def test_a_card_moves_by_keyboard_and_keeps_the_focus(journey, alice):
    apps = a_search_in_progress(alice)
    journey.login("alice", "alice-pass-123")
    page = journey.go("/pipeline/")
    no_reload_marker(page)
    card = page.locator(f"#card-{apps['backend'].pk}")
    card.focus()
    page.keyboard.press("Shift+ArrowRight")
    expect(column(page, "applied").locator(f"#card-{apps['backend'].pk}")).to_be_visible()
    expect(page.locator("[data-announce]")).to_have_text(
        "Moved Backend Developer to Applied. Applied now has 3; Saved has 0."
    )
    expect(card).to_be_focused()
    page.keyboard.press("Shift+ArrowRight")
    expect(column(page, "screening").locator(f"#card-{apps['backend'].pk}")).to_be_visible()
    expect(card).to_be_focused()
    expect(count(page, "screening")).to_have_text("2")
    expect(count(page, "applied")).to_have_text("2")

    page.keyboard.press("Enter")  # the card's menu of stages
    expect(card.get_by_role("button", name="Interviewing")).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_focused()
    journey.fits()
    journey.look("keyboard")
    assert_no_reload(page)
    apps["backend"].refresh_from_db()
    assert apps["backend"].status == "screening"


def test_a_column_can_be_renamed_and_hidden_and_its_cards_are_still_counted(journey, alice):
    a_search_in_progress(alice)
    journey.login("alice", "alice-pass-123")
    page = journey.go("/pipeline/")
    page.get_by_text("Columns", exact=True).click()
    page.get_by_label("Name of the Screening column").fill("Phone screen")
    page.get_by_label("Show Ghosted").uncheck()
    page.get_by_label("Show Withdrawn").uncheck()
    page.set_viewport_size(PHONE)
    panel = page.locator(".columns-form").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
    journey.fits()
    journey.look("columns-panel")
    page.get_by_role("button", name="Save columns").click()

    expect(page.get_by_text("Columns saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Phone screen")).to_be_visible()
    expect(page.get_by_role("heading", name="Ghosted")).to_have_count(0)
    expect(page.get_by_text("1 in hidden columns")).to_be_visible()
    expect(page.get_by_role("link", name="Ghosted 1")).to_have_attribute(
        "href", "/applications/?status=ghosted"
    )
    journey.fits()
    journey.look("renamed-and-hidden")

    # A card sent to a hidden column leaves the board and is counted there.
    card = page.locator(".kanban-card", has_text="Platform Engineer")
    card.get_by_label("Move Platform Engineer").click()
    card.get_by_role("button", name="Ghosted (hidden)").click()
    expect(page.get_by_text("2 in hidden columns")).to_be_visible()
    expect(card).to_have_count(0)
    expect(count(page, "applied")).to_have_text("1")
    expect(page.locator("[data-announce]")).to_contain_text("Ghosted is a hidden column")
