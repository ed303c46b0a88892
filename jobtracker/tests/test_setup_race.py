"""First-run setup under concurrent requests: exactly one administrator, whatever the timing."""

import contextlib
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from jobtracker import services

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 4


def _form(n: int) -> dict:
    return {
        "username": f"admin{n}",
        "email": f"admin{n}@example.com",
        "password1": "a-long-and-unusual-pass",
        "password2": "a-long-and-unusual-pass",
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share one in-memory SQLite database"
)
def test_concurrent_first_run_posts_make_exactly_one_administrator(monkeypatch):
    # Widen the window between "is there an account?" and the insert, where the race lives.
    check = services.needs_first_run
    gate = threading.Barrier(RACERS, timeout=10)

    def slow_check() -> bool:
        answer = check()
        # Serialised by a lock, the others wait behind this one: the barrier breaks, go on.
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait(timeout=2)  # every racer has looked before any inserts
        return answer

    monkeypatch.setattr(services, "needs_first_run", slow_check)
    statuses: list[int] = []

    def race(n: int) -> None:
        try:
            statuses.append(Client().post("/setup/", _form(n)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert len(statuses) == RACERS and set(statuses) == {302}
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert get_user_model().objects.count() == 1


def test_setup_after_an_account_exists_is_closed_in_the_service(django_user_model):
    django_user_model.objects.create_user("alice", "alice@example.com", "alice-pass-123")
    with pytest.raises(services.SetupClosed):
        services.create_first_user("admin", "admin@example.com", "a-long-and-unusual-pass")


def test_setup_still_opens_beside_the_demo_account(django_user_model):
    django_user_model.objects.create_user("demo", "demo@demo.invalid", "demo-pass-123")
    user = services.create_first_user("admin", "admin@example.com", "a-long-and-unusual-pass")
    assert user.is_superuser
