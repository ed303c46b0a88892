from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Event, Status
from applications.services import add_manual_event, change_status, is_forward, record_event

from .factories import make_application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("current", "new", "forward"),
    [
        ("saved", "applied", True),
        ("applied", "interviewing", True),
        ("interviewing", "screening", False),
        ("offer", "rejected", True),
        ("rejected", "interviewing", False),
        ("ghosted", "applied", False),
        ("rejected", "withdrawn", False),
    ],
)
def test_forward_order_of_the_pipeline(current, new, forward):
    assert is_forward(current, new) is forward


def test_automation_moves_forward_and_records_the_cause(alice):
    app = make_application(alice, status="applied")
    assert change_status(app, "interviewing", by_user=False, cause="interview email").changed
    event = Event.objects.get(application=app, kind="status_changed")
    assert event.actor == "system" and "interview email" in event.text
    assert event.payload == {"from": "applied", "to": "interviewing", "cause": "interview email"}


def test_automation_never_moves_backwards_or_to_accepted(alice):
    app = make_application(alice, status="interviewing")
    assert not change_status(app, "applied", by_user=False).changed
    assert not change_status(app, "accepted", by_user=False).changed
    app.refresh_from_db()
    assert app.status == "interviewing"


def test_automation_never_overrides_a_later_manual_status(alice):
    app = make_application(alice, status="applied")
    change_status(app, "withdrawn", by_user=True)
    email_sent = timezone.now() - timedelta(days=1)
    app.status = "applied"  # even if it were forward, the person decided after the evidence
    app.save()
    result = change_status(app, "rejected", by_user=False, evidence_at=email_sent)
    assert not result.changed and "person" in result.reason


def test_people_may_move_anything_anywhere(alice):
    app = make_application(alice, status="rejected")
    assert change_status(app, "screening", by_user=True).changed
    assert change_status(app, "accepted", by_user=True).changed
    app.refresh_from_db()
    assert app.status == "accepted" and app.status_set_manually_at is not None


def test_moving_to_applied_stamps_the_applied_date_once(alice):
    app = make_application(alice, status="saved", applied_at=None)
    change_status(app, "applied", by_user=True)
    first = app.applied_at
    assert first is not None
    change_status(app, "saved", by_user=True)
    change_status(app, "applied", by_user=True)
    assert app.applied_at == first


def test_unknown_status_is_refused(alice):
    with pytest.raises(ValueError):
        change_status(make_application(alice), "hired", by_user=True)
    assert Status.values  # the known ones


def test_record_event_never_raises_into_its_caller(alice, caplog):
    app = make_application(alice)
    assert record_event(app, "note_added", "ok") is not None
    unsaved = type(app)(owner=alice)
    assert record_event(unsaved, "note_added", "lost") is None
    assert record_event(app, "note_added", payload={"bad": object()}) is None
    assert "event not recorded" in caplog.text
    assert Event.objects.filter(application=app).count() == 1


@pytest.mark.parametrize(
    ("status", "kind", "moved_to"),
    [
        ("saved", "interview_scheduled", "interviewing"),
        ("applied", "assessment_received", "assessment"),
        ("interviewing", "offer_received", "offer"),
        ("screening", "rejection_received", "rejected"),
        ("offer", "interview_scheduled", "offer"),  # never backwards
        ("rejected", "offer_received", "rejected"),  # an ended one is not revived
        ("applied", "note_added", "applied"),  # a note says nothing about the stage
    ],
)
def test_a_persons_own_timeline_entry_moves_the_card_forward_only(alice, status, kind, moved_to):
    app = make_application(alice, status=status)
    add_manual_event(app, kind, timezone.now() + timedelta(days=2), "Round one")
    app.refresh_from_db()
    assert app.status == moved_to
