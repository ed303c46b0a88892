"""In a real browser: drag a card to another column, then see the change on the timeline."""

import pytest
from playwright.sync_api import expect

from applications.models import Application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-pass-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()


def test_dragging_a_card_moves_it_and_records_the_event(page, live_server, alice, tmp_path):
    app = Application.objects.create(
        owner=alice, title="Platform Engineer", company="Acme", status="applied"
    )
    page.set_viewport_size({"width": 2400, "height": 900})  # every column on screen
    _login(page, live_server)
    page.goto(live_server.url + "/pipeline/")
    card = page.locator(f"#card-{app.pk}")
    target = page.locator('.kanban-column[data-status="interviewing"]')
    expect(card).to_be_visible()
    with page.expect_response(
        lambda r: r.url.endswith(f"/applications/{app.pk}/status/")
    ) as answer:
        card.drag_to(target, source_position={"x": 6, "y": 6}, target_position={"x": 40, "y": 60})
    assert answer.value.status == 200
    expect(target.locator(f"#card-{app.pk}")).to_be_visible()
    expect(target.locator(".count")).to_have_text("1")
    page.wait_for_function(
        f"document.querySelector('#card-{app.pk} select').value === 'interviewing'"
    )
    page.screenshot(path=str(tmp_path / "pipeline.png"), full_page=True)
    app.refresh_from_db()
    assert app.status == "interviewing"
    page.goto(live_server.url + f"/applications/{app.pk}/")
    expect(page.get_by_text("Applied → Interviewing")).to_be_visible()


def test_the_select_on_a_card_moves_it_without_dragging(page, live_server, alice):
    app = Application.objects.create(
        owner=alice, title="Data Engineer", company="Globex", status="applied"
    )
    _login(page, live_server)
    page.goto(live_server.url + "/pipeline/")
    card = page.locator(f"#card-{app.pk}")
    card.get_by_label("Move Data Engineer to").select_option("offer")
    with page.expect_response(
        lambda r: r.url.endswith(f"/applications/{app.pk}/status/")
    ) as answer:
        card.get_by_role("button", name="Move").click()
    assert answer.value.status == 200
    app.refresh_from_db()
    assert app.status == "offer"
