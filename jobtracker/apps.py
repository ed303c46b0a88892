from django.apps import AppConfig


class JobtrackerConfig(AppConfig):
    name = "jobtracker"
    verbose_name = "Accounts and API"

    def ready(self) -> None:
        # In ready(), where Django wants registration side effects to run.
        from . import checks  # noqa: F401  (registers system checks)
