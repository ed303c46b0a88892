"""Benchmarks for scanning and search (see bench/harness.py for the harness)."""

import random
import time
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from bench.harness import Result, case, latency_notes
from boards import scanning
from boards.models import Board, Job, ScanStatus
from boards.queries import JobFilters, jobs_for
from boards.sources import Listing, Posting

WORDS = (
    "python",
    "django",
    "postgres",
    "kafka",
    "spark",
    "react",
    "typescript",
    "kubernetes",
    "docker",
    "terraform",
    "aws",
    "gcp",
    "azure",
    "golang",
    "rust",
    "java",
    "kotlin",
    "scala",
    "sql",
    "nosql",
    "redis",
    "graphql",
    "rest",
    "api",
    "microservices",
    "team",
    "build",
    "ship",
    "scale",
    "reliable",
    "customers",
    "product",
    "design",
    "data",
    "pipeline",
    "analytics",
    "machine",
    "learning",
    "model",
    "platform",
    "infrastructure",
    "security",
    "compliance",
    "mentor",
    "lead",
    "senior",
    "junior",
    "remote",
    "hybrid",
    "office",
    "berlin",
    "london",
    "paris",
    "growth",
    "equity",
    "benefits",
    "health",
    "learning",
    "budget",
    "collaborate",
    "ownership",
    "impact",
    "mission",
    "values",
    "diverse",
    "inclusive",
    "engineering",
    "backend",
    "frontend",
    "fullstack",
    "mobile",
    "ios",
    "android",
    "testing",
    "quality",
    "observability",
    "monitoring",
    "oncall",
)
TITLES = (
    "Backend Engineer", "Data Engineer", "Frontend Developer", "SRE", "Product Designer",
    "Engineering Manager", "ML Engineer", "Security Engineer", "Mobile Developer",
)  # fmt: skip


_SYLLABLES = ("ka", "lo", "mi", "ten", "ra", "vo", "shi", "an", "del", "por", "qu", "ex", "zu")
# A realistic shape: common filler words follow a Zipf-like curve over a large vocabulary, and
# each posting names a handful of skills, so a skill matches a few percent of postings.
FILLER = tuple(
    a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s", "tor", "ing")
)
FILLER_WEIGHTS = tuple(1 / (rank + 1) for rank in range(len(FILLER)))


def _text(rng: random.Random, size: int = 3000) -> str:
    skills = rng.sample(WORDS, rng.randint(4, 8))
    words, length = [], 0
    filler = rng.choices(FILLER, weights=FILLER_WEIGHTS, k=size // 6)
    for i, word in enumerate(filler):
        if i % 40 == 0 and skills:
            word = skills.pop()
        words.append(word)
        length += len(word) + 1
        if length >= size:
            break
    return " ".join(words)


def make_postings(n: int, seed: int = 7) -> list[Posting]:
    rng = random.Random(seed)
    postings = []
    for i in range(n):
        text = _text(rng)
        postings.append(
            Posting(
                external_id=str(100000 + i),
                url=f"https://boards.greenhouse.io/bench/jobs/{100000 + i}",
                title=f"{rng.choice(TITLES)} {i % 97}",
                company=f"Company {i % 500}",
                location=rng.choice(["Berlin", "London", "Remote", "Paris", "New York"]),
                description_html=f"<p>{text}</p>",
                description_text=text,
            )
        )
    return postings


def _owner(name: str):
    return get_user_model().objects.get_or_create(username=name)[0]


def _scan_with(board: Board, postings: list[Posting]):
    fake = mock.Mock()
    fake.list_postings.return_value = Listing(postings)
    with mock.patch.object(scanning, "get_source", return_value=fake):
        return scanning.scan(board)


def _reference_insert(postings: list[Posting]) -> float:
    """Seconds for a plain bulk_create of the same rows into the same (indexed) table."""
    owner = _owner("bench-reference")
    now = timezone.now()
    rows = [
        Job(
            owner=owner,
            source_kind="greenhouse",
            board_token="bench",
            external_id=p.external_id,
            identity=f"greenhouse:bench:{p.external_id}",
            canonical_url=p.url,
            title=p.title,
            company=p.company,
            location=p.location,
            description_html=p.description_html,
            description_text=p.description_text,
            first_seen_at=now,
            last_seen_at=now,
        )
        for p in postings
    ]
    start = time.perf_counter()
    Job.objects.bulk_create(rows, batch_size=scanning.CHUNK)
    elapsed = time.perf_counter() - start
    Job.objects.filter(owner=owner).delete()
    return elapsed


@case("scan-ingest", default_size=20_000, description="new postings through scan() vs bulk_create")
def scan_ingest(size: int) -> list[Result]:
    postings = make_postings(size)
    reference = _reference_insert(postings)
    board = Board.objects.create(
        owner=_owner("bench-scan"), name="bench", kind="greenhouse", token="bench"
    )
    start = time.perf_counter()
    result = _scan_with(board, postings)
    elapsed = time.perf_counter() - start
    run = result.run
    if run.status != ScanStatus.OK or run.new != size:
        raise RuntimeError(
            f"scan-ingest did not ingest everything: {run.status} new={run.new} {run.error}"
        )
    return [
        Result("scan-ingest", size, size / elapsed, size / reference, unit="postings/s",
               notes={"reference": "bulk_create, same table and indexes"})
    ]  # fmt: skip


@case("scan-rescan", default_size=20_000, description="the same postings scanned again, unchanged")
def scan_rescan(size: int) -> list[Result]:
    postings = make_postings(size)
    board = Board.objects.create(
        owner=_owner("bench-rescan"), name="bench", kind="greenhouse", token="bench"
    )
    _scan_with(board, postings)
    before = Job.objects.filter(board=board).order_by("pk").values_list("pk", "last_seen_at").last()
    start = time.perf_counter()
    run = _scan_with(board, postings).run
    elapsed = time.perf_counter() - start
    after = Job.objects.filter(board=board).order_by("pk").values_list("pk", "last_seen_at").last()
    if run.unchanged != size or run.updated or before != after:
        raise RuntimeError(f"rescan rewrote rows: updated={run.updated} unchanged={run.unchanged}")
    # Reference: reading the same rows' identity and hash, the least a rescan must do.
    identities = [f"greenhouse:bench:{p.external_id}" for p in postings]
    start = time.perf_counter()
    for chunk in scanning._chunks(identities):
        list(
            Job.objects.filter(owner=board.owner, identity__in=chunk).values_list(
                "identity", "content_hash"
            )
        )
    reference = time.perf_counter() - start
    return [
        Result("scan-rescan", size, size / elapsed, size / reference, unit="postings/s",
               notes={"rows_rewritten": "0", "reference": "hash pre-check query alone"})
    ]  # fmt: skip


@case("job-search", default_size=100_000, description="full-text search over N jobs")
def job_search(size: int) -> list[Result]:
    owner = _owner("bench-search")
    board = Board.objects.create(owner=owner, name="bench", kind="greenhouse", token="search")
    batch = 5_000
    for offset in range(0, size, batch):
        chunk = make_postings(min(batch, size - offset), seed=offset)
        now = timezone.now()
        Job.objects.bulk_create(
            [
                Job(owner=owner, board=board, source_kind="greenhouse", board_token="search",
                    external_id=str(offset + i), identity=f"greenhouse:search:{offset + i}",
                    canonical_url=p.url, title=p.title, company=p.company, location=p.location,
                    description_text=p.description_text, first_seen_at=now, last_seen_at=now)
                for i, p in enumerate(chunk)
            ],
            batch_size=1000,
        )  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE boards_job")
    queries = [
        "kafka", "python django", "senior backend remote", '"machine learning"', "rust -java",
        "observability oncall", "designer", "terraform aws",
    ]  # fmt: skip

    def run_fts(q):
        return list(jobs_for(owner, JobFilters(q=q))[:50].values_list("pk", flat=True))

    def run_scan(q):
        from django.db.models import Q

        cond = Q()
        for word in q.replace('"', " ").replace("-", " ").split():
            cond &= Q(title__icontains=word) | Q(description_text__icontains=word)
        return list(
            Job.objects.filter(owner=owner)
            .filter(cond)
            .order_by("-first_seen_at")[:50]
            .values_list("pk", flat=True)
        )

    for q in queries:  # warm caches
        run_fts(q)
    rounds = 5
    durations, reference = [], []
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            run_fts(q)
            durations.append(time.perf_counter() - start)
    for q in queries:
        start = time.perf_counter()
        run_scan(q)
        reference.append(time.perf_counter() - start)
    return [
        Result("job-search", size, len(durations) / sum(durations), len(reference) / sum(reference),
               unit="queries/s", notes={**latency_notes(durations), "reference": "icontains scan"})
    ]  # fmt: skip
