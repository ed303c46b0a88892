"""Bad input at the edge (NUL bytes, over-long text, junk numbers and dates) answers a clear 4xx
or is ignored as a filter — never a 500. SQLite accepts NUL and ignores column lengths, so
these matter on PostgreSQL; they run on both."""

import json

import pytest
from django.utils import timezone

from applications.models import Application
from applications.tests.factories import make_application
from boards.tests.factories import make_board, make_job
from jobtracker.params import bounded_int, datetime_param, storable

pytestmark = pytest.mark.django_db

NUL = "\x00"


def _long_url(length: int) -> str:
    base = "https://jobs.example.com/careers/openings/"
    return base + "a" * (length - len(base))


# --- POST /api/capture ---------------------------------------------------------------------


@pytest.mark.parametrize("field", ["url", "title", "company", "location", "notes", "html"])
def test_capture_with_nul_in_a_text_field_is_taken_or_refused_never_a_500(
    api_client, alice_token, field
):
    body = {"url": "https://jobs.example.com/j/1", "title": "Engineer"}
    body[field] = body.get(field, "x") + NUL + "y"
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert response.status_code in (200, 201, 422)


def test_capture_with_nul_in_a_field_stores_it_without_the_nul(api_client, alice_token):
    body = {"url": "https://jobs.example.com/j/1", "title": "Back" + NUL + "end"}
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert Application.objects.get(pk=response.json()["id"]).title == "Backend"


@pytest.mark.parametrize("length", [697, 698, 699, 700, 701, 705, 1000, 1999, 2000])
def test_capture_of_a_long_url_is_taken_or_refused_with_a_reason(api_client, alice_token, length):
    body = {"url": _long_url(length)}
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert response.status_code in (200, 201, 422)


def test_capture_of_a_long_url_twice_is_one_application(api_client, alice_token):
    body = json.dumps({"url": _long_url(1500)})
    first = api_client.post("/api/capture", data=body, token=alice_token)
    second = api_client.post("/api/capture", data=body, token=alice_token)
    assert (first.status_code, second.json()["id"]) == (201, first.json()["id"])


def test_capture_of_a_url_past_2000_characters_is_refused_with_a_reason(api_client, alice_token):
    body = {"url": _long_url(2001)}
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert response.status_code == 422


# --- PATCH /api/applications/<id> ------------------------------------------------------------


def test_patching_notes_with_nul_keeps_the_notes_without_it(api_client, alice, alice_token):
    app = make_application(alice)
    response = api_client.patch(
        f"/api/applications/{app.pk}",
        data=json.dumps({"notes": "a" + NUL + "b"}),
        token=alice_token,
    )
    app.refresh_from_db()
    assert (response.status_code, app.notes) == (200, "ab")


@pytest.mark.parametrize("field", ["title", "company", "location", "notes", "html"])
def test_capture_with_a_lone_surrogate_stores_a_replacement_character(
    api_client, alice_token, field
):
    raw = json.dumps({"url": "https://jobs.example.com/j/1", field: "a\ud800b"})  # "\\ud800"
    response = api_client.post("/api/capture", data=raw, token=alice_token)
    assert response.status_code == 201


def test_patching_notes_with_a_lone_surrogate_keeps_the_rest(api_client, alice, alice_token):
    app = make_application(alice)
    raw = json.dumps({"notes": "a\udfffb"})
    response = api_client.patch(f"/api/applications/{app.pk}", data=raw, token=alice_token)
    app.refresh_from_db()
    assert (response.status_code, app.notes) == (200, "a\ufffdb")


def test_patching_notes_past_their_length_is_refused(api_client, alice, alice_token):
    app = make_application(alice)
    response = api_client.patch(
        f"/api/applications/{app.pk}", data=json.dumps({"notes": "n" * 5001}), token=alice_token
    )
    assert response.status_code == 422


# --- GET /api/lookup -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://jobs.example.com/j/1" + NUL, NUL, "https://e.com/" + NUL + "x", _long_url(699)]
)
def test_lookup_with_nul_or_a_long_url_answers_untracked(api_client, alice_token, url):
    response = api_client.get("/api/lookup", {"url": url}, token=alice_token)
    assert (response.status_code, response.json()["tracked"]) == (200, False)


# --- /jobs/ ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["q", "company", "location", "board", "remote", "sort", "page"])
def test_job_list_ignores_nul_in_any_parameter(alice_client, alice, name):
    make_job(alice, title="Backend Engineer")
    response = alice_client.get("/jobs/", {name: "back" + NUL + "end"})
    assert response.status_code == 200


def test_job_search_drops_the_nul_and_still_finds_the_job(alice_client, alice):
    make_job(alice, title="Backend Engineer", company="Acme")
    response = alice_client.get("/jobs/", {"company": "Ac" + NUL + "me"})
    assert b"Backend Engineer" in response.content


@pytest.mark.parametrize(
    "value", ["3000000", "99999999999999999999", "-1", "0", "1e309", "NaN", "Infinity", "x"]
)
def test_job_list_ignores_an_impossible_posted_within(alice_client, alice, value):
    make_job(alice, title="Backend Engineer")
    response = alice_client.get("/jobs/", {"posted_within": value})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "value",
    ["NaN", "Infinity", "-Infinity", "sNaN", "-1", "1e309", "1e30", "99999999999999999",
     "9999999999.999", "9999999999.985", "1e-400", "0.001", "-0", "1_000"],
)  # fmt: skip
def test_job_list_ignores_an_impossible_salary_min(alice_client, alice, value):
    make_job(alice, title="Backend Engineer")
    response = alice_client.get("/jobs/", {"salary_min": value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["NaN", "1e309", "99999999999999999999", "-5"])
def test_job_list_ignores_an_impossible_board_or_min_score(alice_client, alice, value):
    response = alice_client.get("/jobs/", {"board": value, "min_score": value})
    assert response.status_code == 200


def test_job_list_says_when_a_filter_was_ignored(alice_client, alice):
    response = alice_client.get("/jobs/", {"posted_within": "3000000"})
    assert b"ignored" in response.content.lower()


# --- /boards/<id>/scan/status/ -----------------------------------------------------------------


@pytest.mark.parametrize(
    "after",
    ["2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T25:00", NUL, "9999-12-31T23:59:59-23:59",
     "0001-01-01T00:00+23:00", "x" * 5000, "2026-01-01T10:00" + NUL],
)  # fmt: skip
def test_scan_status_with_a_junk_after_date_answers_without_waiting(alice_client, alice, after):
    board = make_board(alice)
    response = alice_client.get(f"/boards/{board.pk}/scan/status/", {"after": after})
    assert response.status_code == 200


# --- /applications/, /pipeline/, export, /contacts/, /inbox/ -----------------------------------


@pytest.mark.parametrize("name", ["q", "company", "status", "source", "since", "sort", "page"])
@pytest.mark.parametrize("path", ["/applications/", "/pipeline/", "/applications/export.csv"])
def test_application_lists_ignore_nul_in_any_parameter(alice_client, alice, path, name):
    make_application(alice, title="Backend Engineer")
    response = alice_client.get(path, {name: "back" + NUL + "end"})
    assert response.status_code == 200


@pytest.mark.parametrize("since", ["2026-02-30", "0000-01-01", "99999-01-01", "2026-1-1" + NUL])
def test_application_list_ignores_an_impossible_since_date(alice_client, alice, since):
    response = alice_client.get("/applications/", {"since": since})
    assert response.status_code == 200


def test_application_search_drops_the_nul_and_still_finds_it(alice_client, alice):
    make_application(alice, title="Backend Engineer")
    response = alice_client.get("/applications/", {"q": "Back" + NUL + "end"})
    assert b"Backend Engineer" in response.content


def test_contacts_search_with_nul_answers(alice_client):
    response = alice_client.get("/contacts/", {"q": "a" + NUL + "b"})
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["view", "page"])
def test_inbox_ignores_nul_in_its_parameters(alice_client, name):
    response = alice_client.get("/inbox/", {name: "a" + NUL})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [{"url": "https://e.com/" + NUL}, {"title": NUL}, {"company": "a" + NUL}, {"url": NUL * 3000}],
)
def test_prefill_pages_ignore_nul(alice_client, params):
    for path in ("/applications/new/", "/capture/", "/applications/prefill/"):
        response = alice_client.get(path, params)
        assert response.status_code in (200, 302, 400), path


@pytest.mark.parametrize("params", [{"url": "https://e.com/" + NUL}, {"url": NUL}, {"kind": NUL}])
def test_board_pages_ignore_nul_in_their_parameters(alice_client, params):
    for path in ("/boards/new/", "/boards/detect/"):
        response = alice_client.get(path, params)
        assert response.status_code in (200, 302, 400), path


@pytest.mark.parametrize("next_url", [NUL, "/jobs/" + NUL, "/" + "a" * 5000])
def test_next_parameters_with_nul_redirect_safely(alice_client, alice, next_url):
    job = make_job(alice)
    response = alice_client.post(f"/jobs/{job.pk}/hide/?next={next_url}")
    assert response.status_code == 302


# --- jobtracker.params -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["2026-02-30T10:00", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00+23:00", 7, None]
)
def test_an_impossible_or_unreadable_datetime_reads_as_none(value):
    assert datetime_param(value) is None


def test_a_naive_datetime_is_read_in_the_current_time_zone():
    assert timezone.is_aware(datetime_param("2026-02-28T10:00"))


@pytest.mark.parametrize("value", ["5", "+5", " 5 ", "5\x00"])
def test_a_bounded_int_reads_plain_whole_numbers(value):
    assert bounded_int(value, low=0, high=10) == 5


def test_storable_text_drops_nul_and_replaces_lone_surrogates():
    assert storable("a\x00b\ud800c") == "ab\ufffdc"
