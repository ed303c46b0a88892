import io
import json
import struct
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from applications.models import Application

pytestmark = pytest.mark.django_db
EXTENSION = Path(settings.BASE_DIR) / "extension"


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
    assert "/extension.zip" in content
    assert 'href="javascript:' in content and "/capture/?" in content


def test_the_bookmarklet_has_no_percent_sign_a_browser_would_decode(alice_client):
    content = alice_client.get("/settings/").content.decode()
    code = content.split('class="bookmarklet" href="javascript:', 1)[1].split('"', 1)[0]
    assert "%" not in code and "hiringOrganization" in code and "og:site_name" in code


def test_the_capture_page_prefills_the_company_the_bookmarklet_read(alice_client):
    page = alice_client.get(
        "/capture/", {"url": "https://jobs.example.com/7", "title": "SRE", "company": " Acme  Co "}
    ).content.decode()
    assert 'value="Acme Co"' in page and "did not say who is hiring" not in page


def test_the_capture_page_asks_for_the_company_when_the_page_named_none(alice_client):
    page = alice_client.get("/capture/", {"url": "https://jobs.example.com/7"}).content.decode()
    assert "did not say who is hiring" in page


def test_a_bookmarklet_capture_is_recorded_as_bookmarklet_with_its_company(alice_client, alice):
    alice_client.post(
        "/capture/",
        {"url": "https://jobs.example.com/9", "title": "SRE", "company": "Acme", "status": "saved"},
    )
    app = Application.objects.get(owner=alice)
    assert (app.source, app.company) == ("bookmarklet", "Acme")


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
    icons = {*manifest["icons"].values(), *manifest["action"]["default_icon"].values()}
    assert {f"jobtracker-extension/{icon}" for icon in icons} <= names
    assert not any(name.endswith(".py") for name in names)


@pytest.mark.parametrize("size", [16, 32, 48, 128])
def test_the_extension_icons_are_pngs_of_their_size(size):
    manifest = json.loads((EXTENSION / "manifest.json").read_text())
    data = (EXTENSION / manifest["icons"][str(size)]).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)  # IHDR width, height
