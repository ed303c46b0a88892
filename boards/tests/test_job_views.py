from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from applications.models import Application
from boards.models import Job

from .factories import make_board, make_job

pytestmark = pytest.mark.django_db


def test_job_list_empty_state_points_to_boards(alice_client):
    content = alice_client.get("/jobs/").content.decode()
    assert "No jobs yet" in content and "/boards/" in content


def test_filters_narrow_the_list(alice_client, alice):
    board = make_board(alice)
    make_job(
        alice,
        title="Python Engineer",
        company="Acme",
        location="Berlin",
        remote="remote",
        salary_max=Decimal(90000),
        board=board,
    )
    make_job(
        alice,
        title="Java Engineer",
        company="Globex",
        location="Paris",
        remote="onsite",
        salary_max=Decimal(50000),
    )
    make_job(
        alice,
        title="Old Job",
        company="Initech",
        posted_at=timezone.now() - timedelta(days=60),
        first_seen_at=timezone.now() - timedelta(days=60),
    )
    make_job(alice, title="Hidden Job", hidden=True)
    make_job(alice, title="Closed Job", closed_at=timezone.now())

    def titles(**params):
        page = alice_client.get("/jobs/", params).context["page"]
        return sorted(j.title for j in page.object_list)

    assert titles() == ["Java Engineer", "Old Job", "Python Engineer"]
    assert titles(company="acme") == ["Python Engineer"]
    assert titles(location="paris") == ["Java Engineer"]
    assert titles(remote="remote") == ["Python Engineer"]
    assert titles(salary_min="60000") == ["Python Engineer"]
    assert titles(posted_within="7") == ["Java Engineer", "Python Engineer"]
    assert titles(board=str(board.pk)) == ["Python Engineer"]
    assert "Hidden Job" in titles(show_hidden="1") and "Closed Job" in titles(show_closed="1")
    assert titles(salary_min="abc", posted_within="-1") == [
        "Java Engineer",
        "Old Job",
        "Python Engineer",
    ]


def test_full_text_search_finds_words_in_titles_and_descriptions(alice_client, alice):
    make_job(alice, title="Data Engineer", description_text="Spark and Kafka pipelines")
    make_job(alice, title="Web Developer", description_text="React and TypeScript")

    def titles(q):
        return [j.title for j in alice_client.get("/jobs/", {"q": q}).context["page"].object_list]

    assert titles("kafka") == ["Data Engineer"]
    assert titles("developer react") == ["Web Developer"]
    assert titles('"react" -typescript') == []
    assert titles('OR AND NOT "') in (
        [],
        ["Web Developer", "Data Engineer"],
        ["Data Engineer", "Web Developer"],
    )


def test_sort_by_salary_puts_unknown_salaries_last(alice_client, alice):
    make_job(alice, title="Unknown pay")
    make_job(alice, title="Well paid", salary_max=Decimal(120000))
    make_job(alice, title="Less paid", salary_max=Decimal(60000))
    jobs = alice_client.get("/jobs/", {"sort": "salary"}).context["page"].object_list
    assert [j.title for j in jobs] == ["Well paid", "Less paid", "Unknown pay"]


def test_job_detail_shows_sanitized_description_and_history(alice_client, alice):
    old = make_job(alice, title="Engineer", closed_at=timezone.now())
    job = make_job(
        alice,
        title="Engineer",
        description_html="<p>Build <strong>things</strong></p>",
        reposted_from=old,
    )
    content = alice_client.get(f"/jobs/{job.pk}/").content.decode()
    assert "<strong>things</strong>" in content and "A repost of" in content
    job.refresh_from_db()
    assert job.seen and not job.is_new


def test_hide_and_bulk_actions(alice_client, alice):
    a, b = make_job(alice), make_job(alice)
    response = alice_client.post(f"/jobs/{a.pk}/hide/", headers={"HX-Request": "true"})
    assert b"Unhide" in response.content
    alice_client.post("/jobs/bulk/", {"ids": [b.pk], "action": "seen"})
    assert Job.objects.get(pk=a.pk).hidden and Job.objects.get(pk=b.pk).seen
    response = alice_client.post("/jobs/bulk/", {"action": "hide"}, follow=True)
    assert b"Select at least one job" in response.content


def test_track_creates_one_saved_application_per_job(alice_client, alice):
    job = make_job(alice, title="Platform Engineer", company="Acme")
    alice_client.post(f"/applications/track-job/{job.pk}/")
    alice_client.post(f"/applications/track-job/{job.pk}/")
    app = Application.objects.get(owner=alice)
    assert (app.title, app.company, app.status, app.source, app.job_id) == (
        "Platform Engineer",
        "Acme",
        "saved",
        "board",
        job.pk,
    )
    assert Job.objects.get(pk=job.pk).already_applied


def test_bob_cannot_track_alices_job(bob_client, alice):
    job = make_job(alice)
    assert bob_client.post(f"/applications/track-job/{job.pk}/").status_code == 404
    assert not Application.objects.exists()


def test_job_list_queries_do_not_grow_with_jobs(alice_client, alice, django_assert_max_num_queries):
    board = make_board(alice)
    for _ in range(3):
        make_job(alice, board=board)
    with django_assert_max_num_queries(10) as first:
        alice_client.get("/jobs/")
    for _ in range(20):
        make_job(alice, board=board)
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get("/jobs/")
