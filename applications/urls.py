from django.urls import path

from .intake import views as intake
from .views import applications as apps
from .views import calendar, contacts, csv_io, dashboard, pipeline, sheets, tasks

app_name = "applications"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/task-email/", dashboard.task_email_toggle, name="task-email-toggle"),
    path("pipeline/", pipeline.pipeline, name="pipeline"),
    path("pipeline/columns/", pipeline.pipeline_columns, name="pipeline-columns"),
    path("applications/", apps.application_list, name="application-list"),
    path("applications/new/", apps.application_create, name="application-create"),
    path("applications/prefill/", apps.application_prefill, name="application-prefill"),
    path("applications/bulk/", apps.application_bulk, name="application-bulk"),
    path("applications/export.csv", csv_io.export_csv, name="csv-export"),
    path("applications/import/", csv_io.import_upload, name="csv-import"),
    path("applications/import/<str:token>/", csv_io.import_preview, name="csv-import-preview"),
    path("applications/<int:pk>/", apps.application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", apps.application_edit, name="application-edit"),
    path("applications/<int:pk>/status/", pipeline.application_status, name="application-status"),
    path("applications/<int:pk>/archive/", apps.application_archive, name="application-archive"),
    path("applications/<int:pk>/delete/", apps.application_delete, name="application-delete"),
    path("applications/<int:pk>/notes/", apps.note_add, name="note-add"),
    path("applications/<int:pk>/contacts/", contacts.contact_add, name="contact-add"),
    path("applications/<int:pk>/summary/", apps.summary_edit, name="application-summary"),
    path("applications/<int:pk>/tasks/", tasks.task_add, name="task-add"),
    path("tasks/<int:pk>/", tasks.task_row, name="task-row"),
    path("tasks/<int:pk>/done/", tasks.task_done, name="task-done"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task-edit"),
    path("tasks/<int:pk>/delete/", tasks.task_delete, name="task-delete"),
    path("contacts/", contacts.contact_list, name="contact-list"),
    path("contacts/new/", contacts.contact_create, name="contact-create"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact-delete"),
    path("contacts/<int:pk>/link/", contacts.contact_link, name="contact-link"),
    path("contacts/<int:pk>/unlink/", contacts.contact_unlink, name="contact-unlink"),
    path("applications/<int:pk>/events/", apps.event_add, name="event-add"),
    path("applications/sheets/", sheets.sheets_page, name="sheets"),
    path("applications/sheets/save/", sheets.sheets_save, name="sheets-save"),
    path("applications/sheets/sync/", sheets.sheets_sync, name="sheets-sync"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/new/", calendar.calendar_rotate, name="calendar-rotate"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path("applications/track-job/<int:job_id>/", apps.track_job_view, name="track-job"),
    path("capture/", intake.capture_page, name="capture"),
    path("extension.zip", intake.extension_download, name="extension-download"),
]
