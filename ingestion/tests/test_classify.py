"""The rule classifier: every class, English and German, hard cases, a real labelled corpus."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from ingestion.classify import classify_email
from ingestion.mailtext import html_to_text, strip_quoted

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "emails" / "labelled.jsonl"
# The corpus has six classes; ours splits "other" further.
FOLD = {"outreach": "other", "action_required": "other", "withdrawn": "other"}

CASES = [
    ("received", "Thank you for applying to Acme", "no-reply@greenhouse-mail.io",
     "Hi Alice, we have received your application for Backend Engineer."),
    ("received", "Eingangsbestätigung", "jobs@firma.de",
     "Vielen Dank für Ihre Bewerbung als Entwicklerin. Wir melden uns in Kürze."),
    ("rejection", "Your application to Acme", "no-reply@hire.lever.co",
     "Thank you for applying. Unfortunately, we will not be moving forward with your "
     "application at this time."),
    ("rejection", "Ihre Bewerbung", "karriere@firma.de",
     "Leider müssen wir Ihnen mitteilen, dass wir uns für andere Kandidaten entschieden haben."),
    ("interview", "Interview invitation – Backend Engineer", "talent@acme.com",
     "We would like to invite you to an interview. Could you share times that work next week?"),
    ("interview", "Einladung zum Vorstellungsgespräch", "hr@firma.de",
     "Wir möchten Sie gerne zu einem Vorstellungsgespräch einladen."),
    ("assessment", "Next step: coding challenge", "no-reply@ashbyhq.com",
     "Please complete the HackerRank assessment within 5 days."),
    ("offer", "Your offer from Acme", "ceo@acme.com",
     "We are delighted to extend you an offer for the role of Staff Engineer. The offer letter "
     "is attached."),
    ("action_required", "Information needed", "hr@acme.com",
     "To continue, please provide your work authorization documents."),
    ("outreach", "Quick question", "jane@talentfinders.io",
     "Hi! I came across your profile and I have a role that could be a great fit. Would you "
     "be open to a quick chat?"),
    ("withdrawn", "Application withdrawn", "no-reply@myworkday.com",
     "This confirms that you have withdrawn your application for Data Engineer."),
    ("other", "Your order has shipped", "shop@store.com", "Your order #123 is on its way."),
]  # fmt: skip


@pytest.mark.parametrize(("expected", "subject", "sender", "text"), CASES)
def test_each_class_is_recognised_in_english_and_german(expected, subject, sender, text):
    result = classify_email(subject, sender, text)
    assert result.label == expected, result
    assert 0.5 <= result.confidence <= 0.99 and result.reasons


def test_job_alert_that_says_interview_is_other():
    result = classify_email(
        "25 new jobs for you: Backend Engineer",
        "LinkedIn <jobalerts-noreply@linkedin.com>",
        "Acme is hiring. Prepare for your interview with our tips. Apply now.",
        list_headers=True,
    )
    assert result.label == "other" and result.confidence >= 0.8


def test_rejection_that_thanks_for_applying_is_a_rejection():
    result = classify_email(
        "Thank you for applying",
        "Acme <no-reply@greenhouse-mail.io>",
        "Thank you for applying to Acme! After careful consideration we have decided to move "
        "forward with other candidates.",
    )
    assert result.label == "rejection"


def test_candidate_withdrawing_is_not_a_rejection():
    result = classify_email(
        None, None, "We are sorry that you have decided not to continue with your application."
    )
    assert result.label == "withdrawn"


def test_quoted_old_rejection_under_a_new_invitation_is_an_interview():
    text = (
        "Good news: we would like to schedule an interview with the hiring manager.\n\n"
        "On Mon, Mar 2, 2026 at 10:00 AM Acme <jobs@acme.com> wrote:\n"
        "> Unfortunately we will not be moving forward with your application."
    )
    assert classify_email("Re: your application", "jobs@acme.com", text).label == "interview"


def test_nothing_recognisable_is_other_with_low_confidence():
    result = classify_email("Lunch?", "friend@example.com", "Pizza at noon?")
    assert result.label == "other" and result.confidence < 0.5


def test_labelled_corpus_precision_and_recall(capsys):
    if not CORPUS.exists():
        pytest.skip(f"shared email corpus not present at {CORPUS}")
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    pairs = []
    for row in rows:
        got = classify_email(row["subject"], row["from"], row["text"]).label
        pairs.append((row["label"], FOLD.get(got, got)))
    classes = sorted({expected for expected, _ in pairs})
    counts = Counter(pairs)
    lines = [f"classifier on {len(rows)} labelled emails (precision / recall / n):"]
    for label in classes:
        tp = counts[(label, label)]
        predicted = sum(n for (_, g), n in counts.items() if g == label)
        actual = sum(n for (e, _), n in counts.items() if e == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        lines.append(f"  {label:<11} {precision:5.2f} / {recall:5.2f} / {actual}")
    accuracy = sum(n for (e, g), n in counts.items() if e == g) / len(rows)
    lines.append(f"  accuracy {accuracy:.3f}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    rejection_recall = counts[("rejection", "rejection")] / sum(
        n for (e, _), n in counts.items() if e == "rejection"
    )
    assert accuracy >= 0.9 and rejection_recall >= 0.9


@given(st.text(max_size=3000), st.text(max_size=200), st.booleans())
def test_classifier_never_raises_on_arbitrary_text(text, subject, bulk):
    result = classify_email(subject, subject, text, list_headers=bulk)
    assert 0 <= result.confidence <= 1


@given(st.text(max_size=3000))
def test_text_helpers_never_raise(text):
    assert isinstance(strip_quoted(text), str)
    assert isinstance(html_to_text(text), str)


@pytest.mark.parametrize(
    "hostile",
    ["a" * 10**6, ">" * 10**6, "On " * 300_000, "<div>" * 100_000, "Am " * 300_000 + "schrieb"],
)
def test_megabyte_of_pathological_input_is_handled(hostile):
    classify_email(hostile[:1000], hostile[:500], hostile)
    strip_quoted(hostile)
    html_to_text(hostile)


def test_reply_quotes_and_signatures_are_cut():
    text = "New news.\n-- \nAlice\nCEO\n\nOn Tue, Bob <b@x.com> wrote:\n> old"
    assert strip_quoted(text) == "New news."
    german = "Neu.\n\nAm 02.03.2026 um 10:00 schrieb Acme <jobs@acme.de>:\n> alt"
    assert strip_quoted(german) == "Neu."
    assert strip_quoted("Hi\n> quoted\nthere") == "Hi\nthere"


def test_html_is_read_as_text_without_scripts_or_styles():
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Hello <b>Alice</b></p>"
        "<script>alert(1)</script><ul><li>One</li><li>Two</li></ul>"
        "<a href='https://acme.com/jobs/1'>the role</a></body></html>"
    )
    text = html_to_text(html)
    assert "alert" not in text and "color" not in text
    assert "Hello Alice" in text and "One\n" in text and "https://acme.com/jobs/1" in text
