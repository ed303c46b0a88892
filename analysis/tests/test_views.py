"""Pages: profile (resumes, proposed skills, blocklist, rescore progress), the job and
application fragments, documents, usage. Anonymous users go to login; bob gets 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from analysis import services
from analysis.models import Document, LlmCall, Profile, Resume, Score
from applications.tests.factories import make_application
from boards.models import CompanyRule

from .factories import docx_with_text, make_job, make_profile, make_resume, pdf_with_text
from .llm_fakes import GOOD_ANALYSIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(alice):
    profile = make_profile(alice)
    resume = make_resume(alice)
    job = make_job(alice, title="Backend Engineer", description_text="Python, Django, Kafka")
    services.score_jobs(alice.pk)
    application = make_application(alice, job=job)
    document = Document.objects.create(
        owner=alice,
        application=application,
        kind="cover_letter",
        title="Letter",
        content="At Google I worked.",
        unverified=[{"text": "Google", "kind": "name"}],
    )
    rule = CompanyRule.objects.create(owner=alice, company="Evil Corp")
    return {
        "profile": profile,
        "resume": resume,
        "job": job,
        "app": application,
        "document": document,
        "rule": rule,
    }


def _urls(w):
    return {
        "get": [
            f"/profile/resumes/{w['resume'].pk}/",
            f"/analysis/jobs/{w['job'].pk}/",
            f"/analysis/applications/{w['app'].pk}/",
            f"/analysis/documents/{w['document'].pk}/",
            f"/analysis/documents/{w['document'].pk}/download.md",
        ],
        "post": [
            f"/profile/resumes/{w['resume'].pk}/activate/",
            f"/profile/resumes/{w['resume'].pk}/delete/",
            f"/profile/companies/{w['rule'].pk}/delete/",
            f"/analysis/jobs/{w['job'].pk}/analyze/",
            f"/analysis/applications/{w['app'].pk}/documents/",
            f"/analysis/documents/{w['document'].pk}/",
            f"/analysis/documents/{w['document'].pk}/delete/",
        ],
    }


def test_anonymous_users_are_sent_to_login(client, world):
    urls = _urls(world)
    for url in ["/profile/", "/analysis/usage/", "/profile/rescore/status/", *urls["get"]]:
        assert client.get(url)["Location"].startswith("/login/"), url
    for url in urls["post"]:
        assert client.post(url)["Location"].startswith("/login/"), url


def test_bob_gets_404_for_everything_of_alices(bob_client, world):
    urls = _urls(world)
    for url in urls["get"]:
        assert bob_client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert (
            bob_client.post(url, {"kind": "cover_letter", "title": "x", "content": "y"}).status_code
            == 404
        ), url
    assert Resume.objects.filter(pk=world["resume"].pk, is_active=True).exists()
    assert Document.objects.get(pk=world["document"].pk).content == "At Google I worked."
    assert CompanyRule.objects.filter(pk=world["rule"].pk).exists()
    page = bob_client.get("/profile/").content.decode()
    assert "Evil Corp" not in page and "Northwind" not in page and "CV" not in page
    assert b"Letter" not in bob_client.get("/analysis/usage/").content


def test_the_empty_profile_page_explains_what_to_do(alice_client):
    page = alice_client.get("/profile/").content.decode()
    assert "No profile yet" in page and "Upload a resume" in page


def test_saving_the_profile_canonicalizes_skills_and_rescores(
    alice_client, alice, django_capture_on_commit_callbacks
):
    make_job(alice, description_text="We use k8s and Postgres")
    with django_capture_on_commit_callbacks(execute=True):  # the rescore is queued on commit
        response = alice_client.post(
            "/profile/",
            {
                "headline": "Backend",
                "skills": "k8s, postgres\nPython",
                "target_titles": "Backend Engineer",
                "seniority": "senior",
                "years_experience": "6",
                "locations": "Berlin",
                "remote_preference": "remote",
                "min_salary": "70000",
                "salary_currency": "eur",
                "must_have_keywords": "",
                "avoid_keywords": "crypto",
            },
        )
    assert response.status_code == 302
    profile = Profile.objects.get(owner=alice)
    assert profile.skills == ["Kubernetes", "PostgreSQL", "Python"]
    assert profile.salary_currency == "EUR" and profile.avoid_keywords == ["crypto"]
    score = Score.objects.get(owner=alice)
    assert set(score.matched_skills) == {"Kubernetes", "PostgreSQL", "Backend Development"}
    page = alice_client.get("/profile/").content.decode()
    assert "Last rescore: done" in page and "1 job." in page


def test_an_invalid_profile_shows_errors(alice_client):
    response = alice_client.post("/profile/", {"remote_preference": "moon", "salary_currency": "E"})
    assert response.status_code == 400 and b"three-letter" in response.content


def test_uploading_resumes_proposes_skills_to_accept(alice_client, alice):
    make_profile(alice, skills=["Python"])
    pdf = SimpleUploadedFile(
        "cv.pdf",
        pdf_with_text(["Jane Doe, backend engineer", "Python, k8s, Postgres and React since 2015"]),
        content_type="application/pdf",
    )
    response = alice_client.post("/profile/resumes/", {"file": pdf, "name": "Main"})
    assert response.status_code == 302
    resume = Resume.objects.get(owner=alice)
    assert resume.is_active and resume.content_type == "pdf" and "React" in resume.text
    page = alice_client.get("/profile/")
    assert page.context["proposed"] == ["Backend Development", "Kubernetes", "PostgreSQL", "React"]
    alice_client.post("/profile/skills/", {"skills": ["Kubernetes", "React"]})
    assert Profile.objects.get(owner=alice).skills == ["Python", "Kubernetes", "React"]
    docx = SimpleUploadedFile(
        "cv2.docx", docx_with_text(["Jane Doe", "Python and Rust work since 2015"])
    )
    alice_client.post("/profile/resumes/", {"file": docx})
    second = Resume.objects.get(owner=alice, filename="cv2.docx")
    assert not second.is_active
    alice_client.post(f"/profile/resumes/{second.pk}/activate/")
    assert Resume.objects.get(owner=alice, is_active=True) == second
    alice_client.post(f"/profile/resumes/{second.pk}/delete/")
    assert Resume.objects.get(owner=alice).is_active  # the other one took over


def test_an_unreadable_upload_says_why(alice_client, alice):
    from .factories import pdf_without_text

    scan = SimpleUploadedFile("scan.pdf", pdf_without_text())
    response = alice_client.post("/profile/resumes/", {"file": scan})
    assert response.status_code == 400 and b"probably a scan" in response.content
    image = SimpleUploadedFile("me.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    assert b"Only PDF, DOCX" in alice_client.post("/profile/resumes/", {"file": image}).content
    assert not Resume.objects.exists()


def test_blocking_and_unblocking_a_company_from_the_profile(alice_client, alice):
    make_profile(alice)
    alice_client.post("/profile/companies/", {"company": "Evil Corp"})
    rule = CompanyRule.objects.get(owner=alice)
    assert "Evil Corp" in alice_client.get("/profile/").content.decode()
    alice_client.post(f"/profile/companies/{rule.pk}/delete/")
    assert not CompanyRule.objects.exists()


def test_the_job_fragment_explains_the_score(alice_client, world):
    page = alice_client.get(f"/analysis/jobs/{world['job'].pk}/").content.decode()
    assert "Skills: 3 of 4 asked for" in page and "Missing: Kafka" in page
    assert "Title matches “Backend Engineer”" in page
    assert "No language model is configured" in page


def test_asking_the_model_from_the_job_page(alice_client, world, fake_anthropic):
    fake_anthropic.answer_json(GOOD_ANALYSIS)
    url = f"/analysis/jobs/{world['job'].pk}/analyze/"
    page = alice_client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "Model analysis: 82/100" in page and "A strong fit" in page
    alice_client.post(url, headers={"HX-Request": "true"})
    assert len(fake_anthropic.requests) == 1  # cached
    fake_anthropic.fail(529)
    world["job"].description_text += " new"
    world["job"].save()
    page = alice_client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "overloaded (529)" in page and "Gave up after 3 tries" in page


def test_the_application_panel_lists_documents_and_writes_new_ones(
    alice_client, world, fake_anthropic
):
    panel = alice_client.get(f"/analysis/applications/{world['app'].pk}/").content.decode()
    assert "Cover letter" in panel and "1 to check" in panel and "Write a cover letter" in panel
    fake_anthropic.answer_text("At Northwind Traders I built Python services.")
    response = alice_client.post(
        f"/analysis/applications/{world['app'].pk}/documents/",
        {"kind": "cover_letter", "tone": "formal", "length": "short"},
    )
    new = Document.objects.exclude(pk=world["document"].pk).get()
    assert response["Location"] == f"/analysis/documents/{new.pk}/"


def test_a_document_page_highlights_unverified_claims_and_saves_edits(alice_client, world):
    url = f"/analysis/documents/{world['document'].pk}/"
    page = alice_client.get(url).content.decode()
    assert '<mark title="Not in your resume or profile">Google</mark>' in page
    alice_client.post(url, {"title": "Letter", "content": "At Northwind Traders I built APIs."})
    document = Document.objects.get(pk=world["document"].pk)
    assert document.unverified == [] and "Northwind" in document.content
    md = alice_client.get(url + "download.md")
    assert md["Content-Type"].startswith("text/markdown") and md.content.startswith(b"# Letter")
    assert "attachment" in md["Content-Disposition"]
    txt = alice_client.get(url + "download.txt")
    assert txt.content.startswith(b"Letter\n\nAt Northwind")
    assert alice_client.get(url + "download.pdf").status_code == 404
    alice_client.post(url + "delete/")
    assert not Document.objects.filter(pk=world["document"].pk).exists()


def test_the_application_page_registers_the_panel(alice_client, world):
    page = alice_client.get(f"/applications/{world['app'].pk}/").content.decode()
    assert f'hx-get="/analysis/applications/{world["app"].pk}/"' in page


def test_usage_page_shows_calls_tokens_cost_and_budget(alice_client, alice, settings):
    settings.LLM_MONTHLY_COST_BUDGET = 5
    for model, cost in (("claude-haiku-5-5", "0.25"), ("claude-sonnet-5-5", "1.50")):
        LlmCall.objects.create(
            owner=alice,
            provider="anthropic",
            model=model,
            purpose="analysis",
            input_tokens=1000,
            output_tokens=200,
            cache_read_tokens=5000,
            cost=cost,
        )
    page = alice_client.get("/analysis/usage/").content.decode()
    assert "claude-sonnet-5-5" in page and "claude-haiku-5-5" in page
    assert "$1.75" in page and "$3.25" in page  # spent, and left of $5
    assert "12,400" in page  # tokens this month


def test_list_pages_do_not_grow_queries_with_rows(
    alice_client, alice, world, django_assert_max_num_queries
):
    for _ in range(5):
        make_resume(alice, is_active=False)
        Document.objects.create(
            owner=alice, application=world["app"], kind="answers", title="A", content="x"
        )
        LlmCall.objects.create(owner=alice, provider="anthropic", model="m", purpose="analysis")
    with django_assert_max_num_queries(16):
        alice_client.get("/profile/")
    with django_assert_max_num_queries(10):
        alice_client.get(f"/analysis/applications/{world['app'].pk}/")
    with django_assert_max_num_queries(10):
        alice_client.get("/analysis/usage/")
