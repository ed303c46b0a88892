"""Emails find their application by evidence, in stages, and effects apply once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application, Event, EventKind, Source, Status
from boards.models import Board, Job
from mail.models import Email, Label, MailRule, Review, Stage
from mail.processing import process_emails
from mail.services import create_application_from, ignore, link_email, relabel

from .factories import REJECTION, make_app, make_email

pytestmark = pytest.mark.django_db

INVITE = (
    "We were impressed by your background and would like to invite you to interview with "
    "the team. Are you available on March 12, 2027 at 2:00 PM?"
)


def run(*emails):
    process_emails([e.pk for e in emails])
    return [Email.objects.get(pk=e.pk) for e in emails]


def test_reply_in_a_linked_thread_is_linked_by_thread(alice):
    acme = make_app(alice)
    first = make_email(alice, application=acme, review=Review.LINKED, message_id="a1@acme.com")
    (reply,) = run(
        make_email(alice, subject="Re: next steps", text="Sounds good, talk soon.",
                   in_reply_to="<a1@acme.com>", sender_email="pat@gmail.com")
    )  # fmt: skip
    assert reply.application_id == acme.pk and reply.stage == Stage.THREAD
    assert first.pk != reply.pk


def test_posting_link_in_the_email_finds_the_application_of_that_job(alice):
    board = Board.objects.create(owner=alice, kind="greenhouse", token="acme")
    job = Job.objects.create(
        owner=alice, board=board, source_kind="greenhouse", board_token="acme",
        external_id="4012345", identity="greenhouse:acme:4012345", title="Backend Engineer",
        company="Acme",
        canonical_url="https://boards.greenhouse.io/acme/jobs/4012345",
    )  # fmt: skip
    target = make_app(alice, job=job, url=job.canonical_url)
    make_app(alice, title="Frontend Engineer")
    (email,) = run(
        make_email(alice, subject="Your application", sender_email="no-reply@greenhouse-mail.io",
                   text=f"{REJECTION}\nRole: https://job-boards.greenhouse.io/acme/jobs/4012345?utm_source=x")
    )  # fmt: skip
    assert email.application_id == target.pk and email.stage == Stage.IDS
    assert Application.objects.get(pk=target.pk).status == Status.REJECTED


def test_sender_domain_of_the_company_links_its_only_open_application(alice):
    acme = make_app(alice, company="Acme Robotics GmbH")
    (email,) = run(make_email(alice, sender_email="jobs@acme-robotics.de", subject="Update",
                              text=REJECTION))  # fmt: skip
    assert email.application_id == acme.pk and email.stage == Stage.DOMAIN


def test_company_name_in_sender_name_links_through_an_ats_address(alice):
    acme = make_app(alice, company="Initech")
    make_app(alice, company="Globex")
    (email,) = run(
        make_email(alice, sender_name="Initech Hiring Team", sender_email="no-reply@ashbyhq.com",
                   subject="Thank you", text=REJECTION)
    )  # fmt: skip
    assert email.application_id == acme.pk and email.stage == Stage.COMPANY


def test_of_two_companies_named_in_a_body_the_one_named_more_often_wins(alice):
    okta = make_app(alice, company="Okta")
    make_app(alice, company="Twitter")
    (email,) = run(
        make_email(alice, sender="", sender_email="", sender_name="", subject="",
                   text=f"Thank you for applying to Okta. The Okta team will be in touch. {REJECTION}"
                   " Follow us on Twitter.")
    )  # fmt: skip
    assert email.application_id == okta.pk and email.stage == Stage.COMPANY


def test_two_companies_named_equally_often_go_to_review_with_both(alice):
    okta, twitter = make_app(alice, company="Okta"), make_app(alice, company="Twitter")
    (email,) = run(
        make_email(alice, sender="", sender_email="", sender_name="", subject="",
                   text=f"Thank you for applying to Okta. {REJECTION} Follow us on Twitter.")
    )  # fmt: skip
    assert email.application_id is None and email.review == Review.PENDING
    assert {c["id"] for c in email.candidates} == {okta.pk, twitter.pk}


def test_two_open_applications_at_one_company_are_separated_by_title(alice):
    backend = make_app(alice, company="Initech", title="Senior Backend Engineer")
    make_app(alice, company="Initech", title="Engineering Manager, Payments")
    (email,) = run(
        make_email(alice, sender_name="Initech Careers", sender_email="careers@greenhouse-mail.io",
                   subject="Your application for Senior Backend Engineer", text=REJECTION)
    )  # fmt: skip
    assert email.application_id == backend.pk and email.stage == Stage.TITLE


def test_two_applications_that_evidence_cannot_separate_go_to_review_with_both(alice):
    one = make_app(alice, company="Initech", title="Senior Backend Engineer")
    two = make_app(alice, company="Initech", title="Senior Backend Engineer (Payments)")
    (email,) = run(
        make_email(alice, sender_name="Initech", sender_email="careers@greenhouse-mail.io",
                   subject="An update on your application", text=REJECTION)
    )  # fmt: skip
    assert email.application_id is None and email.review == Review.PENDING
    assert {c["id"] for c in email.candidates} == {one.pk, two.pk}
    assert Application.objects.get(pk=one.pk).status == Status.APPLIED


def test_confident_confirmation_without_application_creates_one(alice):
    (email,) = run(
        make_email(alice, sender_name="Hooli Recruiting", sender_email="no-reply@hire.lever.co",
                   subject="Thank you for applying to Hooli!",
                   text="Hi Alice, we have received your application for the Site Reliability "
                        "Engineer position and will review it shortly.")
    )  # fmt: skip
    created = email.application
    assert email.stage == Stage.CREATED and email.review == Review.CREATED
    assert created.company == "Hooli" and created.title == "Site Reliability Engineer"
    assert created.source == Source.EMAIL and created.status == Status.APPLIED


def test_status_moves_forward_only_and_never_over_a_later_manual_change(alice):
    interviewing = make_app(alice, company="Umbrella", status=Status.INTERVIEWING)
    run(make_email(alice, sender_email="hr@umbrella.com", subject="Application received",
                   text="Thank you for applying. We have received your application."))  # fmt: skip
    assert Application.objects.get(pk=interviewing.pk).status == Status.INTERVIEWING

    later = make_app(alice, company="Cyberdyne", status=Status.APPLIED)
    later.status_set_manually_at = timezone.now()
    later.save()
    run(make_email(alice, sender_email="hr@cyberdyne.com", subject="Your application",
                   text=REJECTION, sent_at=timezone.now() - timedelta(days=2)))  # fmt: skip
    assert Application.objects.get(pk=later.pk).status == Status.APPLIED


def test_offer_never_moves_to_accepted_and_interview_date_is_scheduled(alice):
    acme = make_app(alice, company="Soylent")
    sent = timezone.make_aware(timezone.datetime(2027, 3, 1, 9, 0))
    (email,) = run(make_email(alice, sender_email="talent@soylent.com",
                              subject="Interview invitation", text=INVITE, sent_at=sent))  # fmt: skip
    assert email.label == Label.INTERVIEW and email.application_id == acme.pk
    acme.refresh_from_db()
    assert acme.status == Status.INTERVIEWING
    scheduled = Event.objects.get(application=acme, kind=EventKind.INTERVIEW_SCHEDULED)
    assert scheduled.scheduled_for.strftime("%Y-%m-%d %H:%M") == "2027-03-12 14:00"
    assert scheduled.email_id == email.pk


def test_processing_again_never_repeats_an_event(alice):
    acme = make_app(alice, company="Vandelay")
    email = make_email(alice, sender_email="hr@vandelay.com", subject="Update", text=REJECTION)
    process_emails([email.pk])
    process_emails([email.pk], reclassify=True)
    events = Event.objects.filter(application=acme, email_id=email.pk)
    assert events.filter(kind=EventKind.EMAIL_RECEIVED).count() == 1
    assert events.filter(kind=EventKind.STATUS_CHANGED).count() == 1


def test_job_alert_naming_a_tracked_company_is_not_linked(alice):
    make_app(alice, company="Acme")
    (email,) = run(
        make_email(alice, sender_name="LinkedIn Job Alerts", sender_email="jobalerts-noreply@linkedin.com",
                   subject="30 new jobs for 'backend engineer'", is_bulk=True,
                   text="Acme is hiring: Backend Engineer. Interview tips inside. Unsubscribe")
    )  # fmt: skip
    assert email.label == Label.OTHER and email.application_id is None
    assert email.review == Review.NONE


def test_linking_by_hand_teaches_a_rule_that_links_the_next_email(alice):
    globex = make_app(alice, company="Globex")
    first = run(make_email(alice, sender_name="Pat", sender_email="pat.recruits@gmail.com",
                           subject="Following up", text=REJECTION))[0]  # fmt: skip
    assert first.review == Review.PENDING
    link_email(first, globex)
    rule = MailRule.objects.get(owner=alice)
    assert (rule.kind, rule.value, rule.company) == ("address", "pat.recruits@gmail.com", "Globex")
    (second,) = run(make_email(alice, sender_name="Pat", sender_email="pat.recruits@gmail.com",
                               subject="One more thing", text=INVITE))  # fmt: skip
    assert second.application_id == globex.pk and second.stage == Stage.RULE


def test_a_link_settles_other_waiting_emails_from_the_same_sender(alice):
    globex = make_app(alice, company="Globex")
    a, b = run(
        make_email(alice, sender_name="Pat", sender_email="pat@gmail.com", subject="Hi", text=REJECTION),
        make_email(alice, sender_name="Pat", sender_email="pat@gmail.com", subject="Hi again", text=INVITE),
    )  # fmt: skip
    assert a.review == b.review == Review.PENDING
    link_email(a, globex)
    b.refresh_from_db()
    assert b.application_id == globex.pk and b.review == Review.LINKED


def test_create_relabel_and_ignore_from_the_inbox(alice):
    email = run(make_email(alice, sender_name="Jo", sender_email="jo@gmail.com",
                           subject="Quick question", text="Please send us your availability."))[0]  # fmt: skip
    created, _ = create_application_from(email, "Massive Dynamic", "Data Engineer")
    assert (
        created.company == "Massive Dynamic"
        and Email.objects.get(pk=email.pk).stage == Stage.CREATED
    )
    relabel(Email.objects.get(pk=email.pk), Label.OFFER)
    assert Application.objects.get(pk=created.pk).status == Status.OFFER
    other = run(make_email(alice, subject="Newsletter", text="Our monthly news"))[0]
    ignore(other)
    assert Email.objects.get(pk=other.pk).review == Review.IGNORED


def test_bobs_email_never_links_to_alices_application(alice, bob):
    make_app(alice, company="Acme")
    (email,) = run(make_email(bob, sender_email="jobs@acme.com", subject="Update", text=REJECTION))
    assert email.application_id is None


def test_an_application_known_by_two_posting_urls_is_still_one_candidate(alice):
    board = Board.objects.create(owner=alice, kind="lever", token="initech")
    job = Job.objects.create(
        owner=alice, board=board, source_kind="lever", board_token="initech", external_id="abc",
        identity="lever:initech:abc", title="Data Engineer", company="Initech",
        canonical_url="https://jobs.lever.co/initech/abc",
    )  # fmt: skip
    only = make_app(
        alice, company="Initech", job=job, url="https://initech.com/careers/data-engineer"
    )
    (email,) = run(make_email(alice, sender_name="Initech", sender_email="no-reply@hire.lever.co",
                              subject="Update", text=REJECTION))  # fmt: skip
    assert email.application_id == only.pk and email.stage == Stage.COMPANY
