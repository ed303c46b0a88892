"""Fuzz the GET parameters the pages read (search, filters, dates, pages, prefills): any value
answers a page, a redirect or a 4xx, never a 500. Runs on SQLite and PostgreSQL; CI's
PostgreSQL pass is the one that catches NUL and out-of-range values."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.tests.factories import make_application
from boards.tests.factories import make_board, make_job

# Fuzzing: CI runs it once (the PostgreSQL pass).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# What a query string can carry (no surrogates: a URL decodes to valid text), plus the values
# that broke filters once: NUL, huge and non-finite numbers, impossible dates.
values = st.one_of(
    st.text(st.one_of(st.characters(codec="utf-8"), st.just("\x00")), max_size=60),
    st.sampled_from([
        "\x00", "3000000", "99999999999999999999", "-1", "0", "1e309", "NaN", "Infinity",
        "-Infinity", "sNaN", "2026-02-30", "2026-02-30T10:00", "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00+23:00", "x" * 3000,
    ]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)  # fmt: skip

PAGES = {
    "/jobs/": ["q", "board", "company", "location", "remote", "salary_min", "posted_within",
               "new_only", "show_hidden", "show_closed", "min_score", "sort", "page"],
    "/applications/": ["q", "status", "source", "company", "since", "archived", "sort", "page"],
    "/pipeline/": ["q", "status", "source", "company", "since", "archived", "sort"],
    "/applications/export.csv": ["q", "status", "source", "company", "since", "sort"],
    "/contacts/": ["q"],
    "/inbox/": ["view", "page"],
    "/applications/new/": ["url", "title", "company"],
    "/applications/prefill/": ["url"],
    "/capture/": ["url", "title", "company"],
    "/boards/new/": ["url", "kind"],
    "/boards/detect/": ["url"],
    "/boards/{board}/scan/status/": ["after"],
}  # fmt: skip


@st.composite
def page_requests(draw):
    path = draw(st.sampled_from(sorted(PAGES)))
    names = draw(st.lists(st.sampled_from(PAGES[path]), min_size=1, max_size=4, unique=True))
    return path, {name: draw(values) for name in names}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sent=page_requests())
def test_page_parameters_never_make_a_server_error(alice_client, alice, sent):
    board = make_board(alice)
    make_job(alice, board=board, title="Backend Engineer", company="Acme")
    make_application(alice, title="Backend Engineer", company="Acme")
    path, params = sent
    response = alice_client.get(path.format(board=board.pk), params)
    # An export fails while streaming: read it all.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code in (200, 302, 400, 404), (path, params, body[:300])
