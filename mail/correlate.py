"""Which application is an email about? Evidence in stages, strongest first.

1. thread: In-Reply-To/References name an email already linked to an application;
2. ids: a posting link or ATS job id in the email matches an application's job;
3. rule/domain: a learned rule, or the sender's domain is the company's;
4. company: the company's name in sender name, subject or body (legal suffixes removed);
5. title: among that company's applications, the job title, recency breaking ties.

Pure functions over an `Index` built once per batch (see `build_index`), so thousands of
emails are matched without a query each and without comparing every email with every
application: every stage narrows the candidates first through a dictionary lookup.
"""

import contextlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz

from boards.canonical import InvalidURL, canonical_url
from boards.sources import detect
from jobtracker.text import norm_company, norm_title

from .senders import is_ats_domain, is_shared_domain

# Score of each stage's evidence when it points at one application.
STAGE_SCORE = {
    "thread": 0.99,
    "ids": 0.97,
    "rule": 0.92,
    "domain": 0.9,
    "company": 0.85,
}
TITLE_MIN = 80  # rapidfuzz 0-100: the title must really be there
TITLE_MARGIN = 8  # and clearly better than the next application's
MAX_CANDIDATES = 3
_URL = re.compile(r"https?://[^\s<>\"')\]]{4,500}", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9][a-z0-9&+.-]*")
# Words too common in company names to find a company by (they still count when matched).
_WEAK = {
    "the", "and", "of", "group", "labs", "technologies", "technology", "tech", "software",
    "systems", "solutions", "digital", "global", "services", "international", "company",
    "consulting", "partners", "health", "bank", "capital", "data", "ai", "io", "app", "hq",
    "team", "careers", "jobs", "recruiting", "talent", "hiring", "people", "hr", "no",
    "reply", "noreply", "via", "at", "for", "your", "you", "we", "us", "job",
}  # fmt: skip


@dataclass(frozen=True)
class AppRef:
    id: int
    company: str  # normalized
    title: str  # normalized
    active: bool
    updated_at: datetime


@dataclass
class Index:
    apps: dict[int, AppRef] = field(default_factory=dict)
    by_company: dict[str, list[int]] = field(default_factory=dict)
    by_message_id: dict[str, int] = field(default_factory=dict)
    by_posting: dict[str, int] = field(default_factory=dict)  # "kind:job_id" or canonical url
    by_domain_label: dict[str, list[str]] = field(default_factory=dict)  # "acme" → companies
    by_token: dict[str, list[str]] = field(default_factory=dict)  # company word → companies
    rules: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, value) → company

    def add_app(self, ref: AppRef, *, url: str = "", kind: str = "", job_id: str = "") -> None:
        known = ref.id in self.apps
        self.apps[ref.id] = ref
        if ref.company and not known:
            first = ref.company not in self.by_company
            self.by_company.setdefault(ref.company, []).append(ref.id)
            if first:
                compact = ref.company.replace(" ", "")
                self.by_domain_label.setdefault(compact, []).append(ref.company)
                for word in set(ref.company.split()):
                    self.by_token.setdefault(word, []).append(ref.company)
        for key in posting_keys(url, kind, job_id):
            self.by_posting.setdefault(key, ref.id)


@dataclass(frozen=True)
class MailFacts:
    """What correlation reads of one email."""

    sender_email: str
    sender_name: str
    subject: str
    text: str
    in_reply_to: str = ""
    references: str = ""


@dataclass
class Match:
    application_id: int | None
    stage: str = ""
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)  # [{"id", "score", "reasons"}]


def posting_keys(url: str, kind: str = "", job_id: str = "") -> list[str]:
    keys = []
    if kind and job_id:
        keys.append(f"{kind}:{job_id}")
    if url:
        found = detect(url)
        if found.known and found.job_id:
            keys.append(f"{found.kind}:{found.job_id}")
        with contextlib.suppress(InvalidURL, ValueError):
            keys.append(canonical_url(url))
    return keys


def thread_ids(in_reply_to: str, references: str) -> list[str]:
    return [i.strip("<> ") for i in f"{in_reply_to} {references}".split() if i.strip("<> ")]


def domain_label(domain: str) -> str:
    """'jobs.acme-corp.co.uk' → 'acmecorp': the name-bearing label of a domain."""
    parts = [p for p in domain.lower().split(".") if p]
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:
        parts = parts[:-1]  # co.uk, com.au
    return parts[-2].replace("-", "") if len(parts) >= 2 else ""


def correlate(facts: MailFacts, index: Index) -> Match:
    for stage in (_by_thread, _by_posting, _by_rule, _by_domain, _by_company):
        found = stage(facts, index)
        if found is not None:
            return found
    return Match(None)


def _by_thread(facts: MailFacts, index: Index) -> Match | None:
    for mid in thread_ids(facts.in_reply_to, facts.references):
        app_id = index.by_message_id.get(mid)
        if app_id is not None:
            return Match(app_id, "thread", STAGE_SCORE["thread"], [f"reply in thread <{mid}>"])
    return None


def _by_posting(facts: MailFacts, index: Index) -> Match | None:
    if not index.by_posting:
        return None
    for url in dict.fromkeys(_URL.findall(facts.text[:50_000])):
        for key in posting_keys(url.rstrip(".,;:")):
            app_id = index.by_posting.get(key)
            if app_id is not None:
                return Match(app_id, "ids", STAGE_SCORE["ids"], [f"posting link {url[:120]}"])
    return None


def _by_rule(facts: MailFacts, index: Index) -> Match | None:
    address = facts.sender_email.lower()
    domain = address.rpartition("@")[2]
    name = " ".join(facts.sender_name.lower().split())
    for kind, value in (("address", address), ("name", name), ("domain", domain)):
        company = index.rules.get((kind, value)) if value else None
        if company:
            return _among(index, company, facts, "rule", [f"learned rule: {value} → {company}"])
    return None


def _by_domain(facts: MailFacts, index: Index) -> Match | None:
    domain = facts.sender_email.rpartition("@")[2].lower()
    if not domain or is_shared_domain(domain) or is_ats_domain(domain):
        return None
    for company in index.by_domain_label.get(domain_label(domain), ()):
        return _among(index, company, facts, "domain", [f"sender domain {domain}"])
    return None


def _by_company(facts: MailFacts, index: Index) -> Match | None:
    places = (
        ("sender name", norm_company(facts.sender_name)),
        ("subject", norm_company(facts.subject)),
        ("body", norm_company(facts.text[:3000])),
    )
    for where, text in places:
        words = set(_WORD.findall(text))
        found = [c for c in _companies_with_words(words, index) if _contains(text, words, c)]
        if found:
            return _named(index, facts, text, found, where)
    return None


def _named(index: Index, facts: MailFacts, text: str, found: list[str], where: str) -> Match:
    """Several tracked companies named in one place: a name inside a longer one loses ("acme"
    in "acme robotics"); of different companies the one named most often wins, and a tie
    ("… at Okta. Follow us on Twitter") waits for review with both as candidates."""
    named = [c for c in found if not any(c != o and f" {c} " in f" {o} " for o in found)]
    padded = f" {text} "
    counts = sorted(((padded.count(f" {c} "), c) for c in named), reverse=True)
    (top, company), rest = counts[0], counts[1:]
    reasons = [f"company '{company}' in {where}"]
    if not rest or top > rest[0][0]:
        if rest:
            reasons.append(f"named {top}×, more than '{rest[0][1]}'")
        return _among(index, company, facts, "company", reasons)
    tied = [c for n, c in counts if n == top]
    candidates = [
        {"id": app_id, "score": 0.5, "reasons": [f"company '{c}' in {where}"]}
        for c in tied
        for app_id in index.by_company.get(c, [])[:MAX_CANDIDATES]
    ][:MAX_CANDIDATES]
    why = [f"{len(tied)} tracked companies named in {where}: " + ", ".join(tied)]
    return Match(None, "company", 0.0, why, candidates)


def _companies_with_words(words: set[str], index: Index) -> set[str]:
    out: set[str] = set()
    for word in words:
        if word not in _WEAK and len(word) > 1:
            out.update(index.by_token.get(word, ()))
    return out


def _contains(text: str, words: set[str], company: str) -> bool:
    parts = company.split()
    if not all(p in words for p in parts):
        return False
    return len(parts) == 1 or f" {company} " in f" {text} "


def _among(index: Index, company: str, facts: MailFacts, stage: str, reasons: list[str]) -> Match:
    """Evidence points at a company: pick its application, or ask when it cannot tell."""
    ids = index.by_company.get(company, [])
    apps = [index.apps[i] for i in ids]
    if not apps:
        return Match(None, stage, 0.0, [*reasons, f"no application at {company}"])
    active = [a for a in apps if a.active] or apps
    if len(active) == 1:
        return Match(active[0].id, stage, STAGE_SCORE[stage], reasons)
    return _by_title(active, facts, stage, reasons)


def _by_title(apps: list[AppRef], facts: MailFacts, stage: str, reasons: list[str]) -> Match:
    haystack = norm_title(f"{facts.subject} {facts.text[:2000]}")
    ranked = sorted(
        ((fuzz.token_set_ratio(a.title, haystack) if a.title else 0.0, a) for a in apps),
        key=lambda pair: (pair[0], pair[1].updated_at),
        reverse=True,
    )
    candidates = [
        {
            "id": a.id,
            "score": round(s / 100, 2),
            "reasons": [*reasons, f"title '{a.title}' {s:.0f}%"],
        }
        for s, a in ranked[:MAX_CANDIDATES]
    ]
    (best, app), (second, _) = ranked[0], ranked[1]
    if best >= TITLE_MIN and best - second >= TITLE_MARGIN:
        why = [*reasons, f"title '{app.title}' matches ({best:.0f}%)"]
        return Match(app.id, "title", round(STAGE_SCORE[stage] * best / 100, 3), why, candidates)
    why = [*reasons, f"{len(apps)} open applications there; the title does not tell them apart"]
    return Match(None, stage, 0.0, why, candidates)
