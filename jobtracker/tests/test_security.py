"""Web security: headers, CSP, lockout, password reset, production settings."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail

pytestmark = pytest.mark.django_db


def test_pages_send_csp_and_framing_headers(alice_client):
    response = alice_client.get("/settings/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_our_pages_need_no_inline_script(alice_client, client):
    # Every <script> on our own pages loads from a file, so CSP can forbid inline script.
    pages = [alice_client.get(p) for p in ("/dashboard/", "/settings/", "/boards/", "/jobs/")]
    pages.append(client.get("/login/"))
    for response in pages:
        for tag in re.findall(rb"<script\b[^>]*>", response.content):
            assert b"src=" in tag, tag


def test_five_wrong_passwords_lock_the_account_from_that_address(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/login/", {"username": "alice", "password": "alice-pass-123"})
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    assert (
        client.post("/login/", {"username": "alice", "password": "alice-pass-123"}).status_code
        == 302
    )
    client.post("/logout/")
    client.post("/login/", {"username": "alice", "password": "wrong"})
    assert (
        client.post("/login/", {"username": "alice", "password": "alice-pass-123"}).status_code
        == 302
    )


def test_password_reset_by_email_sets_a_new_password(client, alice):
    response = client.post("/password/reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/password/reset/sent/"
    [message] = mail.outbox
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    response = client.post(
        form_url, {"new_password1": "fresh-secret-2026", "new_password2": "fresh-secret-2026"}
    )
    assert response["Location"] == "/password/reset/done/"
    assert client.login(username="alice", password="fresh-secret-2026")


def test_password_reset_for_an_unknown_address_reveals_nothing(client, alice):
    response = client.post("/password/reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/password/reset/sent/"
    assert mail.outbox == []


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    from cryptography.fernet import Fernet

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "Q_", "HTTP_"))},
        "DJANGO_SETTINGS_MODULE": "jobtracker.settings",
        "SECRET_KEY": "x" * 20 + "production-grade-secret-key-with-enough-entropy-2026",
        "ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DATA_DIR": str(tmp_path),
        "DEBUG": "false",
        "SECURE_COOKIES": "true",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "ALLOWED_HOSTS": "jobs.example.com",
        "EMAIL_URL": "smtp+tls://jobs:secret@smtp.example.com:587",  # console mail warns
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_posted_next_urls_never_leave_the_site(alice_client, alice, target):
    from applications.models import Application

    app = Application.objects.create(owner=alice, title="x", status="applied")
    response = alice_client.post(
        f"/applications/{app.pk}/status/", {"status": "offer", "next": target}
    )
    assert response["Location"] == "/pipeline/"
    response = alice_client.post(
        f"/applications/{app.pk}/status/", {"status": "offer", "next": "/dashboard/"}
    )
    assert response["Location"] == "/dashboard/"


# --- Mail, proxies ------------------------------------------------------------------------------
def test_console_mail_in_production_is_a_warning(settings):
    from jobtracker import checks

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.DEBUG = False
    assert [w.id for w in checks.mail_configured(None)] == ["jobtracker.W004"]
    settings.DEBUG = True
    assert checks.mail_configured(None) == []
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert checks.mail_configured(None) == []


def _lock_out(client, address, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/login/",
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR=address,
            headers=headers,
        )


def _signs_in(address, forwarded=None) -> bool:
    from django.test import Client

    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    response = Client().post(
        "/login/",
        {"username": "alice", "password": "alice-pass-123"},
        REMOTE_ADDR=address,
        headers=headers,
    )
    return response.status_code == 302


def test_behind_one_trusted_proxy_the_lockout_is_per_client_address(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    _lock_out(client, proxy, forwarded="203.0.113.9")  # an attacker, through the proxy
    assert _signs_in(proxy, forwarded="198.51.100.7")  # alice, through the same proxy
    assert not _signs_in(proxy, forwarded="203.0.113.9")


def test_a_forged_forwarded_for_does_not_escape_the_lockout(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    _lock_out(client, proxy, forwarded="203.0.113.9")
    # The attacker prepends a made-up address; the proxy appends the real one on the right.
    assert not _signs_in(proxy, forwarded="198.51.100.7, 203.0.113.9")


def test_by_default_forwarded_for_is_not_trusted(client, alice, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    _lock_out(client, "203.0.113.9", forwarded="198.51.100.7")
    # The header names another address, but only the connection's address counts.
    assert not _signs_in("203.0.113.9", forwarded="192.0.2.1")
    assert _signs_in("198.51.100.7")


def test_client_ip_falls_back_to_the_connection_when_the_header_is_short_or_junk(settings):
    from django.test import RequestFactory

    from jobtracker.proxies import client_ip

    settings.TRUSTED_PROXY_COUNT = 2
    factory = RequestFactory()
    short = factory.get("/", REMOTE_ADDR="10.0.0.5", headers={"X-Forwarded-For": "1.2.3.4"})
    assert client_ip(short) == "10.0.0.5"
    junk = factory.get("/", REMOTE_ADDR="10.0.0.5", headers={"X-Forwarded-For": "x, nope"})
    assert client_ip(junk) == "10.0.0.5"
    two = factory.get(
        "/", REMOTE_ADDR="10.0.0.5", headers={"X-Forwarded-For": "9.9.9.9, 1.2.3.4, 10.0.0.4"}
    )
    assert client_ip(two) == "1.2.3.4"
