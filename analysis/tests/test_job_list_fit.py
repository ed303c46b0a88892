"""The fit that analysis adds to boards' job pages: the list's filter, sort and column, and
the job page's fit panel (boards sits below analysis, so analysis registers them)."""

import pytest

from analysis.models import Band, Score

from .factories import make_job

pytestmark = pytest.mark.django_db


def scored(owner, title: str, total: int | None, band: str = Band.GOOD):
    job = make_job(owner, title=title)
    if total is not None:
        Score.objects.create(
            job=job, owner=owner, profile_version=1, total=total, band=band,
            reasons=[f"reason for {title}"],
        )  # fmt: skip
    return job


def titles(client, **params) -> list[str]:
    return [j.title for j in client.get("/jobs/", params).context["page"].object_list]


def test_job_list_keeps_only_jobs_that_fit_at_least_the_chosen_score(alice_client, alice):
    scored(alice, "Strong", 80)
    scored(alice, "Fair", 50)
    scored(alice, "Unscored", None)
    assert titles(alice_client, min_score="60") == ["Strong"]


def test_job_list_sorted_by_fit_puts_the_best_first_and_unscored_last(alice_client, alice):
    scored(alice, "Unscored", None)
    scored(alice, "Fair", 50)
    scored(alice, "Strong", 80)
    assert titles(alice_client, sort="score") == ["Strong", "Fair", "Unscored"]


def test_job_list_shows_each_jobs_score_and_first_reason(alice_client, alice):
    scored(alice, "Strong", 80, band=Band.STRONG)
    content = alice_client.get("/jobs/").content.decode()
    assert 'class="badge band-strong"' in content and "reason for Strong" in content


def test_job_list_offers_the_fit_sort_and_filter(alice_client, alice):
    scored(alice, "Strong", 80)
    content = alice_client.get("/jobs/").content.decode()
    assert 'value="score"' in content and 'name="min_score"' in content


def test_hiding_a_job_from_the_list_keeps_its_score_in_the_row(alice_client, alice):
    job = scored(alice, "Strong", 80, band=Band.STRONG)
    response = alice_client.post(f"/jobs/{job.pk}/hide/", headers={"HX-Request": "true"})
    assert b"band-strong" in response.content and b"Unhide" in response.content


def test_job_page_loads_the_fit_panel(alice_client, alice):
    job = scored(alice, "Strong", 80)
    content = alice_client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'hx-get="/analysis/jobs/{job.pk}/"' in content


def test_job_list_fit_column_adds_no_query_per_job(
    alice_client, alice, django_assert_max_num_queries
):
    for n in range(3):
        scored(alice, f"Job {n}", 50 + n)
    with django_assert_max_num_queries(10) as first:
        alice_client.get("/jobs/", {"sort": "score"})
    for n in range(20):
        scored(alice, f"More {n}", 40 + n)
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get("/jobs/", {"sort": "score"})
