"""Model calls: budget, bounded retries, usage and cost on every call, cached job analyses.

Every call goes through `call_model()`: it refuses once the user's monthly budget is spent,
retries 429/529 a bounded number of times, retries an answer that is not valid JSON of the
schema once, and stores an LlmCall row (tokens, cached tokens, cost) whatever happens.
"""

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from pydantic import BaseModel, ValidationError

from applications.models import EventKind
from applications.services import record_event

from .models import LlmAnalysis, LlmCall, Profile, Purpose, Resume
from .prompts import analysis_prompt, system_prefix
from .providers import (
    Completion,
    NotConfigured,
    ProviderError,
    Request,
    RetryableError,
    get_provider,
    model_for,
    provider_name,
)
from .schemas import JobAnalysisOut, strict_schema
from .services import get_profile

logger = logging.getLogger(__name__)

MILLION = Decimal(1_000_000)


class LlmError(Exception):
    """A model call did not produce a usable answer; the message says why, for people."""


class BudgetExceeded(LlmError):
    pass


def llm_enabled() -> bool:
    return provider_name() != "none"


# --- Cost and budget ---------------------------------------------------------------------------


def cost_of(model: str, usage) -> Decimal:
    """USD for one call from settings.LLM_PRICES (per million tokens); unlisted models: 0."""
    prices = (getattr(settings, "LLM_PRICES", {}) or {}).get(model)
    if not prices:
        return Decimal(0)

    def price(name: str) -> Decimal:
        return Decimal(str(prices.get(name, 0) or 0))

    total = (
        usage.input_tokens * price("input")
        + usage.output_tokens * price("output")
        + usage.cache_read_tokens * price("cache_read")
        + usage.cache_write_tokens * price("cache_write")
    )
    return (total / MILLION).quantize(Decimal("0.000001"))


def usd(amount) -> str:
    amount = Decimal(amount)
    return f"${amount:,.2f}" if amount >= 1 or amount == 0 else f"${amount:.4f}"


def month_start(now: datetime | None = None) -> datetime:
    now = timezone.localtime(now or timezone.now())
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: datetime | None = None) -> datetime:
    start = month_start(now)
    return (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )


@dataclass
class Budget:
    tokens_used: int
    cost_used: Decimal
    token_limit: int  # 0 = none
    cost_limit: Decimal  # 0 = none

    @property
    def exhausted(self) -> bool:
        return bool(
            (self.token_limit and self.tokens_used >= self.token_limit)
            or (self.cost_limit and self.cost_used >= self.cost_limit)
        )

    @property
    def cost_left(self) -> Decimal | None:
        return max(Decimal(0), self.cost_limit - self.cost_used) if self.cost_limit else None


def budget_for(user, profile: Profile | None = None) -> Budget:
    profile = profile or Profile.objects.filter(owner=user).first()
    used = LlmCall.objects.filter(owner=user, created_at__gte=month_start()).aggregate(
        i=Sum("input_tokens"),
        o=Sum("output_tokens"),
        r=Sum("cache_read_tokens"),
        w=Sum("cache_write_tokens"),
        c=Sum("cost"),
    )
    token_limit = settings.LLM_MONTHLY_TOKEN_BUDGET
    cost_limit = Decimal(str(settings.LLM_MONTHLY_COST_BUDGET))
    if profile is not None and profile.monthly_token_budget is not None:
        token_limit = profile.monthly_token_budget
    if profile is not None and profile.monthly_cost_budget is not None:
        cost_limit = profile.monthly_cost_budget
    return Budget(
        tokens_used=sum(used[k] or 0 for k in "iorw"),
        cost_used=used["c"] or Decimal(0),
        token_limit=int(token_limit or 0),
        cost_limit=Decimal(cost_limit or 0),
    )


def check_budget(user, profile: Profile | None = None) -> Budget:
    budget = budget_for(user, profile)
    if budget.exhausted:
        limits = []
        if budget.token_limit:
            limits.append(f"{budget.tokens_used:,} of {budget.token_limit:,} tokens")
        if budget.cost_limit:
            limits.append(f"{usd(budget.cost_used)} of {usd(budget.cost_limit)}")
        raise BudgetExceeded(
            "Your monthly model budget is used up (" + "; ".join(limits) + "). No more model "
            f"calls until {next_month_start():%B %-d}; fast scores keep working."
        )
    return budget


# --- Calls ------------------------------------------------------------------------------------


def _failure(message: str, attempts: int) -> LlmError:
    error = LlmError(message)
    error.attempts = attempts
    return error


def _complete_with_retries(provider, request: Request) -> tuple[Completion, int]:
    """One completion; 429/529 are retried LLM_MAX_RETRIES times with backoff."""
    retries = max(0, settings.LLM_MAX_RETRIES)
    backoff = settings.LLM_RETRY_BACKOFF_SECONDS
    for attempt in range(retries + 1):
        try:
            return provider.complete(request), attempt + 1
        except RetryableError as exc:
            if attempt >= retries:
                raise _failure(
                    f"{exc} Gave up after {attempt + 1} tries; try again later.", attempt + 1
                ) from exc
            hinted = exc.retry_after if exc.retry_after is not None else backoff * 2**attempt
            wait = min(60.0, hinted)
            logger.info("llm retry status=%s attempt=%s wait=%.1fs", exc.status, attempt + 1, wait)
            time.sleep(wait)
        except ProviderError as exc:
            raise _failure(str(exc), attempt + 1) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def _record(
    user,
    purpose: str,
    model: str,
    completion: Completion | None,
    *,
    attempts: int,
    started: float,
    error: str = "",
) -> LlmCall:
    usage = completion.usage if completion else None
    return LlmCall.objects.create(
        owner=user,
        provider=provider_name(),
        model=(completion.model if completion else model)[:100],
        purpose=purpose,
        input_tokens=usage.input_tokens if usage else 0,
        output_tokens=usage.output_tokens if usage else 0,
        cache_read_tokens=usage.cache_read_tokens if usage else 0,
        cache_write_tokens=usage.cache_write_tokens if usage else 0,
        cost=cost_of(completion.model if completion else model, usage) if usage else 0,
        attempts=attempts,
        ok=not error,
        error=error[:2000],
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def parse_json(text: str, schema: type[BaseModel]) -> BaseModel:
    """The answer as the schema; tolerates a ```json fence around it."""
    body = text.strip()
    if body.startswith("```"):
        body = body.strip("`")
        body = body[4:] if body.lower().startswith("json") else body
    start, end = body.find("{"), body.rfind("}")
    if start == -1 or end < start:
        raise ValueError("no JSON object in the answer")
    return schema.model_validate(json.loads(body[start : end + 1]))


def call_model(
    user,
    purpose: str,
    request: Request,
    schema: type[BaseModel] | None = None,
    profile: Profile | None = None,
):
    """Ask the configured model. Returns (parsed answer or text, the last LlmCall).

    Raises LlmError (BudgetExceeded, not configured, failed after retries, invalid JSON
    twice). Every request actually sent is recorded with its usage, failures included.
    """
    try:
        provider = get_provider()
        if provider.name == "none":
            provider.complete(request)  # raises NotConfigured with the explanation
    except NotConfigured as exc:
        raise LlmError(str(exc)) from exc
    check_budget(user, profile)
    tries = 2 if schema is not None else 1  # invalid JSON gets one more chance
    last_error = ""
    for _ in range(tries):
        started = time.monotonic()
        try:
            completion, attempts = _complete_with_retries(provider, request)
        except LlmError as exc:
            _record(
                user,
                purpose,
                request.model,
                None,
                attempts=getattr(exc, "attempts", 1),
                started=started,
                error=str(exc),
            )
            raise
        if schema is None:
            return completion.text, _record(
                user, purpose, request.model, completion, attempts=attempts, started=started
            )
        try:
            parsed = parse_json(completion.text, schema)
        except (ValueError, ValidationError) as exc:
            last_error = f"the answer was not valid JSON of the expected shape ({exc})"[:500]
            _record(
                user,
                purpose,
                request.model,
                completion,
                attempts=attempts,
                started=started,
                error=last_error,
            )
            logger.info("llm invalid json purpose=%s model=%s", purpose, request.model)
            continue
        return parsed, _record(
            user, purpose, request.model, completion, attempts=attempts, started=started
        )
    raise LlmError(f"The model answered twice, but {last_error}.")


# --- Job analysis -----------------------------------------------------------------------------


def job_content_hash(job) -> str:
    parts = [job.title, job.company, job.location, job.description_text]
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()


def cached_analysis(user, job, profile: Profile, model: str) -> LlmAnalysis | None:
    return LlmAnalysis.objects.filter(
        owner=user,
        job=job,
        content_hash=job_content_hash(job),
        profile_version=profile.version,
        model=model,
        status=LlmAnalysis.Status.OK,
    ).first()


def analyze_job(user, job, *, automatic: bool = False, raise_errors: bool = True):
    """The model's reading of a job for the current profile. A cached answer for the same
    (job content, profile version, model) is returned without any request. Failures are
    stored on the analysis row (and raised as LlmError unless raise_errors is False)."""
    profile = get_profile(user)
    model = model_for("scoring")
    if model:
        cached = cached_analysis(user, job, profile, model)
        if cached is not None:
            return cached
    resume = Resume.objects.filter(owner=user, is_active=True).first()
    request = Request(
        model=model,
        system=system_prefix(profile, resume),
        prompt=analysis_prompt(job),
        max_tokens=1500,
        schema=strict_schema(JobAnalysisOut),
        schema_name="job_analysis",
    )
    key = {
        "owner": user,
        "job": job,
        "content_hash": job_content_hash(job),
        "profile_version": profile.version,
        "model": model or "none",
    }
    try:
        parsed, call = call_model(user, Purpose.ANALYSIS, request, JobAnalysisOut, profile)
    except LlmError as exc:
        analysis = _save_analysis(
            key,
            provider=provider_name(),
            status=LlmAnalysis.Status.FAILED,
            error=str(exc),
            automatic=automatic,
        )
        logger.info("analysis failed job=%s error=%s", job.pk, exc)
        if raise_errors:
            raise
        return analysis
    analysis = _save_analysis(
        key,
        provider=provider_name(),
        status=LlmAnalysis.Status.OK,
        result=parsed.model_dump(),
        call=call,
        automatic=automatic,
    )
    _note_on_applications(job, analysis)
    return analysis


def _save_analysis(key: dict, **values) -> LlmAnalysis:
    values.setdefault("error", "")
    values.setdefault("result", {})
    values["created_at"] = timezone.now()
    try:
        with transaction.atomic():
            analysis, _ = LlmAnalysis.objects.update_or_create(**key, defaults=values)
    except IntegrityError:  # pragma: no cover - a concurrent worker saved the same key
        analysis = LlmAnalysis.objects.get(**key)
    return analysis


def _note_on_applications(job, analysis: LlmAnalysis) -> None:
    for application in job.applications.filter(owner_id=analysis.owner_id):
        record_event(
            application,
            EventKind.ANALYZED,
            f"Model analysis: {analysis.result.get('score')}/100 ({analysis.model})",
            payload={"analysis_id": analysis.pk, "score": analysis.result.get("score")},
        )
