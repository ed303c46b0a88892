"""The role and company an application confirmation names, read from its subject or first
lines; "" when the words do not say (callers never invent a fact)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from jobtracker.text import norm_company, norm_title
from mail.extract import company_from_email, title_from_email

ATS = "no-reply@greenhouse-mail.io"  # an ATS sender: the company must come from the words

# (subject, first lines, title, company)
CONFIRMATIONS = [
    # English: the role after "for", "position of", "role of", before "position"/"role"
    ("Thanks for applying to Zeta Systems for the Backend Engineer position", "",
     "Backend Engineer", "Zeta Systems"),
    ("Thanks for Applying to Zeta Systems for the Backend Engineer position", "",
     "Backend Engineer", "Zeta Systems"),
    ("Your application for Senior Data Scientist at Acme", "", "Senior Data Scientist", "Acme"),
    ("Application received: Product Designer – Globex", "", "Product Designer", "Globex"),
    ("We received your application for the role of Site Reliability Engineer", "",
     "Site Reliability Engineer", ""),
    ("Thank you for your interest in the Staff Engineer (Platform) position at Initech", "",
     "Staff Engineer (Platform)", "Initech"),
    ("Your application for C++ Developer at Tyrell Corp", "", "C++ Developer", "Tyrell Corp"),
    ("Thanks for applying for the Senior C# Engineer role at Wonka Industries", "",
     "Senior C# Engineer", "Wonka Industries"),
    ("Application for Sr. Node.js Developer – Vandelay Industries", "",
     "Sr. Node.js Developer", "Vandelay Industries"),
    ("Thank you for applying for the position of Sr. Software Engineer, Payments at Stark "
     "Industries", "", "Sr. Software Engineer, Payments", "Stark Industries"),
    ('Your application for "Head of Engineering" at Initech', "", "Head of Engineering", "Initech"),
    ("Your application for the iOS Developer role at Hooli", "", "iOS Developer", "Hooli"),
    ("We have received your application for Frontend Engineer (React) with Umbrella Corp", "",
     "Frontend Engineer (React)", "Umbrella Corp"),
    ("Re: Your application for Engineering Manager", "", "Engineering Manager", ""),
    ("Your application for Backend Engineer - Globex", "", "Backend Engineer", "Globex"),
    ("Your application to Airware: Data Science Intern - Fall", "",
     "Data Science Intern - Fall", "Airware"),
    ("Your application to Software Engineer, Intern 2018 (San Francisco)  at Airbnb", "",
     "Software Engineer, Intern 2018 (San Francisco)", "Airbnb"),
    ("Thanks for your application to the Data Engineer position", "", "Data Engineer", ""),
    # The role only in the first lines
    ("Thank you for applying",
     "Hi Alice, we have received your application for the Site Reliability Engineer position "
     "and will review it shortly.", "Site Reliability Engineer", ""),
    ("Thanks for applying to Amazon!",
     "We've received your application for the Systems Development Engineer Summer Internship – "
     "2025 (US) (ID: 2739024) position.",
     "Systems Development Engineer Summer Internship – 2025 (US)", "Amazon"),
    ("Your application",
     "Thank you for your interest in WorkWave! We received your application for Software "
     "Engineer, and we are delighted.", "Software Engineer", "WorkWave"),
    # German
    ("Ihre Bewerbung als Softwareentwickler (m/w/d) bei Muster GmbH", "",
     "Softwareentwickler", "Muster GmbH"),
    ("Vielen Dank für Ihre Bewerbung auf die Stelle Data Engineer", "", "Data Engineer", ""),
    ("Ihre Bewerbung für die Position Backend Developer bei Acme Robotics GmbH", "",
     "Backend Developer", "Acme Robotics GmbH"),
    ("Eingangsbestätigung Ihrer Bewerbung als Data Analyst bei Beispiel AG", "",
     "Data Analyst", "Beispiel AG"),
    ("Bewerbungseingang: Werkstudent Marketing (w/m/d)", "", "Werkstudent Marketing", ""),
    ("Ihre Bewerbung als „Projektmanager IT“", "", "Projektmanager IT", ""),
    ("Vielen Dank für Ihre Bewerbung bei der Muster GmbH", "", "", "Muster GmbH"),
    ("Ihre Bewerbung", "Vielen Dank für Ihre Bewerbung auf die Stelle als Java Entwickler "
     "(m/w/d). Wir melden uns.", "Java Entwickler", ""),
    # No role named, or no telling which part is the role: the title must be ""
    ("Application for Engineering Manager - Acme Engineering", "", "", ""),
    ("Thanks for applying to Acme Engineering!", "", "", "Acme Engineering"),
    ("Thank you for applying to Hooli!", "", "", "Hooli"),
    ("Your application", "", "", ""),
    ("Application received", "", "", ""),
    ("Thank you for your application", "Our team will review it and get back to you.", "", ""),
    ("Important information about your application to Classy", "", "", "Classy"),
    ("Thank you for applying to Initech",
     "Thank you for applying to Initech. Our team will review your application for this role "
     "and get back to you.", "", "Initech"),
    ("Thanks for your application!", "We received your application for the position.", "", ""),
    ("Ihre Bewerbung", "Vielen Dank für Ihre Bewerbung. Wir melden uns in Kürze bei Ihnen.",
     "", ""),
]  # fmt: skip
_APPLY_WORDS = re.compile(r"\b(applying|applied to|application (?:to|for)|bewerbung)\b", re.I)


@pytest.mark.parametrize(("subject", "text", "title", "company"), CONFIRMATIONS)
def test_a_confirmation_names_its_role(subject, text, title, company):
    assert title_from_email(subject, text) == title


@pytest.mark.parametrize(("subject", "text", "title", "company"), CONFIRMATIONS)
def test_a_confirmation_names_its_company(subject, text, title, company):
    assert company_from_email(subject, "", ATS, text) == company


def test_the_table_is_varied_enough():
    assert len(CONFIRMATIONS) >= 25
    assert sum(1 for row in CONFIRMATIONS if row[2] == "") >= 5
    assert sum(1 for row in CONFIRMATIONS if "Bewerbung" in row[0] + row[1]) >= 5


CORPUS = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "emails" / "labelled.jsonl"


def test_real_emails_give_their_role_or_nothing_never_a_sentence():
    """Over the labelled real emails: a title, when given, is the one a reader marked, and it
    never carries the company or the words around it."""
    if not CORPUS.exists():
        pytest.skip(f"shared email corpus not present at {CORPUS}")
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    found = 0
    for row in rows:
        title = title_from_email(row["subject"] or "", row["text"] or "")
        hint, company = row.get("title_hint"), row.get("company_hint")
        assert not _APPLY_WORDS.search(title), (row["uid"], title)
        assert len(title.split()) <= 12, (row["uid"], title)
        if company and title:
            assert norm_company(company) not in norm_title(title), (row["uid"], title)
        if hint and title:  # the reader may have left out a qualifier: "(focus back-end)"
            assert norm_title(hint) in norm_title(title), (row["uid"], title, hint)
            found += 1
    hinted = sum(1 for row in rows if row.get("title_hint"))
    assert found >= hinted * 0.6, f"{found} of {hinted} marked titles read"
