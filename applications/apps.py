from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self) -> None:
        from jobtracker.sections import register_settings_section

        from . import signals  # noqa: F401  (connects the receivers)

        register_settings_section("applications/_settings_capture.html", order=10)
