"""The `score` bench case runs end to end and reports each rate it promises."""

import pytest

from analysis.models import Score, StoredFeatures
from bench.harness import discover


@pytest.mark.django_db
def test_score_case_reports_pure_reading_first_and_rescore_rates():
    results = discover()["score"].func(30)
    assert [r.case for r in results] == [
        "score (pure)",
        "read posting (once)",
        "read + score",
        "score (+read/write)",
        "rescore (+read/write)",
        "api score 50 cards",
    ]
    assert all(r.rate > 0 and r.reference > 0 for r in results)
    assert Score.objects.count() == StoredFeatures.objects.count() == 30
