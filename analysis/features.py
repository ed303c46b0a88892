"""What the fit score reads from a job, taken once per posting content.

Reading a posting's ~3 KB text (every skill alias, the years asked) is most of the cost of
scoring it. `extract(job, matcher)` does that pass once and keeps the result as
`JobFeatures`; services store them per job (the JobFeatures model) keyed by the job's
content and the matcher, so rescoring every job after a profile change reads no text.

Bump FEATURES_VERSION whenever what `extract` derives changes: stored features of an older
version are read again.
"""

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from jobtracker.text import norm_company

from .fit_parts import TITLE_LEVEL_WORDS, annual, job_level, remote_of, years_asked
from .skills import Matcher, normalize_lowered, phrase_key, searchable, tokens

FEATURES_VERSION = 1
# Prefix of keyword names in a matcher, so a keyword never collides with a skill.
KEYWORD = "\x00"

# Filler and level words ("(m/w/d)", "Senior") say nothing about the kind of role.
_TITLE_STOP = frozenset(
    ("a", "an", "and", "the", "of", "for", "in", "at", "to", "with", "m", "w", "d", "f", "x",
     "h", "i", "remote", "hybrid", "onsite")
) | frozenset(w.decode() for w in TITLE_LEVEL_WORDS)  # fmt: skip
_TITLE_SYNONYMS = {
    "developer": "engineer",
    "dev": "engineer",
    "programmer": "engineer",
    "swe": "engineer",
    "engineers": "engineer",
}
_TITLE_JOINS = (
    ("back end", "backend"),
    ("front end", "frontend"),
    ("full stack", "fullstack"),
    ("dev ops", "devops"),
)


@dataclass
class JobInput:
    title: str = ""
    company: str = ""
    location: str = ""
    remote: str = "unknown"
    text: str = ""
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str = ""
    salary_period: str = ""


@dataclass(slots=True)
class JobFeatures:
    # Canonical names the matcher found in title and text, and the profile's must-have or
    # avoid keywords found: any collection (a list when decoded from JSON).
    skills: Collection[str]
    keywords: Collection[str]
    title_words: frozenset[str]
    level: str  # from the title: "senior", "intern", ... or ""
    years: int | None  # the first "N years" asked for
    remote: str  # remote, hybrid, onsite or unknown
    place: str  # the location as " words ", "" when not stated
    company: str
    company_key: str  # norm_company(company), for the blocklist
    pay: float | None  # the top of the salary range per year
    currency: str

    def to_json(self) -> dict:
        return {
            "skills": sorted(self.skills),
            "keywords": sorted(self.keywords),
            "title_words": sorted(self.title_words),
            "level": self.level,
            "years": self.years,
            "remote": self.remote,
            "place": self.place,
            "company": self.company,
            "company_key": self.company_key,
            "pay": self.pay,
            "currency": self.currency,
        }

    @classmethod
    def from_json(cls, data: dict) -> "JobFeatures":
        return cls(
            data["skills"],
            data["keywords"],
            frozenset(data["title_words"]),
            data["level"],
            data["years"],
            data["remote"],
            data["place"],
            data["company"],
            data["company_key"],
            data["pay"],
            data["currency"],
        )


def title_words(title: str, words: list[bytes] | None = None) -> frozenset[str]:
    """A title's meaningful words: no level or filler words, synonyms folded."""
    joined = b" ".join(tokens(title) if words is None else words).decode("latin-1")
    for a, b in _TITLE_JOINS:
        if a in joined:
            joined = joined.replace(a, b)
    return frozenset(_TITLE_SYNONYMS.get(w, w) for w in joined.split() if w not in _TITLE_STOP)


def place_key(location: str) -> str:
    """A location as the scorer compares it: normalized words between spaces."""
    key = phrase_key(location or "")
    return " " + key.decode("latin-1") + " " if key else ""


def matcher_key(matcher: Matcher) -> str:
    """Identifies what `extract` finds with this matcher: stored features read with
    another matcher, or by an older FEATURES_VERSION, are stale."""
    return f"{FEATURES_VERSION}:{matcher.fingerprint}"


def extract(job: JobInput, matcher: Matcher) -> JobFeatures:
    """One pass over the job's text, plus its title, location, company and salary."""
    lowered = f"{job.title}\n{job.text}".encode("utf-8", "ignore").lower()
    found = matcher.find_searchable(searchable(normalize_lowered(lowered)))
    keywords = frozenset(name[1:] for name in found if name[0] == KEYWORD)
    if keywords:
        found = {name for name in found if name[0] != KEYWORD}
    title_tokens = tokens(job.title)
    top = job.salary_max if job.salary_max is not None else job.salary_min
    pay = annual(top, job.salary_period)
    return JobFeatures(
        skills=frozenset(found),
        keywords=keywords,
        title_words=title_words(job.title, title_tokens),
        level=job_level(title_tokens),
        years=years_asked(lowered),
        remote=remote_of(job.remote, job.location, job.title),
        place=place_key(job.location),
        company=job.company or "",
        company_key=norm_company(job.company) if job.company else "",
        pay=float(pay) if pay is not None else None,
        currency=(job.salary_currency or "").upper(),
    )
