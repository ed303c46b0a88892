import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

FIRST = {
    "username": "admin",
    "email": "admin@example.com",
    "password1": "a-long-and-unusual-pass",
    "password2": "a-long-and-unusual-pass",
}


def test_fresh_install_sends_visitors_to_first_run_setup(client):
    assert client.get("/")["Location"] == "/setup/"
    assert client.get("/login/")["Location"] == "/setup/"


def test_first_run_creates_an_admin_and_lands_on_the_dashboard(client):
    response = client.post("/setup/", FIRST, follow=True)
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert b"Dashboard" in response.content
    user = get_user_model().objects.get()
    assert user.username == "admin" and user.is_superuser and user.is_staff


def test_first_run_rejects_mismatched_passwords_and_creates_nothing(client):
    response = client.post("/setup/", {**FIRST, "password2": "something-else-entirely"})
    assert response.status_code == 200
    assert b"didn" in response.content  # "The two password fields didn't match."
    assert not get_user_model().objects.exists()


def test_setup_is_closed_once_an_account_exists(client, alice):
    assert client.get("/setup/")["Location"] == "/login/"
    client.post("/setup/", {**FIRST, "username": "intruder"})
    assert not get_user_model().objects.filter(username="intruder").exists()


def test_signup_is_closed_by_default(client, alice):
    assert client.get("/signup/").status_code == 404
    client.post("/signup/", {**FIRST, "username": "stranger"})
    assert not get_user_model().objects.filter(username="stranger").exists()


def test_signup_opens_with_allow_signup(client, alice, settings):
    settings.ALLOW_SIGNUP = True
    response = client.post("/signup/", {**FIRST, "username": "carol"})
    assert response["Location"] == "/dashboard/"
    assert not get_user_model().objects.get(username="carol").is_staff


def test_login_and_logout(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "alice-pass-123"})
    assert response["Location"] == "/"
    assert client.get("/dashboard/").status_code == 200
    client.post("/logout/")
    assert client.get("/dashboard/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert b"correct username and password" in response.content


def test_password_change_signs_out_other_sessions(alice):
    from django.test import Client

    here, elsewhere = Client(), Client()
    here.login(username="alice", password="alice-pass-123")
    elsewhere.login(username="alice", password="alice-pass-123")
    response = here.post(
        "/password/",
        {
            "old_password": "alice-pass-123",
            "new_password1": "brand-new-secret-42",
            "new_password2": "brand-new-secret-42",
        },
    )
    assert response["Location"] == "/password/done/"
    assert here.get("/settings/").status_code == 200
    assert elsewhere.get("/settings/").status_code == 302


def test_every_section_shows_an_honest_empty_state(alice_client):
    for path, words in [
        ("/dashboard/", b"no applications yet"),
        ("/jobs/", b"No jobs yet"),
        ("/pipeline/", b"Nothing in the pipeline"),
        ("/inbox/", b"No email connected"),
        ("/boards/", b"No boards yet"),
        ("/profile/", b"No profile yet"),
    ]:
        response = alice_client.get(path)
        assert response.status_code == 200, path
        assert words in response.content, path


def test_the_demo_account_does_not_close_first_run_setup(client, django_user_model):
    django_user_model.objects.create_user("demo", "demo@demo.invalid", "demo-pass-123")
    assert client.get("/")["Location"] == "/setup/"
    login_page = client.get("/login/")
    assert login_page.status_code == 200
    assert b"Create your own account" in login_page.content
    response = client.post("/setup/", FIRST, follow=True)
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert django_user_model.objects.get(username=FIRST["username"]).is_superuser


def test_the_demo_account_can_sign_in_before_any_real_account_exists(client, django_user_model):
    django_user_model.objects.create_user("demo", "demo@demo.invalid", "demo-pass-123")
    response = client.post(
        "/login/", {"username": "demo", "password": "demo-pass-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"


# --- Password reset needs real mail ---------------------------------------------------------
CONSOLE = "django.core.mail.backends.console.EmailBackend"
RESET_LINK = re.compile(r"/password/reset/[\w-]+/[\w-]+/")


@pytest.mark.parametrize("backend", [CONSOLE, "django.core.mail.backends.dummy.EmailBackend"])
def test_password_reset_without_real_mail_is_refused_and_prints_no_link(
    client, alice, settings, capsys, caplog, backend
):
    settings.EMAIL_BACKEND = backend
    settings.DEBUG = False
    page = client.get("/password/reset/")
    assert b"no mail set up" in page.content
    assert b"manage.py changepassword" in page.content
    assert b'name="email"' not in page.content
    response = client.post("/password/reset/", {"email": "alice@example.com"})
    assert response.status_code == 200
    assert b"no mail set up" in response.content
    assert not RESET_LINK.search(capsys.readouterr().out)
    assert not RESET_LINK.search(caplog.text)


def test_password_reset_with_console_mail_works_while_debugging(client, alice, settings, capsys):
    # A developer's machine: the link in the terminal is how they test the flow.
    settings.EMAIL_BACKEND = CONSOLE
    settings.DEBUG = True
    response = client.post("/password/reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/password/reset/sent/"
    assert RESET_LINK.search(capsys.readouterr().out)


def test_password_reset_with_real_mail_sends_the_link(client, alice, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.DEBUG = False
    sent = []
    # No SMTP server here: record what would be sent instead of connecting.
    monkeypatch.setattr(
        "django.core.mail.backends.smtp.EmailBackend.send_messages",
        lambda self, messages: sent.extend(messages) or len(messages),
    )
    response = client.post("/password/reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/password/reset/sent/"
    assert len(sent) == 1
