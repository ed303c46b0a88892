"""Isolation crawler: bob, holding alice's ids, reaches nothing of hers — on any route.

Routes come from the URLconf and API operations from the OpenAPI schema, so new views and
endpoints are crawled without edits here. Alice's rows carry a marker string; no answer to
bob may contain it, and her rows must be unchanged after bob has tried every door.
"""

import json
import re

import pytest
from django.urls import get_resolver

from applications.models import Application, CalendarFeed, Contact, Event, SheetSync
from applications.services import add_manual_event, change_status, record_event
from boards.models import Board, CompanyRule, DigestSubscription, Job, ScanRun
from jobtracker.models import ApiToken

from .test_access import _walk

pytestmark = pytest.mark.django_db
SECRET = "ALICESECRET"


@pytest.fixture
def alice_world(alice):
    board = Board.objects.create(
        owner=alice, name=f"{SECRET} board", kind="greenhouse", token="secretco"
    )
    run = ScanRun.objects.create(board=board, status="ok", error=f"{SECRET} run")
    job = Job.objects.create(owner=alice, board=board, identity="url:https://secret.example/1", title=f"{SECRET} job",
                             company=f"{SECRET} Co", canonical_url="https://secret.example/1",
                             description_html=f"<p>{SECRET}</p>")  # fmt: skip
    app = Application.objects.create(owner=alice, job=job, title=f"{SECRET} role", company=f"{SECRET} Co",
                                     url="https://secret.example/1", notes=f"{SECRET} notes", status="applied")  # fmt: skip
    record_event(app, "note_added", f"{SECRET} event")
    change_status(app, "interviewing", by_user=True)
    add_manual_event(app, "interview_scheduled", None, f"{SECRET} interview")
    contact = Contact.objects.create(owner=alice, name=f"{SECRET} Recruiter")
    contact.applications.add(app)
    CompanyRule.objects.create(owner=alice, company=f"{SECRET} Blocked")
    DigestSubscription.objects.create(owner=alice)
    CalendarFeed.objects.create(owner=alice, token_hash="0" * 64)
    SheetSync.objects.create(owner=alice, spreadsheet_key=f"{SECRET}key")
    token = ApiToken.objects.create(
        user=alice, name=f"{SECRET} token", prefix="jt_x", key_hash="1" * 64
    )
    ids = {
        board.pk,
        run.pk,
        job.pk,
        app.pk,
        contact.pk,
        token.pk,
        *Event.objects.values_list("pk", flat=True),
    }
    return ids


def _snapshot():
    """Every row of alice's, as text."""
    owned = {
        Board: "owner__username", Job: "owner__username", Application: "owner__username",
        Event: "application__owner__username", Contact: "owner__username",
        CompanyRule: "owner__username", ApiToken: "user__username", SheetSync: "owner__username",
        DigestSubscription: "owner__username", CalendarFeed: "owner__username",
    }  # fmt: skip
    return {
        model.__name__: sorted(map(repr, model.objects.filter(**{field: "alice"}).values_list()))
        for model, field in owned.items()
    }


def _routes():
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(("api/", "admin/")) or route == "" or name == "logout":
            continue  # logging bob out would end the crawl early
        yield route, name


def _fill(route: str, value: str) -> str:
    route = re.sub(r"<int:[^>]+>", value, route)
    return "/" + re.sub(r"<(?:str|slug|path)?:?[^>]+>", "x", route)


def test_bob_with_alices_ids_reaches_nothing_on_any_page(bob_client, alice_world):
    before = _snapshot()
    crawled = 0
    for route, name in _routes():
        has_id = "<int:" in route
        for value in sorted(alice_world) if has_id else ["0"]:
            path = _fill(route, str(value))
            for method in ("get", "post"):
                response = getattr(bob_client, method)(path)
                crawled += 1
                body = (
                    response.content.decode(errors="replace")
                    if not getattr(response, "streaming", False)
                    else b"".join(response.streaming_content).decode(errors="replace")
                )
                assert SECRET not in body, f"{method.upper()} {path} ({name}) leaked alice's data"
                assert response.status_code < 500, (
                    f"{method.upper()} {path} ({name}) answered {response.status_code}"
                )
                if has_id:
                    assert response.status_code in (404, 405), (
                        f"{method.upper()} {path} ({name}) answered {response.status_code}"
                    )
    assert crawled > 100
    assert _snapshot() == before, "bob changed alice's data"


def test_bob_with_alices_ids_reaches_nothing_in_the_api(api_client, bob_token, alice_world, client):
    schema = client.get("/api/openapi.json").json()
    before = _snapshot()
    calls = 0
    for path, operations in schema["paths"].items():
        for method in operations:
            for value in sorted(alice_world) if "{" in path else ["0"]:
                url = re.sub(r"\{[^}]+\}", str(value), path)
                response = api_client.generic(method.upper(), url, json.dumps({}), token=bob_token)
                calls += 1
                assert SECRET not in response.content.decode(), f"{method.upper()} {url} leaked"
                assert response.status_code < 500 or response.status_code == 501, (
                    f"{method.upper()} {url}: {response.status_code}"
                )
                if "{" in path:
                    assert response.status_code in (404, 422), (
                        f"{method.upper()} {url}: {response.status_code}"
                    )
                anonymous = api_client.generic(method.upper(), url, json.dumps({}))
                assert anonymous.status_code == 401, (
                    f"anonymous {method.upper()} {url}: {anonymous.status_code}"
                )
    assert calls >= 5
    assert _snapshot() == before
