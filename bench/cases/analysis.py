"""Benchmarks for the fast scorer: the score from stored features (pure), reading a posting,
end to end with reads and writes (first time and rescore), and POST /api/score."""

import json
import random
import re
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client, override_settings

from analysis.feature_store import CHUNK
from analysis.features import JobFeatures, JobInput, extract
from analysis.scoring import Rarity, score, score_features
from bench.harness import Result, case, latency_notes, timed
from bench.synthetic import posting

PROFILE = {
    "skills": ["Python", "Django", "PostgreSQL", "Kubernetes", "AWS", "React", "Go", "Kafka"],
    "target_titles": ["Backend Engineer", "Platform Engineer"],
    "seniority": "senior",
    "years_experience": 7,
    "locations": ["Berlin", "Remote"],
    "remote_preference": "hybrid",
    "min_salary": 60000,
    "salary_currency": "EUR",
    "must_have_keywords": ["python"],
    "avoid_keywords": ["crypto"],
}


def _profile(user):
    from analysis.models import Profile

    fields = {k: v for k, v in PROFILE.items() if hasattr(Profile, k)}
    profile, _ = Profile.objects.update_or_create(owner=user, defaults=fields)
    return profile


def _inputs(size: int) -> list[dict]:
    rng = random.Random(7)
    return [posting(rng) for _ in range(size)]


@case("score", default_size=10_000, description="fast fit score of ~3 KB jobs")
def score_case(size: int) -> list[Result]:
    from analysis.models import Profile
    from analysis.services import profile_spec, score_jobs
    from boards.models import Board, Job

    user, _ = get_user_model().objects.get_or_create(username="bench-score")
    profile = _profile(user)
    spec = profile_spec(profile)
    rows = _inputs(size)
    jobs = [JobInput(**r) for r in rows]
    # Features as the database hands them back (JSON), and rarity counted from them.
    stored = [json.loads(json.dumps(extract(job, spec.matcher).to_json())) for job in jobs]
    rarity = Rarity(dict(Counter(skill for data in stored for skill in data["skills"])), size)

    # Best of three passes for each: on a shared machine one pass can be half as fast.
    def best(func) -> float:
        return min(timed(func, 3))

    # The score: from a job's stored features (as decoded JSON) to its total, parts and
    # reasons, the per-job cost of every rescore after a profile change. In CHUNKs, as
    # score_jobs keeps only one chunk's results at a time.
    def pure():
        for start in range(0, size, CHUNK):
            chunk = stored[start : start + CHUNK]
            results = [score_features(spec, JobFeatures.from_json(d), rarity) for d in chunk]
        return results

    pure_s = best(pure)
    # Reading a posting's text for its features: once per posting content.
    read_s = best(lambda: [extract(job, spec.matcher) for job in jobs])
    # Both, for jobs seen once (search-page cards).
    cold_s = best(lambda: [score(spec, job, rarity) for job in jobs])
    # Reference: DESIGN.md's plain-Python skills scorer (set intersection over tokens).
    wanted = {s.lower() for s in PROFILE["skills"]}
    token = re.compile(r"[a-z0-9+#.]+")
    ref_s = best(lambda: [len(wanted & set(token.findall(j.text.lower()))) for j in jobs])

    board = Board.objects.create(owner=user, kind="greenhouse", token="bench-score")
    Job.objects.bulk_create(
        [
            Job(owner=user, board=board, identity=f"bench:{i}", title=r["title"],
                company=r["company"], location=r["location"], remote=r["remote"],
                description_text=r["text"], salary_min=r["salary_min"],
                salary_max=r["salary_max"], salary_currency=r["salary_currency"],
                salary_period=r["salary_period"])
            for i, r in enumerate(rows)
        ],
        batch_size=1000,
    )  # fmt: skip
    first_s = sum(timed(lambda: score_jobs(user.pk), 1))
    # A profile change that leaves the profile's own terms alone: features are reused.
    Profile.objects.filter(pk=profile.pk).update(seniority="staff", version=F("version") + 1)
    again_s = sum(timed(lambda: score_jobs(user.pk), 1))
    reference = {"reference": "set-intersection scorer"}
    results = [
        Result("score (pure)", size, size / pure_s, size / ref_s, "jobs/s",
               {"from": "stored features", **reference}),
        Result("read posting (once)", size, size / read_s, size / ref_s, "jobs/s", reference),
        Result("read + score", size, size / cold_s, size / ref_s, "jobs/s",
               {"for": "jobs seen once", **reference}),
        Result("score (+read/write)", size, size / first_s, size / ref_s, "jobs/s",
               {"features": "read and stored", **reference}),
        Result("rescore (+read/write)", size, size / again_s, size / ref_s, "jobs/s",
               {"features": "reused", **reference}),
    ]  # fmt: skip
    results.append(_api_case(user, rows[:50], repeat=min(200, max(20, size))))
    return results


def _api_case(user, cards: list[dict], repeat: int = 200) -> Result:
    from jobtracker.api import api
    from jobtracker.services import issue_token

    _, token = issue_token(user, "bench-score")
    client = Client()
    body = json.dumps(
        {"cards": [{"title": c["title"], "company": c["company"], "location": c["location"],
                    "text": c["text"], "url": f"https://e.com/{i}"} for i, c in enumerate(cards)]}
    )  # fmt: skip
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    saved = [(t, t.num_requests) for t in api.throttle]
    for throttle, _ in saved:
        throttle.num_requests = 10**9
    try:
        with override_settings(ROOT_URLCONF="bench.urls"):

            def one():
                response = client.post(
                    "/api/score", body, content_type="application/json", **headers
                )
                if response.status_code != 200:
                    raise RuntimeError(f"/api/score answered {response.status_code}")

            durations = timed(one, repeat)
            bare = timed(lambda: client.get("/__bench__/bare/"), repeat)
    finally:
        for throttle, limit in saved:
            throttle.num_requests = limit
    notes = {**latency_notes(durations), "cards": str(len(cards)), "reference": "bare view"}
    return Result("api score 50 cards", repeat, repeat / sum(durations), repeat / sum(bare),
                  "req/s", notes)  # fmt: skip
