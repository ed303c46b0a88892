"""Every way in goes through the one intake: each leaves a Job, an application for it, and a
fit score for the job (the profile is scorable, and tasks run inline in tests).

These tests commit for real: the intake announces jobs for scoring after its commit.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from analysis.models import Score
from analysis.tests.factories import make_profile
from applications.intake.capture import capture
from applications.intake.service import Entry, IntakeError, take_in
from applications.models import Application, Event, EventKind, Source, Status
from boards.models import Job
from boards.tests.factories import make_job
from mail.models import Email
from mail.processing import process_emails
from mail.tests.factories import make_email

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scorable(alice):
    return make_profile(alice, skills=["Python", "PostgreSQL"], target_titles=["Backend Engineer"])


def assert_tracked_and_scored(app: Application) -> Job:
    assert app.job_id is not None, "the application has no job"
    job = Job.objects.get(pk=app.job_id, owner=app.owner)
    assert Score.objects.filter(job=job).exists(), "no score was made for the job"
    return job


def test_the_extension_api_makes_a_job_and_a_score(api_client, alice, alice_token, scorable):
    response = api_client.post(
        "/api/capture",
        {"url": "https://boards.greenhouse.io/acme/jobs/4242", "title": "Backend Engineer"},
        HTTP_AUTHORIZATION=f"Bearer {alice_token}",
    )
    assert response.status_code == 201
    app = Application.objects.get(pk=response.json()["id"])
    job = assert_tracked_and_scored(app)
    assert job.identity == "greenhouse:acme:4242" and response.json()["job_id"] == job.pk
    assert app.source == Source.EXTENSION


def test_the_bookmarklet_page_makes_a_job_and_a_score(alice_client, alice, scorable):
    page = alice_client.get("/capture/", {"url": "https://jobs.example.com/42", "title": "SRE"})
    assert page.context["form"]["url"].value() == "https://jobs.example.com/42"
    response = alice_client.post(
        "/capture/", {"url": "https://jobs.example.com/42", "title": "SRE", "status": "saved"}
    )
    app = Application.objects.get(owner=alice)
    assert response["Location"] == f"/applications/{app.pk}/"
    assert_tracked_and_scored(app)
    assert app.source == Source.BOOKMARKLET


def test_the_add_form_with_a_url_makes_a_job_and_a_score(alice_client, alice, scorable):
    alice_client.post(
        "/applications/new/",
        {"url": "https://jobs.example.com/7", "title": "Backend Engineer", "status": "applied"},
    )
    app = Application.objects.get(owner=alice)
    job = assert_tracked_and_scored(app)
    assert job.field_sources.get("title") == "person"
    assert app.status == Status.APPLIED and app.applied_at is not None


def test_the_add_form_without_a_url_still_makes_a_job_and_a_score(alice_client, alice, scorable):
    alice_client.post(
        "/applications/new/", {"company": "Initech", "title": "Backend Engineer", "status": "saved"}
    )
    app = Application.objects.get(owner=alice)
    job = assert_tracked_and_scored(app)
    assert job.identity == "name:initech:backend engineer"
    assert Event.objects.get(application=app).kind == EventKind.CREATED


def test_a_csv_import_makes_a_job_and_a_score_for_every_row(alice_client, alice, scorable):
    raw = (
        b"Company,Job Title,Link,Status\n"
        b"Acme,Backend Engineer,https://jobs.example.com/1,applied\n"
        b"Globex,Python Developer,,saved\n"
    )
    upload = alice_client.post(
        "/applications/import/", {"file": SimpleUploadedFile("a.csv", raw, "text/csv")}
    )
    preview = upload["Location"]
    columns = alice_client.get(preview).context["columns"]
    alice_client.post(preview, {f"col-{c['index']}": c["field"] for c in columns})
    apps = list(Application.objects.filter(owner=alice).order_by("company"))
    assert [a.company for a in apps] == ["Acme", "Globex"]
    for app in apps:
        assert_tracked_and_scored(app)
        assert app.source == Source.IMPORT


def test_the_board_track_button_links_the_job_and_scores_it(alice_client, alice, scorable):
    job = make_job(alice, title="Backend Engineer")
    response = alice_client.post(f"/applications/track-job/{job.pk}/")
    assert response["Location"] == f"/jobs/{job.pk}/"
    app = Application.objects.get(owner=alice)
    assert assert_tracked_and_scored(app) == job
    assert app.source == Source.BOARD and app.title == "Backend Engineer"


def test_a_confirmation_email_for_an_untracked_job_makes_a_job_and_a_score(alice, scorable):
    email = make_email(
        alice, sender_name="Hooli Recruiting", sender_email="no-reply@hire.lever.co",
        subject="Thank you for applying to Hooli!",
        text="Hi Alice, we have received your application for the Site Reliability "
        "Engineer position and will review it shortly.",
    )  # fmt: skip
    process_emails([email.pk])
    app = Email.objects.get(pk=email.pk).application
    assert app is not None and app.source == Source.EMAIL
    job = assert_tracked_and_scored(app)
    assert job.identity == "name:hooli:site reliability engineer"
    assert job.field_sources.get("company") == "email"


def test_each_way_in_finds_the_same_application_for_one_posting(alice_client, alice):
    url = "https://jobs.lever.co/acme/3f2a-11"
    capture(alice, url + "?utm_source=linkedin", title="Data Engineer")
    alice_client.post("/applications/new/", {"url": url, "status": "saved"})
    take_in(alice, Entry(source=Source.IMPORT, url=url, company="Acme"))
    assert Application.objects.filter(owner=alice).count() == 1
    assert Job.objects.filter(owner=alice).count() == 1
    assert Application.objects.get().company == "Acme"  # filled where it was empty


def test_an_entry_with_nothing_to_name_it_is_refused(alice):
    with pytest.raises(IntakeError, match="URL, a title or a company"):
        take_in(alice, Entry(source=Source.MANUAL))
    with pytest.raises(IntakeError):
        take_in(alice, Entry(source=Source.MANUAL, url="javascript:alert(1)"))
    assert not Job.objects.exists() and not Application.objects.exists()


def test_nul_and_overlong_fields_are_cleaned_at_the_edge(alice):
    taken = take_in(
        alice,
        Entry(source=Source.EXTENSION, url="https://jobs.example.com/nul",
              title="Back\x00end " + "x" * 900, company="Ac\x00me"),
    )  # fmt: skip
    app = Application.objects.get(pk=taken.application.pk)
    assert app.company == "Acme" and "\x00" not in app.title and len(app.title) == 500
    assert taken.job.company == "Acme"


def test_another_users_job_cannot_be_tracked(alice_client, bob):
    job = make_job(bob)
    assert alice_client.post(f"/applications/track-job/{job.pk}/").status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://x.example/jobs/1/", "https://x.example/jobs/1"),
        ("https://x.example/jobs/1", "https://x.example/jobs/1/?utm_source=li"),
    ],
)
def test_capture_with_and_without_a_trailing_slash_makes_one_application(alice, first, second):
    one = capture(alice, first, title="SRE")
    two = capture(alice, second)
    assert (one.created, two.created) == (True, False)
    assert Application.objects.filter(owner=alice).count() == 1
    assert Job.objects.filter(owner=alice).count() == 1


def test_a_posting_stored_with_its_trailing_slash_before_the_rule_is_found_again(alice):
    url = "https://x.example/jobs/7/"
    job = make_job(alice, canonical_url=url, identity=f"url:{url}")
    Application.objects.create(owner=alice, job=job, url=url, title="SRE", company="Acme")
    taken = capture(alice, "https://x.example/jobs/7")
    assert not taken.created and taken.job.pk == job.pk
    assert Application.objects.filter(owner=alice).count() == 1


def test_a_url_too_long_to_store_once_cleaned_is_refused_with_a_reason(alice):
    url = "https://jobs.example.com/x?q=" + "é" * 1500  # 6,000 characters once encoded
    with pytest.raises(IntakeError, match="characters long"):
        take_in(alice, Entry(source=Source.MANUAL, url=url, title="SRE"))
    assert not Application.objects.filter(owner=alice).exists()


def test_two_long_urls_that_differ_only_at_the_end_are_two_applications(alice):
    base = "https://jobs.example.com/apply/" + "a" * 700
    first = take_in(alice, Entry(source=Source.EXTENSION, url=base + "1", title="One"))
    second = take_in(alice, Entry(source=Source.EXTENSION, url=base + "2", title="Two"))
    assert first.application.pk != second.application.pk
    assert first.application.job_id != second.application.job_id
    again = take_in(alice, Entry(source=Source.EXTENSION, url=base + "2", title="Two"))
    assert again.application.pk == second.application.pk and not again.created
    assert len(Job.objects.get(pk=second.application.job_id).identity) <= 700
