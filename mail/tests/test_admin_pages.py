"""The admin is where data gets fixed by hand: every model a person may need to fix is there,
its list, search and change pages open, and the names read as English."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.urls import reverse

from applications.demo import build_demo
from applications.models import Application, Contact, Event, Task

pytestmark = pytest.mark.django_db

MUST_BE_FIXABLE = {
    "applications.application",
    "applications.event",
    "applications.contact",
    "applications.task",
    "boards.board",
    "boards.job",
    "ingestion.email",
    "ingestion.mailbox",
    "analysis.profile",
    "analysis.resume",
}


@pytest.fixture
def admin_client(django_user_model, client):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "root-pass-123")
    client.force_login(root)
    return client


def test_every_model_a_person_fixes_is_in_the_admin():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered >= MUST_BE_FIXABLE


def test_admin_names_are_spelled_right():
    plurals = {str(model._meta.verbose_name_plural) for model in admin.site._registry}
    assert "LLM analyses" in plurals
    assert not [name for name in plurals if name.endswith("ss") and "address" not in name]


def test_every_admin_list_search_and_change_page_opens(admin_client, django_user_model):
    build_demo("demo-admin", "demo-pass-123")
    user = django_user_model.objects.get(username="demo-admin")
    app = Application.objects.filter(owner=user).first()
    Task.objects.create(owner=user, application=app, title="Follow up", due_on=date(2027, 1, 4))
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, changelist
        if model_admin.search_fields:
            assert admin_client.get(changelist, {"q": "a"}).status_code == 200, changelist
        row = model.objects.first()
        if row is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
            assert admin_client.get(change).status_code == 200, change


def test_application_change_page_shows_its_timeline_and_tasks(admin_client, alice):
    app = Application.objects.create(owner=alice, title="SRE", company="Initech")
    Event.objects.create(application=app, kind="note_added", text="Called the recruiter")
    Task.objects.create(owner=alice, application=app, title="Send thank-you")
    Contact.objects.create(owner=alice, name="Kim Lee").applications.add(app)
    page = admin_client.get(reverse("admin:applications_application_change", args=[app.pk]))
    assert b"Called the recruiter" in page.content
    assert b"Send thank-you" in page.content


def test_a_task_added_in_the_admin_belongs_to_the_applications_owner(admin_client, alice):
    app = Application.objects.create(owner=alice, title="SRE", company="Initech")
    url = reverse("admin:applications_application_change", args=[app.pk])
    data = _form_as_a_browser_sends_it(admin_client.get(url).content, "application_form")
    data |= {
        "tasks-TOTAL_FORMS": "1",
        "tasks-0-title": "Prepare system design",
        "tasks-0-kind": "prepare",
        "tasks-0-due_on": "2027-01-05",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Task.objects.get(title="Prepare system design").owner == alice


def _form_as_a_browser_sends_it(html: bytes, form_id: str) -> dict:
    """The fields a browser would submit from the rendered form (no JavaScript)."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text.strip("\n")
        else:
            data[name] = field.get("value", "")
    return data
