"""Any OpenAI-compatible chat endpoint (a local Ollama or llama.cpp server, vLLM, ...),
over the guarded HTTP module boards.http.

Local servers usually listen on loopback or the LAN, which the SSRF guard refuses: this
provider only talks to such an address when settings.LLM_ALLOW_LOCAL is on, and
boards.http must allow it too (HTTP_ALLOW_LOOPBACK for 127.0.0.1).
"""

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from django.conf import settings

from boards import http

from .base import Completion, NotConfigured, Provider, ProviderError, Request, RetryableError, Usage

logger = logging.getLogger(__name__)


def is_local_address(host: str) -> bool:
    """True when `host` is (or resolves to) a loopback, private or link-local address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address.is_loopback or address.is_private or address.is_link_local:
            return True
    return False


class OpenAICompatibleProvider(Provider):
    name = "openai"

    def __init__(self, base_url: str | None = None, api_key: str | None = None):
        self.base_url = (base_url if base_url is not None else settings.LLM_BASE_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else settings.LLM_API_KEY
        if not self.base_url:
            raise NotConfigured("LLM_BASE_URL is not set on this server.")
        host = urlsplit(self.base_url).hostname or ""
        if is_local_address(host) and not settings.LLM_ALLOW_LOCAL:
            raise NotConfigured(
                f"The model server {host} is on this machine or the local network; set "
                "LLM_ALLOW_LOCAL=true to use it (and HTTP_ALLOW_LOOPBACK=true for 127.0.0.1)."
            )

    def complete(self, request: Request) -> Completion:
        messages = [
            {"role": "system", "content": "\n\n".join(b for b in request.system if b)},
            {"role": "user", "content": request.prompt},
        ]
        body = {
            "model": request.model,
            "messages": messages,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "stream": False,
        }
        if request.schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name,
                    "schema": request.schema,
                    "strict": True,
                },
            }
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = f"{self.base_url}/chat/completions"
        try:
            response = http.post(url, json=body, headers=headers, retries=0, raise_for_status=False)
        except http.BlockedAddress as exc:
            raise ProviderError(
                f"{exc} — a local model server needs LLM_ALLOW_LOCAL=true, and "
                "HTTP_ALLOW_LOOPBACK=true when it listens on 127.0.0.1."
            ) from exc
        except http.FetchError as exc:
            raise ProviderError(f"The model server failed: {exc}") from exc
        if response.status in (429, 529, 503):
            raise RetryableError(f"The model server answered {response.status}.", response.status)
        if response.status >= 400:
            raise ProviderError(
                f"The model server answered {response.status}: {response.text[:300]}"
            )
        try:
            data = response.json()
            text = data["choices"][0]["message"]["content"] or ""
        except (http.FetchError, KeyError, IndexError, TypeError) as exc:
            raise ProviderError("The model server's answer was not a chat completion.") from exc
        usage = data.get("usage") or {}
        details = usage.get("prompt_tokens_details") or {}
        cached = int(details.get("cached_tokens") or 0)
        return Completion(
            text=text,
            model=str(data.get("model") or request.model),
            usage=Usage(
                input_tokens=max(0, int(usage.get("prompt_tokens") or 0) - cached),
                output_tokens=int(usage.get("completion_tokens") or 0),
                cache_read_tokens=cached,
            ),
        )
