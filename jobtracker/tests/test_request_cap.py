"""Request bodies above MAX_REQUEST_BYTES are refused from their headers, before any is read."""

import json
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

HUGE = 500 * 1024 * 1024


def _raw_request(live_server, head: str) -> bytes:
    """Send only the request head (no body) and read the answer; bounded by a timeout."""
    url = urlsplit(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(head.encode())
        answer = b""
        while b"\r\n\r\n" not in answer and len(answer) < 65536:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


def test_the_cap_is_above_every_legitimate_upload():
    assert settings.MAX_REQUEST_BYTES > settings.RESUME_MAX_BYTES
    assert settings.MAX_REQUEST_BYTES > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.mark.django_db(transaction=True)
def test_a_huge_upload_is_refused_before_its_body_is_sent(live_server):
    # The body never comes: an answer at all proves the server did not wait to read it.
    answer = _raw_request(
        live_server,
        "POST /login/ HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {HUGE}\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 413")


@pytest.mark.django_db(transaction=True)
def test_a_huge_api_body_is_refused_with_json_before_it_is_sent(live_server):
    answer = _raw_request(
        live_server,
        "POST /api/captures HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        f"Content-Length: {HUGE}\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"application/json" in answer


def test_an_api_body_over_the_cap_answers_json_413(client, settings):
    settings.MAX_REQUEST_BYTES = 100
    response = client.generic("POST", "/api/captures", b"x" * 101, content_type="application/json")
    assert response.status_code == 413
    assert "100 bytes" in json.loads(response.content)["detail"]


def test_a_page_body_over_the_cap_answers_413_with_a_reason(client, settings):
    settings.MAX_REQUEST_BYTES = 100
    response = client.post("/login/", {"username": "x" * 200, "password": "y"})
    assert response.status_code == 413
    assert b"too large" in response.content


def test_a_body_at_the_cap_goes_through(client, alice, settings):
    body = "username=alice&password=alice-pass-123"
    settings.MAX_REQUEST_BYTES = len(body)
    response = client.generic(
        "POST", "/login/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302


def test_a_chunked_body_without_a_length_is_refused(client):
    response = client.generic(
        "POST",
        "/api/captures",
        b"",
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    assert response.status_code == 411


def test_a_junk_content_length_is_refused(client):
    response = client.generic(
        "POST", "/login/", b"", content_type="text/plain", CONTENT_LENGTH="12abc"
    )
    assert response.status_code == 400
