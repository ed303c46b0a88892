import pytest

from boards import scanning
from boards.models import Board
from boards.sources import Listing

from .factories import make_board, make_job, posting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def source(monkeypatch):
    class Fake:
        def list_postings(self, board):
            return Listing([posting(1), posting(2)])

    monkeypatch.setattr(scanning, "get_source", lambda kind: Fake())


def test_anonymous_users_are_sent_to_login(client, alice):
    board = make_board(alice)
    for url in ("/boards/", f"/boards/{board.pk}/", "/jobs/", "/boards/detect/?url=x"):
        assert client.get(url)["Location"].startswith("/login/")


def test_bob_gets_404_for_alices_boards_and_jobs(bob_client, alice):
    board = make_board(alice)
    job = make_job(alice, board=board)
    for url in (
        f"/boards/{board.pk}/",
        f"/boards/{board.pk}/edit/",
        f"/boards/{board.pk}/scan/status/",
        f"/jobs/{job.pk}/",
    ):
        assert bob_client.get(url).status_code == 404, url
    for url in (
        f"/boards/{board.pk}/scan/",
        f"/boards/{board.pk}/toggle/",
        f"/boards/{board.pk}/delete/",
        f"/jobs/{job.pk}/hide/",
    ):
        assert bob_client.post(url).status_code == 404, url
    bob_client.post("/jobs/bulk/", {"ids": [job.pk], "action": "hide"})
    job.refresh_from_db()
    assert Board.objects.filter(pk=board.pk, enabled=True).exists() and not job.hidden


def test_lists_never_show_another_users_rows(bob_client, alice):
    board = make_board(alice, name="Alice Secret Board")
    make_job(alice, board=board, title="Alice Secret Job")
    assert b"Alice Secret" not in bob_client.get("/boards/").content
    assert b"Alice Secret" not in bob_client.get("/jobs/").content


def test_pasting_a_url_shows_the_detected_kind(alice_client):
    response = alice_client.get(
        "/boards/detect/", {"url": "https://jobs.lever.co/acme"}, headers={"HX-Request": "true"}
    )
    assert b"Lever" in response.content and b"acme" in response.content
    response = alice_client.get("/boards/detect/", {"url": "https://example.com/careers"})
    assert b"schema.org" in response.content


def test_adding_a_board_by_url_detects_it_and_scans_it(alice_client, alice):
    response = alice_client.post(
        "/boards/new/",
        {"url": "https://boards.greenhouse.io/acme", "scan_interval_minutes": 360, "config": "{}"},
    )
    board = Board.objects.get(owner=alice)
    assert response["Location"] == f"/boards/{board.pk}/"
    assert (board.kind, board.token, board.name) == ("greenhouse", "acme", "Acme")
    assert board.jobs.count() == 2  # the first scan ran (inline in tests)


def test_bad_board_input_is_explained(alice_client, alice):
    response = alice_client.post(
        "/boards/new/",
        {
            "url": "https://example.com/",
            "kind": "html",
            "scan_interval_minutes": 5,
            "config": "[1]",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "at most every 15 minutes" in content and "JSON object" in content
    response = alice_client.post(
        "/boards/new/", {"kind": "lever", "scan_interval_minutes": 60, "config": "{}"}
    )
    assert "needs its token" in response.content.decode()
    assert not Board.objects.exists()


def test_board_page_shows_health_and_run_history(alice_client, alice):
    board = make_board(alice)
    scanning.scan(board)
    content = alice_client.get(f"/boards/{board.pk}/").content.decode()
    assert "Run history" in content and "OK" in content
    listing = alice_client.get("/boards/").content.decode()
    assert board.name in listing and ">2<" in listing.replace("</a>", "<")


def test_scan_now_by_htmx_answers_a_status_fragment(alice_client, alice):
    board = make_board(alice)
    response = alice_client.post(f"/boards/{board.pk}/scan/", headers={"HX-Request": "true"})
    assert b"<html" not in response.content and b"Last scan" in response.content


def test_pausing_editing_and_deleting_a_board(alice_client, alice):
    board = make_board(alice)
    alice_client.post(f"/boards/{board.pk}/toggle/")
    board.refresh_from_db()
    assert not board.enabled
    response = alice_client.post(
        f"/boards/{board.pk}/edit/",
        {
            "url": "",
            "name": "Renamed",
            "kind": "greenhouse",
            "token": "acme",
            "scan_interval_minutes": 60,
            "config": "{}",
            "exclude_keywords": "intern",
        },
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert (board.name, board.exclude_keywords) == ("Renamed", "intern")
    job = make_job(alice, board=board)
    alice_client.post(f"/boards/{board.pk}/delete/")
    assert not Board.objects.exists()
    job.refresh_from_db()
    assert job.board_id is None


def test_board_list_queries_do_not_grow_with_boards(
    alice_client, alice, django_assert_max_num_queries
):
    for _ in range(3):
        make_board(alice)
    with django_assert_max_num_queries(8) as first:
        alice_client.get("/boards/")
    for _ in range(10):
        make_board(alice)
    with django_assert_max_num_queries(len(first.captured_queries)):
        alice_client.get("/boards/")


def test_company_rules_are_managed_on_the_boards_page(alice_client, alice, bob_client):
    from boards.models import CompanyRule

    alice_client.post("/boards/companies/", {"company": "  Evil   Corp ", "kind": "block"})
    rule = CompanyRule.objects.get(owner=alice)
    assert (rule.company, rule.kind) == ("Evil Corp", "block")
    assert b"Evil Corp" in alice_client.get("/boards/").content
    response = alice_client.post(
        "/boards/companies/", {"company": "", "kind": "block"}, follow=True
    )
    assert b"Name the company" in response.content
    assert bob_client.post(f"/boards/companies/{rule.pk}/delete/").status_code == 404
    alice_client.post(f"/boards/companies/{rule.pk}/delete/")
    assert not CompanyRule.objects.exists()


def test_board_page_title_is_plain_text(alice_client):
    content = alice_client.get("/boards/").content.decode()
    title = content.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.strip() == "Boards · jobtracker"
    assert content.count("<h2>Companies</h2>") == 1
