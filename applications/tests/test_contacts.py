"""Contacts: added on an application, edited and deleted, linked to several applications, and
listed and searched on their own page; always one owner's."""

import pytest

from applications.forms import ContactForm
from applications.models import Contact, ContactKind, Event, EventKind
from applications.services import add_contact, create_contact

from .factories import make_application

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(alice):
    return make_application(alice, title="Platform Engineer", company="Acme Robotics")


@pytest.fixture
def dana(app):
    return add_contact(
        app, name="Dana Scully", kind=ContactKind.RECRUITER, email="dana@acme.example"
    )


def test_anonymous_users_are_sent_to_login(client, dana, app):
    for method, url in [
        ("get", "/contacts/"),
        ("post", "/contacts/new/"),
        ("get", f"/contacts/{dana.pk}/edit/"),
        ("post", f"/contacts/{dana.pk}/edit/"),
        ("post", f"/contacts/{dana.pk}/delete/"),
        ("post", f"/contacts/{dana.pk}/link/"),
        ("post", f"/contacts/{dana.pk}/unlink/"),
        ("post", f"/applications/{app.pk}/contacts/"),
    ]:
        assert getattr(client, method)(url)["Location"].startswith("/login/"), url
    assert Contact.objects.count() == 1


def test_bob_gets_404_for_alices_contacts_and_never_sees_them(bob_client, dana, app):
    for method, url, data in [
        ("get", f"/contacts/{dana.pk}/edit/", {}),
        ("post", f"/contacts/{dana.pk}/edit/", {"name": "Bob's now"}),
        ("post", f"/contacts/{dana.pk}/delete/", {}),
        ("post", f"/contacts/{dana.pk}/unlink/", {"application": app.pk}),
        ("post", f"/applications/{app.pk}/contacts/", {"name": "Intruder"}),
    ]:
        assert getattr(bob_client, method)(url, data).status_code == 404, url
    assert b"Dana Scully" not in bob_client.get("/contacts/", {"q": "dana"}).content
    assert b"Dana Scully" not in bob_client.get("/contacts/").content
    dana.refresh_from_db()
    assert dana.name == "Dana Scully" and list(dana.applications.all()) == [app]


def test_linking_to_another_users_application_or_contact_is_refused(bob, bob_client, dana, app):
    bobs_contact = create_contact(bob, name="Bob's friend")
    bobs_app = make_application(bob)
    # Bob's contact onto Alice's application, from either side.
    assert bob_client.post(
        f"/contacts/{bobs_contact.pk}/link/", {"application": app.pk}
    ).status_code == 404  # fmt: skip
    assert bob_client.post(
        f"/applications/{bobs_app.pk}/contacts/", {"existing": dana.pk}
    ).status_code == 404  # fmt: skip
    assert not bobs_contact.applications.exists()
    assert list(dana.applications.all()) == [app]


def test_adding_from_the_panel_answers_the_panel_with_the_contact(alice_client, app):
    response = alice_client.post(
        f"/applications/{app.pk}/contacts/",
        {"name": "Dana Scully", "kind": "recruiter", "profile_url": "linkedin.com/in/dana"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert '<article id="contacts-panel"' in html and "Dana Scully" in html
    assert 'href="https://linkedin.com/in/dana"' in html
    contact = Contact.objects.get()
    assert (contact.owner, contact.kind) == (app.owner, ContactKind.RECRUITER)
    assert Event.objects.filter(application=app, kind=EventKind.CONTACT_ADDED).exists()


def test_a_refused_contact_keeps_the_form_open_with_the_reason(alice_client, app):
    response = alice_client.post(
        f"/applications/{app.pk}/contacts/",
        {"name": "Mallory", "profile_url": "javascript:alert(1)"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<details class="contact-add" open>' in html
    assert "not “javascript:” links" in html
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("linkedin.com/in/x", "https://linkedin.com/in/x"),
        ("  www.linkedin.com/in/x/  ", "https://www.linkedin.com/in/x/"),
        ("http://example.com/me", "http://example.com/me"),
        ("HTTPS://Example.com/me", "HTTPS://Example.com/me"),
        ("example.com:8080/me", "https://example.com:8080/me"),
        ("//github.com/dana", "https://github.com/dana"),
        ("", ""),
    ],
)
def test_a_profile_link_is_accepted_as_people_type_it(typed, stored):
    form = ContactForm({"name": "Dana", "profile_url": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["profile_url"] == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("javascript:alert(1)", "not “javascript:” links"),
        ("JavaScript://%0aalert(1)", "not “javascript:” links"),
        ("data:text/html,<b>hi</b>", "not “data:” links"),
        ("ftp://example.com/cv", "not “ftp:” links"),
        ("mailto:dana@example.com", "not “mailto:” links"),
        ("not a url at all", "Enter a web address"),
        ("https://example.com/" + "a" * 2000, "at most 2000 characters"),
    ],
)
def test_a_profile_link_that_is_not_a_web_address_is_refused_clearly(typed, message):
    form = ContactForm({"name": "Dana", "profile_url": typed})
    assert not form.is_valid()
    assert message in " ".join(form.errors["profile_url"])


def test_a_name_of_only_spaces_or_nul_is_refused():
    assert not ContactForm({"name": " \x00 "}).is_valid()


def test_editing_saves_and_goes_back_to_the_application(alice_client, dana, app):
    response = alice_client.post(
        f"/contacts/{dana.pk}/edit/",
        {"name": "Dana Scully", "kind": "hiring_manager", "role": "Head of platform",
         "profile_url": "linkedin.com/in/dana", "next": f"/applications/{app.pk}/"},
    )  # fmt: skip
    assert response["Location"] == f"/applications/{app.pk}/"
    dana.refresh_from_db()
    assert (dana.kind, dana.role, dana.profile_url, dana.email) == (
        "hiring_manager", "Head of platform", "https://linkedin.com/in/dana", "",
    )  # fmt: skip


def test_the_edit_page_never_links_back_off_site(alice_client, dana):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        page = alice_client.get(f"/contacts/{dana.pk}/edit/", {"next": target}).content.decode()
        assert "evil.example" not in page, target


def test_deleting_removes_the_contact_from_every_application(alice_client, alice, dana, app):
    other = make_application(alice)
    dana.applications.add(other)
    response = alice_client.post(f"/contacts/{dana.pk}/delete/", follow=True)
    assert b"Deleted Dana Scully." in response.content
    assert not Contact.objects.exists()
    assert other.contacts.count() == 0 and app.contacts.count() == 0


def test_linking_and_unlinking_from_the_contacts_page(alice_client, alice, dana, app):
    other = make_application(alice, company="Globex")
    alice_client.post(f"/contacts/{dana.pk}/link/", {"application": other.pk})
    alice_client.post(f"/contacts/{dana.pk}/link/", {"application": other.pk})  # twice: once
    assert set(dana.applications.all()) == {app, other}
    assert Event.objects.filter(application=other, kind=EventKind.CONTACT_ADDED).count() == 1
    alice_client.post(f"/contacts/{dana.pk}/unlink/", {"application": app.pk})
    assert list(dana.applications.all()) == [other]
    assert Contact.objects.filter(pk=dana.pk).exists()


def test_linking_someone_known_from_the_panel(alice_client, alice, app):
    sam = create_contact(alice, name="Sam Referrer", kind=ContactKind.REFERRER)
    page = alice_client.get(f"/applications/{app.pk}/").content.decode()
    assert f'<option value="{sam.pk}">Sam Referrer</option>' in page
    html = alice_client.post(
        f"/applications/{app.pk}/contacts/", {"existing": sam.pk}, headers=HTMX
    ).content.decode()
    assert "Sam Referrer" in html and "Link someone you know" not in html
    assert list(app.contacts.all()) == [sam]


def test_unlinking_from_the_panel_keeps_the_contact(alice_client, dana, app):
    html = alice_client.post(
        f"/contacts/{dana.pk}/unlink/", {"application": app.pk, "panel": "1"}, headers=HTMX
    ).content.decode()
    assert '<article id="contacts-panel"' in html and "No contacts yet" in html
    assert Contact.objects.filter(pk=dana.pk).exists()


def test_the_contacts_page_lists_people_with_their_companies(alice_client, dana, app):
    page = alice_client.get("/contacts/").content.decode()
    assert "Dana Scully" in page and "Recruiter" in page
    assert (
        f'<a href="/applications/{app.pk}/" title="Platform Engineer at Acme Robotics">Acme Robotics</a>'
        in page
    )


@pytest.mark.parametrize(
    ("q", "found"),
    [("dana", True), ("SCULLY", True), ("acme", True), ("acme.example", True),
     ("platform", True), ("globex", False), ("dana globex", False)],
)  # fmt: skip
def test_searching_by_name_company_or_email(alice_client, dana, q, found):
    page = alice_client.get("/contacts/", {"q": q}).content.decode()
    assert ("Dana Scully" in page) is found


def test_a_contact_linked_to_two_matching_applications_is_listed_once(alice_client, alice, dana):
    dana.applications.add(make_application(alice, company="Acme Robotics EU"))
    response = alice_client.get("/contacts/", {"q": "acme"})
    assert [c.name for c in response.context["contacts"]] == ["Dana Scully"]


def test_a_huge_or_nul_search_is_harmless(alice_client, dana):
    assert alice_client.get("/contacts/", {"q": "\x00" + "x" * 10_000}).status_code == 200


def test_adding_from_the_contacts_page(alice_client, alice):
    alice_client.post("/contacts/new/", {"name": "Riley", "kind": "interviewer"})
    assert Contact.objects.get().owner == alice
    response = alice_client.post("/contacts/new/", {"name": "", "profile_url": "javascript:x"})
    assert response.status_code == 422 and b"Give their name" in response.content


def test_the_contacts_page_queries_do_not_grow_with_contacts(
    alice_client, alice, django_assert_max_num_queries
):
    def grow(n):
        for i in range(n):
            add_contact(make_application(alice), name=f"Person {i}")

    grow(2)
    with django_assert_max_num_queries(12) as first:
        alice_client.get("/contacts/")
    grow(15)
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get("/contacts/")
