import io
import json
import zipfile

import pytest

from applications.models import Application

pytestmark = pytest.mark.django_db


def test_the_bookmarklet_page_is_prefilled_and_saves_once(alice_client, alice):
    page = alice_client.get(
        "/capture/",
        {"url": "https://jobs.example.com/1?utm_source=x", "title": "Data Engineer | Acme"},
    )
    assert b"Data Engineer | Acme" in page.content
    data = {
        "url": "https://jobs.example.com/1?utm_source=x",
        "title": "Data Engineer",
        "status": "saved",
    }
    first = alice_client.post("/capture/", data)
    app = Application.objects.get(owner=alice)
    assert (
        first["Location"] == f"/applications/{app.pk}/" and app.url == "https://jobs.example.com/1"
    )
    second = alice_client.post("/capture/", data, follow=True)
    assert b"Already tracked" in second.content and Application.objects.count() == 1


def test_the_capture_page_refuses_non_web_urls(alice_client):
    response = alice_client.post("/capture/", {"url": "javascript:alert(1)", "status": "saved"})
    assert response.status_code == 200 and not Application.objects.exists()


def test_the_capture_page_needs_a_login(client):
    assert client.get("/capture/?url=https://e.com")["Location"].startswith("/login/")


def test_settings_offers_the_extension_and_a_bookmarklet(alice_client):
    content = alice_client.get("/settings/").content.decode()
    assert "/extension.zip" in content and "javascript:" in content and "/capture/?url=" in content


def test_the_extension_download_is_a_complete_mv3_extension(alice_client):
    response = alice_client.get("/extension.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {
        "jobtracker-extension/manifest.json",
        "jobtracker-extension/popup.html",
        "jobtracker-extension/sw.js",
    } <= names
    manifest = json.loads(archive.read("jobtracker-extension/manifest.json"))
    assert manifest["manifest_version"] == 3 and manifest["background"]["service_worker"] == "sw.js"
