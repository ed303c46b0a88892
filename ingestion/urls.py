from django.urls import path

from .views import capture, inbox

app_name = "ingestion"

urlpatterns = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("capture/", capture.capture_page, name="capture"),
    path("extension.zip", capture.extension_download, name="extension-download"),
]
