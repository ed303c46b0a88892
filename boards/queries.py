"""Reads for boards and jobs, always scoped to one owner."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from jobtracker.params import bounded_decimal, bounded_int, clean_text

from .job_slots import registered_fit
from .models import Board, Job, ScanRun
from .search import search_jobs

PAGE_SIZE = 50
MAX_ID = 2**63 - 1  # a bigint primary key
MAX_POSTED_WITHIN_DAYS = 36_500  # a century; further back is "any time"
MAX_SALARY = Decimal("9999999999.99")  # Job.salary_min/max: 12 digits, 2 after the point


def boards_with_health(user) -> QuerySet:
    return (
        Board.objects.filter(owner=user)
        .annotate(
            open_jobs=Count("jobs", filter=Q(jobs__closed_at__isnull=True), distinct=True),
            zero_runs=Count("runs", filter=Q(runs__found=0), distinct=True),
        )
        .order_by("name")
    )


def recent_runs(board: Board, limit: int = 20) -> QuerySet:
    return ScanRun.objects.filter(board=board).order_by("-started_at")[:limit]


@dataclass
class JobFilters:
    q: str = ""
    board: int | None = None
    company: str = ""
    location: str = ""
    remote: str = ""
    salary_min: Decimal | None = None
    posted_within: int | None = None  # days
    new_only: bool = False
    show_hidden: bool = False
    show_closed: bool = False
    min_score: int | None = None  # fit, when an app registered one (see job_slots)
    sort: str = "newest"
    # Names of filters given a value that was ignored (impossible or out of range).
    ignored: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, params) -> "JobFilters":
        ignored = []

        def given(name) -> bool:
            return bool(clean_text(params.get(name), 40))

        def number(name, high):
            value = bounded_int(params.get(name), low=0, high=high)
            if value is None and given(name):
                ignored.append(name)
            return value or None

        salary_min = bounded_decimal(params.get("salary_min"), low=Decimal(0), high=MAX_SALARY)
        if salary_min is None and given("salary_min"):
            ignored.append("salary_min")
        remote = clean_text(params.get("remote"), 16)
        sort = clean_text(params.get("sort"), 16) or "newest"
        return cls(
            q=clean_text(params.get("q"), 200),
            board=number("board", MAX_ID),
            company=clean_text(params.get("company"), 200),
            location=clean_text(params.get("location"), 200),
            remote=remote if remote in ("remote", "hybrid", "onsite") else "",
            salary_min=salary_min or None,
            posted_within=number("posted_within", MAX_POSTED_WITHIN_DAYS),
            new_only=params.get("new_only") == "1",
            show_hidden=params.get("show_hidden") == "1",
            show_closed=params.get("show_closed") == "1",
            min_score=min(number("min_score", MAX_ID) or 0, 100) or None,
            sort=sort if sort in ("newest", "salary", "score") else "newest",
            ignored=tuple(ignored),
        )


def jobs_for(user, filters: JobFilters) -> QuerySet:
    jobs = Job.objects.filter(owner=user).select_related("board")
    if not filters.show_hidden:
        jobs = jobs.filter(hidden=False)
    if not filters.show_closed:
        jobs = jobs.filter(closed_at__isnull=True)
    if filters.board:
        jobs = jobs.filter(board_id=filters.board)
    if filters.company:
        jobs = jobs.filter(company__icontains=filters.company)
    if filters.location:
        jobs = jobs.filter(location__icontains=filters.location)
    if filters.remote:
        jobs = jobs.filter(remote=filters.remote)
    if filters.salary_min:
        jobs = jobs.filter(
            Q(salary_max__gte=filters.salary_min)
            | Q(salary_max__isnull=True, salary_min__gte=filters.salary_min)
        )
    if filters.posted_within:
        since = timezone.now() - timedelta(days=filters.posted_within)
        jobs = jobs.filter(
            Q(posted_at__gte=since) | Q(posted_at__isnull=True, first_seen_at__gte=since)
        )
    if filters.new_only:
        jobs = jobs.filter(is_new=True)
    fit = registered_fit()
    if fit and filters.min_score:
        jobs = jobs.filter(fit.at_least(filters.min_score))
    jobs = search_jobs(jobs, filters.q)
    if fit:
        jobs = jobs.prefetch_related(fit.prefetch)
    if fit and filters.sort == "score":
        return jobs.order_by(fit.best_first, "-first_seen_at", "-id")
    if filters.sort == "salary":
        return jobs.order_by(
            F("salary_max").desc(nulls_last=True), F("salary_min").desc(nulls_last=True), "-id"
        )
    return jobs.order_by("-first_seen_at", "-id")


def job_history(job: Job) -> dict:
    return {
        "reposted_from": job.reposted_from,
        "reposts": list(Job.objects.filter(reposted_from=job).order_by("first_seen_at")),
    }
