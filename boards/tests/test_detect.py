import json
from pathlib import Path

import pytest
from django.conf import settings

from boards.sources.detect import Detected, detect

SHARED = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "urls" / "detect.jsonl"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://boards.greenhouse.io/acme/jobs/4012345",
            Detected("greenhouse", "acme", "4012345"),
        ),
        (
            "https://job-boards.eu.greenhouse.io/acme/jobs/77?gh_src=x",
            Detected("greenhouse", "acme", "77"),
        ),
        ("https://boards.greenhouse.io/acme", Detected("greenhouse", "acme", None)),
        (
            "https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345",
            Detected("greenhouse", "acme", "4012345"),
        ),
        (
            "https://boards.greenhouse.io/embed/job_board?for=acme",
            Detected("greenhouse", "acme", None),
        ),
        (
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs/55?content=true",
            Detected("greenhouse", "acme", "55"),
        ),
        ("https://www.acme.com/careers/open?gh_jid=998877", Detected("greenhouse", None, "998877")),
        (
            "https://jobs.lever.co/acme/0a1b2c3d-1111-2222-3333-444455556666/apply",
            Detected("lever", "acme", "0a1b2c3d-1111-2222-3333-444455556666"),
        ),
        ("https://jobs.eu.lever.co/acme", Detected("lever", "acme", None)),
        (
            "https://jobs.ashbyhq.com/Acme/0a1b2c3d-1111-2222-3333-444455556666/application",
            Detected("ashby", "Acme", "0a1b2c3d-1111-2222-3333-444455556666"),
        ),
        (
            "https://acme.wd5.myworkdayjobs.com/en-US/External/job/Berlin/Engineer_R-1234",
            Detected("workday", "acme/External", "R-1234"),
        ),
        ("https://acme.wd1.myworkdayjobs.com/Careers", Detected("workday", "acme/Careers", None)),
        (
            "https://wd3.myworkdaysite.com/recruiting/acme/Ext/job/Paris/Dev_JR1",
            Detected("workday", "acme/Ext", "JR1"),
        ),
        (
            "https://jobs.smartrecruiters.com/AcmeCorp/743999912345678-senior-engineer",
            Detected("smartrecruiters", "AcmeCorp", "743999912345678"),
        ),
        (
            "https://apply.workable.com/acme/j/AB12CD34EF/",
            Detected("workable", "acme", "AB12CD34EF"),
        ),
        (
            "https://acme.recruitee.com/o/backend-engineer",
            Detected("recruitee", "acme", "backend-engineer"),
        ),
        (
            "https://acme.jobs.personio.de/job/123456?language=en",
            Detected("personio", "acme", "123456"),
        ),
        (
            "https://acme.teamtailor.com/jobs/998877-backend-developer",
            Detected("teamtailor", "acme", "998877"),
        ),
        ("https://acme.bamboohr.com/careers/42", Detected("bamboohr", "acme", "42")),
        ("https://acme.bamboohr.com/jobs/view.php?id=42", Detected("bamboohr", "acme", "42")),
        ("https://example.com/jobs/123", Detected(None)),
        ("javascript:alert(1)", Detected(None)),
        ("", Detected(None)),
        ("http://[::1", Detected(None)),
    ],
)
def test_detect_reads_kind_token_and_job_id_from_urls(url, expected):
    assert detect(url) == expected


def test_detect_matches_the_real_url_sample():
    if not SHARED.exists():
        pytest.skip(f"shared URL sample not present at {SHARED}")
    rows = [json.loads(line) for line in SHARED.read_text().splitlines() if line.strip()]
    misses = []
    for row in rows:
        found = detect(row["url"])
        want_token = row["board_token"] if row.get("token_derivable_from_url", True) else None
        got = (found.kind, found.board_token, found.job_id)
        if got != (row["kind"], want_token, row["job_id"]):
            misses.append((row["url"], got))
    assert not misses, f"{len(misses)}/{len(rows)} wrong, e.g. {misses[:5]}"
