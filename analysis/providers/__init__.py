"""Language-model providers behind one interface (base.Provider).

`get_provider()` builds the configured one: settings.LLM_PROVIDER is "anthropic", "openai"
(any OpenAI-compatible server) or "none". `model_for(purpose)` names the model to ask.
"""

from django.conf import settings

from .base import Completion, NotConfigured, Provider, ProviderError, Request, RetryableError, Usage
from .none import NoProvider
from .openai_compat import OpenAICompatibleProvider

__all__ = [
    "Completion",
    "NotConfigured",
    "Provider",
    "ProviderError",
    "Request",
    "RetryableError",
    "Usage",
    "get_provider",
    "model_for",
    "provider_name",
]


def provider_name() -> str:
    return (getattr(settings, "LLM_PROVIDER", "none") or "none").lower()


def get_provider() -> Provider:
    name = provider_name()
    if name == "anthropic":
        # Imported here: the anthropic SDK takes over a second to import, and only this
        # provider needs it.
        from .anthropic_api import AnthropicProvider

        return AnthropicProvider()
    if name in ("openai", "openai-compatible", "ollama", "llamacpp"):
        return OpenAICompatibleProvider()
    return NoProvider()


def model_for(purpose: str) -> str:
    """The model name for "scoring" (job analysis) or "writing" (documents)."""
    if provider_name() == "anthropic":
        if purpose == "writing":
            return settings.ANTHROPIC_MODEL_WRITING
        return settings.ANTHROPIC_MODEL_SCORING
    if provider_name() == "none":
        return ""
    return settings.LLM_MODEL
