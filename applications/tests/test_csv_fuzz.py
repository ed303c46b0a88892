"""Hostile CSV files: every upload imports cleanly or is refused with a reason, all or nothing."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from applications.csv_io import MAX_BYTES, CSVImportError, import_bytes
from applications.models import Application

pytestmark = pytest.mark.django_db
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
