"""Isolation crawler: bob, holding alice's ids, reaches nothing of hers — on any route.

Routes come from the URLconf and API operations from the OpenAPI schema, so new views and
endpoints are crawled without edits here. Alice's rows carry a marker string; no answer to
bob may contain it, and her rows must be unchanged after bob has tried every door. Her
mailbox password is in no answer at all, not even to her.
"""

import json
import re
import socket

import pytest
from django.urls import get_resolver

from analysis.models import Document, LlmAnalysis, LlmCall, Profile, RescoreRun, Resume, Score
from analysis.tests.factories import make_profile, make_resume
from applications.models import Application, CalendarFeed, Contact, Event, SheetSync
from applications.services import add_manual_event, change_status, record_event
from boards.models import Board, CompanyRule, DigestSubscription, Job, ScanRun
from jobtracker.models import ApiToken
from mail.models import Email, Mailbox, MailFolder, MailRule, Review, Security
from mail.services import save_mailbox
from mail.tests.factories import make_email

from .test_access import _walk

pytestmark = pytest.mark.django_db
SECRET = "ALICESECRET"
IMAP_PASSWORD = "alice-imap-Pa55-word"
# Plausible values for string converters, so the view behind them is reached.
STR_VALUES = {"fmt": "txt"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    # Email: a mailbox (nothing listens on its port), where reading stopped, what was read.
    mailbox = save_mailbox(
        Mailbox(owner=alice, name=f"{SECRET} mailbox", host="127.0.0.1", port=_closed_port(),
                security=Security.PLAIN, username=f"{SECRET}@example.com",
                folders=f"INBOX,{SECRET}", last_error=f"{SECRET} error"),
        IMAP_PASSWORD,
    )  # fmt: skip
    folder = MailFolder.objects.create(mailbox=mailbox, name=SECRET, uidvalidity=1, last_uid=7)
    linked = make_email(alice, mailbox=mailbox, subject=f"{SECRET} interview", application=app,
                        text=f"{SECRET} body", review=Review.LINKED, sender_name=SECRET)  # fmt: skip
    pending = make_email(alice, mailbox=mailbox, subject=f"{SECRET} who is this",
                         text=f"{SECRET} unlinked", review=Review.PENDING,
                         candidates=[{"id": app.pk, "score": 0.4, "reasons": [SECRET]}])  # fmt: skip
    rule = MailRule.objects.create(owner=alice, kind="domain", value="secret.example",
                                   company=f"{SECRET} Co")  # fmt: skip
    # Analysis: what jobs are matched against, the scores, and what the model wrote.
    profile = make_profile(alice, headline=f"{SECRET} headline", skills=[SECRET])
    resume = make_resume(alice, text=f"{SECRET} resume text", name=f"{SECRET} CV")
    score = Score.objects.create(job=job, owner=alice, profile_version=profile.version, total=77,
                                 band="good", matched_skills=[SECRET], reasons=[f"{SECRET} why"])  # fmt: skip
    call = LlmCall.objects.create(owner=alice, provider="anthropic", model=f"{SECRET}-model",
                                  purpose="cover_letter", error=f"{SECRET} call")  # fmt: skip
    analysis = LlmAnalysis.objects.create(
        owner=alice, job=job, content_hash="2" * 64, profile_version=profile.version,
        provider="anthropic", model=f"{SECRET}-model", status="ok", call=call,
        result={"summary": f"{SECRET} analysis", "strengths": [SECRET]},
    )  # fmt: skip
    document = Document.objects.create(owner=alice, application=app, kind="cover_letter",
                                       title=f"{SECRET} letter", content=f"{SECRET} Dear team",
                                       unverified=[{"text": SECRET, "kind": "name"}], call=call)  # fmt: skip
    rescore = RescoreRun.objects.create(owner=alice, profile_version=profile.version,
                                        error=f"{SECRET} rescore")  # fmt: skip
    # Every row's id, by what it is; the crawler tries each distinct id on every route.
    rows = {"board": board, "scan run": run, "job": job, "application": app,
            "contact": contact, "api token": token, "mailbox": mailbox, "mail folder": folder,
            "linked email": linked, "pending email": pending, "mail rule": rule,
            "profile": profile, "resume": resume, "score": score, "llm call": call,
            "llm analysis": analysis, "document": document, "rescore run": rescore}  # fmt: skip
    ids = {name: row.pk for name, row in rows.items()}
    ids.update({f"event {e.kind}": e.pk for e in Event.objects.filter(application=app)})
    return ids


def _snapshot():
    """Every row of alice's, as text."""
    owned = {
        Board: "owner__username", Job: "owner__username", Application: "owner__username",
        Event: "application__owner__username", Contact: "owner__username",
        CompanyRule: "owner__username", ApiToken: "user__username", SheetSync: "owner__username",
        DigestSubscription: "owner__username", CalendarFeed: "owner__username",
        ScanRun: "board__owner__username", Mailbox: "owner__username",
        MailFolder: "mailbox__owner__username", Email: "owner__username",
        MailRule: "owner__username", Profile: "owner__username", Resume: "owner__username",
        Score: "owner__username", LlmCall: "owner__username", LlmAnalysis: "owner__username",
        Document: "owner__username", RescoreRun: "owner__username",
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
    return "/" + re.sub(
        r"<(?:(?:str|slug|path):)?(\w+)>", lambda m: STR_VALUES.get(m.group(1), "x"), route
    )


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _assert_clean(body: str, where: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in body, f"{where} leaked {secret!r}"


def test_alice_world_has_a_row_of_every_owned_model(alice_world):
    assert all(_snapshot().values()), "a model in _snapshot has no row of alice's"
    assert Mailbox.objects.get().password_encrypted not in ("", IMAP_PASSWORD)


def test_bob_with_alices_ids_reaches_nothing_on_any_page(bob_client, alice_world, capsys):
    before = _snapshot()
    crawled, routes = 0, 0
    for route, name in _routes():
        routes += 1
        has_id = "<int:" in route
        for value in sorted(set(alice_world.values())) if has_id else ["0"]:
            path = _fill(route, str(value))
            for method in ("get", "post"):
                response = getattr(bob_client, method)(path)
                crawled += 1
                where = f"{method.upper()} {path} ({name})"
                _assert_clean(_body(response), where, SECRET, IMAP_PASSWORD)
                assert response.status_code < 500, f"{where} answered {response.status_code}"
                if has_id:
                    assert response.status_code in (404, 405), (
                        f"{where} answered {response.status_code}"
                    )
    with capsys.disabled():
        print(f"\npages: {routes} routes; {len(alice_world)} rows of alice's, ids "
              f"{sorted(set(alice_world.values()))}; {crawled} requests as bob")  # fmt: skip
    assert crawled > 300
    assert _snapshot() == before, "bob changed alice's data"


def test_bob_with_alices_ids_reaches_nothing_in_the_api(
    api_client, bob_token, alice_world, client, unthrottled, capsys
):
    schema = client.get("/api/openapi.json").json()
    before = _snapshot()
    calls = operations_seen = 0
    for path, operations in schema["paths"].items():
        for method in operations:
            operations_seen += 1
            for value in sorted(set(alice_world.values())) if "{" in path else ["0"]:
                url = re.sub(r"\{[^}]+\}", str(value), path)
                response = api_client.generic(method.upper(), url, json.dumps({}), token=bob_token)
                calls += 1
                _assert_clean(_body(response), f"{method.upper()} {url}", SECRET, IMAP_PASSWORD)
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
    with capsys.disabled():
        print(f"\napi: {operations_seen} operations, {calls} calls as bob (and as nobody)")
    assert operations_seen >= 5 and calls > operations_seen
    assert _snapshot() == before


def test_alices_mailbox_password_is_in_no_answer_even_to_her(
    alice_client, api_client, alice_token, alice_world, client, unthrottled, capsys
):
    """Every page and API read as alice, with her own ids; then the mailbox pages that handle
    the password: a form sent back with an error, and a connection test that fails."""
    mailbox = Mailbox.objects.get()
    secrets = (IMAP_PASSWORD, mailbox.password_encrypted)
    requests = 0
    for route, name in _routes():
        for value in sorted(set(alice_world.values())) if "<int:" in route else ["0"]:
            path = _fill(route, str(value))
            response = alice_client.get(path)
            requests += 1
            _assert_clean(_body(response), f"GET {path} ({name}) to alice", *secrets)
            assert response.status_code < 500, f"GET {path} ({name}): {response.status_code}"
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        for value in sorted(set(alice_world.values())) if "{" in path else ["0"]:
            url = re.sub(r"\{[^}]+\}", str(value), path)
            response = api_client.get(url, token=alice_token)
            requests += 1
            _assert_clean(_body(response), f"GET {url} to alice", *secrets)
    edit = f"/mailboxes/{mailbox.pk}/"
    refused = alice_client.post(edit, {"host": "not a host", "port": "1", "security": "plain",
                                       "username": "a", "password": IMAP_PASSWORD,
                                       "folders": "INBOX"})  # fmt: skip
    assert refused.status_code == 200 and "server name" in refused.content.decode()
    tested = alice_client.post(f"/mailboxes/{mailbox.pk}/test/")
    assert "Connection refused" in tested.content.decode()
    for response in (refused, tested, alice_client.get(edit), alice_client.get("/mailboxes/")):
        requests += 1
        _assert_clean(_body(response), "a mailbox page", *secrets)
    with capsys.disabled():
        print(f"\nalice: {requests} requests, no password in any")
