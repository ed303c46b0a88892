import pytest
from django.core.management import call_command

from applications.dashboard import build
from applications.models import Application, Event

pytestmark = pytest.mark.django_db


def test_demo_builds_a_living_dashboard_and_running_it_twice_does_not_double(
    django_user_model, capsys
):
    call_command("demo", "--password", "demo-pass-123")
    call_command("demo")
    demo = django_user_model.objects.get(username="demo")
    apps = Application.objects.filter(owner=demo)
    assert apps.count() == 36
    assert "has 36 applications" in capsys.readouterr().out
    assert len(set(apps.values_list("status", flat=True))) >= 7
    assert Event.objects.filter(application__owner=demo, kind="status_changed").exists()
    board = build(demo)
    assert board.response["applied"] > 10 and board.response["rate"] is not None
    assert sum(w["count"] for w in board.weeks) == 36
    assert demo.check_password("demo-pass-123")


def test_demo_page_renders(client, django_user_model):
    call_command("demo", "--password", "demo-pass-123")
    client.login(username="demo", password="demo-pass-123")
    for url in ("/dashboard/", "/pipeline/", "/applications/", "/jobs/"):
        assert client.get(url).status_code == 200
