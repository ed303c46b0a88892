"""Each ATS source end to end over real HTTP to a loopback server serving its real shape."""

import json

import pytest

from boards.models import Board
from boards.sources import ShapeError, SourceError
from boards.sources.registry import get_source, read_posting_for_url


@pytest.fixture
def ats(http_server, settings):
    """Point every ATS API at the loopback server."""
    base = http_server.url
    settings.ATS_API_BASES = {
        kind: base
        for kind in ("greenhouse", "lever", "ashby", "smartrecruiters", "workable", "adzuna")
    } | {kind: base + "/{token}" for kind in ("recruitee", "personio", "teamtailor", "bamboohr")}
    settings.ADZUNA_APP_ID, settings.ADZUNA_APP_KEY = "id", "key"
    return http_server


def board(kind, token="acme", **kw):
    return Board(name=kw.pop("name", "Acme"), kind=kind, token=token, **kw)


GH_JOB = {
    "id": 4012345,
    "title": "Senior Backend Engineer",
    "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/4012345",
    "location": {"name": "Remote - Europe"},
    "updated_at": "2026-11-01T10:00:00-04:00",
    "first_published": "2026-10-30T10:00:00-04:00",
    "company_name": "Acme",
    "content": "&lt;p&gt;Build &lt;strong&gt;APIs&lt;/strong&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;",
    "metadata": [
        {
            "name": "Salary Range",
            "value": {"unit": "EUR", "min_value": "70000.0", "max_value": "85000.0"},
            "value_type": "currency_range",
        },
        {"name": "Employment Type", "value": "Full-time", "value_type": "single_select"},
    ],
}


def test_greenhouse_lists_a_board_with_content_salary_and_remote(ats):
    ats.route("/v1/boards/acme/jobs", body={"jobs": [GH_JOB], "meta": {"total": 1}})
    listing = get_source("greenhouse").list_postings(board("greenhouse"))
    [posting] = listing.postings
    assert listing.complete
    assert (posting.external_id, posting.title, posting.company) == (
        "4012345",
        "Senior Backend Engineer",
        "Acme",
    )
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        70000,
        85000,
        "EUR",
    )
    assert posting.remote == "remote" and posting.employment_type == "Full-time"
    assert posting.description_html == "<p>Build <strong>APIs</strong></p>"
    assert "content=true" in ats.requests[-1]["path"]


def test_greenhouse_reads_one_job_by_url(ats):
    ats.route("/v1/boards/acme/jobs/4012345", body=GH_JOB)
    posting = read_posting_for_url("https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc")
    assert posting.title == "Senior Backend Engineer"


def test_an_empty_board_is_an_empty_listing_not_an_error(ats):
    ats.route("/v1/boards/acme/jobs", body={"jobs": [], "meta": {"total": 0}})
    assert get_source("greenhouse").list_postings(board("greenhouse")).postings == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("<html>Maintenance</html>", ShapeError),
        ({"postings": []}, ShapeError),
        ({"jobs": [{"unexpected": True}]}, ShapeError),
        ('{"jobs": [', ShapeError),
    ],
)
def test_unexpected_shapes_are_shape_errors_with_a_reason(ats, body, error):
    ats.route("/v1/boards/acme/jobs", body=body)
    with pytest.raises(error) as info:
        get_source("greenhouse").list_postings(board("greenhouse"))
    assert str(info.value)


def test_server_errors_and_missing_boards_are_source_errors(ats):
    ats.route("/v1/boards/acme/jobs", status=500, body="down")
    with pytest.raises(SourceError, match="500"):
        get_source("greenhouse").list_postings(board("greenhouse"))
    with pytest.raises(SourceError, match="404"):
        get_source("greenhouse").list_postings(board("greenhouse", token="nobody"))


def test_a_429_with_retry_after_is_waited_out(ats):
    ats.route(
        "/v0/postings/acme",
        {"status": 429, "headers": {"Retry-After": "1"}, "body": "slow"},
        {
            "body": [
                {
                    "id": "0a1b2c3d-1111-2222-3333-444455556666",
                    "text": "Designer",
                    "hostedUrl": "https://jobs.lever.co/acme/0a1b2c3d-1111-2222-3333-444455556666",
                    "categories": {"location": "Berlin", "commitment": "Full-time"},
                    "workplaceType": "hybrid",
                    "createdAt": 1764205361939,
                    "salaryRange": {
                        "min": 50000,
                        "max": 60000,
                        "currency": "EUR",
                        "interval": "per-year-salary",
                    },
                }
            ]
        },
    )
    [posting] = get_source("lever").list_postings(board("lever")).postings
    assert (
        posting.remote == "hybrid"
        and posting.salary_period == "year"
        and posting.salary_min == 50000
    )


def test_ashby_skips_unlisted_jobs_and_reads_compensation(ats):
    job = {
        "id": "0a1b2c3d-1111-2222-3333-444455556666",
        "title": "Data Engineer",
        "isListed": True,
        "location": "Berlin",
        "workplaceType": "OnSite",
        "employmentType": "FullTime",
        "publishedAt": "2026-11-01T10:00:00.000+00:00",
        "jobUrl": "https://jobs.ashbyhq.com/acme/0a1b2c3d-1111-2222-3333-444455556666",
        "descriptionHtml": "<p>Pipelines</p>",
        "compensation": {
            "summaryComponents": [
                {
                    "compensationType": "Salary",
                    "interval": "1 YEAR",
                    "currencyCode": "EUR",
                    "minValue": 66000,
                    "maxValue": 75000,
                }
            ]
        },
    }
    hidden = {**job, "id": "ffffffff-1111-2222-3333-444455556666", "isListed": False}
    ats.route("/posting-api/job-board/acme", body={"jobs": [job, hidden], "apiVersion": "1"})
    [posting] = get_source("ashby").list_postings(board("ashby")).postings
    assert (posting.salary_min, posting.salary_max, posting.salary_period) == (66000, 75000, "year")
    assert posting.remote == "onsite"


def _sr_page(ids, total):
    return {
        "offset": 0,
        "limit": 100,
        "totalFound": total,
        "content": [
            {
                "id": str(i),
                "name": f"Role {i}",
                "company": {"name": "Acme"},
                "releasedDate": "2026-11-01T00:00:00.000Z",
                "location": {
                    "city": "Lyon",
                    "country": "fr",
                    "remote": i % 2 == 0,
                    "fullLocation": "Lyon, France",
                },
                "typeOfEmployment": {"label": "Full-time"},
            }
            for i in ids
        ],
    }


def test_smartrecruiters_follows_pages_until_the_total(ats):
    route = ats.route(
        "/v1/companies/acme/postings",
        {"body": _sr_page(range(100), 150)},
        {"body": _sr_page(range(100, 150), 150)},
    )
    listing = get_source("smartrecruiters").list_postings(board("smartrecruiters"))
    assert len(listing.postings) == 150 and listing.complete and route.calls == 2
    assert "offset=100" in ats.requests[-1]["path"]


def test_a_failed_later_page_makes_the_listing_incomplete(ats):
    ats.route(
        "/v1/companies/acme/postings",
        {"body": _sr_page(range(100), 150)},
        {"status": 500, "body": "x"},
    )
    listing = get_source("smartrecruiters").list_postings(board("smartrecruiters"))
    assert len(listing.postings) == 100 and not listing.complete and listing.warnings


def _wd_page(start, count, total):
    return {
        "total": total,
        "jobPostings": [
            {
                "title": f"Engineer {i}",
                "externalPath": f"/job/Berlin/Engineer-{i}_JR{i}",
                "locationsText": "Berlin",
                "postedOn": "Posted 3 Days Ago",
                "bulletFields": [f"JR{i}"],
            }
            for i in range(start, start + count)
        ],
    }


def test_workday_posts_for_each_page_and_builds_posting_urls(ats):
    route = ats.route(
        "/wday/cxs/acme/External/jobs",
        {"body": _wd_page(0, 20, 25)},
        {"body": _wd_page(20, 5, 0)},  # real Workday reports total only on the first page
        method="POST",
    )
    b = board("workday", token="acme/External", url=ats.url + "/en-US/External")
    listing = get_source("workday").list_postings(b)
    assert len(listing.postings) == 25 and route.calls == 2
    assert json.loads(ats.requests[-1]["body"])["offset"] == 20
    first = listing.postings[0]
    assert (
        first.url == f"{ats.url}/External/job/Berlin/Engineer-0_JR0" and first.external_id == "JR0"
    )
    assert first.posted_at is not None


def test_workable_recruitee_bamboohr_and_teamtailor_lists(ats):
    ats.route(
        "/api/v1/widget/accounts/acme",
        body={
            "name": "Acme",
            "jobs": [
                {
                    "title": "Analyst",
                    "shortcode": "AB12",
                    "telecommuting": True,
                    "url": "https://apply.workable.com/j/AB12",
                    "published_on": "2026-11-01",
                    "country": "Spain",
                    "city": "Madrid",
                    "state": "",
                }
            ],
        },
    )
    ats.route(
        "/acme/api/offers/",
        body={
            "offers": [
                {
                    "id": 1,
                    "slug": "accountant",
                    "title": "Accountant",
                    "company_name": "Acme",
                    "city": "Berlin",
                    "country": "Germany",
                    "hybrid": True,
                    "salary": {"min": "60000", "max": "75000", "period": "year", "currency": "EUR"},
                    "careers_url": "https://acme.recruitee.com/o/accountant",
                    "published_at": "2026-08-05 10:10:39 UTC",
                    "description": "<p>Books</p>",
                }
            ]
        },
    )
    ats.route(
        "/acme/careers/list",
        body={
            "meta": {"totalCount": 1},
            "result": [
                {
                    "id": "86",
                    "jobOpeningName": "Paralegal",
                    "employmentStatusLabel": "Full Time",
                    "location": {"city": "Miami", "state": "Florida"},
                    "atsLocation": {},
                    "isRemote": None,
                    "locationType": "1",
                }
            ],
        },
    )
    ats.route(
        "/acme/jobs.json",
        body={
            "version": "https://jsonfeed.org/version/1.1",
            "items": [
                {
                    "id": "x",
                    "title": "AE",
                    "url": "https://acme.teamtailor.com/jobs/7167985-ae",
                    "_jobposting": {
                        "@type": "JobPosting",
                        "title": "Account Executive",
                        "datePosted": "2026-02-04T09:26:20+01:00",
                        "jobLocation": [
                            {
                                "@type": "Place",
                                "address": {"addressLocality": "Madrid", "addressCountry": "ES"},
                            }
                        ],
                    },
                }
            ],
        },
    )
    [w] = get_source("workable").list_postings(board("workable")).postings
    assert (w.external_id, w.remote, w.company) == ("AB12", "remote", "Acme")
    [r] = get_source("recruitee").list_postings(board("recruitee")).postings
    assert (r.remote, r.salary_min, r.salary_currency) == ("hybrid", 60000, "EUR")
    [b] = get_source("bamboohr").list_postings(board("bamboohr")).postings
    assert (b.title, b.remote, b.url) == (
        "Paralegal",
        "remote",
        "https://acme.bamboohr.com/careers/86",
    )
    [t] = get_source("teamtailor").list_postings(board("teamtailor")).postings
    assert (t.external_id, t.title, t.location) == ("7167985", "Account Executive", "Madrid, ES")


def test_personio_reads_the_xml_feed_and_refuses_malformed_xml(ats):
    feed = """<?xml version="1.0" encoding="UTF-8"?><workzag-jobs><position><id>42</id><name>Ops Lead</name>
    <office>Munich</office><employmentType>permanent</employmentType><schedule>full-time</schedule>
    <createdAt>2026-10-01T09:00:00+00:00</createdAt><jobDescriptions><jobDescription><name>Tasks</name>
    <value><![CDATA[<p>Run things</p>]]></value></jobDescription></jobDescriptions></position></workzag-jobs>"""
    ats.route("/acme/xml", body=feed, headers={"Content-Type": "application/xml"})
    [p] = get_source("personio").list_postings(board("personio")).postings
    assert (p.external_id, p.title, p.location) == ("42", "Ops Lead", "Munich")
    assert "<p>Run things</p>" in p.description_html
    ats.route(
        "/acme/xml", body="<workzag-jobs><position>", headers={"Content-Type": "application/xml"}
    )
    with pytest.raises(ShapeError, match="not valid XML"):
        get_source("personio").list_postings(board("personio"))


def test_personio_refuses_xml_entities(ats):
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workzag-jobs><position><id>1</id><name>&e;</name></position></workzag-jobs>'
    ats.route("/acme/xml", body=evil, headers={"Content-Type": "application/xml"})
    postings = get_source("personio").list_postings(board("personio")).postings
    assert all("root:" not in p.title for p in postings)


def test_adzuna_search_pages_and_never_claims_completeness(ats):
    results = [
        {
            "id": str(i),
            "title": f"Dev {i}",
            "company": {"display_name": "Acme"},
            "location": {"display_name": "London"},
            "redirect_url": f"https://www.adzuna.co.uk/jobs/details/{i}",
            "created": "2026-11-01T00:00:00Z",
            "salary_min": 50000,
            "salary_max": 60000,
            "description": "Python",
        }
        for i in range(50)
    ]
    ats.route("/v1/api/jobs/gb/search/1", body={"count": 60, "results": results})
    ats.route("/v1/api/jobs/gb/search/2", body={"count": 60, "results": results[:10]})
    b = board(
        "adzuna", token="python", config={"what": "python", "where": "london", "max_pages": 3}
    )
    listing = get_source("adzuna").list_postings(b)
    assert len(listing.postings) == 60 and not listing.complete
    assert "app_id=id" in ats.requests[0]["path"]


def test_html_board_follows_next_links_with_configured_selectors(ats):
    page1 = '<ul><li class="job"><a href="/jobs/1">Backend Dev</a><span class="loc">Remote</span></li></ul><a rel="next" href="/careers?page=2">Next</a>'
    page2 = '<ul><li class="job"><a href="/jobs/2">Frontend Dev</a><span class="loc">Paris</span></li></ul>'
    ats.route("/careers", {"body": page1}, {"body": page2})
    b = board(
        "html",
        url=ats.url + "/careers",
        config={"item": "li.job", "location": ".loc", "next": "a[rel=next]"},
    )
    listing = get_source("html").list_postings(b)
    assert [p.title for p in listing.postings] == ["Backend Dev", "Frontend Dev"]
    assert listing.postings[0].url == ats.url + "/jobs/1" and listing.postings[0].remote == "remote"


def test_html_board_with_a_broken_selector_is_a_shape_error(ats):
    ats.route("/careers", body="<ul></ul>")
    b = board("html", url=ats.url + "/careers", config={"item": "li[[["})
    with pytest.raises(ShapeError, match="selector"):
        get_source("html").list_postings(b)


def test_jsonld_board_reads_graph_and_lists(ats):
    page = """<html><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "Organization", "name": "Acme"},
      {"@type": "JobPosting", "title": "SRE", "identifier": {"value": "sre-1"}, "hiringOrganization": {"name": "Acme"},
       "jobLocationType": "TELECOMMUTE", "baseSalary": {"currency": "USD", "value": {"minValue": 120000, "maxValue": 150000, "unitText": "YEAR"}}}]}
    </script><script type="application/ld+json">[{"@type": "JobPosting", "title": "DBA", "hiringOrganization": "Acme",}]</script></html>"""
    ats.route("/jobs", body=page)
    listing = get_source("jsonld").list_postings(board("jsonld", url=ats.url + "/jobs"))
    sre, dba = listing.postings
    assert (sre.title, sre.remote, sre.salary_min, sre.salary_period) == (
        "SRE",
        "remote",
        120000,
        "year",
    )
    assert dba.title == "DBA"  # a trailing comma in the JSON is tolerated
