"""A person's first minutes, in a real browser: create the account, sign in, see the dashboard."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_first_run_account_then_login_then_dashboard(page, live_server, tmp_path):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Welcome to jobtracker")).to_be_visible()
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Email").fill("maria@example.com")
    page.locator("#id_password1").fill("correct-horse-battery")
    page.locator("#id_password2").fill("correct-horse-battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Pipeline")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 0
