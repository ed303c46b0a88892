"""The profile page: what jobs are scored against, resumes, proposed skills, blocklist."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from boards.models import CompanyRule
from jobtracker.ownership import get_owned_or_404
from jobtracker.text import counted

from .. import queries, services
from ..extraction import ExtractionError
from ..forms import AcceptSkillsForm, CompanyForm, ProfileForm, ResumeUploadForm
from ..models import Resume


def _context(request, profile, **extra) -> dict:
    resume = queries.active_resume(request.user)
    proposed = services.proposed_skills(profile, resume)
    return {
        "profile": profile,
        "form": ProfileForm(instance=profile),
        "upload_form": ResumeUploadForm(),
        "skills_form": AcceptSkillsForm(proposed=proposed, initial={"skills": proposed}),
        "proposed": proposed,
        "company_form": CompanyForm(),
        "resumes": queries.resumes_for(request.user),
        "active_resume": resume,
        "blocked": CompanyRule.objects.filter(owner=request.user, kind=CompanyRule.Kind.BLOCK),
        "rescore": queries.latest_rescore(request.user),
        "bands": queries.band_counts(request.user),
        "scorable": services.is_scorable(profile),
        **extra,
    }


def profile(request):
    profile = services.get_profile(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=services.get_profile(request.user))
        if form.is_valid():
            rescoring = services.update_profile(profile, form.cleaned_data)
            messages.success(
                request,
                "Profile saved." + (" Every job is being rescored." if rescoring else ""),
            )
            return redirect("analysis:profile")
        return render(
            request, "analysis/profile.html", _context(request, profile, form=form), status=400
        )
    return render(request, "analysis/profile.html", _context(request, profile))


@require_POST
def resume_upload(request):
    profile = services.get_profile(request.user)
    form = ResumeUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            resume = services.add_resume(
                request.user, upload.name, upload.read(), form.cleaned_data["name"]
            )
        except ExtractionError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"Read {len(resume.text):,} characters from {resume.name}.")
            return redirect("analysis:profile")
    return render(
        request, "analysis/profile.html", _context(request, profile, upload_form=form), status=400
    )


def resume_detail(request, pk: int):
    resume = get_owned_or_404(Resume, request.user, pk=pk)
    return render(request, "analysis/resume_detail.html", {"resume": resume})


@require_POST
def resume_activate(request, pk: int):
    resume = get_owned_or_404(Resume, request.user, pk=pk)
    services.activate_resume(resume)
    messages.success(request, f"{resume.name} is now the active resume.")
    return redirect("analysis:profile")


@require_POST
def resume_delete(request, pk: int):
    resume = get_owned_or_404(Resume, request.user, pk=pk)
    services.delete_resume(resume)
    messages.success(request, "Resume deleted.")
    return redirect("analysis:profile")


@require_POST
def skills_accept(request):
    profile = services.get_profile(request.user)
    proposed = services.proposed_skills(profile, queries.active_resume(request.user))
    form = AcceptSkillsForm(request.POST, proposed=proposed)
    if form.is_valid():
        added = services.accept_skills(profile, form.cleaned_data["skills"])
        messages.success(request, f"Added {counted(len(added), 'skill')} to your profile.")
    else:
        messages.error(request, "Choose at least one of the proposed skills.")
    return redirect("analysis:profile")


@require_POST
def company_block(request):
    form = CompanyForm(request.POST)
    if form.is_valid():
        try:
            services.block_company(services.get_profile(request.user), form.cleaned_data["company"])
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Blocked {form.cleaned_data['company']}.")
    else:
        messages.error(request, "Name the company to block.")
    return redirect("analysis:profile")


@require_POST
def company_unblock(request, pk: int):
    rule = get_owned_or_404(CompanyRule, request.user, pk=pk)
    services.unblock_company(services.get_profile(request.user), rule.pk)
    messages.success(request, f"Unblocked {rule.company}.")
    return redirect("analysis:profile")


@require_POST
def rescore_start(request):
    profile = services.get_profile(request.user)
    if services.start_rescore(profile) is None:
        messages.error(
            request, "Add skills or target titles first: there is nothing to score against."
        )
    else:
        messages.success(request, "Rescoring every job in the background.")
    return redirect("analysis:profile")


def rescore_status(request):
    return render(
        request, "analysis/_rescore_status.html", {"rescore": queries.latest_rescore(request.user)}
    )
