"""Every new profile version ends with every job scored for it: uploading the first resume,
activating another, and a queued rescore overtaken by a newer version. Transactional
tests, so tasks are queued on a real commit (and run at once: Q_SYNC)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F

from analysis import services
from analysis.models import Profile, RescoreRun, Resume, Score

from .factories import docx_with_text, make_job, make_profile, pdf_with_text

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf(name: str) -> SimpleUploadedFile:
    lines = ["Jane Doe, backend engineer", "Python, Django and PostgreSQL since 2015"]
    return SimpleUploadedFile(name, pdf_with_text(lines), content_type="application/pdf")


def _unscored_for_current_version(user) -> set[int]:
    """Ids of the user's jobs without a Score for the profile's current version."""
    version = Profile.objects.get(owner=user).version
    jobs = set(user.jobs.values_list("pk", flat=True))
    current = set(
        Score.objects.filter(owner=user, profile_version=version).values_list("job_id", flat=True)
    )
    return jobs - current


@pytest.fixture
def profile_with_jobs(alice):
    profile = make_profile(alice)
    make_job(alice, title="Backend Engineer", description_text="Python, Django, PostgreSQL")
    make_job(alice, title="Data Engineer", description_text="Python and Kafka")
    make_job(alice, title="Chef", description_text="Cooking")
    return profile


def test_uploading_the_first_resume_leaves_every_job_scored_for_the_new_version(
    alice_client, alice, profile_with_jobs
):
    version = profile_with_jobs.version
    assert alice_client.post("/profile/resumes/", {"file": _pdf("cv.pdf")}).status_code == 302
    assert Profile.objects.get(owner=alice).version == version + 1
    assert _unscored_for_current_version(alice) == set()


def test_activating_another_resume_leaves_every_job_scored_for_the_new_version(
    alice_client, alice, profile_with_jobs
):
    alice_client.post("/profile/resumes/", {"file": _pdf("cv.pdf")})
    docx = SimpleUploadedFile("cv2.docx", docx_with_text(["Jane Doe", "Rust since 2015"]))
    alice_client.post("/profile/resumes/", {"file": docx})
    second = Resume.objects.get(owner=alice, filename="cv2.docx")
    version = Profile.objects.get(owner=alice).version

    alice_client.post(f"/profile/resumes/{second.pk}/activate/")
    assert Profile.objects.get(owner=alice).version == version + 1
    assert _unscored_for_current_version(alice) == set()


def test_deleting_the_active_resume_leaves_every_job_scored_for_the_new_version(
    alice_client, alice, profile_with_jobs
):
    for name in ("a.pdf", "b.pdf"):
        alice_client.post("/profile/resumes/", {"file": _pdf(name)})
    active = Resume.objects.get(owner=alice, is_active=True)

    alice_client.post(f"/profile/resumes/{active.pk}/delete/")
    assert Resume.objects.get(owner=alice).is_active
    assert _unscored_for_current_version(alice) == set()


def test_a_queued_rescore_overtaken_by_a_version_without_a_run_starts_one(alice, profile_with_jobs):
    old = RescoreRun.objects.create(owner=alice, profile_version=profile_with_jobs.version)
    # A newer version that queued no run of its own (as resume uploads did).
    Profile.objects.filter(owner=alice).update(version=F("version") + 1)

    services.run_rescore(old.pk)
    old.refresh_from_db()
    assert "superseded" in old.error
    assert _unscored_for_current_version(alice) == set()


def test_an_overtaken_rescore_starts_no_second_run_when_the_new_version_has_one(
    alice, profile_with_jobs
):
    old = RescoreRun.objects.create(owner=alice, profile_version=profile_with_jobs.version)
    services.update_profile(profile_with_jobs, {"skills": ["Python", "Kafka"]})
    assert RescoreRun.objects.filter(owner=alice).count() == 2

    services.run_rescore(old.pk)
    assert RescoreRun.objects.filter(owner=alice).count() == 2
    assert _unscored_for_current_version(alice) == set()


def test_a_rescore_is_queued_only_when_the_profile_change_commits(alice, profile_with_jobs):
    with transaction.atomic():
        services.update_profile(profile_with_jobs, {"skills": ["Python", "Kafka"]})
        assert RescoreRun.objects.get(owner=alice).status == RescoreRun.Status.QUEUED
    assert RescoreRun.objects.get(owner=alice).status == RescoreRun.Status.DONE
    assert _unscored_for_current_version(alice) == set()


def test_a_rolled_back_profile_change_queues_nothing(alice, profile_with_jobs):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.update_profile(profile_with_jobs, {"skills": ["Python", "Kafka"]})
        raise RuntimeError("the request failed after the edit")
    assert not RescoreRun.objects.exists()
    assert not Score.objects.exists()


def test_an_unscorable_profile_queues_no_rescore_on_a_new_version(alice_client, alice):
    make_profile(alice, skills=[], target_titles=[])
    make_job(alice)
    alice_client.post("/profile/resumes/", {"file": _pdf("cv.pdf")})
    assert not RescoreRun.objects.exists()
