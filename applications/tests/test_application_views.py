import pytest

from applications.models import Application, Contact, Event

from .factories import make_application, make_event

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_login(client, alice):
    app = make_application(alice)
    for url in ("/pipeline/", "/applications/", f"/applications/{app.pk}/", "/applications/new/"):
        assert client.get(url)["Location"].startswith("/login/")


def test_bob_gets_404_for_everything_of_alices(bob_client, alice):
    app = make_application(alice, title="Alice Secret Role")
    for url in (f"/applications/{app.pk}/", f"/applications/{app.pk}/edit/"):
        assert bob_client.get(url).status_code == 404
    for url, data in [
        (f"/applications/{app.pk}/status/", {"status": "offer"}),
        (f"/applications/{app.pk}/archive/", {}),
        (f"/applications/{app.pk}/delete/", {"confirm": "yes"}),
        (f"/applications/{app.pk}/notes/", {"text": "x"}),
        (f"/applications/{app.pk}/contacts/", {"name": "x"}),
        (f"/applications/{app.pk}/events/", {"kind": "interview_scheduled"}),
    ]:
        assert bob_client.post(url, data).status_code == 404, url
    bob_client.post("/applications/bulk/", {"ids": [app.pk], "action": "delete", "confirm": "1"})
    bob_client.post("/applications/bulk/", {"ids": [app.pk], "action": "status", "status": "offer"})
    app.refresh_from_db()
    assert app.status == "applied" and not app.archived
    for url in ("/pipeline/", "/applications/"):
        assert b"Alice Secret Role" not in bob_client.get(url).content


def test_pipeline_shows_a_column_per_status_with_counts(alice_client, alice):
    make_application(alice, status="applied", title="A")
    make_application(alice, status="applied", title="B")
    make_application(alice, status="offer", title="C")
    make_application(alice, status="offer", title="Hidden", archived=True)
    columns = {c["status"]: c for c in alice_client.get("/pipeline/").context["columns"]}
    assert len(columns["applied"]["cards"]) == 2 and [
        a.title for a in columns["offer"]["cards"]
    ] == ["C"]
    assert set(columns) >= {
        "saved",
        "screening",
        "assessment",
        "interviewing",
        "accepted",
        "rejected",
        "withdrawn",
        "ghosted",
    }


def test_moving_a_card_changes_status_and_records_the_event(alice_client, alice):
    app = make_application(alice, status="applied")
    response = alice_client.post(
        f"/applications/{app.pk}/status/",
        {"status": "interviewing"},
        headers={"HX-Request": "true"},
    )
    assert b'id="card-' in response.content
    app.refresh_from_db()
    assert app.status == "interviewing"
    event = Event.objects.get(application=app, kind="status_changed")
    assert event.actor == "user"


def test_pipeline_filters(alice_client, alice):
    make_application(alice, company="Acme", source="board")
    make_application(alice, company="Globex", source="manual")
    context = alice_client.get("/pipeline/", {"source": "board"}).context
    assert context["total"] == 1
    assert alice_client.get("/pipeline/", {"company": "glob"}).context["total"] == 1


def test_list_search_sort_and_bulk_actions(alice_client, alice):
    a = make_application(alice, title="Python Dev", company="Acme")
    b = make_application(alice, title="Go Dev", company="Zeta")
    titles = [
        x.title
        for x in alice_client.get("/applications/", {"q": "python"}).context["page"].object_list
    ]
    assert titles == ["Python Dev"]
    ordered = [
        x.company
        for x in alice_client.get("/applications/", {"sort": "company"}).context["page"].object_list
    ]
    assert ordered == ["Acme", "Zeta"]
    alice_client.post(
        "/applications/bulk/", {"ids": [a.pk, b.pk], "action": "status", "status": "screening"}
    )
    assert set(Application.objects.values_list("status", flat=True)) == {"screening"}
    alice_client.post("/applications/bulk/", {"ids": [a.pk], "action": "archive"})
    assert Application.objects.get(pk=a.pk).archived
    response = alice_client.post(
        "/applications/bulk/", {"ids": [b.pk], "action": "delete"}, follow=True
    )
    assert b"confirm" in response.content and Application.objects.filter(pk=b.pk).exists()
    alice_client.post("/applications/bulk/", {"ids": [b.pk], "action": "delete", "confirm": "1"})
    assert not Application.objects.filter(pk=b.pk).exists()


def test_detail_shows_timeline_grouped_by_day_and_manual_entries(alice_client, alice):
    app = make_application(alice)
    alice_client.post(f"/applications/{app.pk}/notes/", {"text": "Called the recruiter"})
    alice_client.post(
        f"/applications/{app.pk}/events/",
        {
            "kind": "interview_scheduled",
            "when": "2026-12-01T10:00",
            "text": "Tech interview",
            "place": "https://meet.example.com/x",
        },
    )
    alice_client.post(
        f"/applications/{app.pk}/contacts/",
        {"name": "Dana Recruiter", "email": "dana@acme.example"},
    )
    content = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert (
        "Called the recruiter" in content
        and "Tech interview" in content
        and "meet.example.com" in content
    )
    assert "Dana Recruiter" in content
    assert Contact.objects.get().owner == alice
    interview = Event.objects.get(kind="interview_scheduled")
    assert interview.payload["at"].startswith("2026-12-01T10:00") and interview.actor == "user"


def test_add_form_creates_once_per_posting_url(alice_client, alice):
    data = {
        "url": "https://boards.greenhouse.io/acme/jobs/1?utm_source=x",
        "title": "SRE",
        "company": "Acme",
        "status": "applied",
    }
    response = alice_client.post("/applications/new/", data)
    app = Application.objects.get()
    assert response["Location"] == f"/applications/{app.pk}/"
    assert (
        app.url == "https://job-boards.greenhouse.io/acme/jobs/1"
        and app.status == "applied"
        and app.applied_at
    )
    alice_client.post(
        "/applications/new/", {**data, "url": "https://boards.greenhouse.io/acme/jobs/1"}
    )
    assert Application.objects.count() == 1


def test_add_form_needs_something_to_go_on(alice_client):
    response = alice_client.post("/applications/new/", {"status": "saved"})
    assert b"at least a URL" in response.content and not Application.objects.exists()


def test_prefill_reads_the_posting_page(alice_client, http_server):
    http_server.route(
        "/job",
        body='<script type="application/ld+json">{"@type": "JobPosting", "title": "Data Engineer", "hiringOrganization": {"name": "Acme"}}</script>',
    )
    response = alice_client.get(
        "/applications/prefill/", {"url": http_server.url + "/job"}, headers={"HX-Request": "true"}
    )
    assert b"Data Engineer" in response.content and b"hx-swap-oob" in response.content
    http_server.route("/broken", status=500, body="x")
    response = alice_client.get("/applications/prefill/", {"url": http_server.url + "/broken"})
    assert b"Couldn" in response.content


def test_edits_are_remembered_so_automation_leaves_them(alice_client, alice):
    app = make_application(alice, title="Old", company="Acme")
    alice_client.post(
        f"/applications/{app.pk}/edit/",
        {"url": app.url, "title": "My title", "company": "Acme", "status": "applied"},
    )
    app.refresh_from_db()
    assert app.title == "My title" and "title" in app.user_edited_fields
    from applications.services import fill_unedited

    app.title = ""
    assert fill_unedited(app, {"title": "From the page"}) == []


def test_delete_needs_confirmation(alice_client, alice):
    app = make_application(alice)
    alice_client.post(f"/applications/{app.pk}/delete/")
    assert Application.objects.exists()
    alice_client.post(f"/applications/{app.pk}/delete/", {"confirm": "yes"})
    assert not Application.objects.exists()


@pytest.mark.parametrize("url", ["/pipeline/", "/applications/"])
def test_list_pages_use_a_fixed_number_of_queries(
    alice_client, alice, url, django_assert_max_num_queries
):
    for _ in range(3):
        make_event(make_application(alice))
    with django_assert_max_num_queries(12) as first:
        alice_client.get(url)
    for _ in range(25):
        make_event(make_application(alice))
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get(url)


def test_detail_page_queries_do_not_grow_with_events(
    alice_client, alice, django_assert_max_num_queries
):
    app = make_application(alice)
    for _ in range(3):
        make_event(app)
    with django_assert_max_num_queries(20) as first:
        alice_client.get(f"/applications/{app.pk}/")
    for _ in range(30):
        make_event(app)
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get(f"/applications/{app.pk}/")


@pytest.mark.django_db(transaction=True)  # enrichment is queued when the form's write commits
def test_the_add_form_has_the_posting_read_in_the_background(
    alice_client, alice, http_server, settings
):
    settings.ENRICHMENT_ENABLED = True  # tasks run inline in tests
    http_server.route(
        "/job/9",
        body='<script type="application/ld+json">{"@type": "JobPosting", "title": "ML Engineer", "hiringOrganization": "Hooli"}</script>',
    )
    alice_client.post("/applications/new/", {"url": http_server.url + "/job/9", "status": "saved"})
    app = Application.objects.get(owner=alice)
    assert (app.title, app.company) == ("ML Engineer", "Hooli")
    assert Event.objects.filter(application=app, kind="posting_enriched").exists()
