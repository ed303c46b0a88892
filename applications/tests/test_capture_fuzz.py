"""Hostile capture payloads: no input makes a 500 or lets an exception escape."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
