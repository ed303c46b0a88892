"""Scores are written for new jobs (signal), after enrichment, and for all jobs when the
profile changes (a background run whose progress is on a row); and by the command."""

from io import StringIO

import pytest
from django.core.management import call_command

from analysis import feature_store, services
from analysis.models import Profile, RescoreRun, Score, StoredFeatures
from boards.models import CompanyRule
from boards.signals import postings_changed

from .factories import make_job, make_profile

pytestmark = pytest.mark.django_db


def _send(owner, new=(), updated=(), scan_run_id=None):
    postings_changed.send(
        sender=None,
        owner_id=owner.pk,
        board_id=None,
        new_job_ids=list(new),
        updated_job_ids=list(updated),
        scan_run_id=scan_run_id,
    )


def test_new_and_updated_jobs_are_scored_when_postings_change(alice):
    make_profile(alice)
    fit = make_job(
        alice,
        title="Senior Backend Engineer",
        location="Berlin",
        remote="hybrid",
        description_text="Python, Django and PostgreSQL. 5+ years.",
    )
    other = make_job(
        alice,
        title="Sales Manager",
        location="Paris",
        description_text="Salesforce and negotiation.",
    )
    _send(alice, new=[fit.pk], updated=[other.pk])
    scores = {s.job_id: s for s in Score.objects.all()}
    assert set(scores) == {fit.pk, other.pk}
    assert scores[fit.pk].total > scores[other.pk].total
    assert set(scores[fit.pk].matched_skills) == {
        "Backend Development",
        "Django",
        "PostgreSQL",
        "Python",
    }
    assert sum(scores[fit.pk].breakdown.values()) == scores[fit.pk].total
    assert scores[fit.pk].band in ("strong", "good") and scores[other.pk].band == "weak"


def test_nothing_is_scored_without_a_profile_to_score_against(alice):
    job = make_job(alice)
    _send(alice, new=[job.pk])
    assert not Score.objects.exists()
    assert services.score_jobs(alice.pk, [job.pk]) == 0


def test_a_failing_scorer_never_breaks_the_scan_that_sent_the_signal(alice, monkeypatch):
    make_profile(alice)
    job = make_job(alice)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "score_jobs", broken)
    _send(alice, new=[job.pk])  # logged, not raised
    assert not Score.objects.exists()


def test_scoring_twice_updates_the_one_score_of_a_job(alice):
    profile = make_profile(alice)
    job = make_job(alice, description_text="Python")
    services.score_jobs(alice.pk, [job.pk])
    services.update_profile(profile, {"skills": ["Python", "Rust"]})
    services.score_jobs(alice.pk, [job.pk])
    assert Score.objects.filter(job=job).count() == 1
    assert Score.objects.get(job=job).profile_version == Profile.objects.get(owner=alice).version


def test_a_profile_change_bumps_the_version_and_rescores_every_job(
    alice, django_capture_on_commit_callbacks
):
    profile = make_profile(alice, skills=["Rust"])
    jobs = [make_job(alice, description_text="Python and Django") for _ in range(3)]
    services.score_jobs(alice.pk)
    before = Score.objects.get(job=jobs[0]).total
    version = profile.version
    with django_capture_on_commit_callbacks(execute=True):
        assert services.update_profile(profile, {"skills": ["Python", "django"]}) is True
    profile.refresh_from_db()
    assert profile.version == version + 1
    assert profile.skills == ["Python", "Django"]
    run = RescoreRun.objects.get()
    assert (run.status, run.done, run.total, run.profile_version) == ("done", 3, 3, profile.version)
    assert Score.objects.get(job=jobs[0]).total > before
    assert services.update_profile(profile, {"headline": "Engineer"}) is False  # not scoring
    assert RescoreRun.objects.count() == 1


def test_a_rescore_of_an_old_version_is_skipped_and_runs_only_once(alice):
    profile = make_profile(alice)
    run = RescoreRun.objects.create(owner=alice, profile_version=profile.version - 1 or 0)
    services.run_rescore(run.pk)
    run.refresh_from_db()
    assert run.status == "done" and "superseded" in run.error
    assert services.run_rescore(run.pk) is None  # already claimed


def test_blocking_a_company_from_the_profile_rescores_its_jobs_to_zero(
    alice, django_capture_on_commit_callbacks
):
    profile = make_profile(alice)
    job = make_job(alice, company="Evil Corp", description_text="Python, Django")
    services.score_jobs(alice.pk)
    assert Score.objects.get(job=job).total > 0
    with django_capture_on_commit_callbacks(execute=True):
        services.block_company(profile, "Evil Corp")
    assert CompanyRule.objects.filter(owner=alice, company="Evil Corp", kind="block").exists()
    score = Score.objects.get(job=job)
    assert score.total == 0 and "blocked_company" in score.flags


def test_rarity_counts_come_from_the_users_jobs(alice, bob):
    profile = make_profile(alice)
    for _ in range(4):
        make_job(alice, description_text="Python and Django")
    make_job(alice, description_text="Python and Kafka")
    make_job(bob, description_text="Kafka Kafka")
    services.score_jobs(alice.pk)
    profile.refresh_from_db()
    assert profile.df_jobs == 5
    assert profile.skill_df["Python"] == 5 and profile.skill_df["Kafka"] == 1


def test_top_jobs_are_the_best_scored_of_the_candidates(alice):
    make_profile(alice)
    good = make_job(alice, title="Backend Engineer", description_text="Python Django PostgreSQL")
    bad = make_job(alice, title="Chef", description_text="Cooking")
    services.score_jobs(alice.pk)
    assert services.top_jobs(alice.pk, [bad.pk, good.pk], 1) == [good.pk]
    assert services.top_jobs(alice.pk, [bad.pk, good.pk], 0) == []


def test_the_command_scores_unscored_jobs_then_all_with_progress(alice, bob):
    make_profile(alice)
    jobs = [make_job(alice) for _ in range(3)]
    services.score_jobs(alice.pk, [jobs[0].pk])
    out = StringIO()
    call_command("score_jobs", stdout=out)
    text = out.getvalue()
    assert "alice: scored 2 jobs" in text and "bob: skipped" in text and "3/3" not in text
    out = StringIO()
    call_command("score_jobs", "--all", "--user", "alice", stdout=out)
    assert "3/3 jobs" in out.getvalue() and "alice: scored 3 jobs" in out.getvalue()
    assert Score.objects.filter(owner=alice).count() == 3


def test_the_command_names_an_unknown_user(alice):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user named"):
        call_command("score_jobs", "--user", "nobody", stdout=StringIO())


def test_a_rescore_reads_no_text_until_the_job_or_the_profiles_own_terms_change(
    alice, monkeypatch, django_capture_on_commit_callbacks
):
    from boards.models import Job

    profile = make_profile(alice, skills=["Python"])
    jobs = [make_job(alice, description_text="Python and Django, 5+ years") for _ in range(3)]
    services.score_jobs(alice.pk)
    assert StoredFeatures.objects.filter(owner=alice).count() == 3
    read = []
    real_extract = feature_store.extract
    monkeypatch.setattr(
        feature_store, "extract", lambda job, m: read.append(job) or real_extract(job, m)
    )

    assert "Django" in Score.objects.get(job=jobs[0]).missing_skills
    with django_capture_on_commit_callbacks(execute=True):
        services.update_profile(profile, {"skills": ["Python", "Django"], "seniority": "junior"})
    assert read == []  # rescored from the stored features
    assert "Django" in Score.objects.get(job=jobs[0]).matched_skills

    Job.objects.filter(pk=jobs[1].pk).update(description_text="Rust only")
    Job.objects.filter(pk=jobs[2].pk).update(title="Chef")
    services.score_jobs(alice.pk)
    assert sorted(job.text for job in read) == ["Python and Django, 5+ years", "Rust only"]
    assert "Python" not in Score.objects.get(job=jobs[1]).matched_skills
    assert "Rust" in Score.objects.get(job=jobs[1]).missing_skills

    read.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_profile(profile, {"must_have_keywords": ["django"]})
    assert len(read) == 3  # a new keyword: every text is read again
    assert "Missing must-have: django" in Score.objects.get(job=jobs[1]).reasons
