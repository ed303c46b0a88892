from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = "Analysis"

    def ready(self) -> None:
        from applications.panels import register_panel

        from . import receivers  # noqa: F401  (connects the receivers)

        register_panel(
            "analysis", "analysis:application-panel", order=20, title="Fit and documents"
        )
