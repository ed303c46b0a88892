import pytest

from applications.models import Application
from boards import scanning
from boards.models import Job
from boards.sources import Listing
from boards.tests.factories import make_board, posting

pytestmark = pytest.mark.django_db


def test_scanned_jobs_the_user_already_tracks_are_flagged(alice, bob, monkeypatch):
    Application.objects.create(owner=alice, company="Acme GmbH", title="Engineer 2 (m/w/d)")
    Application.objects.create(owner=alice, url="https://boards.greenhouse.io/acme/jobs/3")
    Application.objects.create(owner=bob, company="Acme", title="Engineer 1")

    class Fake:
        def list_postings(self, board):
            return Listing([posting(1), posting(2), posting(3)])

    monkeypatch.setattr(scanning, "get_source", lambda kind: Fake())
    scanning.scan(make_board(alice))
    flagged = set(Job.objects.filter(already_applied=True).values_list("external_id", flat=True))
    assert flagged == {"2", "3"}  # bob's application says nothing about alice's jobs
