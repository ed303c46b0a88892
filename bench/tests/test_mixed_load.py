"""The mixed-load case at a small size: gunicorn, a scan and an email sync at once."""

import pytest

from bench.harness import discover
from bench.load import prove_exactly_once, run_mixed_load
from bench.load_servers import ServerDidNotStart


def test_mixed_load_case_is_registered():
    assert "mixed-load" in discover()


# Committed rows: gunicorn, another process, must see the seeded user and session.
@pytest.mark.django_db(transaction=True)
def test_mixed_load_stores_every_accepted_capture_exactly_once_without_errors():
    try:
        outcome = run_mixed_load(200, seconds=6)
    except ServerDidNotStart as exc:
        pytest.skip(f"gunicorn could not start on 127.0.0.1: {exc}")
    report = outcome.report
    assert report["requests"] > 0 and report["stuck_threads"] == 0
    assert report["errors"] == 0 and report["unexpected"] == 0, report["kinds"]
    assert outcome.server_errors_logged == 0
    assert set(report["kinds"]) == {"capture", "page", "search"}
    # run_mixed_load raises on a violation; the proof is also in the notes.
    assert outcome.proof["exactly_once"] == "ok"
    assert outcome.proof["captured_rows"] == outcome.proof["accepted_urls"] != "0"
    # The scan shares postings with the captures; it must still finish well (no insert race).
    assert outcome.scan_ok, outcome.scan
    if outcome.emails_stored is not None:
        assert outcome.emails_stored == outcome.emails_sent
    row = outcome.result()
    assert row.case == "mixed-load" and row.rate > 0 and "p95" in row.notes


@pytest.mark.django_db
def test_exactly_once_proof_catches_a_lost_and_an_unannounced_capture(alice):
    from applications.models import Application, Source

    stored = Application.objects.create(
        owner=alice, url="https://jobs.example.com/load/1", source=Source.EXTENSION
    )
    accepted = {stored.url: [stored.pk]}
    report = {"accepted": accepted, "failed_captures": []}
    assert prove_exactly_once(alice, report)["exactly_once"] == "ok"
    lost = {**accepted, "https://jobs.example.com/load/2": [stored.pk + 1]}
    with pytest.raises(RuntimeError, match="accepted but stored 0 times"):
        prove_exactly_once(alice, {**report, "accepted": lost})
    with pytest.raises(RuntimeError, match="stored captures never accepted"):
        prove_exactly_once(alice, {**report, "accepted": {}})
    # A capture whose answer was lost on the way back may have been stored.
    maybe = {"accepted": {}, "failed_captures": ["https://jobs.example.com/load/1?utm_source=x"]}
    assert prove_exactly_once(alice, maybe)["unacknowledged_rows"] == "1"
