"""A fake Anthropic API behind httpx2.MockTransport (no network), as RECIPES.md §3 tested."""

import json

import httpx2
import pytest

from analysis.providers import anthropic_api

GOOD_ANALYSIS = {
    "score": 82,
    "qualifications_met": ["Python", "Django"],
    "qualifications_missing": ["Kafka"],
    "strengths": ["Backend depth"],
    "gaps": ["No streaming experience"],
    "suggestions": ["Mention the PostgreSQL work"],
    "summary": "A strong fit on the backend stack.",
}


class FakeAnthropic:
    """Answers queued responses in turn (the last repeats) and records every request."""

    def __init__(self):
        self.requests: list[dict] = []
        self.responses: list[tuple[int, dict | str]] = []

    def answer_json(self, payload: dict, **usage):
        self.answer_text(json.dumps(payload), **usage)

    def answer_text(
        self, text: str, input_tokens=1200, output_tokens=150, cache_read=1000, cache_write=0
    ):
        self.responses.append(
            (
                200,
                {
                    "text": text,
                    "usage": {
                        "input_tokens": input_tokens,
                        "output_tokens": output_tokens,
                        "cache_read_input_tokens": cache_read,
                        "cache_creation_input_tokens": cache_write,
                    },
                },
            )
        )

    def fail(self, status: int, message: str = "busy"):
        self.responses.append(
            (
                status,
                {
                    "type": "error",
                    "error": {
                        "type": "overloaded_error" if status == 529 else "rate_limit_error",
                        "message": message,
                    },
                },
            )
        )

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.requests.append(
            {"url": str(request.url), "body": body, "headers": dict(request.headers)}
        )
        status, spec = self.responses[min(len(self.requests) - 1, len(self.responses) - 1)]
        if status != 200:
            return httpx2.Response(status, json=spec, headers={"retry-after": "0"})
        return httpx2.Response(
            200,
            json={
                "id": f"msg_{len(self.requests)}",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": [{"type": "text", "text": spec["text"]}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": spec["usage"],
            },
        )


@pytest.fixture
def fake_anthropic(monkeypatch, settings):
    fake = FakeAnthropic()
    settings.LLM_PROVIDER = "anthropic"
    settings.ANTHROPIC_API_KEY = "test-key"
    settings.ANTHROPIC_MODEL_SCORING = "claude-haiku-5-5"
    settings.ANTHROPIC_MODEL_WRITING = "claude-sonnet-5-5"
    settings.LLM_RETRY_BACKOFF_SECONDS = 0
    settings.LLM_MAX_RETRIES = 2
    settings.LLM_MONTHLY_TOKEN_BUDGET = 0
    settings.LLM_MONTHLY_COST_BUDGET = 0
    settings.LLM_PRICES = {
        "claude-haiku-5-5": {"input": 1.0, "output": 5.0, "cache_read": 0.1, "cache_write": 1.25},
        "claude-sonnet-5-5": {"input": 3.0, "output": 15.0, "cache_read": 0.3, "cache_write": 3.75},
    }
    monkeypatch.setattr(
        anthropic_api,
        "http_client_factory",
        lambda: httpx2.Client(transport=httpx2.MockTransport(fake.handler)),
    )
    return fake
