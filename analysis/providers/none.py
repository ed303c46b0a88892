"""The provider used when no model is configured: every call says so plainly."""

from .base import Completion, NotConfigured, Provider, Request


class NoProvider(Provider):
    name = "none"

    def complete(self, request: Request) -> Completion:
        raise NotConfigured(
            "No language model is configured on this server (LLM_PROVIDER=none). Fast "
            "scores still work; ask the administrator to set up Anthropic or a local model."
        )
