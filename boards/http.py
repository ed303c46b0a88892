"""The one way jobtracker makes outbound HTTP requests.

Every fetch of an ATS API, a posting page or an LLM endpoint goes through `request()`:
- an SSRF guard (requests-hardened): private, loopback, link-local and reserved addresses
  are refused, on every redirect hop, and the connection goes to the address that was
  checked (no DNS-rebinding window); loopback only when settings.HTTP_ALLOW_LOOPBACK is on;
- one deadline per call (`deadline_seconds=`, default HTTP_TOTAL_TIMEOUT) covering connect,
  TLS, headers, body, redirects and retries: a watchdog shuts the socket down when it passes,
  so a server trickling a byte a second is cut too (socket timeouts only bound each read);
  `with deadline(5):` caps every fetch inside it (a web request, a whole scan);
- a response size cap;
- at most one request per HTTP_MIN_INTERVAL_SECONDS per host;
- bounded retries with exponential backoff on 429/5xx and connection errors, honouring
  Retry-After;
- an identifying User-Agent; proxies from the environment are ignored (they would bypass
  the guard).

Errors are `FetchError`s whose message a user can read.
"""

import contextvars
import email.utils
import json as jsonlib
import logging
import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests_hardened import Config, Manager
from requests_hardened.ip_filter import InvalidIPAddress
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from jobtracker.netguard import GuardedManager

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


class TimedOut(FetchError):
    """The fetch ran past its deadline (or a socket timeout): the server is too slow."""


def timed_out(exc: BaseException | None) -> bool:
    """Whether `exc`, or an error it was raised from, is a fetch that ran out of time."""
    for _ in range(10):  # a cause chain is short; bounded in case one loops
        if exc is None:
            return False
        if isinstance(exc, TimedOut):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# --- Deadlines ----------------------------------------------------------------------------------


class Deadline:
    """A point in time (monotonic) by which a fetch, or everything in a block, must be done."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0


_ambient: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "boards_http_deadline", default=None
)


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Every fetch inside the block ends by `seconds` from now (an outer block's earlier
    deadline still wins). Web views use it so a slow site cannot hold a worker."""
    outer = _ambient.get()
    limit = Deadline(seconds)
    if outer is not None and outer.at < limit.at:
        limit = outer
    token = _ambient.set(limit)
    try:
        yield limit
    finally:
        _ambient.reset(token)


def _deadline_for(deadline_seconds: float | None) -> Deadline:
    seconds = deadline_seconds if deadline_seconds is not None else None
    if seconds is None:
        seconds = _setting("HTTP_TOTAL_TIMEOUT", 60.0)
    own = Deadline(seconds)
    outer = _ambient.get()
    return outer if outer is not None and outer.at < own.at else own


class _Watchdog:
    """Shuts down the sockets of one call when its deadline passes.

    Socket timeouts bound each read, not their sum; a shutdown from this timer thread makes
    the blocked read return at once, whatever it was waiting for (TLS, headers, body).
    """

    def __init__(self, limit: Deadline):
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._done = False
        self.fired = False
        self._timer = threading.Timer(max(0.0, limit.remaining()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self._done:
                return
            self._sockets.append(sock)
            fired = self.fired
        if fired:  # connected just as the deadline passed
            _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


_watchdog: contextvars.ContextVar[_Watchdog | None] = contextvars.ContextVar(
    "boards_http_watchdog", default=None
)


def _register(sock: socket.socket) -> socket.socket:
    # Connections are made in the calling thread, so the current call's watchdog is here.
    if (dog := _watchdog.get()) is not None:
        dog.watch(sock)
    return sock


class _WatchedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _register(super()._new_conn())


class _WatchedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:  # before the TLS handshake, so it is covered too
        return _register(super()._new_conn())


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


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

    def wait(self, host: str, interval: float, limit: Deadline) -> None:
        if interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            at = max(now, self._next_at.get(host, 0.0))
            self._next_at[host] = at + interval
        if at > now:
            time.sleep(max(0.0, min(at - now, limit.remaining())))


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
    return GuardedManager(  # requests-hardened's checks, then jobtracker.netguard's
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


def _session(manager: Manager) -> requests.Session:
    """The manager's guarded session, its connections made watchable: the adapters (and so
    the SSRF guard) stay the manager's own, only the pools' connection class changes."""
    session = manager.get_session()
    for adapter in session.adapters.values():
        if (pools := getattr(adapter, "poolmanager", None)) is not None:
            pools.pool_classes_by_scheme = _WATCHED_POOLS
    return session


def _timeouts(limit: Deadline) -> tuple[float, float]:
    """Connect and read timeouts for one attempt: never past the deadline."""
    left = max(0.05, limit.remaining())
    return (
        min(_setting("HTTP_CONNECT_TIMEOUT", 5.0), left),
        min(_setting("HTTP_READ_TIMEOUT", 20.0), left),
    )


def _too_slow(url: str, limit: Deadline) -> TimedOut:
    return TimedOut(f"{url} took too long to answer (over {limit.seconds:g} s)", url=url)


def _check_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url!r}", url=url) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("only http:// and https:// URLs can be fetched", url=url)
    return parts.hostname.lower()


def _read_capped(resp: requests.Response, url: str, max_bytes: int, limit: Deadline) -> bytes:
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"{url} is larger than {max_bytes:,} bytes", url=url)
    chunks, total = [], 0
    for chunk in resp.iter_content(65536):
        total += len(chunk)
        if total > max_bytes:
            raise TooLarge(f"{url} is larger than {max_bytes:,} bytes", url=url)
        if limit.expired:
            raise _too_slow(url, limit)
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
    limit: Deadline,
    retry_status: bool,
) -> Response:
    """One attempt through a guarded session, the body read within the caps.

    Raises `_RetryableStatus` instead of reading the body when `retry_status` is set and
    the status is one to retry; lets the requests exceptions through for `_fetch_error`.
    """
    with _session(_manager()) as session:
        session.trust_env = False  # environment proxies would bypass the guard
        session.max_redirects = 5
        resp = session.request(
            method,
            url,
            params=params,
            json=json,
            data=data,
            headers=headers,
            stream=True,
            timeout=_timeouts(limit),
        )
        with resp:
            if resp.status_code in RETRY_STATUSES and retry_status:
                hinted = _retry_after_seconds(resp.headers.get("Retry-After"))
                raise _RetryableStatus(resp.status_code, hinted)
            content = _read_capped(resp, url, max_bytes, limit)
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
        if isinstance(exc, requests.Timeout):
            return TimedOut(f"{host} did not answer in time", url=url), True
        return FetchError(f"{host} could not be reached", url=url), True
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
    deadline_seconds: float | None = None,
) -> Response:
    """Send one request with the guard, pacing, caps and retries described above.

    The whole call (every attempt, redirect and wait between them) ends within
    `deadline_seconds` (default HTTP_TOTAL_TIMEOUT), or sooner inside a `deadline()` block;
    past it, `TimedOut`."""
    host = _check_url(url)
    limit = _deadline_for(deadline_seconds)
    max_bytes = max_bytes or _setting("HTTP_MAX_BYTES", 10 * 1024 * 1024)
    attempts = 1 + (retries if retries is not None else _setting("HTTP_RETRIES", 2))
    dog = _Watchdog(limit)
    token = _watchdog.set(dog)
    try:
        return _attempts(
            method,
            url,
            host,
            limit,
            dog,
            attempts=attempts,
            raise_for_status=raise_for_status,
            params=params,
            json=json,
            data=data,
            headers=headers,
            max_bytes=max_bytes,
        )
    finally:
        _watchdog.reset(token)
        dog.stop()


def _attempts(
    method: str,
    url: str,
    host: str,
    limit: Deadline,
    dog: _Watchdog,
    *,
    attempts: int,
    raise_for_status: bool,
    **send,
) -> Response:
    backoff = _setting("HTTP_BACKOFF_SECONDS", 1.0)
    max_wait = _setting("HTTP_MAX_RETRY_WAIT", 60.0)
    interval = _setting("HTTP_MIN_INTERVAL_SECONDS", 1.0)
    last_error: FetchError | None = None

    for attempt in range(attempts):
        _pacer.wait(host, interval, limit)
        if limit.expired:
            raise _too_slow(url, limit) from last_error
        wait = backoff * (2**attempt) * (0.5 + random.random())
        may_retry = attempt + 1 < attempts
        try:
            result = _send(method, url, limit=limit, retry_status=may_retry, **send)
        except _RetryableStatus as retry:
            hinted = retry.retry_after
            wait = min(max_wait, hinted if hinted is not None else wait)
            last_error = HTTPStatusError(
                f"{host} answered {retry.status}", url=url, status=retry.status
            )
            if wait >= limit.remaining():  # the next try would start past the deadline
                raise last_error from None
            logger.info("http retry url=%s status=%s wait=%.1fs", url, retry.status, wait)
            time.sleep(wait)
            continue
        except requests.RequestException as exc:  # InvalidIPAddress is one too
            if dog.fired or limit.expired:  # the watchdog cut it: whatever the symptom
                raise _too_slow(url, limit) from exc
            error, retryable = _fetch_error(exc, host, url)
            wait = min(max_wait, wait)
            if not (retryable and may_retry) or wait >= limit.remaining():
                raise error from exc
            last_error = error
            time.sleep(wait)
            continue
        except OSError as exc:  # a socket shut down under a read that requests did not wrap
            if dog.fired:
                raise _too_slow(url, limit) from exc
            raise
        if dog.fired:  # a body read "to the end" may have been cut: never return it as whole
            raise _too_slow(url, limit)

        if raise_for_status and result.status >= 400:
            raise HTTPStatusError(f"{host} answered {result.status}", url=url, status=result.status)
        return result
    raise last_error or FetchError(f"request to {host} failed", url=url)


def get(url: str, **kwargs) -> Response:
    return request("GET", url, **kwargs)


def post(url: str, **kwargs) -> Response:
    return request("POST", url, **kwargs)
