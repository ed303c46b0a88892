"""The fast scorer: properties that must hold for any job, and the rules it applies."""

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.features import JobFeatures, extract
from analysis.scoring import JobInput, ProfileSpec, Rarity, band_for, score, score_features
from analysis.skills import canonical_skill, canonical_skills, skills_in, tokens
from analysis.skills_data import VOCABULARY

SKILLS = [
    "Python",
    "Django",
    "PostgreSQL",
    "Kubernetes",
    "React",
    "AWS",
    "Go",
    "Terraform",
    "Kafka",
    "TypeScript",
    "Docker",
    "Rust",
    "SQL",
    "GraphQL",
]
WORDS = [
    "team",
    "build",
    "python",
    "django",
    "kubernetes",
    "postgres",
    "react",
    "aws",
    "senior",
    "remote",
    "berlin",
    "years",
    "5+",
    "crypto",
    "golang",
    "terraform",
    "kafka",
    "we",
    "salary",
    "docker",
    "typescript",
    "rust",
    "sql",
    "graphql",
    "k8s",
    "js",
    "data",
]

texts = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
jobs = st.builds(
    JobInput,
    title=st.sampled_from(["Senior Backend Engineer", "Data Scientist", "Junior Dev", "", "Lead"]),
    company=st.sampled_from(["Acme", "Evil Corp", ""]),
    location=st.sampled_from(["Berlin", "Remote", "Paris", ""]),
    remote=st.sampled_from(["remote", "hybrid", "onsite", "unknown"]),
    text=texts,
    salary_min=st.sampled_from([None, Decimal(40000), Decimal(90000)]),
    salary_max=st.sampled_from([None, Decimal(60000), Decimal(120000)]),
    salary_currency=st.sampled_from(["", "EUR", "USD"]),
    salary_period=st.sampled_from(["", "year", "month"]),
)
profiles = st.fixed_dictionaries(
    {
        "skills": st.lists(st.sampled_from(SKILLS), max_size=6, unique=True),
        "target_titles": st.lists(
            st.sampled_from(["Backend Engineer", "Data Scientist"]), max_size=2
        ),
        "seniority": st.sampled_from(["", "junior", "senior", "lead"]),
        "years": st.sampled_from([None, 2, 8]),
        "locations": st.lists(st.sampled_from(["Berlin", "Paris"]), max_size=2),
        "remote_preference": st.sampled_from(["any", "remote", "hybrid", "onsite"]),
        "min_salary": st.sampled_from([None, 50000, 100000]),
        "salary_currency": st.sampled_from(["", "EUR"]),
        "must_have": st.lists(st.sampled_from(["python", "remote", "kafka"]), max_size=2),
        "avoid": st.lists(st.sampled_from(["crypto", "sales"]), max_size=1),
        "blocked_companies": st.lists(st.sampled_from(["Evil Corp"]), max_size=1),
    }
)
rarities = st.builds(
    Rarity,
    df=st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 100), max_size=8),
    jobs=st.integers(0, 100),
)


@settings(max_examples=300)
@given(profiles, jobs, rarities)
def test_breakdown_sums_to_total_within_0_and_100(profile, job, rarity):
    result = score(ProfileSpec.build(**profile), job, rarity)
    assert sum(result.breakdown.values()) == result.total
    assert 0 <= result.total <= 100
    assert result.band == band_for(result.total)


@settings(max_examples=300)
@given(profiles, jobs, rarities, st.sampled_from(SKILLS))
def test_more_matched_skills_never_lower_the_score(profile, job, rarity, extra):
    before = score(ProfileSpec.build(**profile), job, rarity)
    more = {**profile, "skills": [*profile["skills"], extra]}
    after = score(ProfileSpec.build(**more), job, rarity)
    assert after.total >= before.total
    assert set(before.matched_skills) <= set(after.matched_skills)


@settings(max_examples=200)
@given(profiles, jobs, rarities)
def test_an_avoid_keyword_in_the_posting_lowers_the_score(profile, job, rarity):
    job.text += " crypto"
    clean = {**profile, "avoid": []}
    avoiding = {**profile, "avoid": ["crypto"]}
    base = score(ProfileSpec.build(**clean), job, rarity)
    penalised = score(ProfileSpec.build(**avoiding), job, rarity)
    assert penalised.total < base.total or base.total == 0
    assert "avoid:crypto" in penalised.flags


@settings(max_examples=100)
@given(profiles, jobs, rarities)
def test_scoring_is_deterministic(profile, job, rarity):
    spec = ProfileSpec.build(**profile)
    first = score(spec, job, rarity)
    again = score(
        ProfileSpec.build(**profile), JobInput(**vars(job)), Rarity(dict(rarity.df), rarity.jobs)
    )
    assert first == again


@settings(max_examples=200)
@given(profiles, jobs, rarities)
def test_scores_from_stored_features_equal_scores_from_the_text(profile, job, rarity):
    spec = ProfileSpec.build(**profile)
    stored = json.loads(json.dumps(extract(job, spec.matcher).to_json()))
    from_text = score(spec, job, Rarity(dict(rarity.df), rarity.jobs))
    assert score_features(spec, JobFeatures.from_json(stored), rarity) == from_text


def test_the_matcher_key_changes_only_with_the_profiles_own_terms():
    plain = ProfileSpec.build(skills=["Python"], seniority="senior")
    assert ProfileSpec.build(skills=["Python", "Rust"], years=3).matcher_key == plain.matcher_key
    assert ProfileSpec.build(skills=["Zig Lang"]).matcher_key != plain.matcher_key
    assert ProfileSpec.build(avoid=["crypto"]).matcher_key != plain.matcher_key


def test_aliases_name_one_skill():
    assert canonical_skill("k8s") == "Kubernetes"
    assert canonical_skill("JS") == "JavaScript"
    assert canonical_skill("Postgres") == "PostgreSQL"
    assert canonical_skill("golang") == "Go"
    assert canonical_skill("c++") == "C++" and canonical_skill("C#") == "C#"
    assert canonical_skill("Node.JS") == "Node.js"
    assert canonical_skill("ci/cd") == "CI/CD"
    assert canonical_skill("Underwater Basket Weaving") == "Underwater Basket Weaving"
    assert canonical_skills(["k8s", "Kubernetes", "postgres", " "]) == ["Kubernetes", "PostgreSQL"]


def test_skills_are_found_as_whole_words_and_phrases():
    text = (
        "We run k8s and Postgres; you know JS, C++, C# and ASP.NET, machine learning and "
        "CI/CD. Visit example.net. We excel at javascripting (not a skill)."
    )
    found = skills_in(text)
    assert {
        "Kubernetes",
        "PostgreSQL",
        "JavaScript",
        "C++",
        "C#",
        ".NET",
        "Machine Learning",
        "CI/CD",
    } <= found
    assert "Excel" not in found  # "excel" the verb is not Microsoft Excel
    assert "Go" not in skills_in("Let's go to the office") and "Go" in skills_in("Golang")
    assert "Machine Learning" not in skills_in("learning machine")


def test_the_vocabulary_has_a_few_hundred_skills_without_duplicate_names():
    names = [line.split("|")[0].strip().lstrip("~") for line in VOCABULARY.strip().splitlines()]
    assert len(names) >= 300 and len(names) == len(set(names))


def test_tokens_split_unicode_punctuation_and_keep_umlauts():
    assert tokens("•Python–Django\u00a0Zürich") == [b"python", b"django", "zürich".encode()]


def test_rare_skills_weigh_more_than_common_ones():
    spec_rare = ProfileSpec.build(skills=["Kafka"])
    spec_common = ProfileSpec.build(skills=["Python"])
    job = JobInput(title="Engineer", text="Python and Kafka")
    rarity = Rarity({"Python": 95, "Kafka": 3}, 100)
    assert (
        score(spec_rare, job, rarity).breakdown["skills"]
        > score(spec_common, job, rarity).breakdown["skills"]
    )
    assert score(spec_rare, job, rarity).missing_skills == ["Python"]


def test_pay_below_the_floor_is_flagged_not_hidden():
    spec = ProfileSpec.build(skills=["Python"], min_salary=70000, salary_currency="EUR")
    low = JobInput(
        title="Dev",
        text="python",
        salary_max=Decimal(4000),
        salary_period="month",
        salary_currency="EUR",
    )
    high = JobInput(
        title="Dev",
        text="python",
        salary_max=Decimal(90000),
        salary_period="year",
        salary_currency="EUR",
    )
    assert "below_salary_floor" in score(spec, low).flags
    assert score(spec, low).total > 0 and score(spec, low).breakdown["salary"] == 0
    assert "below_salary_floor" not in score(spec, high).flags


def test_blocked_company_scores_zero_and_says_why():
    spec = ProfileSpec.build(skills=["Python"], blocked_companies=["Evil Corp"])
    result = score(spec, JobInput(title="Python Dev", company="Evil Corp GmbH", text="python"))
    assert result.total == 0 and "blocked_company" in result.flags
    assert sum(result.breakdown.values()) == 0


def test_title_seniority_location_and_years_count():
    spec = ProfileSpec.build(
        skills=["Python"],
        target_titles=["Backend Engineer"],
        seniority="senior",
        years=3,
        locations=["Berlin"],
        remote_preference="onsite",
    )
    fit = JobInput(
        title="Senior Back-end Developer",
        location="Berlin, DE",
        remote="onsite",
        text="Python. 3+ years of experience.",
    )
    off = JobInput(
        title="Junior Data Analyst",
        location="Lisbon",
        remote="onsite",
        text="Python. 10+ years of experience.",
    )
    good, bad = score(spec, fit), score(spec, off)
    assert good.breakdown["title"] == 20 and bad.breakdown["title"] == 0
    assert good.breakdown["location"] == 10 and bad.breakdown["location"] == 0
    assert good.breakdown["seniority"] == 10 and bad.breakdown["seniority"] < 5
    assert good.total > bad.total
