"""The OpenAI-compatible path against a real HTTP server on 127.0.0.1 (like a local Ollama or
llama.cpp server), through boards.http."""

import json

import pytest

from analysis.llm import LlmError, analyze_job
from analysis.models import LlmCall

from .factories import make_job, make_profile, make_resume
from .llm_fakes import GOOD_ANALYSIS

pytestmark = pytest.mark.django_db


def completion(content: str, prompt_tokens=800, completion_tokens=120, cached=600) -> dict:
    return {
        "status": 200,
        "body": {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": "llama3.2:3b",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "prompt_tokens_details": {"cached_tokens": cached},
            },
        },
    }


@pytest.fixture
def local_llm(http_server, settings):
    settings.LLM_PROVIDER = "openai"
    settings.LLM_BASE_URL = f"{http_server.url}/v1"
    settings.LLM_MODEL = "llama3.2:3b"
    settings.LLM_ALLOW_LOCAL = True
    settings.LLM_RETRY_BACKOFF_SECONDS = 0
    settings.LLM_MONTHLY_TOKEN_BUDGET = 0
    settings.LLM_MONTHLY_COST_BUDGET = 0
    return http_server


@pytest.fixture
def job(alice):
    make_profile(alice)
    make_resume(alice)
    return make_job(alice, title="Backend Engineer", description_text="Python and Kafka")


def test_a_local_server_answers_a_structured_analysis(local_llm, alice, job):
    local_llm.route("/v1/chat/completions", **completion(json.dumps(GOOD_ANALYSIS)))
    analysis = analyze_job(alice, job)
    assert analysis.status == "ok" and analysis.result["score"] == 82
    sent = json.loads(local_llm.requests[0]["body"])
    assert local_llm.requests[0]["method"] == "POST"
    assert sent["model"] == "llama3.2:3b" and sent["stream"] is False
    assert sent["messages"][0]["role"] == "system" and "Northwind" in sent["messages"][0]["content"]
    assert "Backend Engineer" in sent["messages"][1]["content"]
    schema = sent["response_format"]["json_schema"]["schema"]
    assert (
        sent["response_format"]["type"] == "json_schema" and schema["additionalProperties"] is False
    )
    call = LlmCall.objects.get()
    assert (call.input_tokens, call.cache_read_tokens, call.output_tokens) == (200, 600, 120)
    assert call.cost == 0 and call.provider == "openai"  # local models are free


def test_invalid_json_from_a_local_model_is_retried_once_then_fails(local_llm, alice, job):
    route = local_llm.route("/v1/chat/completions", **completion("{'score': 80, oops"))
    with pytest.raises(LlmError, match="answered twice, but the answer was not valid JSON"):
        analyze_job(alice, job)
    assert route.calls == 2
    assert job.llm_analyses.get().status == "failed"


def test_invalid_then_valid_json_succeeds(local_llm, alice, job):
    local_llm.route(
        "/v1/chat/completions",
        completion("not json"),
        completion("```json\n" + json.dumps(GOOD_ANALYSIS) + "\n```"),
    )
    assert analyze_job(alice, job).result["summary"].startswith("A strong fit")


def test_a_busy_local_server_is_retried_then_fails_visibly(local_llm, alice, job, settings):
    settings.LLM_MAX_RETRIES = 1
    route = local_llm.route("/v1/chat/completions", status=429, body={"error": "busy"})
    with pytest.raises(LlmError, match="answered 429.*Gave up after 2 tries"):
        analyze_job(alice, job)
    assert route.calls == 2


def test_a_local_server_is_refused_without_the_explicit_allow_setting(
    local_llm, alice, job, settings
):
    settings.LLM_ALLOW_LOCAL = False
    with pytest.raises(LlmError, match="LLM_ALLOW_LOCAL=true"):
        analyze_job(alice, job)
    assert not local_llm.requests


def test_the_ssrf_guard_still_applies_below_the_provider(local_llm, alice, job, settings):
    settings.HTTP_ALLOW_LOOPBACK = False
    with pytest.raises(LlmError, match="HTTP_ALLOW_LOOPBACK=true"):
        analyze_job(alice, job)
    assert not local_llm.requests
