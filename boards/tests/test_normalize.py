from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boards.sources.jsonld import extract_posting
from boards.sources.normalize import (
    html_to_text,
    parse_date,
    parse_salary,
    remote_from,
    sanitize_html,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€70.000 – €85.000 per year", (70000, 85000, "EUR", "year")),
        ("$120k-$150k", (120000, 150000, "USD", "year")),
        ("$120k-150k", (120000, 150000, "USD", "year")),
        ("85.000,00 EUR", (85000, None, "EUR", "year")),
        ("USD 95,000", (95000, None, "USD", "year")),
        ("$45 - $60 per hour", (45, 60, "USD", "hour")),
        ("£40,000 to £50,000", (40000, 50000, "GBP", "year")),
        ("60.000 bis 75.000 EUR p.a.", (60000, 75000, "EUR", "year")),
        ("4.500 € pro Monat", (4500, None, "EUR", "month")),
        ("Competitive", (None, None, "", "")),
    ],
)
def test_salary_text_becomes_a_range_with_currency_and_period(text, expected):
    low, high, currency, period = parse_salary(text)
    want_low, want_high, want_currency, want_period = expected
    assert low == (Decimal(want_low) if want_low is not None else None)
    assert high == (Decimal(want_high) if want_high is not None else None)
    assert (currency, period) == (want_currency, want_period)


def test_remote_words_and_flags():
    assert remote_from("TELECOMMUTE") == "remote"
    assert remote_from(None, "Hybrid - Berlin") == "hybrid"
    assert remote_from("OnSite") == "onsite"
    assert remote_from(None, "") == "unknown"


def test_dates_from_iso_epoch_ms_and_utc_suffix():
    assert parse_date(1764205361939).year == 2025
    assert parse_date("2026-08-05 09:41:37 UTC").tzinfo is not None
    assert parse_date("not a date") is None


def test_sanitizer_drops_scripts_handlers_and_javascript_links():
    dirty = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">a</a><img src=x onerror=y></p>'
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert "<img" not in clean and clean.startswith("<p>Hi")


def test_html_to_text_keeps_line_breaks_between_blocks():
    assert html_to_text("<p>One</p><ul><li>a</li><li>b</li></ul>") == "One\na\nb"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_normalizers_never_raise(text):
    parse_salary(text)
    parse_date(text)
    remote_from(text)
    sanitize_html(text)
    html_to_text(text)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=2000),
        st.binary(max_size=2000),
        st.builds(
            lambda payload: f'<script type="application/ld+json">{payload}</script>',
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                lambda children: (
                    st.lists(children, max_size=4)
                    | st.dictionaries(
                        st.sampled_from(
                            [
                                "@type",
                                "title",
                                "@graph",
                                "baseSalary",
                                "jobLocation",
                                "value",
                                "hiringOrganization",
                                "datePosted",
                            ]
                        ),
                        children,
                        max_size=5,
                    )
                ),
                max_leaves=30,
            ).map(lambda obj: __import__("json").dumps(obj)),
        ),
    )
)
def test_extract_posting_never_raises_on_hostile_pages(page):
    posting = extract_posting(page, "https://example.com/job")
    assert posting is None or isinstance(posting.title, str)


def test_extract_posting_survives_deep_nesting_and_huge_pages():
    deep = "[" * 5000 + "]" * 5000
    assert (
        extract_posting(f'<script type="application/ld+json">{deep}</script>', "https://e.com")
        is None
    )
    huge = "<html><h1>Title</h1>" + "<p>x</p>" * 1_000_000 + "</html>"
    assert extract_posting(huge, "https://e.com").title == "Title"
