from django.urls import path

from .views import inbox

app_name = "ingestion"

urlpatterns = [
    path("inbox/", inbox.inbox, name="inbox"),
]
