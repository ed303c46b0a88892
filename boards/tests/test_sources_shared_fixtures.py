"""Every source over the real third-party samples in ../shared/fixtures (skipped when absent)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from boards.sources import ShapeError
from boards.sources.registry import get_source

ATS = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "ats"

pytestmark = pytest.mark.skipif(not ATS.exists(), reason=f"shared ATS samples absent at {ATS}")


def _samples(kind: str, pattern: str = "*.json"):
    return sorted((ATS / kind).glob(pattern)) if ATS.exists() else []


@pytest.mark.parametrize(
    "kind",
    [
        "greenhouse",
        "lever",
        "ashby",
        "smartrecruiters",
        "workable",
        "recruitee",
        "teamtailor",
        "bamboohr",
    ],
)
def test_every_json_sample_parses_into_complete_postings(kind):
    files = _samples(kind)
    assert files, f"no samples for {kind}"
    for path in files:
        body = path.read_bytes()
        data = json.loads(body)
        if kind == "lever" and isinstance(data, dict):
            body = json.dumps([data])  # the sample is one posting of the list
        postings = get_source(kind).parse(body, "sample")
        assert postings, path.name
        for posting in postings:
            assert posting.title and posting.external_id and posting.url.startswith("http"), (
                path.name
            )


def test_greenhouse_content_is_unescaped_and_sanitized():
    postings = get_source("greenhouse").parse(
        (ATS / "greenhouse/omoji-personal-greenhouse.json").read_bytes(), "amplitude"
    )
    assert postings[0].description_html.startswith("<")
    assert "&lt;" not in postings[0].description_html
    assert "<script" not in postings[0].description_html
    assert postings[0].description_text and "<" not in postings[0].description_text[:200]


def test_ashby_sample_compensation_becomes_a_salary_range():
    postings = get_source("ashby").parse(
        (ATS / "ashby/stapply-ai-langdock.json").read_bytes(), "langdock"
    )
    with_pay = [p for p in postings if p.salary_min]
    assert (
        with_pay
        and with_pay[0].salary_currency == "EUR"
        and with_pay[0].salary_max >= with_pay[0].salary_min
    )


def test_workday_samples_parse_list_pages():
    data = json.loads((ATS / "workday/omoji-personal-workday.json").read_bytes())
    postings = get_source("workday").parse(json.dumps(data), "salesforce/External")
    assert postings and all(p.external_id.startswith("JR") for p in postings)
    wrapped = json.loads((ATS / "workday/tombarreras-workday_response.json").read_bytes())
    assert get_source("workday").parse(json.dumps(wrapped["search"]), "austintexas/COA_Careers")


def test_personio_samples_including_empty_and_malformed():
    personio = get_source("personio")
    assert personio.parse((ATS / "personio/threadi-positions.xml").read_bytes(), "acme")
    assert personio.parse((ATS / "personio/threadi-positions_empty.xml").read_bytes(), "acme") == []
    with pytest.raises(ShapeError):
        personio.parse((ATS / "personio/threadi-positions_faulty.xml").read_bytes(), "acme")


def test_schema_org_examples_are_read_by_the_jsonld_extractor():
    from boards.sources.jsonld import extract_posting

    path = ATS / "jsonld-schemaorg/schemaorg-jobposting_examples.derived.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    read = 0
    for row in rows:
        page = (
            f'<html><script type="application/ld+json">{json.dumps(row["jsonld"])}</script></html>'
        )
        posting = extract_posting(page, "https://example.com/job")
        if posting is not None:
            read += 1
            assert posting.title
    assert read == len(rows)
