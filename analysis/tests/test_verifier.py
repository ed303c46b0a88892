"""The verifier flags skills, employers, titles, degrees and numbers not in the resume."""

from analysis.verifier import highlight, unverified

from .factories import RESUME_TEXT

ALLOWED = "Staff Engineer\nAcme Robotics\nBerlin"


def texts(findings):
    return {f.text for f in findings}


def test_a_letter_using_only_resume_facts_is_clean():
    letter = (
        "Dear Hiring Manager,\n\n"
        "I am applying for the Staff Engineer role at Acme Robotics. At Northwind Traders I "
        "built Python and Django services on PostgreSQL for 2 million users, and I ran "
        "Kubernetes clusters on AWS, which cut hosting costs by 30%. Before that, at Contoso, "
        "I wrote REST APIs in Go and Python. I studied at the University of Leeds (BSc Computer "
        "Science).\n\nKind regards,\nJane Doe"
    )
    assert unverified(letter, RESUME_TEXT, ALLOWED) == []


def test_an_invented_employer_is_flagged():
    letter = "At Google I led the search infrastructure team. At Northwind Traders I built APIs."
    found = unverified(letter, RESUME_TEXT, ALLOWED)
    assert "Google" in texts(found)
    assert "Northwind Traders" not in texts(found)


def test_an_invented_skill_is_flagged():
    letter = "I built Python services and streaming pipelines with Kafka and Rust."
    found = {f.text: f.kind for f in unverified(letter, RESUME_TEXT, ALLOWED)}
    assert found.get("Kafka") == "skill" and found.get("Rust") == "skill"
    assert "Python" not in found


def test_invented_numbers_titles_and_degrees_are_flagged():
    letter = (
        "I cut costs by 45% over 12 years as a Principal Architect. "
        "I hold a PhD in Machine Vision from Stanford University."
    )
    found = {f.text: f.kind for f in unverified(letter, RESUME_TEXT, ALLOWED)}
    assert found.get("45%") == "number" and found.get("12") == "number"
    assert found.get("Principal Architect") == "title"
    assert "Stanford University" in found
    assert any(kind == "degree" for kind in found.values())


def test_numbers_in_the_resume_pass_and_list_numbering_is_ignored():
    answer = "1. Scale: 2 million users.\n2. Savings: 30%.\n3. Since 2019."
    assert unverified(answer, RESUME_TEXT, ALLOWED) == []


def test_highlight_marks_every_flagged_term():
    parts = highlight("At Google and Google X", [{"text": "Google", "kind": "name"}])
    assert [p for p, flagged in parts if flagged] == ["Google", "Google"]
    assert "".join(p for p, _ in parts) == "At Google and Google X"
