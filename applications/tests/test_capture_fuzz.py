"""Hostile capture payloads: no input makes a 500 or lets an exception escape."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.tests.factories import make_application

# Fuzzing: CI runs it once (the PostgreSQL pass).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

fields = st.fixed_dictionaries(
    {},
    optional={
        "url": st.one_of(
            st.text(max_size=300),
            st.sampled_from(["https://e.com/j/1", "http://x", "javascript:1", "https://[::1"]),
        ),
        "title": st.text(max_size=600),
        "company": st.one_of(st.text(max_size=50), st.integers(), st.none()),
        "status": st.sampled_from(["saved", "applied", "offer", "", None]),
        "notes": st.text(max_size=100),
        "html": st.one_of(st.none(), st.text(max_size=500)),
        "extra": st.booleans(),
    },
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(fields, st.lists(st.integers(), max_size=3), st.text(max_size=50)))
def test_capture_answers_every_payload_without_a_server_error(
    api_client, alice_token, unthrottled, body
):
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert response.status_code in (200, 201, 400, 422), response.content


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300))
def test_capture_survives_bytes_that_are_not_json(api_client, alice_token, unthrottled, raw):
    response = api_client.post("/api/capture", data=raw, token=alice_token)
    assert response.status_code in (400, 422), response.content


# Text no column can hold as sent: NUL (PostgreSQL refuses it) and lone surrogates (UTF-8
# cannot encode them; JSON can carry them as "\ud800").
hostile_text = st.text(
    st.one_of(st.characters(), st.sampled_from(["\x00", "\ud800", "\udfff", "é", " "])),
    max_size=80,
)
# Always holding at least one of them, so a derandomized run (CI) meets one every example.
edge_text = st.tuples(
    hostile_text, st.sampled_from(["\x00", "\ud800", "\udfff"]), hostile_text
).map("".join)
# URLs around the identity (700) and URL (2,000) columns, some growing when re-encoded.
long_urls = st.builds(
    lambda length, tail: ("https://jobs.example.com/o/" + "a" * length + tail)[:2000],
    st.integers(min_value=660, max_value=2000),
    st.text(st.sampled_from(["é", "%", " ", "\x00", "/", "?", "=", "b"]), max_size=40),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    url=st.one_of(long_urls, hostile_text.map(lambda t: "https://jobs.example.com/j/" + t)),
    title=hostile_text,
    company=hostile_text,
    location=hostile_text,
    notes=hostile_text,
    html=st.one_of(st.none(), hostile_text),
)
def test_capture_of_hostile_text_and_long_urls_never_errors(
    api_client, alice_token, unthrottled, url, title, company, location, notes, html
):
    body = {"url": url, "title": title, "company": company, "location": location,
            "notes": notes, "html": html}  # fmt: skip
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert response.status_code in (200, 201, 422), response.content


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=st.one_of(edge_text, st.text(max_size=6000)), status=st.sampled_from(["", "x"]))
def test_patching_an_application_with_hostile_notes_never_errors(
    api_client, alice, alice_token, unthrottled, notes, status
):
    app = make_application(alice)
    body = {"notes": notes, **({"status": status} if status else {})}
    response = api_client.patch(
        f"/api/applications/{app.pk}", data=json.dumps(body), token=alice_token
    )
    assert response.status_code in (200, 422), response.content


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    url=st.one_of(
        long_urls, st.text(max_size=100), st.text(max_size=40).map("https://e.com/".__add__)
    )
)
def test_lookup_of_any_url_never_errors(api_client, alice_token, unthrottled, url):
    response = api_client.get("/api/lookup", {"url": url}, token=alice_token)
    assert response.status_code in (200, 422), response.content
