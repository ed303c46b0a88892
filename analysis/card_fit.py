"""The fit chip on the pipeline's cards (registered with applications.card_slots in apps.py):
the application's job's score, read by two subqueries in the board's one cards query."""

from django.db.models import OuterRef, Subquery

from applications.card_slots import CardFit

from .models import Score

_score = Score.objects.filter(job_id=OuterRef("job_id"), owner_id=OuterRef("owner_id"))

CARD_FIT = CardFit(
    annotations={
        "fit_total": Subquery(_score.values("total")[:1]),
        "fit_band": Subquery(_score.values("band")[:1]),
    },
    chip_template="analysis/_card_fit.html",
)
