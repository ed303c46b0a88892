"""What mail adds to the pages of applications (which sits below mail, so mail registers it):
the failing-mailboxes fragment on the dashboard and the link from a timeline event to its
email."""

import pytest

from applications.models import EventKind
from applications.tests.factories import make_event

from .factories import make_app, make_email

pytestmark = pytest.mark.django_db


def test_dashboard_loads_the_mailbox_health_fragment(alice_client, alice):
    content = alice_client.get("/dashboard/").content.decode()
    assert 'hx-get="/mailboxes/health/"' in content


def test_timeline_links_an_email_event_to_its_email(alice_client, alice):
    app = make_app(alice)
    email = make_email(alice)
    make_event(app, kind=EventKind.EMAIL_RECEIVED, email_id=email.pk)
    content = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert f'href="/emails/{email.pk}/"' in content and "Read the email" in content


def test_timeline_event_without_an_email_has_no_email_link(alice_client, alice):
    app = make_app(alice)
    make_event(app, kind=EventKind.NOTE_ADDED)
    content = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert "Read the email" not in content
