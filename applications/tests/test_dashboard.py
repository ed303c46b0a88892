from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from applications.dashboard import build
from applications.models import Event
from applications.services import add_manual_event, change_status, record_event

from .factories import make_application, make_event

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_numbers_on_a_known_set(alice, frozen):
    a = make_application(
        alice,
        status="applied",
        applied_at=NOW - timedelta(days=30),
        source="board",
        created_at=NOW - timedelta(days=30),
    )
    b = make_application(
        alice,
        status="applied",
        applied_at=NOW - timedelta(days=10),
        source="manual",
        created_at=NOW - timedelta(days=10),
    )
    c = make_application(
        alice,
        status="applied",
        applied_at=NOW - timedelta(days=5),
        source="manual",
        created_at=NOW - timedelta(days=5),
    )
    make_application(alice, status="saved", created_at=NOW)
    with time_machine.travel(NOW - timedelta(days=26), tick=False):
        change_status(a, "interviewing", by_user=True)  # a response after 4 days
    with time_machine.travel(NOW - timedelta(days=8), tick=False):
        make_event(
            b, kind="rejection_received", occurred_at=NOW - timedelta(days=8)
        )  # after 2 days
        change_status(b, "rejected", by_user=False)
    board = build(alice)
    assert board.total == 4
    funnel = {row["stage"]: row for row in board.funnel}
    assert funnel["saved"]["count"] == 4 and funnel["applied"]["count"] == 3
    assert funnel["interviewing"]["count"] == 1 and funnel["offer"]["count"] == 0
    assert funnel["applied"]["conversion"] == 75
    assert board.response == {"applied": 3, "responded": 2, "rate": 67, "median_days": 3.0}
    sources = {row["source"]: row for row in board.by_source}
    assert sources["Board"]["rate"] == 100 and sources["Manual"]["rate"] == 50
    assert sum(w["count"] for w in board.weeks) == 4 and len(board.weeks) == 12
    assert c not in board.stale  # applied 5 days ago: too early to call


def test_no_reply_for_21_days_is_suggested_as_ghosted(alice, frozen):
    old = make_application(alice, status="applied", applied_at=NOW - timedelta(days=30))
    answered = make_application(alice, status="applied", applied_at=NOW - timedelta(days=30))
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        record_event(answered, "email_received", "Thanks for applying")
    assert build(alice).stale == [old]


def test_upcoming_interviews_and_follow_ups(alice, frozen):
    app = make_application(
        alice, next_action="Send thank-you", next_action_due=(NOW + timedelta(days=2)).date()
    )
    add_manual_event(app, "interview_scheduled", NOW + timedelta(days=3), "Onsite", place="HQ")
    add_manual_event(app, "interview_scheduled", NOW - timedelta(days=3), "Past one")
    board = build(alice)
    assert [item["event"].text for item in board.upcoming] == ["Onsite"]
    assert board.follow_ups == [app]


def test_dashboard_page_renders_stats_chart_and_ghost_button(alice_client, alice, frozen):
    make_application(alice, status="applied", applied_at=NOW - timedelta(days=40))
    content = alice_client.get("/dashboard/").content.decode()
    assert "Funnel" in content and "<svg" in content and "Mark ghosted" in content


def test_bob_sees_none_of_alices_numbers(bob_client, alice):
    make_application(alice, title="Alice Secret")
    content = bob_client.get("/dashboard/").content.decode()
    assert "You have no applications yet." in content and "Alice Secret" not in content


def test_dashboard_queries_do_not_grow_with_rows(
    alice_client, alice, django_assert_max_num_queries
):
    for _ in range(3):
        make_event(make_application(alice))
    with django_assert_max_num_queries(15) as first:
        alice_client.get("/dashboard/")
    for _ in range(30):
        app = make_application(alice)
        make_event(app, kind="email_received")
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get("/dashboard/")
    assert Event.objects.count() >= 33
