from django.urls import path

from . import views

app_name = "analysis"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
]
