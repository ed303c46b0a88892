"""The capture API: auth, isolation, idempotency, validation, throttling."""

import json

import pytest

from applications.models import Application, Event
from boards.models import Job
from jobtracker.models import ApiToken

pytestmark = pytest.mark.django_db
GH = "https://boards.greenhouse.io/acme/jobs/4012345"


def post(api_client, token, **body):
    return api_client.post("/api/capture", data=json.dumps(body), token=token)


def test_capture_creates_an_application_and_job(api_client, alice, alice_token):
    response = post(
        api_client,
        alice_token,
        url=GH,
        title="SRE",
        company="Acme",
        location="Berlin",
        notes="Looks great",
    )
    assert response.status_code == 201
    body = response.json()
    app = Application.objects.get(owner=alice)
    assert body["id"] == app.pk and body["created"] is True and body["status"] == "saved"
    assert body["page_url"].endswith(f"/applications/{app.pk}/")
    assert (app.title, app.company, app.notes, app.source) == (
        "SRE",
        "Acme",
        "Looks great",
        "extension",
    )
    job = Job.objects.get(owner=alice)
    assert job.identity == "greenhouse:acme:4012345" and app.job_id == job.pk
    assert Event.objects.filter(application=app, kind="captured").exists()


def test_the_same_posting_twice_is_one_application(api_client, alice, alice_token):
    forms = [
        GH,
        GH + "?gh_src=linkedin&utm_source=x",
        "https://job-boards.greenhouse.io/acme/jobs/4012345#apply",
        "https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345",
    ]
    codes = [post(api_client, alice_token, url=url).status_code for url in forms]
    assert codes == [201, 200, 200, 200]
    assert Application.objects.filter(owner=alice).count() == 1
    assert Job.objects.filter(owner=alice).count() == 1


def test_capture_never_overwrites_what_a_person_edited(api_client, alice, alice_token):
    from applications.services import update_application

    post(api_client, alice_token, url=GH, title="SRE")
    app = Application.objects.get()
    update_application(app, {"title": "Site Reliability Engineer (my words)"})
    post(api_client, alice_token, url=GH, title="SRE II", company="Acme")
    app.refresh_from_db()
    assert app.title == "Site Reliability Engineer (my words)" and app.company == "Acme"


def test_save_as_applied_moves_a_saved_posting_but_never_backwards(api_client, alice, alice_token):
    post(api_client, alice_token, url=GH)
    assert post(api_client, alice_token, url=GH, status="applied").json()["status"] == "applied"
    app = Application.objects.get()
    app.status = "interviewing"
    app.save()
    assert (
        post(api_client, alice_token, url=GH, status="applied").json()["status"] == "interviewing"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"url": "javascript:alert(1)"},
        {"url": "data:text/html,hi"},
        {"url": "ftp://example.com/job"},
        {"url": "https:///nohost"},
        {},
        {"url": GH, "status": "accepted"},
        {"url": GH, "unknown_field": 1},
        {"url": GH, "title": "x" * 501},
        {"url": "https://e.com/" + "a" * 2000},
    ],
)
def test_bad_input_is_refused_with_422_and_stores_nothing(api_client, alice_token, body):
    response = api_client.post("/api/capture", data=json.dumps(body), token=alice_token)
    assert response.status_code == 422, response.content
    assert "detail" in response.json()
    assert not Application.objects.exists()


def test_malformed_json_and_oversize_bodies(api_client, alice_token):
    assert api_client.post("/api/capture", data="{not json", token=alice_token).status_code in (
        400,
        422,
    )
    huge = json.dumps({"url": GH, "notes": "x" * (3 * 1024 * 1024)})
    response = api_client.post("/api/capture", data=huge, token=alice_token)
    assert response.status_code == 413 and not Application.objects.exists()


def test_no_token_or_a_revoked_token_gets_401(api_client, alice, alice_token):
    assert api_client.post("/api/capture", data=json.dumps({"url": GH})).status_code == 401
    ApiToken.objects.filter(user=alice).update(revoked_at="2026-01-01T00:00:00Z")
    assert post(api_client, alice_token, url=GH).status_code == 401
    assert not Application.objects.exists()


def test_lookup_tells_whether_a_posting_is_tracked(api_client, alice_token, bob_token):
    post(api_client, alice_token, url=GH, title="SRE")
    found = api_client.get("/api/lookup", {"url": GH + "?utm_source=x"}, token=alice_token).json()
    assert found["tracked"] is True and found["application"]["title"] == "SRE"
    assert api_client.get("/api/lookup", {"url": GH}, token=bob_token).json() == {
        "tracked": False,
        "application": None,
    }
    assert (
        api_client.get("/api/lookup", {"url": "not a url"}, token=alice_token).json()["tracked"]
        is False
    )


def test_list_and_patch_are_owner_scoped(api_client, alice, alice_token, bob_token):
    app_id = post(api_client, alice_token, url=GH, title="SRE").json()["id"]
    listing = api_client.get("/api/applications", {"limit": 10}, token=alice_token).json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == app_id
    assert api_client.get("/api/applications", token=bob_token).json() == {"count": 0, "items": []}
    patch = json.dumps({"status": "rejected", "notes": "hacked"})
    assert (
        api_client.patch(f"/api/applications/{app_id}", data=patch, token=bob_token).status_code
        == 404
    )
    app = Application.objects.get()
    assert app.status == "saved" and app.notes == ""
    response = api_client.patch(
        f"/api/applications/{app_id}",
        data=json.dumps({"status": "applied", "notes": "Sent CV"}),
        token=alice_token,
    )
    assert response.status_code == 200 and response.json()["status"] == "applied"
    app.refresh_from_db()
    assert (
        app.notes == "Sent CV" and "notes" in app.user_edited_fields and app.status_set_manually_at
    )


def test_capture_is_throttled_per_token(api_client, alice_token, bob_token):
    from jobtracker.api import api

    limit = next(t for t in api.throttle if t.scope == "auth").num_requests
    codes = [
        post(api_client, alice_token, url=f"https://e.com/jobs/{i}").status_code
        for i in range(limit + 1)
    ]
    assert codes[-1] == 429 and set(codes[:-1]) == {201}
    assert post(api_client, bob_token, url=GH).status_code == 201


def test_absurd_page_offsets_are_refused_not_a_server_error(api_client, alice_token):
    response = api_client.get("/api/applications", {"offset": 10**25}, token=alice_token)
    assert response.status_code == 422
    assert api_client.get(
        "/api/applications", {"offset": 10**6, "limit": 5}, token=alice_token
    ).json() == {"count": 0, "items": []}
