from django.apps import AppConfig

from boards.job_slots import register_job_action
from jobtracker.sections import register_settings_section


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self) -> None:
        # Imported in ready(): signals import models, which load after the apps.
        from . import signals  # noqa: F401  (connects the receivers)

        register_settings_section("applications/_settings_capture.html", order=10)
        register_job_action("applications/_job_track.html", order=10)
