"""Hostile input for every ATS parser: whatever a career site answers, a parser returns
postings or raises SourceError (shown to the user as the scan's reason) — nothing else."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from boards.sources import Posting, SourceError
from boards.sources.registry import get_source

pytestmark = pytest.mark.slow  # fuzzing: CI runs it once (the PostgreSQL pass)

JSON_KINDS = ["greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee",
              "teamtailor", "bamboohr", "workday", "adzuna"]  # fmt: skip
ATS = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "ats"
FUZZ = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=40) | st.sampled_from(["", "0", "-1", "1e999", "<script>", "USD", "€"])
)  # fmt: skip
JSON = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)  # fmt: skip


def assert_parses_or_refuses(kind: str, body) -> None:
    try:
        postings = get_source(kind).parse(body, "acme")
    except SourceError as exc:
        assert str(exc)  # a reason a person can read
        return
    assert isinstance(postings, list)
    assert all(isinstance(p, Posting) and p.title for p in postings)


@pytest.mark.parametrize("kind", JSON_KINDS)
@FUZZ
@given(body=JSON)
def test_any_json_is_parsed_or_refused_with_a_reason(kind, body):
    assert_parses_or_refuses(kind, body)
    assert_parses_or_refuses(kind, json.dumps(body))


@pytest.mark.parametrize("kind", JSON_KINDS)
@FUZZ
@given(items=st.lists(st.dictionaries(st.sampled_from(
    ["id", "title", "name", "text", "absolute_url", "hostedUrl", "jobUrl", "location", "locations",
     "content", "descriptionPlain", "metadata", "compensation", "salary", "created_at",
     "updated_at", "publishedAt", "externalPath", "postedOn", "jobOpeningName", "shortcode",
     "attributes", "categories", "department", "remote", "employmentType", "slug"]),
    JSON, max_size=10), max_size=5))  # fmt: skip
def test_items_with_the_right_keys_and_wrong_values_never_crash(kind, items):
    for envelope in ({"jobs": items}, {"jobPostings": items}, {"content": items, "totalFound": 3},
                     {"results": items, "count": 3}, {"data": items}, {"offers": items},
                     {"jobPostings": items, "total": 3}, items):  # fmt: skip
        assert_parses_or_refuses(kind, envelope)


@pytest.mark.parametrize("kind", JSON_KINDS)
@pytest.mark.parametrize(
    "body",
    [b"", b"null", b"[" * 100_000 + b"]" * 100_000, b'{"jobs": ' * 50_000, b"\xff\xfe\x00",
     b'{"jobs": [' + b'{"title": "x", "id": 1},' * 20_000 + b"null]}"],
    ids=["empty", "null", "deeply nested", "unclosed nesting", "not utf-8", "20,000 items"],
)  # fmt: skip
def test_pathological_bodies_are_refused_or_read(kind, body):
    assert_parses_or_refuses(kind, body)


def _samples():
    if not ATS.exists():
        return []
    return [(kind, path) for kind in JSON_KINDS for path in sorted((ATS / kind).glob("*.json"))[:1]]


@pytest.mark.skipif(not ATS.exists(), reason=f"shared ATS samples absent at {ATS}")
@pytest.mark.parametrize(("kind", "path"), _samples(), ids=lambda v: getattr(v, "name", v))
@FUZZ
@given(data=st.data())
def test_real_responses_with_random_parts_replaced_never_crash(kind, path, data):
    sample = json.loads(path.read_text())

    def mutate(node, depth=0):
        if depth and data.draw(st.integers(0, 7)) == 0:
            return data.draw(JSON)
        if isinstance(node, dict):
            return {key: mutate(value, depth + 1) for key, value in list(node.items())[:30]}
        if isinstance(node, list):
            return [mutate(value, depth + 1) for value in node[:3]]
        return node

    assert_parses_or_refuses(kind, mutate(sample))


@FUZZ
@given(body=st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_personio_xml_of_any_bytes_is_parsed_or_refused(body):
    assert_parses_or_refuses("personio", body)


@FUZZ
@given(fields=st.lists(st.tuples(st.sampled_from(["id", "name", "office", "recruitingCategory",
       "jobDescriptions", "createdAt", "schedule", "subcompany"]), st.text(max_size=30)), max_size=8))  # fmt: skip
def test_personio_positions_with_odd_fields_never_crash(fields):
    from xml.sax.saxutils import escape

    inner = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields)
    assert_parses_or_refuses(
        "personio", f"<workzag-jobs><position>{inner}</position></workzag-jobs>"
    )


@FUZZ
@given(text=st.text(max_size=300), script=JSON)
def test_jsonld_pages_with_any_script_content_never_crash(text, script):
    page = (f'<html><body><p>{text}</p><script type="application/ld+json">{json.dumps(script)}'
            f'</script><script type="application/ld+json">{text}</script></body></html>')  # fmt: skip
    try:
        postings = get_source("jsonld").parse(page, "", "https://example.com/jobs")
    except SourceError:
        return
    assert all(isinstance(p, Posting) for p in postings)
