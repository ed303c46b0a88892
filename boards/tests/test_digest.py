from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from boards import tasks
from boards.models import DigestSubscription

from .factories import make_job

pytestmark = pytest.mark.django_db


def test_subscribers_get_new_jobs_once(alice_client, alice):
    alice_client.post("/boards/digest/", {"enabled": "1"})
    assert DigestSubscription.objects.get(owner=alice).enabled
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        make_job(alice, title="Fresh Role", first_seen_at=timezone.now())
        make_job(alice, title="Hidden Role", hidden=True, first_seen_at=timezone.now())
        assert tasks.send_digests() == 1
    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "Fresh Role" in message.body and "Hidden Role" not in message.body
    assert "1 new job" in message.subject
    assert 'href="http' in message.alternatives[0][0]
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert tasks.send_digests() == 0  # nothing new since
    assert len(mail.outbox) == 1


def test_no_email_without_a_subscription_or_without_news(alice):
    make_job(alice)
    assert tasks.send_digests() == 0
    DigestSubscription.objects.create(owner=alice)
    assert tasks.send_digests() == 0
    assert mail.outbox == []


def test_turning_it_off(alice_client, alice):
    alice_client.post("/boards/digest/", {"enabled": "1"})
    alice_client.post("/boards/digest/", {"enabled": "0"})
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        make_job(alice, first_seen_at=timezone.now())
        assert tasks.send_digests() == 0


def test_an_account_without_email_is_told_to_add_one(client, django_user_model):
    user = django_user_model.objects.create_user("noemail", password="x-long-pass-1")
    client.force_login(user)
    response = client.post("/boards/digest/", {"enabled": "1"}, follow=True)
    assert b"Add an email address" in response.content
    assert not DigestSubscription.objects.exists()


def test_bobs_digest_never_lists_alices_jobs(alice, bob):
    DigestSubscription.objects.create(owner=bob)
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        make_job(alice, title="Alice Only", first_seen_at=timezone.now())
        assert tasks.send_digests() == 0
