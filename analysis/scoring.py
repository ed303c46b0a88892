"""The fast, explainable fit score: pure functions, no I/O.

`score_features(spec, features, rarity)` turns a prepared profile (`ProfileSpec`) and what
was read from one job (`features.JobFeatures`) into a 0-100 total whose integer parts (the
breakdown) sum to it, plus the matched and missing skills, flags and short reasons.
`score(spec, job, rarity)` reads the job's text first (`features.extract`): that is the
path for jobs seen once, such as search-page cards.

Points: skills 45 (weighted by rarity), title 20, location/remote 10, seniority 10,
salary 5, must-have keywords 10; avoid keywords and blocked companies subtract.
Unknown facts earn part of a part's points (UNKNOWN), never all of it.
"""

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from jobtracker.text import norm_company

from .features import (
    KEYWORD,
    JobFeatures,
    JobInput,
    extract,
    matcher_key,
    place_key,
    title_words,
)
from .fit_parts import MAX, UNKNOWN, location_points, salary_points, seniority_points
from .skills import _CANONICAL_NAMES, VOCAB, Matcher, phrase_key

__all__ = [
    "JobFeatures",
    "JobInput",
    "ProfileSpec",
    "Rarity",
    "ScoreResult",
    "score",
    "score_features",
]

AVOID_PENALTY = 15
# A posting naming none of the known skills is most often outside the person's field.
UNKNOWN_SKILLS = 0.25
BANDS = ((75, "strong"), (60, "good"), (45, "fair"), (0, "weak"))


def band_for(total: int) -> str:
    for floor, name in BANDS:  # a loop, not next(genexpr): this runs once per job
        if total >= floor:
            return name
    return BANDS[-1][1]


@lru_cache(maxsize=64)
def _matcher_for(extra: tuple[tuple[str, str], ...]) -> Matcher:
    """The vocabulary plus a profile's own skills and keywords (built once per set)."""
    return VOCAB.extended(dict(extra))


@dataclass
class ProfileSpec:
    """A profile prepared once per batch: skills, titles and keywords already normalized."""

    skills: frozenset[str] = frozenset()
    target_titles: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    seniority: str = ""
    years: int | None = None
    locations: list[str] = field(default_factory=list)  # as " words " (place_key)
    remote_preference: str = "any"
    min_salary: float | None = None
    salary_currency: str = ""
    must_have: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    blocked_companies: frozenset[str] = frozenset()
    matcher: Matcher = VOCAB
    matcher_key: str = ""

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
        matcher = _matcher_for(tuple(sorted(extra.items()))) if extra else VOCAB
        return cls(
            skills=frozenset(skills) | implied,
            target_titles=[(t, words) for t in target_titles if (words := title_words(t))],
            seniority=seniority or "",
            years=years,
            locations=[key for loc in locations if (key := place_key(loc))],
            remote_preference=remote_preference or "any",
            min_salary=float(min_salary) if min_salary not in (None, "") else None,
            salary_currency=(salary_currency or "").upper(),
            must_have=must_have,
            avoid=avoid,
            blocked_companies=frozenset(norm_company(c) for c in blocked_companies if c),
            matcher=matcher,
            matcher_key=matcher_key(matcher),
        )


@dataclass(slots=True)
class ScoreResult:
    total: int
    band: str
    breakdown: dict[str, int]
    matched_skills: list[str]
    missing_skills: list[str]
    flags: list[str]
    reasons: list[str]


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


def score(spec: ProfileSpec, job: JobInput, rarity: Rarity | None = None) -> ScoreResult:
    """Read the job, then score it (for jobs seen once; stored jobs keep their features)."""
    return score_features(spec, extract(job, spec.matcher), rarity)


def _skills_points(
    wanted: frozenset[str], found: Collection[str], rarity: Rarity, reasons: list[str]
) -> tuple[float, list[str], list[str]]:
    """Skills, weighted by rarity: the points and the matched and missing skills.

    Lists, not set operations: `found` may be the list just decoded from JSON, and a dozen
    membership tests beat building sets.
    """
    if not found:
        reasons.append("No known skills named in the posting")
        return MAX["skills"] * UNKNOWN_SKILLS, [], []
    matched = [skill for skill in found if skill in wanted]
    missing = [skill for skill in found if skill not in wanted]
    weights = rarity.weights_for(found)
    got = sum(map(weights.__getitem__, matched))
    share = got / (got + sum(map(weights.__getitem__, missing)))
    reasons.append(f"Skills: {len(matched)} of {len(found)} asked for")
    return MAX["skills"] * share**0.75, matched, missing


def _title_points(
    targets: list[tuple[str, frozenset[str]]], words: frozenset[str], reasons: list[str]
) -> float:
    """The title against the target titles: the best share of one target's words."""
    if not targets:
        return MAX["title"] * UNKNOWN
    best, best_title = 0.0, ""
    for name, target in targets:
        share = len(target & words) / len(target)
        if share > best:
            best, best_title = share, name
    if best >= 0.99:
        reasons.append(f"Title matches “{best_title}”")
    elif best > 0:
        reasons.append(f"Title is close to “{best_title}”")
    else:
        reasons.append("Title is not one of your targets")
    return MAX["title"] * best


def _keyword_points(must_have: list[str], keywords: Collection[str], reasons: list[str]) -> float:
    """Must-have keywords: an equal share of the points for each one the posting names."""
    if not must_have:
        return MAX["keywords"]
    present = [k for k in must_have if k in keywords]
    if len(present) < len(must_have):
        absent = [k for k in must_have if k not in keywords]
        reasons.append("Missing must-have: " + ", ".join(absent[:3]))
    return MAX["keywords"] * len(present) / len(must_have)


def _penalty(
    spec: ProfileSpec, job: JobFeatures, positive: int, flags: list[str], reasons: list[str]
) -> int:
    """Points off for avoid keywords and a blocked company, at most `positive`."""
    penalty = 0
    keywords = job.keywords
    if spec.avoid and keywords:
        avoided = [k for k in spec.avoid if k in keywords]
        if avoided:
            penalty += AVOID_PENALTY * len(avoided)
            flags.extend(f"avoid:{k}" for k in avoided)
            reasons.append("Mentions " + ", ".join(f"“{k}”" for k in avoided) + " (avoid)")
    if spec.blocked_companies and job.company_key in spec.blocked_companies:
        penalty = positive  # a blocked company scores 0 whatever else it has
        flags.append("blocked_company")
        reasons.append(f"{job.company} is on your blocklist")
    return min(penalty, positive)


def score_features(
    spec: ProfileSpec, job: JobFeatures, rarity: Rarity | None = None
) -> ScoreResult:
    """The score of one job from its features, which `spec.matcher` must have read."""
    rarity = rarity or Rarity()
    reasons: list[str] = []
    flags: list[str] = []
    # The parts append their reasons rather than return them: no tuple per part per job.
    skills_pts, matched, missing = _skills_points(spec.skills, job.skills, rarity, reasons)
    title_pts = _title_points(spec.target_titles, job.title_words, reasons)

    # Location and remote.
    location_pts, note = location_points(spec, job.remote, job.place)
    if note:
        reasons.append(note)

    # Seniority and years asked for.
    seniority_pts, note = seniority_points(spec, job.level, job.years)
    if note:
        reasons.append(note)

    # Salary floor: a job paying below it is flagged, not hidden.
    salary_pts, note, below = salary_points(spec, job.pay, job.currency)
    if below:
        flags.append("below_salary_floor")
    if note:
        reasons.append(note)

    keyword_pts = _keyword_points(spec.must_have, job.keywords, reasons)

    parts = {
        "skills": round(skills_pts),
        "title": round(title_pts),
        "location": round(location_pts),
        "seniority": round(seniority_pts),
        "salary": round(salary_pts),
        "keywords": round(keyword_pts),
    }
    positive = sum(parts.values())
    parts["penalty"] = -_penalty(spec, job, positive, flags, reasons)
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
    )
