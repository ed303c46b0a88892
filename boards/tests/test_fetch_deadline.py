"""One deadline per outbound fetch: connect, headers, body, redirects and retries together.

A trickling server (one byte every 0.3 s) never trips a per-socket-operation timeout, so
these tests use their own small socket server; every one of its loops is bounded.
"""

import socket
import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from boards import http
from boards.models import ScanStatus
from boards.scanning import scan
from boards.tasks import enqueue_due_boards

from .factories import make_board

TRICKLE_EVERY = 0.3
TRICKLE_MAX_BYTES = 100  # 30 s at most: the server stops on its own if the client never does
GENEROUS = 1.0  # slack on top of a deadline: never a tight timing


class TrickleServer:
    """Answers each connection slowly: `mode="body"` sends headers at once and then the body
    one byte at a time; `mode="headers"` sends the headers one byte at a time."""

    def __init__(self, mode: str):
        self.mode = mode
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/slow"
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket):
        with conn:
            conn.settimeout(2)
            try:
                conn.recv(65536)  # the request; its content does not matter
                if self.mode == "body":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>")
                    self._trickle(conn, b"x" * TRICKLE_MAX_BYTES)
                else:
                    head = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * TRICKLE_MAX_BYTES
                    self._trickle(conn, head)
            except OSError:
                return  # the client gave up: what the tests want

    def _trickle(self, conn: socket.socket, data: bytes):
        for byte in data:
            if self.stop.wait(TRICKLE_EVERY):
                return
            conn.sendall(bytes([byte]))

    def close(self):
        self.stop.set()
        self.listener.close()
        self.thread.join(timeout=2)


@pytest.fixture
def trickling_body():
    server = TrickleServer("body")
    yield server
    server.close()


@pytest.fixture
def trickling_headers():
    server = TrickleServer("headers")
    yield server
    server.close()


def _timed(call):
    started = time.monotonic()
    try:
        call()
    except http.FetchError as exc:
        return time.monotonic() - started, exc
    return time.monotonic() - started, None


# --- The fetch ----------------------------------------------------------------------------------


def test_a_body_trickling_forever_is_cut_at_the_deadline(trickling_body):
    elapsed, error = _timed(lambda: http.get(trickling_body.url, deadline_seconds=1.5))
    assert isinstance(error, http.TimedOut)
    assert elapsed < 1.5 + GENEROUS


def test_a_cut_body_is_never_returned_as_if_complete(trickling_body):
    # No Content-Length: a body read until the socket closes would look whole when cut.
    with pytest.raises(http.TimedOut, match="took too long"):
        http.get(trickling_body.url, deadline_seconds=1.0)


def test_trickling_headers_are_cut_at_the_deadline(trickling_headers):
    elapsed, error = _timed(lambda: http.get(trickling_headers.url, deadline_seconds=1.5))
    assert isinstance(error, http.TimedOut)
    assert elapsed < 1.5 + GENEROUS


def test_redirects_share_the_one_deadline(http_server, settings):
    settings.HTTP_READ_TIMEOUT = 5.0  # each hop alone is well within the per-read timeout
    http_server.route("/a", status=302, headers={"Location": "/b"}, delay=0.7)
    http_server.route("/b", status=302, headers={"Location": "/c"}, delay=0.7)
    http_server.route("/c", body="done", delay=0.7)
    elapsed, error = _timed(lambda: http.get(http_server.url + "/a", deadline_seconds=1.2))
    assert isinstance(error, http.TimedOut)
    assert elapsed < 1.2 + GENEROUS


def test_retries_share_the_one_deadline(http_server, settings):
    settings.HTTP_BACKOFF_SECONDS = 0.4
    route = http_server.route("/down", status=503, body="down", delay=0.4)
    elapsed, error = _timed(
        lambda: http.get(http_server.url + "/down", retries=10, deadline_seconds=1.5)
    )
    assert error is not None
    assert elapsed < 1.5 + GENEROUS
    assert route.calls < 11


def test_a_fast_answer_within_the_deadline_is_read_whole(http_server):
    http_server.route("/ok", body="x" * 200_000)
    assert len(http.get(http_server.url + "/ok", deadline_seconds=5).content) == 200_000


def test_an_ambient_deadline_caps_every_fetch_inside_it(trickling_body):
    with http.deadline(1.0) as limit:
        elapsed, error = _timed(lambda: http.get(trickling_body.url, deadline_seconds=60))
    assert isinstance(error, http.TimedOut)
    assert elapsed < 1.0 + GENEROUS
    assert limit.expired


def test_a_nested_deadline_never_extends_the_outer_one(trickling_body):
    with http.deadline(1.0), http.deadline(30):
        elapsed, _ = _timed(lambda: http.get(trickling_body.url))
    assert elapsed < 1.0 + GENEROUS


# --- Scans back off -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_scan_that_timed_out_backs_off_exponentially(alice, settings, trickling_body):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 2}  # scan deadline 1 s
    board = make_board(alice, kind="jsonld", url=trickling_body.url, scan_interval_minutes=30)
    delays = []
    for _ in range(3):
        before = timezone.now()
        result = scan(board)
        board.refresh_from_db()
        delays.append(board.next_scan_at - before)
        assert result.run.status == ScanStatus.FAILED
    assert "took too long" in board.last_error
    assert delays[0] >= timedelta(minutes=30)
    assert delays[1] >= 2 * delays[0] - timedelta(seconds=5)
    assert delays[2] >= 2 * delays[1] - timedelta(seconds=5)


@pytest.mark.django_db
def test_a_board_whose_scan_timed_out_is_not_queued_again_at_once(alice, settings, trickling_body):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 2}  # scan deadline 1 s
    board = make_board(alice, kind="jsonld", url=trickling_body.url)
    scan(board)
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):  # past 1-15 min retries
        assert enqueue_due_boards() == 0


@pytest.mark.django_db
def test_the_board_page_says_when_a_timed_out_board_is_tried_next(
    alice, alice_client, settings, trickling_body
):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 2}  # scan deadline 1 s
    board = make_board(alice, kind="jsonld", url=trickling_body.url, scan_interval_minutes=60)
    scan(board)
    page = alice_client.get(f"/boards/{board.pk}/").content.decode()
    assert "next try in" in page


# --- Fetches while a person waits ---------------------------------------------------------------


@pytest.mark.django_db
def test_prefill_of_a_slow_page_answers_within_the_short_deadline(
    alice_client, settings, trickling_body
):
    settings.HTTP_WEB_DEADLINE_SECONDS = 1.0
    alice_client.get("/applications/prefill/")  # the first request's warm-up is not timed
    started = time.monotonic()
    response = alice_client.get("/applications/prefill/", {"url": trickling_body.url})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 1.0 + GENEROUS
    assert "The page took too long" in response.content.decode()


@pytest.mark.django_db
def test_prefill_says_the_page_is_read_in_the_background_after_saving(
    alice_client, settings, trickling_headers
):
    settings.HTTP_WEB_DEADLINE_SECONDS = 1.0
    response = alice_client.get("/applications/prefill/", {"url": trickling_headers.url})
    assert "read in the background after you save" in response.content.decode()


@pytest.mark.django_db
def test_quick_add_of_a_slow_careers_page_answers_within_the_short_deadline(
    alice_client, settings, trickling_body
):
    settings.HTTP_WEB_DEADLINE_SECONDS = 1.0
    alice_client.get("/boards/")  # the first request's warm-up is not timed
    started = time.monotonic()
    response = alice_client.post("/boards/add/", {"url": trickling_body.url})
    elapsed = time.monotonic() - started
    assert elapsed < 1.0 + GENEROUS
    assert "took too long" in response.content.decode()
