from django.urls import path

from .views import inbox, mailboxes

app_name = "mail"

urlpatterns = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("emails/<int:pk>/", inbox.email_detail, name="email-detail"),
    path("emails/<int:pk>/link/", inbox.email_link, name="email-link"),
    path("emails/<int:pk>/create/", inbox.email_create, name="email-create"),
    path("emails/<int:pk>/relabel/", inbox.email_relabel, name="email-relabel"),
    path("emails/<int:pk>/ignore/", inbox.email_ignore, name="email-ignore"),
    path("emails/<int:pk>/restore/", inbox.email_restore, name="email-restore"),
    path("emails/applications/<int:pk>/", inbox.application_emails, name="application-emails"),
    path("mailboxes/", mailboxes.mailbox_list, name="mailbox-list"),
    path("mailboxes/new/", mailboxes.mailbox_create, name="mailbox-create"),
    path("mailboxes/<int:pk>/", mailboxes.mailbox_edit, name="mailbox-edit"),
    path("mailboxes/<int:pk>/delete/", mailboxes.mailbox_delete, name="mailbox-delete"),
    path("mailboxes/<int:pk>/test/", mailboxes.mailbox_test, name="mailbox-test"),
    path("mailboxes/<int:pk>/sync/", mailboxes.mailbox_sync, name="mailbox-sync"),
    path("mailboxes/rules/<int:pk>/delete/", mailboxes.rule_delete, name="rule-delete"),
    path("mailboxes/health/", mailboxes.health, name="health"),
]
