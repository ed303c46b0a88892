"""The "Track" button that applications adds to boards' job page (boards sits below
applications, so applications registers it)."""

import pytest

from .factories import make_job

pytestmark = pytest.mark.django_db


def test_job_page_offers_to_track_an_untracked_job(alice_client, alice):
    job = make_job(alice)
    content = alice_client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'action="/applications/track-job/{job.pk}/"' in content
    assert "Track this job" in content


def test_job_page_of_a_tracked_job_offers_to_open_its_application(alice_client, alice):
    job = make_job(alice)
    alice_client.post(f"/applications/track-job/{job.pk}/")
    content = alice_client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Open application" in content and "Track this job" not in content
