"""The fast, explainable fit score: pure functions, no I/O.

`score(spec, job, rarity)` turns a prepared profile (`ProfileSpec`) and one job (`JobInput`)
into a 0-100 total whose integer parts (the breakdown) sum to it, plus the matched and
missing skills, flags and short reasons. Everything about the job is derived inside the
call, tokenizing its text included, so the benchmark measures the real per-job cost.

Points: skills 45 (weighted by rarity), title 20, location/remote 10, seniority 10,
salary 5, must-have keywords 10; avoid keywords and blocked companies subtract.
Unknown facts earn part of a part's points (UNKNOWN), never all of it.
"""

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from boards.scanning import norm_company

from .skills import (
    _CANONICAL_NAMES,
    VOCAB,
    Matcher,
    normalize_lowered,
    phrase_key,
    searchable,
    tokens,
)

KEYWORD = "\x00"
MAX = {"skills": 45, "title": 20, "location": 10, "seniority": 10, "salary": 5, "keywords": 10}
UNKNOWN = 0.6  # the share of a part's points when the job does not say
AVOID_PENALTY = 15
# A posting naming none of the known skills is most often outside the person's field.
UNKNOWN_SKILLS = 0.25
BANDS = ((75, "strong"), (60, "good"), (45, "fair"), (0, "weak"))

LEVELS = {"intern": 0, "junior": 1, "mid": 2, "senior": 3, "staff": 4, "lead": 4, "director": 5}
_TITLE_LEVEL_WORDS = {
    b"intern": "intern",
    b"internship": "intern",
    b"werkstudent": "intern",
    b"trainee": "intern",
    b"apprentice": "intern",
    b"praktikum": "intern",
    b"junior": "junior",
    b"jr": "junior",
    b"graduate": "junior",
    b"entry": "junior",
    b"associate": "junior",
    b"mid": "mid",
    b"intermediate": "mid",
    b"senior": "senior",
    b"sr": "senior",
    b"staff": "staff",
    b"principal": "staff",
    b"distinguished": "staff",
    b"lead": "lead",
    b"manager": "lead",
    b"head": "director",
    b"director": "director",
    b"vp": "director",
    b"chief": "director",
}
_TITLE_STOP = frozenset(
    b"a an and the of for in at to with m w d f x h i remote hybrid onsite".split()
) | frozenset(_TITLE_LEVEL_WORDS)
_TITLE_SYNONYMS = {
    b"developer": b"engineer",
    b"dev": b"engineer",
    b"programmer": b"engineer",
    b"swe": b"engineer",
    b"engineers": b"engineer",
}
_TITLE_JOINS = (
    (b"back end", b"backend"),
    (b"front end", b"frontend"),
    (b"full stack", b"fullstack"),
    (b"dev ops", b"devops"),
)
# "5+ years", "3-5 years", "7 yrs": matched only in a short window before each "year"/"yrs"
# found by bytes.find, so the regex never scans the whole text.
_YEARS = re.compile(rb"(\d{1,2})\s*\+?\s*(?:(?:-|to)\s*\d{1,2}\s*)?\+?\s*$")
_PERIOD_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080, "": 1}


def band_for(total: int) -> str:
    return next(name for floor, name in BANDS if total >= floor)


def _title_words(title: str, words: list[bytes] | None = None) -> frozenset:
    joined = b" ".join(tokens(title) if words is None else words)
    for a, b in _TITLE_JOINS:
        if a in joined:
            joined = joined.replace(a, b)
    return frozenset(_TITLE_SYNONYMS.get(w, w) for w in joined.split() if w not in _TITLE_STOP)


@lru_cache(maxsize=64)
def _matcher_for(extra: tuple[tuple[str, str], ...]) -> Matcher:
    """The vocabulary plus a profile's own skills and keywords (built once per set)."""
    return VOCAB.extended(dict(extra))


@dataclass
class ProfileSpec:
    """A profile prepared once per batch: skills, titles and keywords already normalized."""

    skills: frozenset[str] = frozenset()
    target_titles: list[tuple[str, frozenset]] = field(default_factory=list)
    seniority: str = ""
    years: int | None = None
    locations: list[bytes] = field(default_factory=list)
    remote_preference: str = "any"
    min_salary: Decimal | None = None
    salary_currency: str = ""
    must_have: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    blocked_companies: frozenset[str] = frozenset()
    matcher: Matcher = VOCAB

    @classmethod
    def build(
        cls,
        *,
        skills=(),
        target_titles=(),
        seniority="",
        years=None,
        locations=(),
        remote_preference="any",
        min_salary=None,
        salary_currency="",
        must_have=(),
        avoid=(),
        blocked_companies=(),
    ) -> "ProfileSpec":
        skills = [s for s in skills if s]
        must_have = [k for k in must_have if phrase_key(k)]
        avoid = [k for k in avoid if phrase_key(k)]
        # Skills the vocabulary does not know, and the keywords, join the automaton; keyword
        # names start with KEYWORD so they never collide with a skill.
        extra = {s: s for s in skills if s.lower() not in _CANONICAL_NAMES}
        extra.update({k: KEYWORD + k for k in [*must_have, *avoid]})
        # A target title implies the role's own skills ("Backend Engineer": Backend
        # Development), so they are never listed as missing for such a job.
        implied = set().union(*(VOCAB.find_in(title) for title in target_titles))
        return cls(
            skills=frozenset(skills) | implied,
            target_titles=[(t, _title_words(t)) for t in target_titles if _title_words(t)],
            seniority=seniority or "",
            years=years,
            locations=[b" " + phrase_key(loc) + b" " for loc in locations if phrase_key(loc)],
            remote_preference=remote_preference or "any",
            min_salary=Decimal(min_salary) if min_salary not in (None, "") else None,
            salary_currency=(salary_currency or "").upper(),
            must_have=must_have,
            avoid=avoid,
            blocked_companies=frozenset(norm_company(c) for c in blocked_companies if c),
            matcher=_matcher_for(tuple(sorted(extra.items()))) if extra else VOCAB,
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


@dataclass
class ScoreResult:
    total: int
    band: str
    breakdown: dict[str, int]
    matched_skills: list[str]
    missing_skills: list[str]
    flags: list[str]
    reasons: list[str]
    job_skills: frozenset[str] = frozenset()


@dataclass
class Rarity:
    """Document frequency of each skill over the user's jobs: rare skills weigh more."""

    df: dict[str, int] = field(default_factory=dict)
    jobs: int = 0

    def __post_init__(self):
        self._weights = {skill: self._weight(count) for skill, count in self.df.items()}
        self._unseen = self._weight(0)
        # Sort keys: rarest first, then by name.
        self.order_keys = {skill: (-w, skill) for skill, w in self._weights.items()}

    def _weight(self, count: int) -> float:
        return max(0.25, 1.0 + math.log((self.jobs + 1) / (count + 1)))

    def weight(self, skill: str) -> float:
        return self._weights.get(skill, self._unseen)

    def weights_for(self, skills) -> dict[str, float]:
        """The weights table, after adding any of `skills` not seen in the counts."""
        weights = self._weights
        for skill in skills:
            if skill not in weights:
                weights[skill] = self._unseen
                self.order_keys[skill] = (-self._unseen, skill)
        return weights


def job_skills(job: JobInput, matcher: Matcher = VOCAB) -> set[str]:
    return matcher.find_in(f"{job.title}\n{job.text}")


def score(spec: ProfileSpec, job: JobInput, rarity: Rarity | None = None) -> ScoreResult:
    rarity = rarity or Rarity()
    lowered = f"{job.title}\n{job.text}".encode("utf-8", "ignore").lower()
    found = spec.matcher.find_searchable(searchable(normalize_lowered(lowered)))
    keywords = set()
    if spec.must_have or spec.avoid:
        keywords = {name[1:] for name in found if name[0] == KEYWORD}
        found = {name for name in found if name[0] != KEYWORD}
    reasons: list[str] = []
    flags: list[str] = []

    # Skills, weighted by rarity.
    matched = found & spec.skills
    missing = found - spec.skills
    weights = rarity.weights_for(found)
    if found:
        got = sum(map(weights.__getitem__, matched))
        share = got / (got + sum(map(weights.__getitem__, missing)))
        skills_pts = MAX["skills"] * share**0.75
        reasons.append(f"Skills: {len(matched)} of {len(found)} asked for")
    else:
        skills_pts = MAX["skills"] * UNKNOWN_SKILLS
        reasons.append("No known skills named in the posting")

    # Title against target titles.
    title_tokens = tokens(job.title)
    if spec.target_titles:
        title_words = _title_words(job.title, title_tokens)
        best, best_title = 0.0, ""
        for name, target in spec.target_titles:
            share = len(target & title_words) / len(target)
            if share > best:
                best, best_title = share, name
        title_pts = MAX["title"] * best
        if best >= 0.99:
            reasons.append(f"Title matches “{best_title}”")
        elif best > 0:
            reasons.append(f"Title is close to “{best_title}”")
        else:
            reasons.append("Title is not one of your targets")
    else:
        title_pts = MAX["title"] * UNKNOWN

    # Location and remote.
    location_pts, note = _location_points(spec, job)
    if note:
        reasons.append(note)

    # Seniority and years asked for.
    seniority_pts, note = _seniority_points(spec, title_tokens, lowered)
    if note:
        reasons.append(note)

    # Salary floor: a job paying below it is flagged, not hidden.
    salary_pts, note, below = _salary_points(spec, job)
    if below:
        flags.append("below_salary_floor")
    if note:
        reasons.append(note)

    # Must-have keywords.
    if spec.must_have:
        present = [k for k in spec.must_have if k in keywords]
        keyword_pts = MAX["keywords"] * len(present) / len(spec.must_have)
        absent = [k for k in spec.must_have if k not in keywords]
        if absent:
            reasons.append("Missing must-have: " + ", ".join(absent[:3]))
    else:
        keyword_pts = MAX["keywords"]

    parts = {
        "skills": round(skills_pts),
        "title": round(title_pts),
        "location": round(location_pts),
        "seniority": round(seniority_pts),
        "salary": round(salary_pts),
        "keywords": round(keyword_pts),
    }
    positive = sum(parts.values())
    penalty = 0
    avoided = [k for k in spec.avoid if k in keywords]
    if avoided:
        penalty += AVOID_PENALTY * len(avoided)
        flags.extend(f"avoid:{k}" for k in avoided)
        reasons.append("Mentions " + ", ".join(f"“{k}”" for k in avoided) + " (avoid)")
    if (
        spec.blocked_companies
        and job.company
        and norm_company(job.company) in spec.blocked_companies
    ):
        penalty = positive
        flags.append("blocked_company")
        reasons.append(f"{job.company} is on your blocklist")
    parts["penalty"] = -min(penalty, positive)
    total = positive + parts["penalty"]
    order = rarity.order_keys
    return ScoreResult(
        total=total,
        band=band_for(total),
        breakdown=parts,
        matched_skills=sorted(matched, key=order.__getitem__),
        missing_skills=sorted(missing, key=order.__getitem__),
        flags=flags,
        reasons=reasons,
        job_skills=frozenset(found),
    )


def _location_matches(spec: ProfileSpec, location: str) -> bool | None:
    if not spec.locations:
        return True
    if not location:
        return None
    padded = b" " + phrase_key(location) + b" "
    return any(loc in padded for loc in spec.locations)


def _remote_of(job: JobInput) -> str:
    if job.remote and job.remote != "unknown":
        return job.remote
    lowered = f"{job.location} {job.title}".lower()
    if "remote" in lowered:
        return "remote"
    if "hybrid" in lowered:
        return "hybrid"
    return "unknown"


# Share of the location points by (preference, job's remote kind, location matches).
_LOCATION_TABLE = {
    "remote": {"remote": (1, 1), "hybrid": (0.4, 0.2), "onsite": (0.3, 0), "unknown": (0.6, 0.4)},
    "hybrid": {"remote": (1, 1), "hybrid": (1, 0.4), "onsite": (0.6, 0), "unknown": (0.8, 0.4)},
    "onsite": {"remote": (0.6, 0.6), "hybrid": (1, 0.2), "onsite": (1, 0), "unknown": (0.8, 0.3)},
    "any": {"remote": (1, 1), "hybrid": (1, 0.2), "onsite": (1, 0), "unknown": (1, 0.5)},
}


def _location_points(spec: ProfileSpec, job: JobInput) -> tuple[float, str]:
    kind = _remote_of(job)
    matches = _location_matches(spec, job.location)
    if spec.remote_preference == "any" and not spec.locations:
        return MAX["location"], ""
    near, far = _LOCATION_TABLE.get(spec.remote_preference, _LOCATION_TABLE["any"])[kind]
    if matches is None:
        share = UNKNOWN * near
        note = "Location not stated"
    else:
        share = near if matches else far
        where = "in your area" if matches and spec.locations else "outside your locations"
        note = f"{kind.title() if kind != 'unknown' else 'Work mode not stated'}, {where}"
    return MAX["location"] * share, note


def job_level(title: str, words: list[bytes] | None = None) -> str:
    for word in tokens(title) if words is None else words:
        level = _TITLE_LEVEL_WORDS.get(word)
        if level:
            return level
    return ""


def years_asked(lowered: bytes) -> int | None:
    """The first "N years" requirement in a lowered text, if any."""
    for word in (b"year", b"yrs"):
        start = lowered.find(word)
        while start != -1:
            found = _YEARS.search(lowered, max(0, start - 16), start)
            if found:
                return int(found.group(1))
            start = lowered.find(word, start + 4)
    return None


def _seniority_points(
    spec: ProfileSpec, title_tokens: list[bytes], lowered: bytes
) -> tuple[float, str]:
    level_max, years_max = 7, 3
    note = ""
    level = job_level("", title_tokens)
    if not spec.seniority:
        level_pts = level_max
    elif not level:
        level_pts = level_max * UNKNOWN
    else:
        gap = abs(LEVELS[level] - LEVELS.get(spec.seniority, 2))
        level_pts = level_max * (1.0, 0.6, 0.2)[gap] if gap < 3 else 0
        if gap:
            note = f"Level: {level}, you are {spec.seniority}"
    if spec.years is None:
        years_pts = years_max
    else:
        asked = None
        asked = years_asked(lowered)
        if asked is None or asked > 30:
            years_pts = years_max * UNKNOWN
        elif asked <= spec.years:
            years_pts = years_max
        elif asked <= spec.years + 2:
            years_pts = years_max * 0.5
            note = note or f"Asks {asked}+ years, you have {spec.years}"
        else:
            years_pts = 0
            note = note or f"Asks {asked}+ years, you have {spec.years}"
    return level_pts + years_pts, note


def annual(amount: Decimal | None, period: str) -> Decimal | None:
    if amount is None:
        return None
    return Decimal(amount) * _PERIOD_FACTOR.get(period or "", 1)


def _salary_points(spec: ProfileSpec, job: JobInput) -> tuple[float, str, bool]:
    if spec.min_salary is None:
        return MAX["salary"], "", False
    top = annual(
        job.salary_max if job.salary_max is not None else job.salary_min, job.salary_period
    )
    if top is None:
        return MAX["salary"] * UNKNOWN, "", False
    currency = (job.salary_currency or "").upper()
    if spec.salary_currency and currency and currency != spec.salary_currency:
        return (
            MAX["salary"] * UNKNOWN,
            f"Salary in {currency}, your floor is in " + (spec.salary_currency),
            False,
        )
    if top < spec.min_salary:
        return 0, f"Pays below your floor ({currency} {top:,.0f} < {spec.min_salary:,.0f})", True
    return MAX["salary"], "", False
