"""What every language-model provider offers: one completion, with its token usage."""

from dataclasses import dataclass, field


class ProviderError(Exception):
    """A call failed; the message is for the person who asked (no secrets in it)."""


class RetryableError(ProviderError):
    """Rate-limited (429) or overloaded (529): worth trying again after a pause."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class NotConfigured(ProviderError):
    """No model is set up (LLM_PROVIDER=none, or a key or URL is missing)."""


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0


@dataclass
class Completion:
    text: str
    model: str
    usage: Usage = field(default_factory=Usage)


@dataclass
class Request:
    """One model call. `system` is the stable prefix (rules, then profile and resume): the
    provider marks its end for prompt caching. `schema` asks for JSON of that shape."""

    model: str
    system: list[str]
    prompt: str
    max_tokens: int = 1500
    schema: dict | None = None
    schema_name: str = "result"
    temperature: float = 0.2


class Provider:
    name = "base"

    def complete(self, request: Request) -> Completion:  # pragma: no cover - interface
        raise NotImplementedError
