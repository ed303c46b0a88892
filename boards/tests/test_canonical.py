import pytest

from boards.canonical import InvalidURL, canonical_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://Example.COM:443/jobs/1?utm_source=x&ref=abc&id=7#apply",
            "https://example.com/jobs/1?id=7",
        ),
        ("http://example.com", "http://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        (
            "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=li",
            "https://job-boards.greenhouse.io/acme/jobs/4012345",
        ),
        (
            "https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345",
            "https://job-boards.greenhouse.io/acme/jobs/4012345",
        ),
        (
            "https://jobs.lever.co/acme/0a1b2c3d-1111-2222-3333-444455556666/apply?lever-source=x",
            "https://jobs.lever.co/acme/0a1b2c3d-1111-2222-3333-444455556666",
        ),
        (
            "https://jobs.ashbyhq.com/Acme/0a1b2c3d-1111-2222-3333-444455556666/application",
            "https://jobs.ashbyhq.com/Acme/0a1b2c3d-1111-2222-3333-444455556666",
        ),
        (
            "https://www.acme.com/careers?gh_jid=998877&utm_medium=x",
            "https://www.acme.com/careers?gh_jid=998877",
        ),
    ],
)
def test_one_url_per_posting(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://x.org/",
        "https:///nohost",
        "http://[::1",
    ],
)
def test_only_http_urls_with_a_host(url):
    with pytest.raises(InvalidURL):
        canonical_url(url)


@pytest.mark.parametrize(
    ("with_slash", "without"),
    [
        ("https://x.example/jobs/1/", "https://x.example/jobs/1"),
        ("https://x.example/jobs/1/?id=7&utm_source=li", "https://x.example/jobs/1?id=7"),
        ("https://x.example/jobs/1//", "https://x.example/jobs/1"),
        ("https://x.example/", "https://x.example"),
    ],
)
def test_a_trailing_slash_names_the_same_posting_in_either_order(with_slash, without):
    assert canonical_url(with_slash) == canonical_url(without)
    assert canonical_url(without) == canonical_url(canonical_url(with_slash))  # stable


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://x.example/", "https://x.example/"),  # the root keeps its slash
        ("https://x.example/?job=5", "https://x.example/?job=5"),
        ("https://x.example/Jobs/Senior-SRE/", "https://x.example/Jobs/Senior-SRE"),  # case kept
        ("https://x.example/a//b/", "https://x.example/a//b"),  # inner slashes kept
        ("https://x.example/jobs/caf%C3%A9/", "https://x.example/jobs/caf%C3%A9"),
        ("https://x.example/jobs/1.html", "https://x.example/jobs/1.html"),
        ("https://x.example/jobs/1/#apply", "https://x.example/jobs/1"),
    ],
)
def test_only_the_trailing_slash_goes_the_rest_of_the_path_stays(url, canonical):
    assert canonical_url(url) == canonical


def test_a_known_ats_form_with_a_slash_is_untouched():
    assert canonical_url("https://apply.workable.com/acme/j/ABC123") == (
        "https://apply.workable.com/acme/j/ABC123/"
    )


def test_a_url_that_grows_past_the_column_when_cleaned_is_refused():
    # 1,500 characters typed, 6,000 once "é" is percent-encoded: too long to store.
    with pytest.raises(InvalidURL, match="characters long once cleaned"):
        canonical_url("https://jobs.example.com/x?q=" + "é" * 1500)


def test_a_url_of_exactly_the_column_length_is_kept():
    url = "https://jobs.example.com/" + "a" * (2000 - len("https://jobs.example.com/"))
    assert canonical_url(url) == url
