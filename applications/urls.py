from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("applications/track-job/<int:job_id>/", views.track_job_view, name="track-job"),
]
