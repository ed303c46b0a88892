import pytest
from django.core.management import call_command

from jobtracker import checks
from jobtracker.schedules import MANAGED_PREFIX, ScheduleSpec


def test_sqlite_with_two_workers_warns(settings):
    settings.IS_SQLITE = True
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "workers": 2}
    assert [w.id for w in checks.sqlite_with_many_workers(None)] == ["jobtracker.W001"]
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "workers": 1}
    assert checks.sqlite_with_many_workers(None) == []


def test_missing_or_invalid_encryption_key_is_reported(settings):
    settings.ENCRYPTION_KEY = ""
    assert [w.id for w in checks.encryption_key(None)] == ["jobtracker.W002"]
    settings.ENCRYPTION_KEY = "not-a-key"
    assert [e.id for e in checks.encryption_key(None)] == ["jobtracker.E001"]


def test_valid_encryption_key_passes(settings):
    from cryptography.fernet import Fernet

    settings.ENCRYPTION_KEY = Fernet.generate_key().decode()
    assert checks.encryption_key(None) == []


def test_retry_not_above_timeout_is_an_error(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 300, "retry": 300}
    assert [e.id for e in checks.queue_retry_exceeds_timeout(None)] == ["jobtracker.E002"]


def test_shipped_queue_settings_are_safe(settings):
    q = settings.Q_CLUSTER
    assert q["retry"] > q["timeout"] and q["max_attempts"] >= 1
    assert q["ack_failures"] is True and q["catch_up"] is False


@pytest.mark.django_db
def test_setup_schedules_is_idempotent_and_removes_stale_ones(monkeypatch):
    from django_q.models import Schedule

    specs = [ScheduleSpec("demo", "jobtracker.tests.test_checks_and_schedules.noop", "I", 5)]
    monkeypatch.setattr("jobtracker.schedules.declared_schedules", lambda: specs)
    Schedule.objects.create(name=MANAGED_PREFIX + "gone", func="x.y", schedule_type="I", minutes=1)
    Schedule.objects.create(name="someone-elses", func="x.y", schedule_type="I", minutes=1)
    call_command("setup_schedules")
    call_command("setup_schedules")
    names = set(Schedule.objects.values_list("name", flat=True))
    assert names == {MANAGED_PREFIX + "demo", "someone-elses"}
    assert Schedule.objects.get(name=MANAGED_PREFIX + "demo").minutes == 5


def noop():
    return None
