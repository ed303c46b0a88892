"""Hostile CSV files: every upload imports cleanly or is refused with a reason, all or nothing."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from applications.csv_io import (
    IMPORT_FIELDS,
    MAX_BYTES,
    Choices,
    CSVImportError,
    Parsed,
    import_bytes,
    parse_when,
    plan,
)
from applications.csv_io.reading import Row
from applications.models import Application

# Fuzzing: CI runs it once (the PostgreSQL pass).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]
FUZZ = hypothesis_settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = st.sampled_from(["Company", "Job Title", "Link", "Status", "Date Applied", "Notes",
                           "Salary", "Location", "", "company", "URL", "x"])  # fmt: skip
CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=HYPERLINK(\"http://x\")", "2026-13-45", "31.02.2026", "offer",
                     "javascript:alert(1)", "https://" + "a" * 3000, "\u202e", "\r\n", '"']),
)  # fmt: skip


def _import_or_refuse(user, raw: bytes) -> None:
    before = Application.objects.filter(owner=user).count()
    try:
        result = import_bytes(user, raw)
    except CSVImportError as exc:
        assert str(exc)
        assert Application.objects.filter(owner=user).count() == before  # nothing half-done
        return
    after = Application.objects.filter(owner=user).count()
    assert after - before == result["created"]


@FUZZ
@given(raw=st.binary(max_size=600))
def test_any_bytes_import_or_are_refused_with_a_reason(alice, raw):
    _import_or_refuse(alice, raw)


@FUZZ
@given(
    headers=st.lists(HEADERS, min_size=1, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_spreadsheet_shaped_files_import_or_are_refused_all_or_nothing(
    alice, headers, rows, delimiter
):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    _import_or_refuse(alice, out.getvalue().encode())


@pytest.mark.parametrize(
    "raw",
    [
        b"Company\n" + b"Acme\n" * 25_000,  # more rows than allowed
        b"Company," * 200_000 + b"\nAcme\n",  # a header a million characters wide
        b'Company\n"' + b"a" * 1_000_000,  # an unclosed quote to the end
        b"Company,Title\n" + b"x" * (MAX_BYTES + 1),  # over the size cap
        b"\xef\xbb\xbfCompany\r\nAcme\r\n",  # a BOM and CRLF, as Excel writes
    ],
    ids=["too many rows", "wide header", "unclosed quote", "over the cap", "bom"],
)
def test_pathological_files_finish_with_a_result_or_a_reason(alice, raw):
    _import_or_refuse(alice, raw)


@FUZZ
@given(
    value=st.one_of(
        st.text(max_size=40),
        st.from_regex(
            r"\d{1,4}[/.\-]\d{1,4}[/.\-]\d{1,4}( \d{1,2}:\d{2}( [AP]M)?)?", fullmatch=True
        ),
        st.from_regex(r"[A-Za-z]{3,9}\.? \d{1,2}(st|th)?,? \d{4}", fullmatch=True),
    ),
    order=st.sampled_from(["mdy", "dmy"]),
)
def test_any_text_is_a_date_or_says_it_is_not(value, order):
    try:
        when = parse_when(value, order)
    except ValueError as exc:
        assert "is not a date" in str(exc)
    else:
        assert 1970 <= when.day.year <= 2100


@FUZZ
@given(
    values=st.lists(st.text(max_size=20), min_size=1, max_size=8),
    mapping=st.dictionaries(st.integers(0, 7), st.sampled_from(IMPORT_FIELDS), max_size=8),
)
def test_any_mapping_plans_or_refuses_with_a_reason(values, mapping):
    parsed = Parsed([f"c{i}" for i in range(8)], [Row(2, values), Row(3, values[::-1])])
    try:
        planned = plan(parsed, Choices(mapping))
    except CSVImportError as exc:
        assert str(exc)
    else:
        assert all((r.values is None) == bool(r.skip) for r in planned.rows)
