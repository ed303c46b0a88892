"""The Notes panel: dated notes added with htmx, and the application's summary (its free-text
notes field) edited in place."""

import pytest

from applications.models import Event, EventKind

from .factories import make_application

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(alice):
    return make_application(alice)


def test_anonymous_users_are_sent_to_login(client, app):
    for url in (f"/applications/{app.pk}/notes/", f"/applications/{app.pk}/summary/"):
        assert client.post(url, {"text": "x", "notes": "x"})["Location"].startswith("/login/")


def test_bob_gets_404_and_writes_nothing(bob_client, app):
    for url in (f"/applications/{app.pk}/notes/", f"/applications/{app.pk}/summary/"):
        assert bob_client.post(url, {"text": "x", "notes": "x"}, headers=HTMX).status_code == 404
    app.refresh_from_db()
    assert app.notes == "" and not Event.objects.exists()


def test_an_added_note_is_in_the_panel_at_once_with_its_date(alice_client, app):
    html = alice_client.post(
        f"/applications/{app.pk}/notes/", {"text": "Dana says they ship weekly."}, headers=HTMX
    ).content.decode()
    assert '<article id="notes-panel"' in html
    assert "Dana says they ship weekly." in html
    event = Event.objects.get(kind=EventKind.NOTE_ADDED)
    assert f'datetime="{event.occurred_at.isoformat()}"' in html
    assert "No notes" not in html
    assert 'hx-swap-oob="true"' in html  # the timeline shows it too


def test_a_long_note_is_kept_whole_in_the_panel(alice_client, app):
    text = "word " * 400
    html = alice_client.post(
        f"/applications/{app.pk}/notes/", {"text": text}, headers=HTMX
    ).content.decode()
    assert text.strip() in html


@pytest.mark.parametrize("text", ["", "   ", "\x00", "x" * 5001])
def test_an_empty_or_huge_note_is_refused_with_a_message(alice_client, app, text):
    response = alice_client.post(f"/applications/{app.pk}/notes/", {"text": text}, headers=HTMX)
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not Event.objects.exists()


def test_a_plain_post_adds_the_note_and_comes_back(alice_client, app):
    response = alice_client.post(f"/applications/{app.pk}/notes/", {"text": "Called"}, follow=True)
    assert b"Note added." in response.content and b"Called" in response.content


def test_the_summary_is_edited_in_the_panel_and_remembered_as_a_persons(alice_client, app):
    html = alice_client.post(
        f"/applications/{app.pk}/summary/", {"notes": "Referral from Sam.\nRemote ok."},
        headers=HTMX,
    ).content.decode()  # fmt: skip
    assert "Referral from Sam.<br>Remote ok." in html
    assert "Edit the summary" in html
    assert "No notes" not in html
    app.refresh_from_db()
    assert app.notes == "Referral from Sam.\nRemote ok." and "notes" in app.user_edited_fields


def test_the_page_says_no_notes_only_when_there_are_none(alice_client, app):
    assert b"No notes yet" in alice_client.get(f"/applications/{app.pk}/").content
    app.notes = "Imported from a CSV"
    app.save()
    content = alice_client.get(f"/applications/{app.pk}/").content
    assert b"No notes" not in content and b"Imported from a CSV" in content
