"""Synthetic job postings of realistic size and shape, for the benchmark and tests.

~3 KB of English-like prose with bullets and punctuation, a dozen skills drawn from the
vocabulary, a salary and a years requirement, so tokenizing and matching cost what they
cost on real postings.
"""

import random

from analysis.skills_data import VOCABULARY

_COMMON_WORDS = (
    "the and to of a in for you we our with on as are is will be your team work our this "
    "that who have from by an or it at all can help build new about their customers product "
    "experience role company people what us more join looking working across data systems "
    "support day world great skills teams best ways make across growth high impact quality "
    "opportunity responsible ownership collaborate closely design develop deliver improve "
    "strong excellent ability understanding knowledge environment culture benefits office "
    "flexible hours learning budget offer including based mission values diverse inclusive "
    "equal employer applicants regardless background package salary vacation days health "
    "insurance pension remote hybrid apply please send cv resume questions process interview"
)
_COMMON = _COMMON_WORDS.split()
_TITLES = [
    "Senior Backend Engineer",
    "Software Engineer",
    "Data Scientist",
    "Product Manager",
    "Frontend Developer (m/w/d)",
    "Staff Platform Engineer",
    "Junior QA Engineer",
    "Engineering Manager",
    "DevOps Engineer",
    "Marketing Manager",
    "Sales Executive",
    "Full Stack Developer",
    "Machine Learning Engineer",
    "UX Designer",
]
_LOCATIONS = [
    "Berlin, Germany",
    "Remote (EU)",
    "London, UK",
    "Munich",
    "Amsterdam",
    "New York",
    "Hybrid - Hamburg",
    "Paris",
    "Remote",
    "Zurich",
]
_ALIASES = [
    [a.strip() for a in line.lstrip("~").split("|")][1:] or [line.strip()]
    for line in VOCABULARY.strip().splitlines()
]


def _word(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(_COMMON)
    return "".join(rng.choice("abcdefghiklmnoprstuvwy") for _ in range(rng.randint(4, 10)))


def posting_text(rng: random.Random, size: int = 3000) -> str:
    parts, length = [], 0
    skills = [rng.choice(rng.choice(_ALIASES)) for _ in range(rng.randint(6, 16))]
    while length < size:
        sentence = [_word(rng) for _ in range(rng.randint(6, 18))]
        if skills and rng.random() < 0.5:
            sentence.insert(rng.randint(0, len(sentence)), skills.pop())
        line = " ".join(sentence).capitalize() + rng.choice([".", ".", ",", ";", ":"])
        if rng.random() < 0.25:
            line = "• " + line
        if rng.random() < 0.05:
            line += f" {rng.randint(2, 8)}+ years of experience."
        parts.append(line)
        length += len(line) + 1
    return "\n".join(parts)[:size]


def posting(rng: random.Random, size: int = 3000) -> dict:
    low = rng.choice([None, 40000, 55000, 70000, 90000])
    return {
        "title": rng.choice(_TITLES),
        "company": f"Company {rng.randint(1, 500)}",
        "location": rng.choice(_LOCATIONS),
        "remote": rng.choice(["remote", "hybrid", "onsite", "unknown"]),
        "text": posting_text(rng, size),
        "salary_min": low,
        "salary_max": low + 20000 if low else None,
        "salary_currency": "EUR" if low else "",
        "salary_period": "year" if low else "",
    }
