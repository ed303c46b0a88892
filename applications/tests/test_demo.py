"""The demo account: what it shows, that a rebuild never doubles, and that it never touches
anyone else. (Test modules may import any app; the demo itself is built in layers.)"""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from analysis.models import Document, Profile, Resume, Score
from applications.dashboard import build, coming_up
from applications.demo import build_demo
from applications.models import Application, Contact, Event, EventKind, Task
from applications.tests.factories import make_application
from boards.models import Board, Job
from mail.models import Email, Mailbox, Review
from mail.queries import inbox_emails
from mail.tasks import sync_due_mailboxes, sync_mailbox_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo("demo", "demo-pass-123").user


def counts(user) -> dict[str, int]:
    return {
        "jobs": Job.objects.filter(owner=user).count(),
        "applications": Application.objects.filter(owner=user).count(),
        "events": Event.objects.filter(application__owner=user).count(),
        "tasks": Task.objects.filter(owner=user).count(),
        "contacts": Contact.objects.filter(owner=user).count(),
        "boards": Board.objects.filter(owner=user).count(),
        "scores": Score.objects.filter(owner=user).count(),
        "resumes": Resume.objects.filter(owner=user).count(),
        "documents": Document.objects.filter(owner=user).count(),
        "mailboxes": Mailbox.objects.filter(owner=user).count(),
        "emails": Email.objects.filter(owner=user).count(),
    }


def test_running_the_demo_twice_rebuilds_without_doubling(demo):
    first = counts(demo)
    call_command("demo")
    assert counts(demo) == first
    assert first["applications"] == 36


def test_a_rebuild_keeps_the_password_unless_asked_for_a_new_one(demo, capsys):
    call_command("demo")
    demo.refresh_from_db()
    assert demo.check_password("demo-pass-123")
    assert "password: unchanged" in capsys.readouterr().out


def test_new_password_is_printed_with_the_username_and_signs_in(client, demo, capsys):
    call_command("demo", "--new-password")
    out = capsys.readouterr().out
    password = out.split("password: ")[1].split()[0]
    assert "username: demo" in out
    assert client.login(username="demo", password=password)


def test_the_demo_never_touches_other_users(alice, demo):
    mine = make_application(alice, company="Acme", title="Engineer")
    before = counts(alice)
    call_command("demo")
    assert counts(alice) == before
    assert Application.objects.get(pk=mine.pk).company == "Acme"


def test_a_real_account_named_demo_is_never_rebuilt(django_user_model):
    real = django_user_model.objects.create_user("demo", "me@home.example", "pw-123-456-789")
    make_application(real, company="Acme", title="Engineer")
    with pytest.raises(CommandError, match="real account"):
        call_command("demo")
    assert Application.objects.filter(owner=real).count() == 1


def test_every_job_has_a_long_description_and_a_fit_score(demo):
    jobs = Job.objects.filter(owner=demo).prefetch_related("scores")
    assert all(job.description_html.count("<p>") >= 4 for job in jobs)
    assert all(len(job.description_text) > 800 for job in jobs)
    assert all(job.scores.all() for job in jobs)


def test_jobs_vary_in_place_pay_and_remote_work(demo):
    jobs = Job.objects.filter(owner=demo)
    assert len(set(jobs.values_list("remote", flat=True))) == 3
    assert len(set(jobs.values_list("salary_currency", flat=True))) >= 4
    assert len(set(jobs.values_list("location", flat=True))) >= 10
    assert len(set(jobs.values_list("title", flat=True))) >= 10


def test_fits_range_from_strong_to_weak(demo):
    bands = set(Score.objects.filter(owner=demo).values_list("band", flat=True))
    assert {"strong", "weak"} <= bands


def test_the_dashboard_has_tasks_for_today_some_overdue(demo):
    today = build(demo).today
    assert len(today) >= 3
    assert any(item["late"] > 0 for item in today)
    assert any(item["late"] == 0 for item in today)


def test_interviews_are_coming_up(demo):
    now = timezone.now()
    interviews = [i for i in coming_up(demo, now) if i["kind"] == "interview"]
    assert interviews and all(i["at"] > now for i in interviews)


def test_the_dashboard_shows_responses_and_weekly_activity(demo):
    board = build(demo)
    assert board.response["applied"] > 10 and board.response["rate"] is not None
    assert sum(w["count"] for w in board.weeks) == 36


def test_the_profile_has_skills_and_an_active_resume(demo):
    profile = Profile.objects.get(owner=demo)
    assert "Python" in profile.skills and profile.target_titles
    assert Resume.objects.get(owner=demo).is_active


def test_the_example_document_says_no_model_wrote_it(demo):
    document = Document.objects.get(owner=demo)
    assert "not by a language model" in document.title
    assert Event.objects.filter(document_id=document.pk).exists()


def test_linked_emails_are_on_their_applications_timelines(demo):
    linked = Email.objects.filter(owner=demo, review=Review.LINKED)
    assert linked.count() >= 5
    for email in linked:
        assert Event.objects.filter(
            application=email.application, kind=EventKind.EMAIL_RECEIVED, email_id=email.pk
        ).exists()


def test_some_emails_wait_in_the_inbox_with_candidates(demo):
    waiting = list(inbox_emails(demo, "waiting"))
    assert len(waiting) >= 3
    assert any(email.candidates for email in waiting)


def test_the_demo_mailbox_is_paused_and_never_polled(demo):
    mailbox = Mailbox.objects.get(owner=demo)
    assert not mailbox.enabled and mailbox.host.endswith(".invalid")
    assert sync_due_mailboxes() == 0
    assert sync_mailbox_task(mailbox.pk) == "gone or paused"


def test_demo_pages_render(client, demo):
    client.login(username="demo", password="demo-pass-123")
    app = Email.objects.filter(owner=demo, review=Review.LINKED).first().application
    job = Job.objects.filter(owner=demo).first()
    for url in (
        "/dashboard/",
        "/pipeline/",
        "/applications/",
        "/jobs/",
        f"/jobs/{job.pk}/",
        f"/applications/{app.pk}/",
        "/inbox/",
        "/mailboxes/",
        "/profile/",
        "/boards/",
    ):
        assert client.get(url).status_code == 200, url
