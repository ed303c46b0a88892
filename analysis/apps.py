from django.apps import AppConfig

from applications.card_slots import register_card_fit
from applications.panels import register_panel
from boards.job_slots import register_fit, register_job_panel


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = "Analysis"

    def ready(self) -> None:
        # Imported in ready(): receivers and queries import models, which load after apps.
        from . import demo, receivers  # noqa: F401  (connect their receivers)
        from .card_fit import CARD_FIT
        from .queries import JOB_LIST_FIT

        register_panel(
            "analysis", "analysis:application-panel", order=20, title="Fit and documents"
        )
        register_fit(JOB_LIST_FIT)
        register_card_fit(CARD_FIT)
        register_job_panel("fit", "analysis:job-analysis", order=10, title="Fit")
