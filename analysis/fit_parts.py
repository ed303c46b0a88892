"""The parts of the fit score besides skills and title: location and remote, seniority and
years asked, salary floor. Each returns its points and a note that explains them."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only: scoring imports this module
    from .scoring import ProfileSpec

MAX = {"skills": 45, "title": 20, "location": 10, "seniority": 10, "salary": 5, "keywords": 10}
UNKNOWN = 0.6  # the share of a part's points when the job does not say

LEVELS = {"intern": 0, "junior": 1, "mid": 2, "senior": 3, "staff": 4, "lead": 4, "director": 5}
TITLE_LEVEL_WORDS = {
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
# "5+ years", "3-5 years", "7 yrs": matched only in a short window before each "year"/"yrs"
# found by bytes.find, so the regex never scans the whole text.
_YEARS = re.compile(rb"(\d{1,2})\s*\+?\s*(?:(?:-|to)\s*\d{1,2}\s*)?\+?\s*$")
_PERIOD_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080, "": 1}


def remote_of(remote: str, location: str, title: str) -> str:
    if remote and remote != "unknown":
        return remote
    lowered = f"{location} {title}".lower()
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


def location_points(spec: ProfileSpec, kind: str, place: str) -> tuple[float, str]:
    """`place` is the job's location as " words " (features.place_key), "" if not stated."""
    if spec.remote_preference == "any" and not spec.locations:
        return MAX["location"], ""
    if not spec.locations:
        matches = True
    elif not place:
        matches = None
    else:
        matches = any(loc in place for loc in spec.locations)
    near, far = _LOCATION_TABLE.get(spec.remote_preference, _LOCATION_TABLE["any"])[kind]
    if matches is None:
        share = UNKNOWN * near
        note = "Location not stated"
    else:
        share = near if matches else far
        where = "in your area" if matches and spec.locations else "outside your locations"
        note = f"{kind.title() if kind != 'unknown' else 'Work mode not stated'}, {where}"
    return MAX["location"] * share, note


def job_level(title_tokens: list[bytes]) -> str:
    for word in title_tokens:
        level = TITLE_LEVEL_WORDS.get(word)
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


def seniority_points(spec: ProfileSpec, level: str, asked: int | None) -> tuple[float, str]:
    level_max, years_max = 7, 3
    note = ""
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


def salary_points(spec: ProfileSpec, top: float | None, currency: str) -> tuple[float, str, bool]:
    """`top`: the top of the job's range per year, in `currency` (upper case)."""
    if spec.min_salary is None:
        return MAX["salary"], "", False
    if top is None:
        return MAX["salary"] * UNKNOWN, "", False
    if spec.salary_currency and currency and currency != spec.salary_currency:
        return (
            MAX["salary"] * UNKNOWN,
            f"Salary in {currency}, your floor is in " + (spec.salary_currency),
            False,
        )
    if top < spec.min_salary:
        return 0, f"Pays below your floor ({currency} {top:,.0f} < {spec.min_salary:,.0f})", True
    return MAX["salary"], "", False
