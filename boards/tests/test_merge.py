"""The merge rules, as a table of source pairs: which value a job keeps when a second source
describes a posting a first source already described."""

from decimal import Decimal

import pytest

from boards.merge import Origin, merge

P, ATS, LD, PAGE, AGG, LIST, CAP, MAIL = (
    Origin.PERSON, Origin.ATS, Origin.JSONLD, Origin.PAGE, Origin.AGGREGATOR, Origin.LISTING,
    Origin.CAPTURE, Origin.EMAIL,
)  # fmt: skip
ORDER = [P, ATS, LD, PAGE, AGG, LIST, CAP, MAIL]
# Row: the source that stored the value first; column: the source that comes second, in ORDER.
# "2" = the second source's value replaces it, "1" = the first one's stays.
TABLE = {
    P: "21111111",  # a person's value stays against everything but a person
    ATS: "22111111",
    LD: "22211111",
    PAGE: "22221111",
    AGG: "22222111",
    LIST: "22222211",
    CAP: "22222221",
    MAIL: "22222222",
}
FIRST = {"title": "Backend Engineer", "company": "Acme Robotics", "remote": "remote",
         "salary_min": Decimal("80000"), "salary_max": Decimal("110000"), "salary_currency": "EUR",
         "salary_period": "year", "description_text": "Build robots.", "location": "Berlin"}  # fmt: skip
SECOND = {"title": "Senior Backend Engineer", "company": "Acme", "remote": "hybrid",
          "salary_min": Decimal("90000"), "salary_max": None, "salary_currency": "USD",
          "salary_period": "year", "description_text": "Robots.", "location": "Munich"}  # fmt: skip
EMPTY = {"title": "", "company": "", "remote": "unknown", "salary_min": None, "salary_max": None,
         "salary_currency": "", "salary_period": "", "description_text": "", "location": ""}  # fmt: skip


def stored_by(origin: Origin) -> tuple[dict, dict]:
    """A job whose fields all came from `origin` (recorded as the job's default origin)."""
    result = merge({}, {}, origin, FIRST, origin)
    return {**EMPTY, **result.values}, result.sources


@pytest.mark.parametrize("first", ORDER)
@pytest.mark.parametrize("second", ORDER)
def test_merge_table_of_source_pairs(first, second):
    current, sources = stored_by(first)
    result = merge(current, sources, first, SECOND, second)
    after = {**current, **result.values}
    expected = SECOND if TABLE[first][ORDER.index(second)] == "2" else FIRST
    for name in ("title", "company", "remote", "location", "description_text"):
        assert after[name] == expected[name], (first, second, name)
    # The salary moves as one group: never EUR amounts with a USD currency.
    salary = (after["salary_min"], after["salary_max"], after["salary_currency"])
    assert salary == (expected["salary_min"], expected["salary_max"], expected["salary_currency"])


@pytest.mark.parametrize("first", ORDER)
@pytest.mark.parametrize("second", ORDER)
def test_an_empty_value_never_replaces_a_stored_one(first, second):
    current, sources = stored_by(first)
    result = merge(current, sources, first, EMPTY, second)
    assert not {k: v for k, v in result.values.items() if k != "field_sources"}
    assert result.changes == []


def test_a_lower_source_fills_what_is_empty_and_its_origin_is_recorded():
    current = {**EMPTY, "title": "Backend Engineer"}
    result = merge(current, {}, Origin.ATS, {**EMPTY, "title": "Engineer", "location": "Remote"},
                   Origin.LISTING)  # fmt: skip
    assert result.values["location"] == "Remote" and "title" not in result.values
    assert result.sources == {"location": "listing"}


def test_a_replaced_value_is_reported_as_a_change_with_its_source():
    current, sources = stored_by(Origin.LISTING)
    result = merge(current, sources, Origin.LISTING, SECOND, Origin.ATS)
    changed = {c.group: (c.old, c.new, c.origin) for c in result.changes}
    assert changed["salary"] == ("EUR 80,000–110,000", "USD 90,000", Origin.ATS)
    assert changed["title"] == ("Backend Engineer", "Senior Backend Engineer", Origin.ATS)
    assert "description" in changed


def test_a_person_can_replace_their_own_value():
    current, sources = stored_by(Origin.PERSON)
    result = merge(current, sources, Origin.ATS, {**EMPTY, "title": "Staff Engineer"}, P)
    assert result.values["title"] == "Staff Engineer"
