from django.urls import path

from . import views

app_name = "ingestion"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
]
