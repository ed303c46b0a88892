from django.apps import AppConfig

from applications.panels import register_dashboard_fragment, register_event_link, register_panel


class MailConfig(AppConfig):
    """Mailboxes, email classification and correlation. The label stays "ingestion" (the app's
    name before the capture half moved to applications.intake), so existing databases keep
    their tables and migration history."""

    name = "mail"
    label = "ingestion"
    verbose_name = "Email"

    def ready(self) -> None:
        # Imported in ready(): it imports models. Connects the demo account's receiver.
        from . import demo  # noqa: F401

        register_panel("emails", "mail:application-emails", order=10, title="Emails")
        register_dashboard_fragment("health", "mail:health", order=10)
        register_event_link("email_id", "mail:email-detail", "Read the email")
