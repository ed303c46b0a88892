"""In a real browser: a person works one application (a note, a contact, an interview, tasks)
and then tidies up their contacts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Contact, Task

from .factories import make_application, make_job

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_working_an_application_and_then_the_contacts_page(journey, alice):
    # A posting whose description is wider than any screen must not widen the page.
    wide = "<pre>" + "x" * 400 + "</pre><p>https://acme.example/" + "y" * 300 + "</p>"
    job = make_job(alice, title="Platform Engineer", description_html=wide)
    app = make_application(alice, title="Platform Engineer", company="Acme Robotics", job=job)
    journey.login("alice", "alice-pass-123")
    page = journey.go(f"/applications/{app.pk}/")
    page.set_default_timeout(10_000)
    page.evaluate("window.notReloaded = true")  # gone if anything below reloads the page

    # A note shows up in the Notes panel at once, with its date.
    notes = page.locator("#notes-panel")
    expect(notes).to_contain_text("No notes yet")
    notes.get_by_role("textbox", name="Note", exact=True).fill("Dana says the team ships weekly.")
    notes.get_by_role("button", name="Add note").click()
    expect(notes.locator(".note-list li")).to_have_count(1)
    expect(notes.locator(".note-list li")).to_contain_text("Dana says the team ships weekly.")
    expect(notes.locator(".note-list time")).to_contain_text(str(timezone.localdate().year))
    expect(notes).not_to_contain_text("No notes")

    # A contact with a profile typed without https://
    contacts = page.locator("#contacts-panel")
    contacts.get_by_text("Add a contact").click()
    contacts.get_by_label("Name").fill("Dana Scully")
    contacts.get_by_label("Kind").select_option(label="Recruiter")
    contacts.get_by_label("Profile link").fill("linkedin.com/in/dana-scully")
    contacts.get_by_role("button", name="Add contact").click()
    expect(contacts.locator(".contact-item")).to_have_count(1)
    expect(contacts.get_by_role("link", name="Profile")).to_have_attribute(
        "href", "https://linkedin.com/in/dana-scully"
    )
    assert page.evaluate("window.notReloaded") is True

    # … edited on its own page, back to the application.
    contacts.get_by_role("link", name="Edit Dana Scully").click()
    page.get_by_label("Role").fill("Senior technical recruiter")
    page.get_by_role("button", name="Save contact").click()
    expect(page).to_have_url(journey.base_url + f"/applications/{app.pk}/")
    expect(page.locator("#contacts-panel")).to_contain_text("Senior technical recruiter")

    # An interview through the event form.
    page.get_by_text("Add an interview, assessment or other event").click()
    page.get_by_label("When").fill("2030-03-04T10:30")
    page.get_by_label("What").fill("Tech interview with the platform team")
    page.get_by_role("button", name="Add to timeline").click()
    expect(page.locator("#timeline")).to_contain_text("Tech interview with the platform team")

    # Two tasks with due dates; one ticked off without a reload.
    page.evaluate("window.notReloaded = true")
    tasks = page.locator("#tasks-panel")
    tasks.get_by_text("Add a task").click()
    tasks.get_by_role("textbox", name="Task", exact=True).fill("Send the portfolio")
    tasks.get_by_label("Due").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    tasks.get_by_role("button", name="Add task").click()
    expect(tasks.locator(".task-row")).to_have_count(1)
    expect(tasks.locator(".task-row.is-overdue")).to_contain_text("Send the portfolio")
    tasks.get_by_role("button", name="+ Follow up in 7 days").click()
    expect(tasks.locator(".task-row")).to_have_count(2)
    tasks.get_by_role("button", name="Mark done: Send the portfolio").click()
    expect(tasks.locator(".task-row.is-done")).to_contain_text("Send the portfolio")
    expect(tasks.get_by_role("button", name="Reopen: Send the portfolio")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("Send the portfolio")
    assert page.evaluate("window.notReloaded") is True
    assert Task.objects.get(title="Send the portfolio").done_at is not None
    page.get_by_text("Description", exact=True).click()
    journey.fits()
    journey.look("application")

    # The contacts page: search, edit, delete.
    page.locator("#contacts-panel").get_by_role("link", name="All contacts").click()
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()
    page.get_by_label("Search contacts").fill("acme")
    page.get_by_role("button", name="Search").click()
    card = page.locator(".contact-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Dana Scully")
    expect(card.get_by_role("link", name="Acme Robotics")).to_be_visible()
    journey.fits()
    journey.look("contacts")
    card.get_by_role("button", name="Edit Dana Scully").click()
    journey.fits()
    journey.look("contact-edit", schemes=("light",))
    page.get_by_label("Email").fill("dana@acme.example")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator(".contact-card")).to_contain_text("dana@acme.example")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete Dana Scully").click()
    expect(page.get_by_text("Deleted Dana Scully.")).to_be_visible()
    assert not Contact.objects.exists()
