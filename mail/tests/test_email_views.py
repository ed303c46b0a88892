"""The email pages: review inbox, email detail, mailboxes, learned rules and health."""

import html
import logging
import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Event, EventKind, Source, Status
from mail.models import Email, Label, Mailbox, MailFolder, MailRule, Review, Security, Stage
from mail.processing import process_emails

from .factories import MAILBOX_PASSWORD as PASSWORD
from .factories import REJECTION, make_app, make_email, make_mailbox

pytestmark = pytest.mark.django_db

CONFIRMATION = (
    "Hi Alice, we have received your application for the Site Reliability Engineer position "
    "and will review it shortly."
)


def processed(email: Email) -> Email:
    process_emails([email.pk])
    return Email.objects.get(pk=email.pk)


def fields_of(row) -> dict:
    """Every stored column of a row, read fresh from the database."""
    fresh = type(row).objects.get(pk=row.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def page(response) -> str:
    """The response as a reader sees it (entities decoded); for escaping, read .content."""
    return html.unescape(response.content.decode())


def closed_port() -> int:
    """A loopback port nobody listens on: bound once to pick it, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def url(name: str, *args) -> str:
    return reverse(f"mail:{name}", args=args)


def mailbox_form(**overrides) -> dict:
    data = {"name": "Work mail", "host": "imap.example.com", "port": 993,
            "security": Security.SSL, "username": "alice@example.com", "password": PASSWORD,
            "folders": "INBOX, Jobs", "enabled": "on"}  # fmt: skip
    data.update(overrides)
    return data


# --- Access ---------------------------------------------------------------------------------

# (route name, which of alice's rows it takes, method, a valid form for it)
ROUTES = [
    ("inbox", None, "get", {}),
    ("email-detail", "email", "get", {}),
    ("email-link", "email", "post", {"application": "bob's own"}),  # his own application
    ("email-create", "email", "post", {"company": "Bobco", "title": "Chef"}),
    ("email-relabel", "email", "post", {"label": Label.OFFER}),
    ("email-ignore", "email", "post", {}),
    ("email-restore", "email", "post", {}),
    ("application-emails", "application", "get", {}),
    ("mailbox-list", None, "get", {}),
    ("mailbox-create", None, "get", {}),
    ("mailbox-create", None, "post", mailbox_form()),
    ("mailbox-edit", "mailbox", "get", {}),
    ("mailbox-edit", "mailbox", "post", mailbox_form(password="")),
    ("mailbox-delete", "mailbox", "post", {}),
    ("mailbox-test", "mailbox", "post", {}),
    ("mailbox-sync", "mailbox", "post", {}),
    ("rule-delete", "rule", "post", {}),
    ("health", None, "get", {}),
]
ROUTE_IDS = [f"{method}-{name}" for name, _, method, _ in ROUTES]


@pytest.fixture
def alices_rows(alice) -> dict:
    acme = make_app(alice, company="Acme")
    box = make_mailbox(alice, name="Alice mailbox", host="127.0.0.1", port=closed_port())
    MailFolder.objects.create(mailbox=box, name="INBOX", last_uid=7)
    email = make_email(alice, mailbox=box, subject="Alice private subject", label=Label.INTERVIEW,
                       confidence=0.6, review=Review.IGNORED)  # fmt: skip
    rule = MailRule.objects.create(owner=alice, kind="domain", value="acme.com", company="Acme")
    return {"application": acme, "mailbox": box, "email": email, "rule": rule}


def snapshot(rows: dict) -> dict:
    """Alice's rows, every column, and how many rows each table holds."""
    state = {name: fields_of(row) for name, row in rows.items()}
    models = (Application, Email, Mailbox, MailFolder, MailRule, Event)
    state["counts"] = {model.__name__: model.objects.count() for model in models}
    return state


@pytest.mark.parametrize(("name", "arg", "method", "data"), ROUTES, ids=ROUTE_IDS)
def test_anonymous_users_are_sent_to_login(client, alices_rows, name, arg, method, data):
    before = snapshot(alices_rows)
    target = url(name, alices_rows[arg].pk) if arg else url(name)

    response = getattr(client, method)(target, data)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    assert snapshot(alices_rows) == before


@pytest.mark.parametrize(
    ("name", "arg", "method", "data"),
    [r for r in ROUTES if r[1]],
    ids=[i for i, r in zip(ROUTE_IDS, ROUTES, strict=True) if r[1]],
)
def test_bob_gets_404_for_alices_rows_and_changes_nothing(
    bob, bob_client, alices_rows, name, arg, method, data
):
    if data.get("application") == "bob's own":
        data = {"application": make_app(bob, company="Bobco").pk}
    before = snapshot(alices_rows)

    response = getattr(bob_client, method)(url(name, alices_rows[arg].pk), data)

    assert response.status_code == 404
    assert "Alice" not in page(response) and PASSWORD not in page(response)
    assert snapshot(alices_rows) == before


def test_bobs_pages_list_none_of_alices_emails_mailboxes_or_rules(bob_client, alices_rows):
    Mailbox.objects.filter(pk=alices_rows["mailbox"].pk).update(
        consecutive_failures=2, last_error="Alice private error"
    )
    make_email(alices_rows["application"].owner, subject="Alice waiting subject")
    for view in ("waiting", "linked", "ignored", "other"):
        assert "Alice" not in page(bob_client.get(url("inbox"), {"view": view})), view
    for target in (url("mailbox-list"), url("health")):
        text = page(bob_client.get(target))
        assert "Alice" not in text and "acme.com" not in text, target


def test_linking_to_bobs_application_is_404_and_changes_nothing(alice_client, alice, bob):
    email = processed(make_email(alice, sender_email="hr@talent-partners.io", text=REJECTION))
    bobs = make_app(bob, company="Bobco")
    before = fields_of(email)

    response = alice_client.post(url("email-link", email.pk), {"application": bobs.pk})

    assert response.status_code == 404
    assert fields_of(email) == before
    bobs.refresh_from_db()
    assert bobs.status == Status.APPLIED and not bobs.events.filter(email_id=email.pk).exists()
    assert not MailRule.objects.exists()


# --- Inbox ----------------------------------------------------------------------------------


def test_inbox_lists_an_uncertain_email_with_its_label_candidates_and_reasons(alice_client, alice):
    one = make_app(alice, company="Initech", title="Senior Backend Engineer")
    two = make_app(alice, company="Initech", title="Senior Backend Engineer (Payments)")
    email = processed(
        make_email(alice, sender_name="Initech", sender_email="careers@greenhouse-mail.io",
                   subject="An update on your application", text=REJECTION)
    )  # fmt: skip
    assert email.review == Review.PENDING and email.application_id is None

    text = page(alice_client.get(url("inbox")))

    assert "An update on your application" in text
    assert f"Rejection · {round(email.confidence * 100)}% sure" in text
    assert "Senior Backend Engineer (Payments)" in text and f'value="{two.pk}"' in text
    assert f'value="{one.pk}"' in text
    for candidate in email.candidates:
        assert "; ".join(candidate["reasons"]) in text
    assert "Waiting (1)" in text


def test_inbox_shows_a_low_confidence_email_without_candidates_as_unmatched(alice_client, alice):
    make_email(alice, subject="Quick chat?", label=Label.OUTREACH, confidence=0.41,
               label_reasons=["recruiter phrase 'quick chat'"])  # fmt: skip

    text = page(alice_client.get(url("inbox")))

    assert "Quick chat?" in text and "Recruiter outreach · 41% sure" in text
    assert "recruiter phrase 'quick chat'" in text
    assert "No application matched." in text


def test_inbox_views_separate_waiting_linked_ignored_and_other(alice_client, alice):
    acme = make_app(alice, company="Acme")
    make_email(alice, subject="Subject waiting")
    make_email(alice, subject="Subject linked", review=Review.LINKED, application=acme)
    make_email(alice, subject="Subject created", review=Review.CREATED, application=acme)
    make_email(alice, subject="Subject ignored", review=Review.IGNORED)
    make_email(alice, subject="Subject other", review=Review.NONE, label=Label.OTHER)
    expected = {
        "waiting": {"waiting"},
        "linked": {"linked", "created"},
        "ignored": {"ignored"},
        "other": {"other"},
        "no-such-view": {"waiting"},
    }
    for view, subjects in expected.items():
        text = page(alice_client.get(url("inbox"), {"view": view}))
        shown = {s for s in ("waiting", "linked", "created", "ignored", "other")
                 if f"Subject {s}" in text}  # fmt: skip
        assert shown == subjects, view
    text = page(alice_client.get(url("inbox")))
    for tab in ("Waiting (1)", "Linked (2)", "Ignored (1)", "Not about an application (1)"):
        assert tab in text


def test_inbox_with_nothing_waiting_says_so(alice_client, alice):
    make_mailbox(alice)
    make_email(alice, subject="Settled already", review=Review.LINKED, application=make_app(alice))

    text = page(alice_client.get(url("inbox")))

    assert "Nothing waits for you" in text and "Settled already" not in text


def test_inbox_keeps_ignored_and_other_mail_reachable_after_the_mailbox_is_removed(
    alice_client, alice
):
    box = make_mailbox(alice)
    make_email(alice, mailbox=box, subject="Ignored earlier", review=Review.IGNORED)
    make_email(alice, mailbox=box, subject="A job alert", review=Review.NONE)
    alice_client.post(url("mailbox-delete", box.pk))

    ignored = page(alice_client.get(url("inbox"), {"view": "ignored"}))
    other = page(alice_client.get(url("inbox"), {"view": "other"}))

    assert "Ignored earlier" in ignored and "A job alert" in other
    assert "No email connected" not in ignored


def test_inbox_without_a_mailbox_offers_to_connect_one(alice_client):
    response = alice_client.get(url("inbox"))

    assert "No email connected" in page(response)
    assert f'href="{url("mailbox-create")}"' in page(response)


def test_inbox_queries_do_not_grow_with_its_emails(
    alice_client, alice, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            a, b = make_app(alice, title=f"Role {i} a"), make_app(alice, title=f"Role {i} b")
            make_email(alice, label=Label.REJECTION, candidates=[
                {"id": a.pk, "score": 0.5, "reasons": ["why a"]},
                {"id": b.pk, "score": 0.4, "reasons": ["why b"]},
            ])  # fmt: skip

    add(2)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url("inbox"))
    add(20)
    with django_assert_max_num_queries(len(few)):
        response = alice_client.get(url("inbox"))
    assert page(response).count("why b") == 22


# --- Email detail ---------------------------------------------------------------------------


def test_email_detail_shows_html_in_the_body_as_text(alice_client, alice):
    body = (
        '<script>alert("x")</script><img src="https://tracker.example/open.gif">'
        '<a href="javascript:alert(1)">click</a>'
    )
    email = make_email(alice, subject="<b>Offer</b> <script>bad()</script>",
                       sender_name='Eve <img src=x onerror="alert(1)">', text=body)  # fmt: skip

    response = alice_client.get(url("email-detail", email.pk))

    raw = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in raw and "<script>bad" not in raw
    assert "<img" not in raw and "<b>Offer" not in raw and 'href="javascript:' not in raw
    assert "&lt;img src=&quot;https://tracker.example/open.gif&quot;&gt;" in raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in raw
    assert body in page(response)  # still readable, as text


def test_email_detail_offers_candidates_and_a_prefilled_create_form(alice_client, alice):
    one = make_app(alice, company="Initech", title="Senior Backend Engineer")
    email = make_email(alice, sender_name="Hooli Recruiting", sender_email="no-reply@hire.lever.co",
                       subject="Thank you for applying to Hooli!", text=CONFIRMATION,
                       candidates=[{"id": one.pk, "score": 0.5, "reasons": ["company in body"]}])  # fmt: skip

    text = page(alice_client.get(url("email-detail", email.pk)))

    assert "Senior Backend Engineer" in text and "company in body" in text
    assert 'name="company" aria-label="Company" placeholder="Company" required' in text
    assert 'value="Hooli"' in text and 'value="Site Reliability Engineer"' in text


# --- Link -----------------------------------------------------------------------------------


def test_linking_a_rejection_links_it_moves_the_status_and_teaches_a_rule(alice_client, alice):
    initech = make_app(alice, company="Initech")
    make_app(alice, company="Globex")
    email = processed(make_email(alice, sender_email="hr@talent-partners.io",
                                 subject="Your application", text=REJECTION))  # fmt: skip
    assert email.review == Review.PENDING and email.label == Label.REJECTION

    response = alice_client.post(url("email-link", email.pk), {"application": initech.pk})

    assert response.status_code == 302 and response["Location"] == url("inbox")
    email.refresh_from_db()
    assert email.application_id == initech.pk
    assert (email.stage, email.review) == (Stage.USER, Review.LINKED)
    received = Event.objects.get(application=initech, kind=EventKind.EMAIL_RECEIVED)
    assert received.email_id == email.pk
    initech.refresh_from_db()
    assert initech.status == Status.REJECTED
    rule = MailRule.objects.get(owner=alice)
    assert (rule.kind, rule.value, rule.company) == ("domain", "talent-partners.io", "Initech")
    follow = alice_client.get(response["Location"])
    assert "Linked to Initech – Backend Engineer" in page(follow)

    later = processed(make_email(alice, sender_email="recruiting@talent-partners.io",
                                 subject="One more thing", text=REJECTION))  # fmt: skip
    assert later.application_id == initech.pk and later.stage == Stage.RULE


def test_linking_also_settles_other_waiting_mail_from_that_sender(alice_client, alice):
    initech = make_app(alice, company="Initech")
    make_app(alice, company="Globex")
    first, second = (
        processed(make_email(alice, sender_email=f"{who}@talent-partners.io", text=REJECTION))
        for who in ("hr", "pat")
    )
    assert second.review == Review.PENDING

    alice_client.post(url("email-link", first.pk), {"application": initech.pk})

    second.refresh_from_db()
    assert second.application_id == initech.pk and second.stage == Stage.RULE


def test_link_goes_back_to_the_page_it_came_from_but_never_off_site(alice_client, alice):
    acme = make_app(alice, company="Acme")
    email = make_email(alice)
    detail = url("email-detail", email.pk)

    back = alice_client.post(url("email-link", email.pk), {"application": acme.pk, "next": detail})
    away = alice_client.post(
        url("email-link", email.pk), {"application": acme.pk, "next": "https://evil.example/"}
    )

    assert back["Location"] == detail and away["Location"] == url("inbox")


def test_link_without_an_application_changes_nothing(alice_client, alice):
    email = processed(make_email(alice, text=REJECTION))
    before = fields_of(email)

    response = alice_client.post(url("email-link", email.pk), {"application": ""}, follow=True)

    assert "Choose an application" in page(response)
    assert fields_of(email) == before and not MailRule.objects.exists()


def test_linking_to_a_missing_application_is_404(alice_client, alice):
    email = make_email(alice)
    assert (
        alice_client.post(url("email-link", email.pk), {"application": 999999}).status_code == 404
    )


def test_relinking_to_another_application_moves_the_email_event_there(alice_client, alice):
    wrong = make_app(alice, company="Acme", title="Wrong")
    right = make_app(alice, company="Acme", title="Right")
    email = make_email(alice, sender_email="hr@acme.com", text=REJECTION)
    alice_client.post(url("email-link", email.pk), {"application": wrong.pk})

    alice_client.post(url("email-link", email.pk), {"application": right.pk})

    email.refresh_from_db()
    assert email.application_id == right.pk
    assert Event.objects.filter(application=right, kind=EventKind.EMAIL_RECEIVED,
                                email_id=email.pk).exists()  # fmt: skip


# --- Create an application from an email ----------------------------------------------------


def test_creating_an_application_from_an_email_links_it_as_its_source(alice_client, alice):
    email = make_email(alice, sender_name="Hooli Recruiting", sender_email="no-reply@hire.lever.co",
                       subject="Thank you for applying to Hooli!", text=CONFIRMATION,
                       label=Label.RECEIVED, confidence=0.7)  # fmt: skip

    response = alice_client.post(
        url("email-create", email.pk), {"company": "Hooli", "title": "Site Reliability Engineer"}
    )

    created = Application.objects.get(owner=alice)
    assert response["Location"] == reverse("applications:application-detail", args=[created.pk])
    assert (created.company, created.title) == ("Hooli", "Site Reliability Engineer")
    assert created.source == Source.EMAIL and created.status == Status.APPLIED
    email.refresh_from_db()
    assert email.application_id == created.pk
    assert (email.stage, email.review) == (Stage.CREATED, Review.CREATED)
    assert created.events.filter(kind=EventKind.CREATED, email_id=email.pk).exists()
    assert created.events.filter(kind=EventKind.EMAIL_RECEIVED, email_id=email.pk).exists()


def test_posting_create_twice_makes_one_application(alice_client, alice):
    email = make_email(alice, sender_email="jobs@hooli.com", subject="Thanks for applying")
    form = {"company": "Hooli", "title": "SRE"}

    first = alice_client.post(url("email-create", email.pk), form)
    second = alice_client.post(url("email-create", email.pk), form)

    assert Application.objects.filter(owner=alice).count() == 1
    assert first["Location"] == second["Location"]


def test_create_without_a_company_asks_for_one(alice_client, alice):
    email = make_email(alice)

    response = alice_client.post(url("email-create", email.pk), {"company": " "}, follow=True)

    assert "Enter at least the company" in page(response)
    assert not Application.objects.exists()


# --- Relabel, ignore, restore ---------------------------------------------------------------


def test_relabelling_a_linked_email_as_rejection_rejects_its_application(alice_client, alice):
    acme = make_app(alice, company="Acme")
    email = make_email(alice, sender_email="hr@acme.com", subject="Update",
                       text="Thanks for applying, we got your application.")  # fmt: skip
    alice_client.post(url("email-link", email.pk), {"application": acme.pk})
    acme.refresh_from_db()
    assert acme.status == Status.APPLIED

    response = alice_client.post(url("email-relabel", email.pk), {"label": Label.REJECTION})

    assert response.status_code == 302
    email.refresh_from_db()
    assert email.label == Label.REJECTION and email.labelled_by_user and email.confidence == 1.0
    acme.refresh_from_db()
    assert acme.status == Status.REJECTED
    assert acme.events.filter(kind=EventKind.STATUS_CHANGED, email_id=email.pk).exists()
    process_emails([email.pk], reclassify=True)  # a rerun keeps a person's label
    assert Email.objects.get(pk=email.pk).label == Label.REJECTION


def test_relabelling_an_email_set_aside_brings_it_to_the_inbox(alice_client, alice):
    email = make_email(alice, subject="Was an alert", review=Review.NONE, label=Label.OTHER)

    alice_client.post(url("email-relabel", email.pk), {"label": Label.INTERVIEW})

    assert "Was an alert" in page(alice_client.get(url("inbox")))
    email.refresh_from_db()
    assert email.label == Label.INTERVIEW and email.review == Review.PENDING


def test_relabel_with_an_unknown_label_changes_nothing(alice_client, alice):
    email = make_email(alice, label=Label.OUTREACH)
    before = fields_of(email)

    response = alice_client.post(url("email-relabel", email.pk), {"label": "hired"}, follow=True)

    assert "Unknown label." in page(response) and fields_of(email) == before


def test_ignore_hides_an_email_from_the_inbox_and_restore_brings_it_back(alice_client, alice):
    email = make_email(alice, subject="Maybe spam")

    alice_client.post(url("email-ignore", email.pk))

    assert "Maybe spam" not in page(alice_client.get(url("inbox")))
    assert "Maybe spam" in page(alice_client.get(url("inbox"), {"view": "ignored"}))
    make_app(alice, company="Spamco")
    process_emails([email.pk])  # an ignored email stays ignored when mail is processed again
    assert Email.objects.get(pk=email.pk).review == Review.IGNORED

    alice_client.post(url("email-restore", email.pk))

    assert "Maybe spam" in page(alice_client.get(url("inbox")))
    assert "Maybe spam" not in page(alice_client.get(url("inbox"), {"view": "ignored"}))


# --- Mailboxes ------------------------------------------------------------------------------


def test_new_mailbox_password_is_stored_encrypted_and_never_shown(alice_client, alice):
    responses = [alice_client.get(url("mailbox-create"))]

    responses.append(alice_client.post(url("mailbox-create"), mailbox_form(), follow=True))

    box = Mailbox.objects.get(owner=alice)
    assert (box.host, box.port, box.folder_list) == ("imap.example.com", 993, ["INBOX", "Jobs"])
    assert box.get_password() == PASSWORD
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Mailbox._meta.db_table)
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [box.pk])
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert PASSWORD not in stored and box.password_encrypted in stored
    responses += [
        alice_client.get(url("mailbox-edit", box.pk)),
        alice_client.post(url("mailbox-edit", box.pk), mailbox_form(port="abc")),
        alice_client.get(url("mailbox-list")),
        alice_client.get(url("inbox")),
        alice_client.get(url("health")),
        alice_client.post(url("mailbox-test", box.pk)),
    ]
    for response in responses:
        assert response.status_code == 200
        assert PASSWORD not in response.content.decode(), response.request["PATH_INFO"]
    assert "Mailbox Work mail saved" in page(responses[1])


def test_blank_password_on_edit_keeps_the_old_one(alice_client, alice):
    box = make_mailbox(alice)
    stored = box.password_encrypted

    response = alice_client.post(
        url("mailbox-edit", box.pk), mailbox_form(name="Renamed", password="")
    )

    assert response.status_code == 302
    box.refresh_from_db()
    assert box.name == "Renamed" and box.password_encrypted == stored
    assert box.get_password() == PASSWORD


def test_new_password_on_edit_replaces_the_old_one(alice_client, alice):
    box = make_mailbox(alice)

    alice_client.post(url("mailbox-edit", box.pk), mailbox_form(password="brand-new-pw"))

    box.refresh_from_db()
    assert box.get_password() == "brand-new-pw"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("port", "0", "Enter a port between 1 and 65535"),
        ("port", "70000", "Enter a port between 1 and 65535"),
        ("port", "-1", "Enter a port between 1 and 65535"),
        ("port", "imap", "Enter a whole number."),
        ("host", "", "This field is required."),
        ("host", "imap.example.com:993", "Enter a server name such as imap.fastmail.com."),
        ("host", "https://imap.example.com", "Enter a server name such as imap.fastmail.com."),
        ("host", "alice@imap.example.com", "Enter a server name such as imap.fastmail.com."),
        ("password", "", "Enter the mailbox password"),
    ],
)
def test_invalid_mailbox_form_shows_the_error_and_saves_nothing(
    alice_client, alice, field, value, error
):
    response = alice_client.post(url("mailbox-create"), mailbox_form(**{field: value}))

    assert response.status_code == 200
    text = page(response)
    assert 'class="field-error"' in text and error in text
    assert not Mailbox.objects.exists()
    assert PASSWORD not in response.content.decode()


def test_invalid_edit_keeps_the_stored_mailbox(alice_client, alice):
    box = make_mailbox(alice)
    before = fields_of(box)

    response = alice_client.post(url("mailbox-edit", box.pk), mailbox_form(port="99999"))

    assert response.status_code == 200 and 'class="field-error"' in page(response)
    assert fields_of(box) == before


def test_unencrypted_imap_is_refused_unless_the_server_allows_it(alice_client, settings):
    settings.IMAP_ALLOW_PLAIN = False

    response = alice_client.post(url("mailbox-create"), mailbox_form(security=Security.PLAIN))

    assert "accepted only for a mail server on this machine" in page(response)
    assert not Mailbox.objects.exists()


def test_testing_a_mailbox_on_a_closed_port_says_refused_and_records_nothing(
    alice_client, alice, caplog
):
    port = closed_port()
    box = make_mailbox(alice, host="127.0.0.1", port=port, security=Security.SSL)
    before = fields_of(box)
    caplog.set_level(logging.DEBUG)

    response = alice_client.post(url("mailbox-test", box.pk))

    assert response.status_code == 200
    text = page(response)
    assert "failed" in text and f"Connection refused by 127.0.0.1:{port}" in text
    assert 'role="alert"' in text
    assert PASSWORD not in response.content.decode() and PASSWORD not in caplog.text
    assert fields_of(box) == before


def test_sync_now_on_a_closed_port_records_why_and_the_dashboard_shows_it(alice_client, alice):
    port = closed_port()
    box = make_mailbox(alice, name="Broken box", host="127.0.0.1", port=port,
                       security=Security.STARTTLS)  # fmt: skip

    response = alice_client.post(url("mailbox-sync", box.pk), follow=True)

    assert "Reading Broken box now" in page(response)
    box.refresh_from_db()
    assert box.consecutive_failures == 1 and box.last_success_at is None
    assert box.last_error == f"Connection refused by 127.0.0.1:{port}: check the server name, " \
                             "port and security."  # fmt: skip
    assert PASSWORD not in box.last_error
    health = page(alice_client.get(url("health")))
    assert "Mailbox Broken box" in health and box.last_error in health
    listing = page(alice_client.get(url("mailbox-list")))
    assert "failing ×1" in listing and "Connection refused" in listing


def test_deleting_a_mailbox_removes_it_and_its_folders_and_keeps_the_emails(alice_client, alice):
    box = make_mailbox(alice)
    MailFolder.objects.create(mailbox=box, name="INBOX", last_uid=12)
    email = make_email(alice, mailbox=box)
    other = make_mailbox(alice, name="Other")
    MailFolder.objects.create(mailbox=other, name="INBOX")

    response = alice_client.post(url("mailbox-delete", box.pk), follow=True)

    assert "Mailbox Work mail removed" in page(response)
    assert list(Mailbox.objects.all()) == [other]
    assert list(MailFolder.objects.values_list("mailbox_id", flat=True)) == [other.pk]
    email.refresh_from_db()
    assert email.mailbox_id is None


def test_mailbox_page_lists_mailboxes_with_their_state(alice_client, alice):
    make_mailbox(alice, name="Fresh box")
    make_mailbox(alice, name="Good box", last_success_at=timezone.now(), last_new_count=3)
    make_mailbox(alice, name="Paused box", enabled=False)

    text = page(alice_client.get(url("mailbox-list")))

    assert "Fresh box" in text and "Good box" in text and "Paused box" in text
    assert "(paused)" in text and "3 new" in text
    assert text.count("badge-ok") == 1 and text.count("not read yet") == 2


# --- Rules ----------------------------------------------------------------------------------


def test_mailbox_page_lists_learned_rules(alice_client, alice, bob):
    MailRule.objects.create(owner=alice, kind="domain", value="talent-partners.io",
                            company="Initech")  # fmt: skip
    MailRule.objects.create(owner=alice, kind="address", value="pat@gmail.com", company="Globex")
    MailRule.objects.create(owner=bob, kind="domain", value="bobs-rule.example", company="Bobco")

    text = page(alice_client.get(url("mailbox-list")))

    assert "talent-partners.io" in text and "Initech" in text and "sender domain" in text
    assert "pat@gmail.com" in text and "sender address" in text
    assert "bobs-rule.example" not in text


def test_mailbox_page_without_rules_says_so(alice_client):
    assert "No rules yet." in page(alice_client.get(url("mailbox-list")))


def test_deleting_a_rule_removes_only_that_rule(alice_client, alice):
    wrong = MailRule.objects.create(owner=alice, kind="domain", value="gmail.com", company="Acme")
    kept = MailRule.objects.create(owner=alice, kind="domain", value="acme.com", company="Acme")

    response = alice_client.post(url("rule-delete", wrong.pk), follow=True)

    assert "Rule gmail.com → Acme deleted." in page(response)
    assert list(MailRule.objects.all()) == [kept]


def test_deleting_a_rule_stops_it_from_linking(alice_client, alice):
    initech = make_app(alice, company="Initech")
    make_app(alice, company="Globex")
    rule = MailRule.objects.create(owner=alice, kind="domain", value="talent-partners.io",
                                   company="Initech")  # fmt: skip
    alice_client.post(url("rule-delete", rule.pk))

    email = processed(make_email(alice, sender_email="hr@talent-partners.io", text=REJECTION))

    assert email.application_id is None and email.review == Review.PENDING
    assert Application.objects.get(pk=initech.pk).status == Status.APPLIED


# --- Health fragment ------------------------------------------------------------------------


def test_health_fragment_shows_a_failing_mailboxs_last_error(alice_client, alice):
    make_mailbox(alice, name="Flaky", consecutive_failures=3,
                 last_error="Authentication failed: the server refused the username or password.",
                 last_error_at=timezone.now())  # fmt: skip
    make_mailbox(alice, name="Fine", last_success_at=timezone.now())
    make_mailbox(alice, name="Paused", enabled=False, consecutive_failures=9, last_error="old")

    text = page(alice_client.get(url("health")))

    assert "Needs attention" in text and "Mailbox Flaky" in text
    assert "Authentication failed: the server refused the username or password." in text
    assert "3 times in a row" in text
    assert "Fine" not in text and "Paused" not in text


def test_health_fragment_is_empty_when_everything_reads(alice_client, alice):
    make_mailbox(alice, last_success_at=timezone.now())

    response = alice_client.get(url("health"))

    assert response.status_code == 200 and response.content.strip() == b""


def test_mailbox_that_never_read_is_not_shown_as_healthy(alice_client, alice):
    box = make_mailbox(alice, name="Never read")
    Mailbox.objects.filter(pk=box.pk).update(created_at=timezone.now() - timedelta(hours=2))

    listing = page(alice_client.get(url("mailbox-list")))
    health = page(alice_client.get(url("health")))

    assert "not read yet" in listing and "badge-ok" not in listing
    assert "Mailbox Never read" in health
    assert "added 2\xa0hours ago and not read yet" in health
    assert "manage.py qcluster" in health


def test_mailbox_added_minutes_ago_is_not_a_problem_yet(alice_client, alice):
    make_mailbox(alice, name="Just added")

    assert alice_client.get(url("health")).content.strip() == b""


def test_dashboard_loads_the_health_fragment(alice_client):
    text = page(alice_client.get(reverse("applications:dashboard")))

    assert f'hx-get="{url("health")}"' in text


# --- Emails panel on the application page ---------------------------------------------------


def test_application_page_loads_its_emails_panel(alice_client, alice):
    acme = make_app(alice, company="Acme")

    text = page(alice_client.get(reverse("applications:application-detail", args=[acme.pk])))

    assert f'hx-get="{url("application-emails", acme.pk)}"' in text


def test_emails_panel_lists_that_applications_emails_with_links(alice_client, alice):
    acme, other = make_app(alice, company="Acme"), make_app(alice, company="Globex")
    mine = [
        make_email(alice, application=acme, subject=s, label=Label.INTERVIEW, review=Review.LINKED)
        for s in ("Interview on Monday", "Your application at Acme")
    ]
    make_email(alice, application=other, subject="Globex news", review=Review.LINKED)
    make_email(alice, subject="Unlinked news")

    text = page(alice_client.get(url("application-emails", acme.pk)))

    for email in mine:
        assert f'<a href="{url("email-detail", email.pk)}">{email.subject}</a>' in text
    assert "Interview" in text and "Globex news" not in text and "Unlinked news" not in text


def test_emails_panel_without_emails_says_so(alice_client, alice):
    text = page(alice_client.get(url("application-emails", make_app(alice).pk)))

    assert "No email linked yet." in text
