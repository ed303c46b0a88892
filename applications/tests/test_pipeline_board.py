"""The pipeline board without a browser: its columns, compact cards, moves (with and without
JavaScript), the Columns settings, ownership, and a fixed number of queries."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from analysis.models import Score
from applications import card_slots
from applications.models import Application, Preferences
from applications.pipeline import COLUMN_LIMIT, age

from .factories import make_application, make_job

pytestmark = pytest.mark.django_db


def columns(client, **params) -> dict[str, dict]:
    return {c["status"]: c for c in client.get("/pipeline/", params).context["columns"]}


def scored_application(owner, total=82, band="strong", **overrides) -> Application:
    job = make_job(owner)
    Score.objects.create(job=job, owner=owner, profile_version=1, total=total, band=band)
    return make_application(owner, job=job, **overrides)


# --- Who may see and move what ----------------------------------------------------------


def test_anonymous_people_are_sent_to_login(client, alice):
    app = make_application(alice)
    assert client.get("/pipeline/")["Location"].startswith("/login/")
    assert client.post("/pipeline/columns/", {})["Location"].startswith("/login/")
    assert client.post(f"/applications/{app.pk}/status/", {"status": "offer"})[
        "Location"
    ].startswith("/login/")
    app.refresh_from_db()
    assert app.status == "applied"


def test_bob_cannot_move_alices_card_even_through_htmx(bob_client, alice):
    app = make_application(alice)
    response = bob_client.post(
        f"/applications/{app.pk}/status/", {"status": "offer"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 404
    app.refresh_from_db()
    assert app.status == "applied"


def test_bobs_column_settings_do_not_touch_alices_board(bob_client, alice_client, alice):
    make_application(alice, status="screening")
    bob_client.post("/pipeline/columns/", {"label_screening": "Bob's screen"})
    assert columns(alice_client)["screening"]["label"] == "Screening"
    assert not Preferences.objects.filter(owner=alice).exists()


# --- Moving a card ----------------------------------------------------------------------


def test_moving_without_javascript_posts_a_form_and_comes_back_to_the_board(alice_client, alice):
    app = make_application(alice, status="applied")
    response = alice_client.post(
        f"/applications/{app.pk}/status/", {"status": "screening", "next": "/pipeline/?q=eng"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/pipeline/?q=eng"
    app.refresh_from_db()
    assert app.status == "screening"


def test_a_move_through_htmx_answers_the_fresh_card_with_its_fit_and_menu(alice_client, alice):
    app = scored_application(alice, status="saved")
    response = alice_client.post(
        f"/applications/{app.pk}/status/",
        {"status": "applied", "next": "/pipeline/"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="card-{app.pk}"' in html and 'data-status="applied"' in html
    assert 'class="fit-chip band-strong"' in html
    assert 'value="applied" class="move-option" disabled aria-current="true"' in html
    assert ">today</time>" in html  # applied just now


def test_an_unknown_status_through_htmx_is_refused_so_the_page_puts_the_card_back(
    alice_client, alice
):
    app = make_application(alice, status="applied")
    response = alice_client.post(
        f"/applications/{app.pk}/status/", {"status": "hired!"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    app.refresh_from_db()
    assert app.status == "applied"


def test_the_next_address_of_an_htmx_card_never_leaves_the_pipeline(alice_client, alice):
    app = make_application(alice)
    response = alice_client.post(
        f"/applications/{app.pk}/status/",
        {"status": "offer", "next": "https://evil.example/"},
        headers={"HX-Request": "true"},
    )
    assert b"evil.example" not in response.content


# --- Cards ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "label"),
    [(0, "today"), (1, "1d"), (13, "13d"), (14, "2w"), (59, "8w"), (60, "2mo"), (800, "2y")],
)
def test_a_cards_age_is_short(days, label):
    today = timezone.localdate()
    assert age(timezone.now() - timedelta(days=days), today) == label


def test_a_card_shows_its_age_since_applied_with_the_date_in_its_title(alice_client, alice):
    with time_machine.travel("2025-03-10 12:00:00+00:00", tick=False):
        make_application(
            alice, applied_at=timezone.now() - timedelta(days=3),
            created_at=timezone.now() - timedelta(days=20),
        )  # fmt: skip
        html = alice_client.get("/pipeline/").content.decode()
    assert 'title="Applied 7 Mar 2025">3d</time>' in html


def test_a_saved_card_counts_its_age_from_when_it_was_added(alice_client, alice):
    with time_machine.travel("2025-03-10 12:00:00+00:00", tick=False):
        make_application(alice, status="saved", created_at=timezone.now() - timedelta(days=21))
        html = alice_client.get("/pipeline/").content.decode()
    assert 'title="Added 17 Feb 2025">3w</time>' in html


def test_an_overdue_next_action_is_marked_and_one_due_today_says_today(alice_client, alice):
    today = timezone.localdate()
    late = make_application(alice, next_action="Follow up", next_action_due=today - timedelta(1))
    now = make_application(alice, next_action="Send CV", next_action_due=today)
    cards = {a.pk: a for a in columns(alice_client)["applied"]["cards"]}
    assert cards[late.pk].due_state == "overdue"
    assert cards[now.pk].due_state == "today"
    html = alice_client.get("/pipeline/").content.decode()
    assert 'class="card-next due-overdue"' in html
    assert ">Today</time>" in html


def test_cards_have_no_fit_chip_without_a_registered_fit(alice_client, alice):
    scored_application(alice)
    before = card_slots.registered_card_fit()
    card_slots.register_card_fit(None)
    try:
        html = alice_client.get("/pipeline/").content.decode()
    finally:
        card_slots.register_card_fit(before)
    assert "fit-chip" not in html
    assert "kanban-card" in html


def test_an_unscored_card_has_no_chip_and_a_scored_one_shows_its_score(alice_client, alice):
    scored_application(alice, total=64, band="good", title="Scored")
    make_application(alice, title="Unscored")
    cards = {a.title: a for a in columns(alice_client)["applied"]["cards"]}
    assert cards["Scored"].fit_total == 64
    assert cards["Unscored"].fit_total is None


def test_a_column_shows_its_most_recently_moved_cards_first_and_links_the_rest(alice_client, alice):
    now = timezone.now()
    for n in range(COLUMN_LIMIT + 2):
        make_application(alice, title=f"Job {n}", status_changed_at=now - timedelta(hours=n))
    column = columns(alice_client)["applied"]
    assert column["count"] == COLUMN_LIMIT + 2
    assert [a.title for a in column["cards"][:2]] == ["Job 0", "Job 1"]
    assert column["more"] == 2
    assert b"2 more in the list" in alice_client.get("/pipeline/").content


# --- Columns settings -------------------------------------------------------------------


def test_renaming_and_hiding_columns_is_kept_and_hidden_cards_are_counted(alice_client, alice):
    make_application(alice, status="ghosted")
    make_application(alice, status="withdrawn")
    make_application(alice, status="screening")
    shown = {f"show_{s}": "on" for s in ("saved", "applied", "screening", "assessment")}
    shown |= {f"show_{s}": "on" for s in ("interviewing", "offer", "accepted", "rejected")}
    response = alice_client.post(
        "/pipeline/columns/", {**shown, "label_screening": "  Phone   screen ", "label_offer": ""}
    )
    assert response["Location"] == "/pipeline/"
    page = alice_client.get("/pipeline/")
    board = page.context["board"]
    assert [c["status"] for c in board.columns][-1] == "rejected"
    assert {c["status"]: c["label"] for c in board.columns}["screening"] == "Phone screen"
    assert {c["status"]: c["label"] for c in board.columns}["offer"] == "Offer"
    assert board.hidden_total == 2
    assert b"<span data-hidden-total>2</span> in hidden columns" in page.content
    assert page.context["total"] == 3


def test_a_hidden_stage_is_still_offered_in_the_card_menu(alice_client, alice):
    make_application(alice)
    alice_client.post("/pipeline/columns/", {f"show_{s}": "on" for s in ("applied", "offer")})
    html = alice_client.get("/pipeline/").content.decode()
    assert 'value="ghosted" class="move-option">Ghosted <small>(hidden)</small>' in html


def test_column_names_are_trimmed_and_a_name_with_a_nul_is_refused(alice_client, alice):
    alice_client.post("/pipeline/columns/", {"label_applied": "A" * 150, "show_applied": "on"})
    assert Preferences.objects.get(owner=alice).stage_labels == {"applied": "A" * 40}
    response = alice_client.post(
        "/pipeline/columns/", {"label_applied": "bad\x00name", "show_applied": "on"}, follow=True
    )
    assert b"Column names must be plain text" in response.content
    assert Preferences.objects.get(owner=alice).stage_labels == {"applied": "A" * 40}


def test_reset_brings_back_every_column_under_its_own_name(alice_client, alice):
    Preferences.objects.create(
        owner=alice, stage_labels={"applied": "Sent"}, hidden_stages=["saved", "applied"]
    )
    alice_client.post("/pipeline/columns/", {"reset": "1"})
    prefs = Preferences.objects.get(owner=alice)
    assert prefs.stage_labels == {} and prefs.hidden_stages == []


def test_garbage_in_stored_preferences_does_not_break_the_board(alice_client, alice):
    Preferences.objects.create(
        owner=alice, stage_labels={"applied": 5, "nope": "x"}, hidden_stages=["nope"]
    )
    make_application(alice)
    assert columns(alice_client)["applied"]["label"] == "Applied"


def test_the_board_links_to_archived_applications(alice_client, alice):
    make_application(alice)
    make_application(alice, archived=True)
    make_application(alice, archived=True)
    html = alice_client.get("/pipeline/").content.decode()
    assert 'href="/applications/?archived=1">2 archived</a>' in html


# --- Queries ----------------------------------------------------------------------------


def test_more_cards_in_more_columns_add_no_queries(
    alice_client, alice, django_assert_max_num_queries
):
    Preferences.objects.create(owner=alice, stage_labels={"applied": "Sent"})
    scored_application(alice, status="applied")
    with django_assert_max_num_queries(10) as first:
        alice_client.get("/pipeline/")
    for status in ("saved", "applied", "screening", "interviewing", "offer", "rejected"):
        for _ in range(4):
            scored_application(alice, status=status, next_action="Call", archived=False)
    make_application(alice, archived=True)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = alice_client.get("/pipeline/")
    assert response.context["total"] == 25
