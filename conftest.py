"""Fixtures every test can use: two users who must never see each other's data."""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import settings as hypothesis_settings

# CI replays the same generated examples on every run, so a red build always reproduces;
# local runs keep exploring new inputs.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-pass-123")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "bob-pass-123")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def alice_token(alice) -> str:
    """A raw API key for alice."""
    from jobtracker.services import issue_token

    _, raw = issue_token(alice, "test")
    return raw


@pytest.fixture
def bob_token(bob) -> str:
    from jobtracker.services import issue_token

    _, raw = issue_token(bob, "test")
    return raw


@pytest.fixture
def api_client():
    """A client for the JSON API: `api_client.get(url, token=raw)`."""

    class ApiClient(Client):
        """JSON bodies by default; `token=raw` sends it as a Bearer token."""

        def post(self, path, data=None, content_type="application/json", **extra):
            return super().post(path, data, content_type=content_type, **extra)

        def patch(self, path, data="", content_type="application/json", **extra):
            return super().patch(path, data, content_type=content_type, **extra)

        def generic(self, method, path, data="", content_type="application/json", **extra):
            token = extra.pop("token", None)
            if token:
                extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
            return super().generic(method, path, data, content_type, **extra)

    return ApiClient()


# --- End-to-end (Playwright driving Debian's chromium; never `playwright install`) -------------
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    import os

    if os.path.exists(CHROMIUM):
        # Playwright's sync API runs an event loop; the ORM calls in e2e test bodies are safe.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    skip = pytest.mark.skip(
        reason=f"e2e needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def journey(page, live_server, request):
    """A person at Chromium on the live server; fails on console errors when the test ends."""
    from testkit.browser import Journey

    person = Journey(page, live_server.url, request.node.name)
    yield person
    person.assert_clean_console()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-gpu", "--disable-sync", "--disable-quic", "--no-first-run"],
    }


# --- A real HTTP server on 127.0.0.1 serving canned responses ----------------------------------
class Route:
    """What the test server answers for one path: a list of responses used in turn (the last
    one repeats). Each response: status, body (bytes|str|dict→JSON), headers, delay seconds,
    and `reset` (close the socket without answering) or `truncate` (promise more bytes)."""

    def __init__(self, responses):
        self.responses = list(responses)
        self.calls = 0

    def next(self) -> dict:
        response = self.responses[min(self.calls, len(self.responses) - 1)]
        self.calls += 1
        return response


class LocalHTTPServer:
    def __init__(self):
        import http.server
        import json
        import threading
        import time

        self.routes: dict[tuple[str, str], Route] = {}
        self.requests: list[dict] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                from urllib.parse import urlsplit

                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                server.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": body,
                    }
                )
                route = server.routes.get((self.command, path)) or server.routes.get(("*", path))
                spec = {"status": 404, "body": b"not found"} if route is None else route.next()
                if spec.get("delay"):
                    time.sleep(spec["delay"])
                if spec.get("reset"):
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = spec.get("body", b"")
                headers = dict(spec.get("headers") or {})
                if isinstance(payload, (dict, list)):
                    payload = json.dumps(payload).encode()
                    headers.setdefault("Content-Type", "application/json")
                elif isinstance(payload, str):
                    payload = payload.encode()
                    headers.setdefault("Content-Type", "text/html; charset=utf-8")
                self.send_response(spec.get("status", 200))
                for name, value in headers.items():
                    self.send_header(name, value)
                declared = len(payload) + (1000 if spec.get("truncate") else 0)
                self.send_header("Content-Length", str(declared))
                if spec.get("truncate"):
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                # A client that gave up (timeouts, size caps) is part of the tests, not noise.
                import sys

                if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
                    super().handle_error(request, client_address)

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def route(self, path: str, *responses: dict, method: str = "*", **single) -> Route:
        """Serve `path`: `server.route("/x", body={...})` or several responses in turn."""
        route = Route(responses or [single])
        self.routes[(method, path)] = route
        return route

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1; configure answers with `http_server.route(...)`."""
    server = LocalHTTPServer()
    yield server
    server.stop()


@pytest.fixture
def unthrottled(monkeypatch):
    """Lift the API throttles for tests that send many requests on purpose."""
    from jobtracker.api import api

    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 10**9)
