import pytest

from bench.harness import Result, discover, format_table


def test_bench_table_shows_rate_reference_and_ratio():
    table = format_table([Result("request", 10, rate=50.0, reference=100.0, unit="req/s")])
    header, rule, row = table.splitlines()
    assert header.split() == ["case", "size", "rate", "reference", "ratio", "notes"]
    assert "50 req/s" in row and "100 req/s" in row and "0.50" in row


@pytest.mark.django_db
def test_request_case_measures_the_dashboard_against_a_bare_view():
    [result] = discover()["request"].func(5)
    assert result.size == 5 and result.rate > 0 and result.reference > 0
    assert "p95" in result.notes
