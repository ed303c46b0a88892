"""The Anthropic path against httpx2.MockTransport: request shape, usage and cost, the
answer cache, the budget, retries of 429/529, invalid answers."""

from decimal import Decimal

import pytest
import time_machine

from analysis.llm import LlmError, analyze_job, budget_for
from analysis.models import LlmAnalysis, LlmCall, Profile

from .factories import make_job, make_profile, make_resume
from .llm_fakes import GOOD_ANALYSIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(alice):
    make_profile(alice, headline="Backend engineer")
    make_resume(alice)
    return make_job(
        alice,
        title="Senior Backend Engineer",
        company="Acme",
        description_text="Python, Django, Kafka.",
    )


def test_request_has_model_cached_profile_prefix_and_schema(fake_anthropic, alice, job):
    fake_anthropic.answer_json(GOOD_ANALYSIS)
    analysis = analyze_job(alice, job)
    sent = fake_anthropic.requests[0]
    assert sent["url"] == "https://api.anthropic.com/v1/messages"
    body = sent["body"]
    assert body["model"] == "claude-haiku-5-5"
    assert [b.get("cache_control") for b in body["system"]] == [None, {"type": "ephemeral"}]
    assert "Northwind Traders" in body["system"][-1]["text"]  # the resume is in the prefix
    assert "Backend engineer" in body["system"][-1]["text"]
    assert "Senior Backend Engineer" in body["messages"][0]["content"]  # the job is not
    schema = body["output_config"]["format"]["schema"]
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == set(GOOD_ANALYSIS)
    assert analysis.status == "ok" and analysis.result == GOOD_ANALYSIS


def test_usage_and_cost_are_stored_for_every_call(fake_anthropic, alice, job):
    fake_anthropic.answer_json(
        GOOD_ANALYSIS, input_tokens=200, output_tokens=100, cache_read=1000, cache_write=500
    )
    analysis = analyze_job(alice, job)
    call = LlmCall.objects.get()
    assert (
        call.input_tokens,
        call.output_tokens,
        call.cache_read_tokens,
        call.cache_write_tokens,
    ) == (200, 100, 1000, 500)
    # 200*1 + 100*5 + 1000*0.1 + 500*1.25 = 1425 USD per million
    assert call.cost == Decimal("0.001425")
    assert call.provider == "anthropic" and call.purpose == "analysis" and call.ok
    assert analysis.call == call


def test_asking_again_is_answered_from_the_cache_without_a_request(fake_anthropic, alice, job):
    fake_anthropic.answer_json(GOOD_ANALYSIS)
    first = analyze_job(alice, job)
    again = analyze_job(alice, job)
    assert again.pk == first.pk and len(fake_anthropic.requests) == 1
    assert LlmCall.objects.count() == 1


def test_a_new_profile_version_or_changed_posting_asks_again(fake_anthropic, alice, job):
    from analysis.services import update_profile

    fake_anthropic.answer_json(GOOD_ANALYSIS)
    analyze_job(alice, job)
    update_profile(Profile.objects.get(owner=alice), {"skills": ["Python", "Kafka"]})
    analyze_job(alice, job)
    job.description_text += " Also Rust."
    job.save()
    analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 3 and LlmAnalysis.objects.count() == 3


def test_the_monthly_budget_stops_calls_with_a_clear_message(fake_anthropic, alice, job, settings):
    settings.LLM_MONTHLY_TOKEN_BUDGET = 1000
    fake_anthropic.answer_json(GOOD_ANALYSIS, input_tokens=900, output_tokens=200, cache_read=0)
    with time_machine.travel("2026-11-20 10:00Z"):
        analyze_job(alice, job)
        job.description_text += " changed"
        job.save()
        with pytest.raises(LlmError, match="monthly model budget is used up.*December 1"):
            analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 1
    failed = LlmAnalysis.objects.get(status="failed")
    assert "budget" in failed.error
    with time_machine.travel("2026-12-01 10:00Z"):  # a new month
        assert not budget_for(alice).exhausted
        analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 2


def test_a_money_budget_also_stops_calls(fake_anthropic, alice, job, settings):
    settings.LLM_MONTHLY_COST_BUDGET = 0.001
    fake_anthropic.answer_json(GOOD_ANALYSIS, input_tokens=1000, output_tokens=100, cache_read=0)
    analyze_job(alice, job)  # costs 0.0015
    job.description_text += " changed"
    job.save()
    with pytest.raises(LlmError, match=r"\$0\.0015 of \$0\.0010"):
        analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 1


@pytest.mark.parametrize("status", [429, 529])
def test_rate_limits_and_overload_are_retried_then_succeed(fake_anthropic, alice, job, status):
    fake_anthropic.fail(status)
    fake_anthropic.answer_json(GOOD_ANALYSIS)
    analysis = analyze_job(alice, job)
    assert analysis.status == "ok" and len(fake_anthropic.requests) == 2
    assert LlmCall.objects.get().attempts == 2


@pytest.mark.parametrize("status", [429, 529])
def test_persistent_rate_limits_fail_visibly_after_bounded_retries(
    fake_anthropic, alice, job, status
):
    fake_anthropic.fail(status)
    with pytest.raises(LlmError, match=f"\\({status}\\).*Gave up after 3 tries"):
        analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 3  # the first try and LLM_MAX_RETRIES=2
    call = LlmCall.objects.get()
    assert not call.ok and call.attempts == 3 and call.input_tokens == 0
    analysis = LlmAnalysis.objects.get()
    assert analysis.status == "failed" and "Gave up" in analysis.error


def test_an_invalid_answer_is_retried_once_then_fails_visibly(fake_anthropic, alice, job):
    fake_anthropic.answer_text("Sure! Here is my analysis: great fit.")
    with pytest.raises(LlmError, match="not valid JSON"):
        analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 2
    assert LlmCall.objects.filter(ok=False).count() == 2  # both calls cost tokens: recorded


def test_an_invalid_answer_then_a_valid_one_succeeds(fake_anthropic, alice, job):
    fake_anthropic.answer_json({"score": 300})  # out of range: invalid
    fake_anthropic.answer_json(GOOD_ANALYSIS)
    assert analyze_job(alice, job).result["score"] == 82
    assert len(fake_anthropic.requests) == 2


def test_other_api_errors_fail_at_once(fake_anthropic, alice, job):
    fake_anthropic.fail(400, "bad request")
    with pytest.raises(LlmError, match="Anthropic answered 400"):
        analyze_job(alice, job)
    assert len(fake_anthropic.requests) == 1


def test_no_provider_configured_says_so_without_recording_calls(alice, job, settings):
    settings.LLM_PROVIDER = "none"
    with pytest.raises(LlmError, match="No language model is configured"):
        analyze_job(alice, job)
    assert not LlmCall.objects.exists()


def test_a_missing_api_key_says_so(alice, job, settings):
    settings.LLM_PROVIDER = "anthropic"
    settings.ANTHROPIC_API_KEY = ""
    with pytest.raises(LlmError, match="ANTHROPIC_API_KEY is not set"):
        analyze_job(alice, job)


def test_a_scan_analyses_only_the_top_k_new_jobs(fake_anthropic, alice, settings):
    from boards.signals import postings_changed

    settings.LLM_AUTO_ANALYZE_TOP_K = 1
    make_profile(alice)
    make_resume(alice)
    good = make_job(alice, title="Backend Engineer", description_text="Python Django PostgreSQL")
    weak = make_job(alice, title="Chef", description_text="Cooking")
    fake_anthropic.answer_json(GOOD_ANALYSIS)
    postings_changed.send(
        sender=None,
        owner_id=alice.pk,
        board_id=1,
        new_job_ids=[good.pk, weak.pk],
        updated_job_ids=[],
        scan_run_id=7,
    )
    assert list(LlmAnalysis.objects.values_list("job_id", "automatic")) == [(good.pk, True)]
    assert len(fake_anthropic.requests) == 1
