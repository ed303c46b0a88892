"""Adding a board: the quick add from a pasted URL, names guessed from what the URL and the
page say, one board per kind and token (or page) for each user, and times said plainly."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from boards import scanning, services
from boards.models import Board
from boards.sources import Listing
from boards.sources.careers_page import CareersPage
from jobtracker.templatetags import when

from .factories import make_board, make_job, posting

pytestmark = pytest.mark.django_db

JSONLD_PAGE = """<html><head><title>Careers | Globex</title>
<meta property="og:site_name" content="Globex Corporation">
<script type="application/ld+json">{"@type": "JobPosting", "title": "SRE",
 "hiringOrganization": {"name": "Globex"}}</script></head><body></body></html>"""


@pytest.fixture(autouse=True)
def source(monkeypatch):
    """Scans (run inline after an add) read two canned postings."""

    class Fake:
        def list_postings(self, board):
            return Listing([posting(1), posting(2)])

    monkeypatch.setattr(scanning, "get_source", lambda kind: Fake())


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Careers at Acme", "Acme"),
        ("Jobs | Acme", "Acme"),
        ("Acme - Careers", "Acme"),
        ("Acme Careers", "Acme"),
        ("Careers", ""),
        ("Jobs – Open positions", ""),
        ("", ""),
    ],
)
def test_a_page_title_names_the_company_not_the_page(title, name):
    assert services.name_from_title(title) == name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://careers.acme.com/jobs", "Acme"),
        ("https://www.acme-robotics.io/", "Acme Robotics"),
        ("https://jobs.acme.co.uk/", "Acme"),
        ("https://x.ibm.com/careers", "Ibm"),
        ("http://127.0.0.1:8000/careers", ""),
        ("http://[::1]:8000/", ""),
        ("http://localhost:8000/", ""),
        ("https://careers.com/", ""),
    ],
)
def test_a_host_names_the_company_never_an_ip_or_a_generic_word(url, name):
    assert services.name_from_host(url) == name


def test_a_name_comes_from_the_token_then_the_page_then_the_host():
    page = CareersPage(url="", site_name="Globex Corporation", title="Careers | Globex")
    assert services.guess_name(token="acme-robotics") == "Acme Robotics"
    assert services.guess_name(token="acme/External") == "Acme"
    assert services.guess_name(url="http://127.0.0.1:9/", page=page) == "Globex Corporation"
    page.site_name = "Careers"
    assert services.guess_name(url="http://127.0.0.1:9/", page=page) == "Globex"
    assert services.guess_name(url="http://127.0.0.1:9/careers") == services.FALLBACK_NAME


def test_the_full_form_guesses_no_ip_for_a_name(alice_client, alice):
    alice_client.post(
        "/boards/new/", {"url": "http://127.0.0.1:8000/careers", "kind": "jsonld", "config": ""}
    )
    assert Board.objects.get(owner=alice).name == services.FALLBACK_NAME


# --- duplicates ----------------------------------------------------------------------------------


def test_the_same_kind_and_token_is_the_same_board(alice, bob):
    board = make_board(alice, kind="greenhouse", token="acme")
    assert services.find_duplicate(alice, kind="greenhouse", token="ACME") == board
    assert services.find_duplicate(alice, kind="lever", token="acme") is None
    assert services.find_duplicate(bob, kind="greenhouse", token="acme") is None
    assert (
        services.find_duplicate(alice, kind="greenhouse", token="acme", exclude_pk=board.pk) is None
    )


def test_the_same_page_is_the_same_board_whatever_the_scheme_www_or_slash(alice):
    board = make_board(alice, kind="jsonld", token="", url="https://www.acme.com/careers/")
    for url in ("http://acme.com/careers", "https://ACME.com/careers#open", "acme.com/careers"):
        assert services.find_duplicate(alice, url=url) == board, url
    assert services.find_duplicate(alice, url="https://acme.com/careers?team=eng") is None


def test_create_board_refuses_a_duplicate_but_another_user_may_have_it(alice, bob):
    services.create_board(alice, name="Acme", kind="lever", token="acme")
    with pytest.raises(services.DuplicateBoard) as refused:
        services.create_board(alice, name="Acme again", kind="lever", token="acme")
    assert refused.value.board.name == "Acme"
    services.create_board(bob, name="Acme", kind="lever", token="acme")
    assert Board.objects.count() == 2


def test_the_full_form_links_to_the_board_it_duplicates(alice_client, alice):
    board = make_board(alice, kind="lever", token="acme", name="Acme Lever")
    response = alice_client.post(
        "/boards/new/", {"url": "https://jobs.lever.co/acme", "config": "{}"}
    )
    content = response.content.decode()
    assert "You already have this board" in content
    assert f'href="/boards/{board.pk}/"' in content
    assert Board.objects.count() == 1


def test_editing_a_board_is_no_duplicate_of_itself(alice_client, alice):
    board = make_board(alice, kind="lever", token="acme")
    response = alice_client.post(
        f"/boards/{board.pk}/edit/",
        {"name": "Renamed", "kind": "lever", "token": "acme", "config": "{}"},
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.name == "Renamed" and board.scan_interval_minutes == 360


# --- quick add -----------------------------------------------------------------------------------


def test_quick_add_needs_a_login(client):
    assert client.post("/boards/add/", {"url": "https://jobs.lever.co/acme"})[
        "Location"
    ].startswith("/login/")
    assert not Board.objects.exists()


def test_quick_add_of_an_ats_url_makes_the_board_with_defaults_and_scans_it(alice_client, alice):
    response = alice_client.post("/boards/add/", {"url": "jobs.lever.co/acme-robotics"})
    board = Board.objects.get(owner=alice)
    assert response["Location"] == f"/boards/{board.pk}/"
    assert (board.kind, board.token, board.name) == ("lever", "acme-robotics", "Acme Robotics")
    assert (board.scan_interval_minutes, board.config, board.url) == (
        360,
        {},
        "https://jobs.lever.co/acme-robotics",
    )
    assert board.runs.count() == 1 and board.jobs.count() == 2


def test_quick_add_of_a_jsonld_page_is_named_from_the_page(alice_client, alice, http_server):
    http_server.route("/careers", body=JSONLD_PAGE)
    alice_client.post("/boards/add/", {"url": f"{http_server.url}/careers"})
    board = Board.objects.get(owner=alice)
    assert (board.kind, board.name) == ("jsonld", "Globex Corporation")


def test_quick_add_of_a_page_embedding_an_ats_board_adds_that_board(
    alice_client, alice, http_server
):
    http_server.route(
        "/jobs",
        body='<html><title>Jobs at Initech</title><iframe src="https://boards.greenhouse.io/'
        'embed/job_board?for=initech"></iframe></html>',
    )
    alice_client.post("/boards/add/", {"url": f"{http_server.url}/jobs"})
    board = Board.objects.get(owner=alice)
    assert (board.kind, board.token, board.name) == ("greenhouse", "initech", "Initech")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "That is not a web address"),
        ("ftp://example.com/jobs", "That is not a web address"),
        ("", "Paste a careers page URL first"),
        ("https://boards.greenhouse.io/", "does not say which company"),
        ("https://example.com/\x00", "Null characters are not allowed"),
    ],
)
def test_quick_add_explains_a_bad_url_on_the_boards_page(alice_client, alice, url, message):
    response = alice_client.post("/boards/add/", {"url": url})
    content = response.content.decode()
    assert response.status_code == 200 and "<h1>Boards</h1>" in content
    assert message in content
    assert not Board.objects.exists()


def test_quick_add_keeps_what_was_typed_and_says_when_a_page_has_no_postings(
    alice_client, http_server
):
    http_server.route("/about", body="<html><title>About</title><p>Hi</p></html>")
    url = f"{http_server.url}/about"
    content = alice_client.post("/boards/add/", {"url": url}).content.decode()
    assert "No job postings found on that page" in content
    assert f'value="{url}"' in content
    assert "/boards/new/?url=" in content  # "More options" carries the URL over
    content = alice_client.post("/boards/add/", {"url": f"{http_server.url}/gone"}).content
    assert b"Could not read that page" in content


def test_quick_add_of_a_duplicate_links_to_the_existing_board(alice_client, alice, bob):
    mine = make_board(alice, kind="lever", token="acme", name="Acme (mine)")
    make_board(bob, kind="lever", token="other")
    response = alice_client.post("/boards/add/", {"url": "https://jobs.lever.co/acme/"})
    content = response.content.decode()
    assert "You already have this board" in content
    assert f'<a href="/boards/{mine.pk}/">Acme (mine)</a>' in content
    assert Board.objects.filter(owner=alice).count() == 1


def test_another_user_may_quick_add_the_same_board(bob_client, alice, bob):
    make_board(alice, kind="lever", token="acme")
    response = bob_client.post("/boards/add/", {"url": "https://jobs.lever.co/acme"})
    assert response.status_code == 302
    assert Board.objects.filter(owner=bob, token="acme").exists()


def test_the_full_form_opens_with_the_url_from_quick_add(alice_client):
    content = alice_client.get(
        "/boards/new/", {"url": "https://acme.com/jobs", "kind": "html"}
    ).content.decode()
    assert 'value="https://acme.com/jobs"' in content
    assert '<option value="html" selected>' in content
    assert "null" not in content


# --- words ---------------------------------------------------------------------------------------


def test_times_are_said_plainly():
    now = timezone.now()

    def ago(value):
        return when.ago(value).replace("\xa0", " ")

    def from_now(value):
        return when.from_now(value).replace("\xa0", " ")

    with time_machine.travel(now, tick=False):
        assert ago(now - timedelta(seconds=20)) == "just now"
        assert ago(now - timedelta(minutes=5)) == "5 minutes ago"
        assert from_now(now + timedelta(seconds=20)) == "in under a minute"
        assert from_now(now - timedelta(minutes=3)) == "in under a minute"
        assert from_now(now + timedelta(minutes=1, seconds=5)) == "in 1 minute"
        assert from_now(now + timedelta(hours=5, minutes=59)) == "in 5 hours"
    assert [when.every_minutes(m) for m in (60, 360, 45, 1440, 2880)] == [
        "every hour",
        "every 6 hours",
        "every 45 minutes",
        "every day",
        "every 2 days",
    ]


def test_bulk_messages_use_real_plurals(alice_client, alice):
    job = make_job(alice)
    response = alice_client.post("/jobs/bulk/", {"ids": [job.pk], "action": "hide"}, follow=True)
    assert "Hid 1 job." in response.content.decode()
    other = make_job(alice)
    response = alice_client.post(
        "/jobs/bulk/", {"ids": [job.pk, other.pk], "action": "seen"}, follow=True
    )
    assert "Marked 2 jobs as seen." in response.content.decode()


def test_board_pages_never_say_zero_minutes_or_dangle_a_separator(alice_client, alice):
    board = make_board(alice, consecutive_failures=2, next_scan_at=timezone.now())
    scanning.scan(board)
    board.refresh_from_db()
    board.consecutive_failures = 1
    board.save()
    pages = [
        alice_client.get(path).content.decode()
        for path in (
            "/boards/",
            f"/boards/{board.pk}/",
            f"/boards/{board.pk}/scan/status/",
            "/jobs/",
        )
    ]
    for content in pages:
        assert "0 minutes" not in content and "(s)" not in content
    assert "1</strong> failure in a row; next try in" in pages[1].replace("\xa0", " ")
    assert "2 jobs found" in pages[2]
    assert "2 jobs</p>" in pages[3] and "jobs ·" not in pages[3]
