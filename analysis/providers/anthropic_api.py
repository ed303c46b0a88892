"""Anthropic's Messages API through the official SDK (which uses httpx2).

The system prompt is sent as text blocks and the last one carries
cache_control={"type": "ephemeral"}, so the rules plus profile and resume are a cached
prefix. JSON answers are requested with output_config.format (a JSON schema).
"""

import logging

import anthropic
from django.conf import settings

from .base import Completion, NotConfigured, Provider, ProviderError, Request, RetryableError, Usage

logger = logging.getLogger(__name__)

# Tests set this to build an httpx2.Client on a MockTransport; None means the SDK default.
http_client_factory = None


class AnthropicProvider(Provider):
    name = "anthropic"

    def __init__(self, api_key: str | None = None):
        key = api_key if api_key is not None else settings.ANTHROPIC_API_KEY
        if not key:
            raise NotConfigured("ANTHROPIC_API_KEY is not set on this server.")
        kwargs = {"api_key": key, "max_retries": 0, "timeout": settings.LLM_TIMEOUT_SECONDS}
        if http_client_factory is not None:
            kwargs["http_client"] = http_client_factory()
        # Retries are ours (bounded, recorded): the SDK's own are off.
        self.client = anthropic.Anthropic(**kwargs)

    def complete(self, request: Request) -> Completion:
        system = [{"type": "text", "text": block} for block in request.system if block]
        if system:
            system[-1]["cache_control"] = {"type": "ephemeral"}
        params = {
            "model": request.model,
            "max_tokens": request.max_tokens,
            "system": system,
            "messages": [{"role": "user", "content": request.prompt}],
        }
        if request.schema is not None:
            params["output_config"] = {"format": {"type": "json_schema", "schema": request.schema}}
        try:
            message = self.client.messages.create(**params)
        except anthropic.RateLimitError as exc:
            raise RetryableError(
                "Anthropic is rate-limiting requests (429).", 429, _retry_after(exc)
            ) from exc
        except anthropic.APIStatusError as exc:
            if exc.status_code == 529:
                raise RetryableError(
                    "Anthropic is overloaded (529).", 529, _retry_after(exc)
                ) from exc
            raise ProviderError(f"Anthropic answered {exc.status_code}: {_message(exc)}") from exc
        except anthropic.APIConnectionError as exc:
            raise ProviderError("Anthropic could not be reached.") from exc
        text = "".join(
            getattr(block, "text", "") for block in message.content if block.type == "text"
        )
        usage = message.usage
        return Completion(
            text=text,
            model=message.model or request.model,
            usage=Usage(
                input_tokens=usage.input_tokens or 0,
                output_tokens=usage.output_tokens or 0,
                cache_read_tokens=usage.cache_read_input_tokens or 0,
                cache_write_tokens=usage.cache_creation_input_tokens or 0,
            ),
        )


def _retry_after(exc: anthropic.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _message(exc: anthropic.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    return str(error.get("message") or exc.message)[:300]
