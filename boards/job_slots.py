"""Slots on the job pages that apps above this one fill: the list's fit filter, sort and
column, and the job page's actions and panels.

boards must not import applications or analysis (nor name their lookups, URLs or
templates), so they register here instead, from their AppConfig.ready(), as they do for
applications.panels:

    from boards.job_slots import register_fit, register_job_action, register_job_panel
    register_fit(Fit(at_least=..., best_first=..., prefetch="...", cell_template="..."))
    register_job_action("applications/_job_track.html", order=10)
    register_job_panel("fit", "analysis:job-analysis", order=10, title="Fit")

Without a registered fit the list neither filters nor sorts on it and has no fit column.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import OrderBy, Q
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Fit:
    at_least: Callable[[int], Q]  # jobs whose fit is at least this score
    best_first: OrderBy  # best fit first, unscored last
    prefetch: str  # what cell_template reads from each job, fetched once for the page
    cell_template: str  # the list's fit cell for `job`
    header: str = "Fit"


@dataclass(frozen=True)
class JobPanel:
    name: str
    url_name: str  # reversed with the job's pk; the view behind it is owner-scoped
    order: int
    title: str


_fit: Fit | None = None
_ACTIONS: dict[str, int] = {}  # template (a form or link for `job`) -> order
_PANELS: dict[str, JobPanel] = {}


def register_fit(fit: Fit) -> None:
    global _fit
    _fit = fit


def registered_fit() -> Fit | None:
    return _fit


def register_job_action(template: str, *, order: int = 50) -> None:
    _ACTIONS[template] = order


def job_actions() -> list[str]:
    return sorted(_ACTIONS, key=lambda template: (_ACTIONS[template], template))


def register_job_panel(name: str, url_name: str, order: int = 50, title: str = "") -> None:
    _PANELS[name] = JobPanel(name, url_name, order, title or name.title())


def job_panels_for(job) -> list[dict]:
    out = []
    for panel in sorted(_PANELS.values(), key=lambda p: p.order):
        try:
            url = reverse(panel.url_name, args=[job.pk])
        except NoReverseMatch:
            continue
        out.append({"name": panel.name, "title": panel.title, "url": url})
    return out
