"""A database built at the migrations of the release before the one intake (the mail app was
the `ingestion` package then) migrates forward and keeps every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from boards.tests.factories import make_job

pytestmark = pytest.mark.django_db(transaction=True)

# The leaf migrations of each app at that release.
BEFORE = [
    ("jobtracker", "0001_initial"),
    ("boards", "0004_job_search_column"),
    ("applications", "0004_first_response_at"),
    ("analysis", "0003_stored_features"),
    ("ingestion", "0002_model_second_opinion"),
    ("django_q", "0018_task_success_index"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _seed(old) -> dict:
    User = old.get_model("jobtracker", "User")
    owner = User.objects.create(username="upgrader", email="u@example.com")
    Board = old.get_model("boards", "Board")
    Job = old.get_model("boards", "Job")
    board = Board.objects.create(owner=owner, name="Acme", kind="greenhouse", token="acme")
    job = Job.objects.create(
        owner=owner, board=board, identity="greenhouse:acme:1", title="Data Engineer",
        company="Acme", canonical_url="https://boards.greenhouse.io/acme/jobs/1",
        description_text="Spark and Kafka pipelines", source_kind="greenhouse",
    )  # fmt: skip
    Application = old.get_model("applications", "Application")
    app = Application.objects.create(owner=owner, job=job, company="Acme", title="Data Engineer",
                                     url=job.canonical_url, source="extension")  # fmt: skip
    old.get_model("applications", "Event").objects.create(application=app, kind="captured")
    Mailbox = old.get_model("ingestion", "Mailbox")
    mailbox = Mailbox.objects.create(owner=owner, name="Work", host="imap.example.com",
                                     username="u@example.com")  # fmt: skip
    old.get_model("ingestion", "Email").objects.create(
        owner=owner, mailbox=mailbox, identity="mid:1@example.com", subject="Hello",
        application=app,
    )  # fmt: skip
    Schedule = old.get_model("django_q", "Schedule")
    Schedule.objects.create(name="jt:mail", func="ingestion.tasks.sync_due_mailboxes")
    Schedule.objects.create(name="retry", func="ingestion.tasks.enrich_application", args="(1, 2)")
    return {"owner": owner.pk, "job": job.pk, "app": app.pk}


COUNTED = [("boards", "Board"), ("boards", "Job"), ("applications", "Application"),
           ("applications", "Event"), ("ingestion", "Mailbox"), ("ingestion", "Email"),
           ("django_q", "Schedule")]  # fmt: skip


def test_a_database_from_the_release_before_migrates_forward_keeping_every_row():
    latest = _latest()
    old = _migrate(BEFORE)
    try:
        ids = _seed(old)
        before = {m: old.get_model(*m).objects.count() for m in COUNTED}
        new = _migrate(latest)
        after = {m: new.get_model(*m).objects.count() for m in COUNTED}
        assert after == before
        job = new.get_model("boards", "Job").objects.get(pk=ids["job"])
        assert (job.title, job.field_sources) == ("Data Engineer", {})
        email = new.get_model("ingestion", "Email").objects.get()
        assert email.application_id == ids["app"]
        funcs = set(new.get_model("django_q", "Schedule").objects.values_list("func", flat=True))
        assert funcs == {"mail.tasks.sync_due_mailboxes",
                         "applications.intake.tasks.enrich_application"}  # fmt: skip
    finally:
        _migrate(latest)


def test_search_still_finds_jobs_after_the_upgrade(alice, alice_client):
    """On SQLite the new column rebuilds the jobs table; the FTS5 triggers must survive it."""
    old_job = make_job(alice, title="Data Engineer", description_text="Spark and Kafka pipelines")
    latest = _latest()
    _migrate(BEFORE)
    _migrate(latest)
    new_job = make_job(alice, title="Stream Engineer", description_text="Kafka Streams")
    page = alice_client.get("/jobs/", {"q": "kafka"})
    found = {j.pk for j in page.context["page"].object_list}
    assert found == {old_job.pk, new_job.pk}


# The leaf migrations at the release of the one intake (before tasks and slash-less URLs).
INTAKE_RELEASE = [
    ("jobtracker", "0001_initial"),
    ("boards", "0005_job_field_sources"),
    ("applications", "0005_intake_sources_and_posting_changed"),
    ("analysis", "0003_stored_features"),
    ("ingestion", "0003_task_paths_after_the_split"),
    ("django_q", "0018_task_success_index"),
]


def test_next_actions_become_tasks_and_urls_lose_their_trailing_slash():
    latest = _latest()
    old = _migrate(INTAKE_RELEASE)
    try:
        owner = old.get_model("jobtracker", "User").objects.create(username="u", email="u@x.io")
        Job = old.get_model("boards", "Job")
        slashed = Job.objects.create(owner=owner, identity="url:https://x.io/jobs/1/",
                                     canonical_url="https://x.io/jobs/1/", title="SRE")  # fmt: skip
        # Both forms already stored: the slashed one keeps its identity (no unique clash).
        Job.objects.create(owner=owner, identity="url:https://x.io/jobs/2",
                           canonical_url="https://x.io/jobs/2", title="A")  # fmt: skip
        twin = Job.objects.create(owner=owner, identity="url:https://x.io/jobs/2/",
                                  canonical_url="https://x.io/jobs/2/", title="B")  # fmt: skip
        root = Job.objects.create(owner=owner, identity="url:https://x.io/",
                                  canonical_url="https://x.io/", title="Root")  # fmt: skip
        Application = old.get_model("applications", "Application")
        app = Application.objects.create(owner=owner, job=slashed, title="SRE",
                                         url="https://x.io/jobs/1/?ref=a",
                                         next_action="Email Kim", next_action_due="2027-01-04")  # fmt: skip
        Application.objects.create(owner=owner, title="No action", url="https://x.io/")

        new = _migrate(latest)
        NewJob = new.get_model("boards", "Job")
        assert NewJob.objects.get(pk=slashed.pk).identity == "url:https://x.io/jobs/1"
        assert NewJob.objects.get(pk=twin.pk).identity == "url:https://x.io/jobs/2/"
        assert NewJob.objects.get(pk=root.pk).canonical_url == "https://x.io/"
        moved = new.get_model("applications", "Application").objects.get(pk=app.pk)
        assert moved.url == "https://x.io/jobs/1?ref=a"
        task = new.get_model("applications", "Task").objects.get()
        assert (task.application_id, task.title, str(task.due_on)) == (
            app.pk,
            "Email Kim",
            "2027-01-04",
        )
        assert task.owner_id == owner.pk and task.done_at is None
    finally:
        _migrate(latest)


def test_stored_jobs_with_a_script_url_lose_it_and_web_urls_stay():
    latest = _latest()
    before = [
        ("boards", "0006_urls_without_trailing_slash") if app == "boards" else (app, name)
        for app, name in latest
    ]
    old = _migrate(before)
    try:
        owner = old.get_model("jobtracker", "User").objects.create(username="v", email="v@x.io")
        Job = old.get_model("boards", "Job")
        bad = Job.objects.create(owner=owner, identity="greenhouse:x:1",
                                 canonical_url="javascript:alert(1)", title="A")  # fmt: skip
        good = Job.objects.create(owner=owner, identity="greenhouse:x:2",
                                  canonical_url="HTTPS://x.io/jobs/2", title="B")  # fmt: skip
        new = _migrate(latest)
        NewJob = new.get_model("boards", "Job")
        assert NewJob.objects.get(pk=bad.pk).canonical_url == ""
        assert NewJob.objects.get(pk=good.pk).canonical_url == "HTTPS://x.io/jobs/2"
    finally:
        _migrate(latest)
