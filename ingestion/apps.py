from django.apps import AppConfig


class IngestionConfig(AppConfig):
    name = "ingestion"
    verbose_name = "Capture and email"

    def ready(self) -> None:
        from applications.panels import register_panel

        register_panel("emails", "ingestion:application-emails", order=10, title="Emails")
