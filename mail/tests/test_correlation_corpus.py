"""Correlation over the real labelled emails: each email whose company a reader could tell
must land on that company's application, or wait for review; never on another company's."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from applications.models import Application, Status
from mail.models import Email
from mail.processing import process_emails

from .factories import make_email

pytestmark = pytest.mark.django_db
CORPUS = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "emails" / "labelled.jsonl"
DECOYS = ["Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
          "Cyberdyne", "Tyrell", "Soylent", "Wonka", "Acme", "Vandelay"]  # fmt: skip


def test_labelled_emails_link_to_their_company_or_wait_never_to_another(alice, capsys):
    if not CORPUS.exists():
        pytest.skip(f"shared email corpus not present at {CORPUS}")
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    hinted = {r["company_hint"] for r in rows if r.get("company_hint")}
    apps = {}
    for company in sorted(hinted) + DECOYS:
        titles = {r.get("title_hint") for r in rows if r.get("company_hint") == company} - {None}
        for title in sorted(titles) or ["Software Engineer"]:
            apps[(company, title)] = Application.objects.create(
                owner=alice, company=company, title=title, status=Status.APPLIED
            )
    company_of = {app.pk: company for (company, _), app in apps.items()}
    emails = {
        make_email(alice, subject=r["subject"] or "", sender=r["from"] or "",
                   sender_email=_address(r["from"]), sender_name="", text=r["text"] or "").pk: r
        for r in rows
    }  # fmt: skip

    process_emails(list(emails))

    outcome, stages = Counter(), Counter()
    for email in Email.objects.filter(pk__in=emails):
        hint = emails[email.pk].get("company_hint")
        if not email.application_id:
            outcome["waiting or unlinked"] += 1
            continue
        stages[email.stage] += 1
        if email.application_id not in company_of:
            outcome["created"] += 1
        elif hint is None:  # the corpus does not say (one names Nuts.com, unhinted): not judged
            outcome["linked, not judged"] += 1
        else:
            outcome["right" if company_of[email.application_id] == hint else "WRONG"] += 1
    with capsys.disabled():
        print(f"\ncorrelation of {len(rows)} labelled emails ({len(hinted)} companies named, "
              f"{len(apps)} applications incl. {len(DECOYS)} decoys): {dict(outcome)}; "
              f"linked by stage: {dict(stages)}")  # fmt: skip
    assert outcome["WRONG"] == 0
    assert outcome["right"] >= len([r for r in rows if r.get("company_hint")]) * 0.8  # 50 of 58


def _address(sender: str | None) -> str:
    if not sender or "@" not in sender:
        return ""
    return sender.split("<")[-1].strip(" >").lower()
