"""The one way jobtracker makes outbound HTTP requests.

Every fetch of an ATS API, a posting page or an LLM endpoint goes through `request()`:
- an SSRF guard (requests-hardened): private, loopback, link-local and reserved addresses
  are refused, on every redirect hop, and the connection goes to the address that was
  checked (no DNS-rebinding window); loopback only when settings.HTTP_ALLOW_LOOPBACK is on;
- timeouts (connect/read and a total deadline), a response size cap;
- at most one request per HTTP_MIN_INTERVAL_SECONDS per host;
- bounded retries with exponential backoff on 429/5xx and connection errors, honouring
  Retry-After;
- an identifying User-Agent; proxies from the environment are ignored (they would bypass
  the guard).

Errors are `FetchError`s whose message a user can read.
"""

import email.utils
import json as jsonlib
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests_hardened import Config, Manager
from requests_hardened.ip_filter import InvalidIPAddress

logger = logging.getLogger(__name__)

RETRY_STATUSES = {429, 500, 502, 503, 504, 529}


class FetchError(Exception):
    """A request failed; `str(error)` is a reason a person can act on."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class BlockedAddress(FetchError):
    """The URL (or a redirect) pointed at a private, local or reserved address."""


class TooLarge(FetchError):
    """The response was larger than the size cap."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (after retries)."""


@dataclass
class Response:
    url: str  # final URL after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    encoding: str | None = None

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding or "utf-8", errors="replace")

    def json(self):
        try:
            return jsonlib.loads(self.content)
        except (ValueError, RecursionError) as exc:  # also JSON nested too deeply to read
            raise FetchError(
                f"the response from {self.url} is not valid JSON", url=self.url
            ) from exc

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _setting(name: str, default):
    return getattr(settings, name, default)


class _HostPacer:
    """Spaces requests to one host at least `interval` seconds apart (per process)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next_at: dict[str, float] = {}

    def wait(self, host: str, interval: float) -> None:
        if interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            at = max(now, self._next_at.get(host, 0.0))
            self._next_at[host] = at + interval
        if at > now:
            time.sleep(at - now)


_pacer = _HostPacer()


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _manager() -> Manager:
    # Built per call so settings overrides (tests) take effect; construction is cheap.
    return Manager(
        Config(
            ip_filter_enable=True,
            ip_filter_allow_loopback_ips=bool(settings.HTTP_ALLOW_LOOPBACK),
            never_redirect=False,
            default_timeout=(
                _setting("HTTP_CONNECT_TIMEOUT", 5.0),
                _setting("HTTP_READ_TIMEOUT", 20.0),
            ),
            user_agent_override=settings.HTTP_USER_AGENT,
        )
    )


def _check_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url!r}", url=url) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("only http:// and https:// URLs can be fetched", url=url)
    return parts.hostname.lower()


def _read_capped(resp: requests.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"{url} is larger than {max_bytes:,} bytes", url=url)
    chunks, total = [], 0
    for chunk in resp.iter_content(65536):
        total += len(chunk)
        if total > max_bytes:
            raise TooLarge(f"{url} is larger than {max_bytes:,} bytes", url=url)
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took too long to answer", url=url)
        chunks.append(chunk)
    return b"".join(chunks)


class _RetryableStatus(Exception):
    """`_send` got a 429/5xx worth another try; `retry_after` is the server's hint, if any."""

    def __init__(self, status: int, retry_after: float | None):
        super().__init__(status)
        self.status = status
        self.retry_after = retry_after


def _send(
    method: str,
    url: str,
    *,
    params: dict | None,
    json,
    data,
    headers: dict | None,
    max_bytes: int,
    total_timeout: float,
    retry_status: bool,
) -> Response:
    """One attempt through a guarded session, the body read within the caps.

    Raises `_RetryableStatus` instead of reading the body when `retry_status` is set and
    the status is one to retry; lets the requests exceptions through for `_fetch_error`.
    """
    with _manager().get_session() as session:
        session.trust_env = False  # environment proxies would bypass the guard
        session.max_redirects = 5
        resp = session.request(
            method, url, params=params, json=json, data=data, headers=headers, stream=True
        )
        with resp:
            if resp.status_code in RETRY_STATUSES and retry_status:
                hinted = _retry_after_seconds(resp.headers.get("Retry-After"))
                raise _RetryableStatus(resp.status_code, hinted)
            content = _read_capped(resp, url, max_bytes, time.monotonic() + total_timeout)
            declared_charset = "charset" in resp.headers.get("Content-Type", "")
            return Response(
                url=resp.url,
                status=resp.status_code,
                headers={k.lower(): v for k, v in resp.headers.items()},
                content=content,
                encoding=resp.encoding if declared_charset else None,
            )


def _fetch_error(exc: requests.RequestException, host: str, url: str) -> tuple[FetchError, bool]:
    """The error a person reads for a failed attempt, and whether another try may help
    (only when the host did not answer or could not be reached)."""
    if isinstance(exc, InvalidIPAddress):
        return BlockedAddress(
            f"refused to connect to {host}: it resolves to a private, local or reserved "
            f"address ({exc})",
            url=url,
        ), False
    if isinstance(exc, requests.TooManyRedirects):
        return FetchError(f"{url} redirects too many times", url=url), False
    if isinstance(exc, (requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL)):
        return FetchError(f"{url} redirected to something that cannot be fetched", url=url), False
    if isinstance(exc, (requests.Timeout, requests.ConnectionError)):
        if "InvalidIPAddress" in repr(exc) or isinstance(exc.__context__, InvalidIPAddress):
            return BlockedAddress(
                f"refused to connect to {host}: it resolves to a private, local or reserved "
                "address",
                url=url,
            ), False
        timed_out = isinstance(exc, requests.Timeout)
        reason = "did not answer in time" if timed_out else "could not be reached"
        return FetchError(f"{host} {reason}", url=url), True
    return FetchError(f"request to {host} failed: {exc.__class__.__name__}", url=url), False


def request(
    method: str,
    url: str,
    *,
    params: dict | None = None,
    json=None,
    data=None,
    headers: dict | None = None,
    max_bytes: int | None = None,
    retries: int | None = None,
    raise_for_status: bool = True,
) -> Response:
    """Send one request with the guard, pacing, caps and retries described above."""
    host = _check_url(url)
    max_bytes = max_bytes or _setting("HTTP_MAX_BYTES", 10 * 1024 * 1024)
    attempts = 1 + (retries if retries is not None else _setting("HTTP_RETRIES", 2))
    backoff = _setting("HTTP_BACKOFF_SECONDS", 1.0)
    max_wait = _setting("HTTP_MAX_RETRY_WAIT", 60.0)
    interval = _setting("HTTP_MIN_INTERVAL_SECONDS", 1.0)
    total_timeout = _setting("HTTP_TOTAL_TIMEOUT", 60.0)
    last_error: FetchError | None = None

    for attempt in range(attempts):
        _pacer.wait(host, interval)
        wait = backoff * (2**attempt) * (0.5 + random.random())
        may_retry = attempt + 1 < attempts
        try:
            result = _send(
                method,
                url,
                params=params,
                json=json,
                data=data,
                headers=headers,
                max_bytes=max_bytes,
                total_timeout=total_timeout,
                retry_status=may_retry,
            )
        except _RetryableStatus as retry:
            hinted = retry.retry_after
            wait = min(max_wait, hinted if hinted is not None else wait)
            last_error = HTTPStatusError(
                f"{host} answered {retry.status}", url=url, status=retry.status
            )
            logger.info("http retry url=%s status=%s wait=%.1fs", url, retry.status, wait)
            time.sleep(wait)
            continue
        except requests.RequestException as exc:  # InvalidIPAddress is one too
            error, retryable = _fetch_error(exc, host, url)
            if not (retryable and may_retry):
                raise error from exc
            last_error = error
            time.sleep(min(max_wait, wait))
            continue

        if raise_for_status and result.status >= 400:
            raise HTTPStatusError(f"{host} answered {result.status}", url=url, status=result.status)
        return result
    raise last_error or FetchError(f"request to {host} failed", url=url)


def get(url: str, **kwargs) -> Response:
    return request("GET", url, **kwargs)


def post(url: str, **kwargs) -> Response:
    return request("POST", url, **kwargs)
