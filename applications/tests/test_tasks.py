"""Task routes on the application page and from any page: add (form or preset), tick off,
edit, delete; owner-scoped; the edit form's "next action" is the first open task."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from applications.models import Application, Event, EventKind, Task, TaskKind
from applications.task_list import add_task

from .factories import make_application

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(alice):
    return make_application(alice, title="Platform Engineer", company="Acme")


@pytest.fixture
def task(alice, app):
    return add_task(alice, "Send the portfolio", application=app, due_on=date(2030, 1, 10))


def test_anonymous_users_are_sent_to_login_from_every_task_route(client, task):
    for method, url in [
        ("post", f"/applications/{task.application_id}/tasks/"),
        ("get", f"/tasks/{task.pk}/"),
        ("post", f"/tasks/{task.pk}/done/"),
        ("get", f"/tasks/{task.pk}/edit/"),
        ("post", f"/tasks/{task.pk}/edit/"),
        ("post", f"/tasks/{task.pk}/delete/"),
    ]:
        response = getattr(client, method)(url)
        assert response["Location"].startswith("/login/"), url
    assert Task.objects.get(pk=task.pk).done_at is None


def test_bob_gets_404_for_alices_tasks_and_cannot_add_to_her_application(bob_client, task):
    for method, url, data in [
        ("post", f"/applications/{task.application_id}/tasks/", {"title": "x"}),
        ("post", f"/applications/{task.application_id}/tasks/", {"preset": "follow-up-7"}),
        ("get", f"/tasks/{task.pk}/", {}),
        ("post", f"/tasks/{task.pk}/done/", {}),
        ("get", f"/tasks/{task.pk}/edit/", {}),
        ("post", f"/tasks/{task.pk}/edit/", {"title": "Bob's", "kind": "other"}),
        ("post", f"/tasks/{task.pk}/delete/", {}),
    ]:
        response = getattr(bob_client, method)(url, data, headers=HTMX)
        assert response.status_code == 404, url
    task.refresh_from_db()
    assert (task.title, task.done_at) == ("Send the portfolio", None)
    assert Task.objects.count() == 1


def test_adding_a_task_with_htmx_answers_the_panel_and_the_timeline(alice_client, app):
    response = alice_client.post(
        f"/applications/{app.pk}/tasks/",
        {"title": "Email Dana", "kind": TaskKind.FOLLOW_UP, "due_on": "2030-02-01"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert 'id="tasks-panel"' in html
    assert "Email Dana" in html
    assert 'id="timeline" class="timeline" hx-swap-oob="true"' in html
    task = Task.objects.get()
    assert (task.owner, task.application, task.due_on) == (app.owner, app, date(2030, 2, 1))
    app.refresh_from_db()
    assert (app.next_action, app.next_action_due) == ("Email Dana", date(2030, 2, 1))


def test_a_preset_adds_a_dated_task_in_one_click(alice_client, app):
    with time_machine.travel(timezone.now(), tick=False):
        alice_client.post(f"/applications/{app.pk}/tasks/", {"preset": "follow-up-7"})
        in_a_week = timezone.localdate() + timedelta(days=7)
    task = Task.objects.get()
    assert (task.title, task.kind, task.due_on) == ("Follow up", TaskKind.FOLLOW_UP, in_a_week)


def test_an_unknown_preset_or_a_bad_date_adds_nothing(alice_client, app):
    alice_client.post(f"/applications/{app.pk}/tasks/", {"preset": "../../etc"})
    response = alice_client.post(
        f"/applications/{app.pk}/tasks/", {"title": "x", "kind": "other", "due_on": "31/31/2030"},
        headers=HTMX,
    )  # fmt: skip
    assert response.status_code == 200  # htmx swaps only 2xx: the panel shows the error
    assert "Enter a valid date" in response.content.decode()
    assert not Task.objects.exists()


def test_a_task_without_a_title_is_named_after_its_kind(alice_client, app):
    alice_client.post(f"/applications/{app.pk}/tasks/", {"title": "   ", "kind": "thank_you"})
    assert Task.objects.get().title == "Send thank-you"


def test_a_task_title_with_nul_is_refused(alice_client, app):
    alice_client.post(f"/applications/{app.pk}/tasks/", {"title": "a\x00b", "kind": "other"})
    assert not Task.objects.exists()


def test_ticking_off_with_htmx_answers_the_row_done(alice_client, task):
    response = alice_client.post(f"/tasks/{task.pk}/done/", headers=HTMX)
    html = response.content.decode()
    assert html.strip().startswith(f'<li id="task-{task.pk}" class="task-row is-done">')
    assert "Reopen: Send the portfolio" in html
    task.refresh_from_db()
    assert task.done_at is not None
    assert Event.objects.filter(kind=EventKind.TASK_DONE).count() == 1
    task.application.refresh_from_db()
    assert task.application.next_action == ""


def test_ticking_off_twice_records_one_event_and_reopening_brings_it_back(alice_client, task):
    alice_client.post(f"/tasks/{task.pk}/done/", headers=HTMX)
    alice_client.post(f"/tasks/{task.pk}/done/", headers=HTMX)
    assert Event.objects.filter(kind=EventKind.TASK_DONE).count() == 1
    alice_client.post(f"/tasks/{task.pk}/done/", {"done": "0"}, headers=HTMX)
    task.refresh_from_db()
    assert task.done_at is None
    task.application.refresh_from_db()
    assert task.application.next_action == "Send the portfolio"


def test_a_plain_post_ticks_off_and_goes_back_where_it_came_from(alice_client, task):
    response = alice_client.post(f"/tasks/{task.pk}/done/", {"next": "/dashboard/"})
    assert response["Location"] == "/dashboard/"
    response = alice_client.post(f"/tasks/{task.pk}/done/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/applications/{task.application_id}/"


def test_a_task_of_no_application_goes_back_to_the_dashboard(alice_client, alice):
    task = add_task(alice, "Update the CV")
    assert alice_client.post(f"/tasks/{task.pk}/done/")["Location"] == "/dashboard/"


def test_the_row_can_link_to_its_application_for_lists_across_applications(alice_client, task):
    html = alice_client.post(
        f"/tasks/{task.pk}/done/", {"show_application": "1"}, headers=HTMX
    ).content.decode()
    assert f'href="/applications/{task.application_id}/"' in html
    assert 'name="show_application" value="1"' in html


def test_an_overdue_task_is_marked_and_one_due_today_too(alice_client, alice, app):
    today = timezone.localdate()
    late = add_task(alice, "Late one", application=app, due_on=today - timedelta(days=2))
    now = add_task(alice, "Today one", application=app, due_on=today)
    html = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert f'<li id="task-{late.pk}" class="task-row is-overdue">' in html
    assert f'<li id="task-{now.pk}" class="task-row is-today">' in html


def test_done_tasks_are_collapsed_under_their_own_heading(alice_client, alice, app, task):
    alice_client.post(f"/tasks/{task.pk}/done/")
    html = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert '<details class="done-tasks">' in html
    assert "<summary>Done (1)</summary>" in html


def test_editing_in_place_shows_the_form_then_the_row(alice_client, task):
    form = alice_client.get(f"/tasks/{task.pk}/edit/", headers=HTMX).content.decode()
    assert f'id="task{task.pk}_title"' in form and "Send the portfolio" in form
    response = alice_client.post(
        f"/tasks/{task.pk}/edit/",
        {"title": "Send the portfolio and references", "kind": "prepare", "due_on": "2030-01-12"},
        headers=HTMX,
    )
    assert "Send the portfolio and references" in response.content.decode()
    task.refresh_from_db()
    assert (task.kind, task.due_on) == ("prepare", date(2030, 1, 12))
    task.application.refresh_from_db()
    assert task.application.next_action_due == date(2030, 1, 12)


def test_editing_with_a_blank_title_keeps_the_old_one(alice_client, task):
    alice_client.post(f"/tasks/{task.pk}/edit/", {"title": "", "kind": "other", "due_on": ""})
    task.refresh_from_db()
    assert (task.title, task.due_on) == ("Send the portfolio", None)


def test_editing_without_htmx_is_a_page_and_goes_back(alice_client, task):
    page = alice_client.get(f"/tasks/{task.pk}/edit/", {"next": "/dashboard/"})
    assert b"<h1>Edit task</h1>" in page.content
    response = alice_client.post(
        f"/tasks/{task.pk}/edit/",
        {"title": "Renamed", "kind": "other", "due_on": "", "next": "/dashboard/"},
    )
    assert response["Location"] == "/dashboard/"
    bad = alice_client.post(f"/tasks/{task.pk}/edit/", {"title": "x", "kind": "nope"})
    assert bad.status_code == 422


def test_deleting_with_htmx_answers_nothing_so_the_row_goes(alice_client, task):
    response = alice_client.post(f"/tasks/{task.pk}/delete/", headers=HTMX)
    assert (response.status_code, response.content) == (200, b"")
    assert not Task.objects.exists()
    task.application.refresh_from_db()
    assert task.application.next_action == ""


def test_the_edit_forms_next_action_is_the_first_open_task(alice_client, app):
    data = {"url": app.url, "title": app.title, "company": app.company, "status": app.status}
    alice_client.post(
        f"/applications/{app.pk}/edit/",
        {**data, "next_action": "Call Dana", "next_action_due": "2030-03-01"},
    )
    task = Task.objects.get()
    assert (task.title, task.due_on, task.application) == ("Call Dana", date(2030, 3, 1), app)
    alice_client.post(
        f"/applications/{app.pk}/edit/",
        {**data, "next_action": "Call Dana again", "next_action_due": "2030-03-02"},
    )
    task.refresh_from_db()
    assert (Task.objects.count(), task.title) == (1, "Call Dana again")
    alice_client.post(f"/applications/{app.pk}/edit/", {**data, "next_action": ""})
    task.refresh_from_db()
    assert task.done_at is not None
    app.refresh_from_db()
    assert (app.next_action, app.next_action_due) == ("", None)


def test_clearing_a_next_action_typed_before_tasks_existed_clears_it(alice_client, alice):
    app = make_application(alice, next_action="Old habit", next_action_due=date(2030, 1, 1))
    data = {"url": app.url, "title": app.title, "status": app.status, "next_action": ""}
    alice_client.post(f"/applications/{app.pk}/edit/", data)
    app.refresh_from_db()
    assert (app.next_action, app.next_action_due) == ("", None)


def test_the_add_forms_next_action_becomes_a_task(alice_client):
    alice_client.post(
        "/applications/new/",
        {"title": "SRE", "company": "Globex", "status": "saved", "next_action": "Apply",
         "next_action_due": "2030-04-01"},
    )  # fmt: skip
    app = Application.objects.get()
    assert list(app.tasks.values_list("title", "due_on")) == [("Apply", date(2030, 4, 1))]
    assert (app.next_action, app.next_action_due) == ("Apply", date(2030, 4, 1))


def test_the_detail_page_queries_do_not_grow_with_tasks_notes_and_contacts(
    alice_client, alice, app, django_assert_max_num_queries
):
    from applications.services import add_contact, add_note

    def grow(n):
        for i in range(n):
            add_task(alice, f"Task {i}", application=app, due_on=date(2030, 1, 1 + i))
            add_note(app, f"Note {i}")
            add_contact(app, name=f"Person {i}", profile_url="https://linkedin.com/in/p")

    grow(2)
    with django_assert_max_num_queries(30) as first:
        alice_client.get(f"/applications/{app.pk}/")
    grow(10)
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get(f"/applications/{app.pk}/")
