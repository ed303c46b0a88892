"""The job pages without the apps above boards: no fit filter, sort, column or panel
unless one is registered (boards itself names none of them)."""

import pytest

from boards import job_slots

from .factories import make_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_slots(monkeypatch):
    monkeypatch.setattr(job_slots, "_fit", None)
    monkeypatch.setattr(job_slots, "_ACTIONS", {})
    monkeypatch.setattr(job_slots, "_PANELS", {})


def test_job_list_without_a_registered_fit_has_no_fit_column_or_controls(
    alice_client, alice, no_slots
):
    make_job(alice)
    content = alice_client.get("/jobs/").content.decode()
    assert 'class="fit"' not in content and 'name="min_score"' not in content


def test_job_list_without_a_registered_fit_sorts_by_score_as_newest(alice_client, alice, no_slots):
    make_job(alice, title="Older")
    make_job(alice, title="Newer")
    page = alice_client.get("/jobs/", {"sort": "score", "min_score": "60"}).context["page"]
    assert [job.title for job in page.object_list] == ["Newer", "Older"]


def test_job_page_without_registered_slots_shows_only_boards_own_parts(
    alice_client, alice, no_slots
):
    job = make_job(alice)
    content = alice_client.get(f"/jobs/{job.pk}/").content.decode()
    assert "track-job" not in content and 'class="panel"' not in content
