"""The opt-in daily email of tasks due today and overdue."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from applications import tasks
from applications.models import Preferences
from applications.task_email import claim, send_task_email, set_task_email
from applications.task_list import add_task, set_done
from jobtracker.schedules import declared_schedules

from .factories import make_application

pytestmark = pytest.mark.django_db
MORNING = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
TODAY = MORNING.date()


@pytest.fixture
def morning():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def opted_in(alice):
    return set_task_email(alice, True)


def _tasks(alice):
    app = make_application(alice, title="SRE", company="Acme")
    add_task(alice, "Follow up <recruiter>", application=app, due_on=TODAY - timedelta(days=2))
    add_task(alice, "Send thank-you", application=app, due_on=TODAY)
    add_task(alice, "Next week", application=app, due_on=TODAY + timedelta(days=7))
    return app


def test_the_email_lists_due_and_overdue_tasks_with_links(alice, opted_in, morning):
    app = _tasks(alice)
    assert tasks.send_task_emails() == 1  # Q_SYNC: the queued send ran inline
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "2 tasks due (1 overdue) — Fri, Nov 20"
    assert "Follow up <recruiter> (2 days late)" in message.body
    assert f"SRE at Acme: http://127.0.0.1:8000/applications/{app.pk}/" in message.body
    assert "Next week" not in message.body
    html = message.alternatives[0][0]
    assert "Follow up &lt;recruiter&gt;" in html and f"/applications/{app.pk}/" in html


def test_the_email_is_sent_once_per_day(alice, opted_in, morning):
    _tasks(alice)
    tasks.send_task_emails()
    tasks.send_task_emails()
    assert send_task_email(opted_in.pk) == 0
    assert len(mail.outbox) == 1
    assert Preferences.objects.get(pk=opted_in.pk).task_email_sent_on == TODAY


def test_the_next_morning_brings_the_next_email(alice, opted_in, morning):
    _tasks(alice)
    tasks.send_task_emails()
    with time_machine.travel(MORNING + timedelta(days=1), tick=False):
        tasks.send_task_emails()
    assert len(mail.outbox) == 2


def test_only_one_of_two_racing_claims_wins(opted_in):
    assert claim(opted_in.pk, TODAY) is True
    assert claim(opted_in.pk, TODAY) is False


def test_no_email_before_the_morning(alice, opted_in):
    _tasks(alice)
    with time_machine.travel(datetime(2026, 11, 20, 5, 0, tzinfo=UTC), tick=False):
        tasks.send_task_emails()
    assert mail.outbox == []


@override_settings(TIME_ZONE="America/New_York")
def test_the_morning_is_the_servers_zone(alice, opted_in):
    _tasks(alice)
    with time_machine.travel(MORNING, tick=False):  # 03:00 in New York
        tasks.send_task_emails()
    assert mail.outbox == []
    with time_machine.travel(MORNING + timedelta(hours=5), tick=False):
        tasks.send_task_emails()
    assert len(mail.outbox) == 1


def test_no_email_when_nothing_is_due(alice, opted_in, morning):
    app = make_application(alice)
    set_done(add_task(alice, "Done", application=app, due_on=TODAY))
    add_task(alice, "Later", application=app, due_on=TODAY + timedelta(days=3))
    tasks.send_task_emails()
    assert mail.outbox == []
    assert Preferences.objects.get(pk=opted_in.pk).task_email_sent_on is None


def test_no_email_without_opting_in(alice, morning):
    _tasks(alice)
    set_task_email(alice, False)
    assert tasks.send_task_emails() == 0
    assert mail.outbox == []


def test_no_email_to_a_user_without_an_address_or_a_disabled_account(alice, bob, morning):
    _tasks(alice)
    set_task_email(alice, True)
    alice.email = ""
    alice.save()
    _tasks(bob)
    set_task_email(bob, True)
    bob.is_active = False
    bob.save()
    tasks.send_task_emails()
    assert mail.outbox == []


def test_a_failed_send_gives_the_day_back(alice, opted_in, morning, monkeypatch):
    _tasks(alice)

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(ConnectionRefusedError):
        send_task_email(opted_in.pk)
    assert Preferences.objects.get(pk=opted_in.pk).task_email_sent_on is None


def test_a_gone_preferences_row_is_a_quiet_no_op():
    assert send_task_email(987654) == 0


def test_the_email_shows_only_the_owners_tasks(alice, bob, morning):
    _tasks(bob)
    set_task_email(alice, True)
    add_task(alice, "Mine", due_on=TODAY)
    tasks.send_task_emails()
    assert len(mail.outbox) == 1 and "Mine" in mail.outbox[0].body
    assert "Send thank-you" not in mail.outbox[0].body


def test_the_toggle_on_the_dashboard_saves_the_choice(alice_client, alice):
    response = alice_client.post(
        "/dashboard/task-email/", {"task_email": "on"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and b"checked" in response.content
    assert Preferences.objects.get(owner=alice).task_email is True
    alice_client.post("/dashboard/task-email/", {})
    assert Preferences.objects.get(owner=alice).task_email is False


def test_the_toggle_needs_login_and_post(client, alice_client):
    assert client.post("/dashboard/task-email/")["Location"].startswith("/login/")
    assert alice_client.get("/dashboard/task-email/").status_code == 405


def test_the_hourly_schedule_is_declared():
    funcs = {spec.func for spec in declared_schedules()}
    assert "applications.tasks.send_task_emails" in funcs


def test_sending_again_on_a_sent_day_changes_nothing(alice, opted_in, morning):
    _tasks(alice)
    Preferences.objects.filter(pk=opted_in.pk).update(task_email_sent_on=date(2026, 11, 20))
    assert tasks.send_task_emails() == 0
    assert mail.outbox == []


def test_the_morning_is_the_persons_own_zone_once_their_browser_reported_it(alice, opted_in):
    alice.time_zone = "Asia/Tokyo"  # what the middleware stores from the browser's cookie
    alice.save(update_fields=["time_zone"])
    _tasks(alice)
    with time_machine.travel(datetime(2026, 11, 19, 20, 0, tzinfo=UTC), tick=False):  # 05:00
        tasks.send_task_emails()
    assert mail.outbox == []
    with time_machine.travel(datetime(2026, 11, 19, 23, 0, tzinfo=UTC), tick=False):  # 08:00
        tasks.send_task_emails()
    assert len(mail.outbox) == 1
