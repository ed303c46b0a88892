"""The outbound HTTP module against a real server on 127.0.0.1."""

import pytest

from boards import http


def test_get_returns_body_headers_and_final_url(http_server):
    http_server.route("/ok", body={"jobs": []})
    response = http.get(http_server.url + "/ok")
    assert response.status == 200
    assert response.json() == {"jobs": []}
    assert response.content_type == "application/json"


def test_requests_identify_themselves(http_server, settings):
    settings.HTTP_USER_AGENT = "jobtracker-test/9"
    http_server.route("/ua", body="ok")
    http.get(http_server.url + "/ua")
    assert http_server.requests[-1]["headers"]["User-Agent"] == "jobtracker-test/9"


def test_429_is_retried_after_the_servers_retry_after(http_server):
    route = http_server.route(
        "/busy",
        {"status": 429, "headers": {"Retry-After": "1"}, "body": "slow down"},
        {"status": 200, "body": {"ok": True}},
    )
    assert http.get(http_server.url + "/busy").json() == {"ok": True}
    assert route.calls == 2


def test_5xx_is_retried_then_fails_with_the_status(http_server):
    route = http_server.route("/broken", status=500, body="oops")
    with pytest.raises(http.HTTPStatusError) as info:
        http.get(http_server.url + "/broken", retries=2)
    assert info.value.status == 500
    assert route.calls == 3
    assert "answered 500" in str(info.value)


def test_404_is_not_retried(http_server):
    route = http_server.route("/gone", status=404, body="no")
    with pytest.raises(http.HTTPStatusError):
        http.get(http_server.url + "/gone")
    assert route.calls == 1


def test_a_reset_connection_is_retried(http_server):
    route = http_server.route("/flaky", {"reset": True}, {"body": {"ok": 1}})
    assert http.get(http_server.url + "/flaky").json() == {"ok": 1}
    assert route.calls == 2


def test_a_server_that_hangs_times_out_with_a_clear_error(http_server, settings):
    settings.HTTP_READ_TIMEOUT = 0.3
    http_server.route("/hang", delay=1.0, body="late")
    with pytest.raises(http.FetchError, match="did not answer in time"):
        http.get(http_server.url + "/hang", retries=0)


def test_a_truncated_body_is_an_error(http_server):
    http_server.route("/cut", body="x" * 100, truncate=True)
    with pytest.raises(http.FetchError):
        http.get(http_server.url + "/cut", retries=0)


def test_responses_over_the_size_cap_are_refused(http_server):
    http_server.route("/big", body="x" * 5000)
    with pytest.raises(http.TooLarge):
        http.get(http_server.url + "/big", max_bytes=1000)


def test_non_http_urls_are_refused():
    for url in ("file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/", "not a url"):
        with pytest.raises(http.FetchError):
            http.get(url)


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1", "[::1]", "0.0.0.0"],
)
def test_loopback_is_refused_unless_allowed(host, settings, http_server):
    settings.HTTP_ALLOW_LOOPBACK = False
    with pytest.raises(http.BlockedAddress):
        http.get(f"http://{host}:{http_server.port}/", retries=0)
    assert http_server.requests == []


def test_a_redirect_to_a_private_address_is_refused_on_that_hop(http_server):
    # Loopback is allowed in tests, so the first hop connects; the next hop must be checked.
    http_server.route("/jump", status=302, headers={"Location": "http://0.0.0.0:1/"}, body="")
    with pytest.raises(http.BlockedAddress):
        http.get(http_server.url + "/jump", retries=0)


def test_a_redirect_to_ipv6_loopback_is_refused_in_strict_mode(http_server, settings):
    settings.HTTP_ALLOW_LOOPBACK = False
    with pytest.raises(http.BlockedAddress):
        http.get(f"http://[::1]:{http_server.port}/", retries=0)


def test_requests_to_one_host_are_spaced_out(http_server, settings, monkeypatch):
    settings.HTTP_MIN_INTERVAL_SECONDS = 5.0
    sleeps = []
    monkeypatch.setattr(http.time, "sleep", sleeps.append)
    http_server.route("/a", body="1")
    http.get(http_server.url + "/a")
    http.get(http_server.url + "/a")
    assert sleeps and 4.0 < sleeps[-1] <= 5.0
