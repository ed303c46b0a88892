"""A slot on the pipeline's cards that an app above this one fills: the fit chip.

applications must not import analysis (nor name its lookups or templates), so analysis
registers the chip here from its AppConfig.ready(), as it does for boards.job_slots:

    from applications.card_slots import CardFit, register_card_fit
    register_card_fit(CardFit(annotations={"fit_total": Subquery(...)}, chip_template="..."))

The board adds `annotations` to its one cards query (so a chip costs no query per card) and
includes `chip_template` with the card as `app`. Without a registered fit cards have no chip.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Expression


@dataclass(frozen=True, eq=False)
class CardFit:
    annotations: Mapping[str, Expression]  # added to each card's row, read by chip_template
    chip_template: str  # the card's fit chip for `app`


_fit: CardFit | None = None


def register_card_fit(fit: CardFit | None) -> None:
    global _fit
    _fit = fit


def registered_card_fit() -> CardFit | None:
    return _fit
