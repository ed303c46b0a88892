from django.urls import path

from .views import documents, jobs, profile, usage

app_name = "analysis"

urlpatterns = [
    path("profile/", profile.profile, name="profile"),
    path("profile/resumes/", profile.resume_upload, name="resume-upload"),
    path("profile/resumes/<int:pk>/", profile.resume_detail, name="resume-detail"),
    path("profile/resumes/<int:pk>/activate/", profile.resume_activate, name="resume-activate"),
    path("profile/resumes/<int:pk>/delete/", profile.resume_delete, name="resume-delete"),
    path("profile/skills/", profile.skills_accept, name="skills-accept"),
    path("profile/companies/", profile.company_block, name="company-block"),
    path("profile/companies/<int:pk>/delete/", profile.company_unblock, name="company-unblock"),
    path("profile/rescore/", profile.rescore_start, name="rescore-start"),
    path("profile/rescore/status/", profile.rescore_status, name="rescore-status"),
    path("analysis/jobs/<int:pk>/", jobs.job_analysis, name="job-analysis"),
    path("analysis/jobs/<int:pk>/analyze/", jobs.job_analyze, name="job-analyze"),
    path("analysis/applications/<int:pk>/", documents.application_panel, name="application-panel"),
    path(
        "analysis/applications/<int:pk>/documents/",
        documents.document_create,
        name="document-create",
    ),
    path("analysis/documents/<int:pk>/", documents.document_detail, name="document-detail"),
    path(
        "analysis/documents/<int:pk>/download.<str:fmt>",
        documents.document_download,
        name="document-download",
    ),
    path("analysis/documents/<int:pk>/delete/", documents.document_delete, name="document-delete"),
    path("analysis/usage/", usage.usage, name="usage"),
]
