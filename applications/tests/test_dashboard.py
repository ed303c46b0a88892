from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from applications.dashboard import build
from applications.models import Event
from applications.services import add_manual_event, change_status, record_event
from applications.task_list import add_task, set_done

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


def test_coming_up_merges_interviews_and_tasks_in_date_order(alice, frozen):
    app = make_application(alice, title="SRE", company="Acme")
    add_task(alice, "Send thank-you", application=app, due_on=(NOW + timedelta(days=2)).date())
    add_task(alice, "Too far ahead", application=app, due_on=(NOW + timedelta(days=30)).date())
    add_manual_event(app, "interview_scheduled", NOW + timedelta(days=3), "Onsite", place="HQ")
    add_manual_event(app, "interview_scheduled", NOW + timedelta(days=1), "Screen")
    add_manual_event(app, "interview_scheduled", NOW - timedelta(days=3), "Past one")
    names = [
        item["event"].text if item["kind"] == "interview" else item["task"].title
        for item in build(alice).coming_up
    ]
    assert names == ["Screen", "Send thank-you", "Onsite"]


def test_a_days_tasks_come_before_its_interviews(alice, frozen):
    app = make_application(alice)
    add_manual_event(app, "interview_scheduled", NOW + timedelta(days=1, hours=-4), "Morning")
    add_task(alice, "Prepare", application=app, due_on=(NOW + timedelta(days=1)).date())
    assert [item["kind"] for item in build(alice).coming_up] == ["task", "interview"]


def test_today_lists_overdue_and_due_today_with_days_late(alice, frozen):
    app = make_application(alice)
    today = NOW.date()
    add_task(alice, "Overdue", application=app, due_on=today - timedelta(days=3))
    add_task(alice, "Due today", application=app, due_on=today)
    add_task(alice, "Tomorrow", application=app, due_on=today + timedelta(days=1))
    add_task(alice, "Undated", application=app)
    done = add_task(alice, "Done already", application=app, due_on=today)
    set_done(done)
    rows = [(item["task"].title, item["late"]) for item in build(alice).today]
    assert rows == [("Overdue", 3), ("Due today", 0)]


def test_today_follows_the_persons_date_not_the_servers(alice):
    # 23:30 UTC on the 20th is already the 21st in Berlin.
    late_evening = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    add_task(alice, "Due on the 21st", due_on=date(2026, 11, 21))
    with time_machine.travel(late_evening, tick=False):
        assert build(alice).today == []
        with timezone.override(ZoneInfo("Europe/Berlin")):
            assert [item["task"].title for item in build(alice).today] == ["Due on the 21st"]


def test_tasks_of_archived_applications_stay_off_today(alice, frozen):
    app = make_application(alice, archived=True)
    add_task(alice, "Old", application=app, due_on=NOW.date())
    assert build(alice).today == []


def test_dashboard_page_renders_stats_chart_and_ghost_button(alice_client, alice, frozen):
    make_application(alice, status="applied", applied_at=NOW - timedelta(days=40))
    content = alice_client.get("/dashboard/").content.decode()
    assert "Funnel" in content and "<svg" in content and "Mark ghosted" in content


def test_bob_sees_none_of_alices_numbers(bob_client, alice):
    make_application(alice, title="Alice Secret")
    content = bob_client.get("/dashboard/").content.decode()
    assert "You have no applications yet." in content and "Alice Secret" not in content


def test_bob_sees_none_of_alices_tasks_or_interviews(bob_client, bob, alice):
    make_application(bob)
    app = make_application(alice, title="Alice Secret")
    add_task(alice, "Alice task", application=app, due_on=timezone.localdate())
    add_manual_event(app, "interview_scheduled", timezone.now() + timedelta(days=1), "Alice call")
    content = bob_client.get("/dashboard/").content.decode()
    assert "Nothing due today" in content
    assert "Alice" not in content


def test_today_rows_link_their_application_and_post_done(alice_client, alice):
    app = make_application(alice, title="SRE", company="Acme")
    task = add_task(alice, "Call <Bob>", application=app, due_on=timezone.localdate())
    content = alice_client.get("/dashboard/").content.decode()
    assert f'hx-post="/tasks/{task.pk}/done/"' in content
    assert f'href="/applications/{app.pk}/">SRE at Acme</a>' in content
    assert "Call &lt;Bob&gt;" in content


def test_dashboard_needs_login(client):
    assert client.get("/dashboard/")["Location"].startswith("/login/")


def test_dashboard_queries_do_not_grow_with_rows(
    alice_client, alice, django_assert_max_num_queries
):
    soon = timezone.now() + timedelta(days=1)
    for _ in range(3):
        make_event(make_application(alice))
    with django_assert_max_num_queries(18) as first:
        alice_client.get("/dashboard/")
    for _ in range(30):
        app = make_application(alice)
        make_event(app, kind="email_received")
        add_task(alice, "Due", application=app, due_on=timezone.localdate())
        add_task(alice, "Soon", application=app, due_on=soon.date())
        add_manual_event(app, "interview_scheduled", soon, "Screen")
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get("/dashboard/")
    assert Event.objects.count() >= 33


def test_imported_history_counts_where_it_happened(alice, frozen):
    """A spreadsheet's rows: answered on days nobody wrote down, applied weeks ago."""
    from applications.intake.service import Entry, take_in_many
    from applications.models import Source

    applied = NOW - timedelta(days=40)
    take_in_many(alice, [
        Entry(source=Source.IMPORT, title="A", company="X", status="interviewing",
              applied_at=applied),
        Entry(source=Source.IMPORT, title="B", company="X", status="rejected",
              applied_at=applied),
        Entry(source=Source.IMPORT, title="C", company="X", status="applied",
              applied_at=applied),
        Entry(source=Source.IMPORT, title="D", company="X", status="saved"),
    ])  # fmt: skip
    board = build(alice)
    assert board.response == {"applied": 3, "responded": 2, "rate": 67, "median_days": None}
    funnel = {row["stage"]: row["count"] for row in board.funnel}
    assert funnel["applied"] == 3  # the rejection got as far as applying
    weeks = {w["start"]: w["count"] for w in board.weeks}
    assert weeks[max(weeks)] == 1  # only the wishlist row was added this week
    assert sum(weeks.values()) == 4
