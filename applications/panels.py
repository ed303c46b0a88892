"""Slots on the application page that apps above this one fill with htmx fragments.

applications must not import mail or analysis, so they register here instead, from their
AppConfig.ready():

    from applications.panels import register_panel
    register_panel("emails", "mail:application-emails", order=10, title="Emails")

The detail page then renders, for each panel, a section that loads
`reverse(url_name, args=[application.pk])` when it appears. The view behind it must be
owner-scoped like any other.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Panel:
    name: str
    url_name: str
    order: int
    title: str


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, url_name: str, order: int = 50, title: str = "") -> None:
    _PANELS[name] = Panel(name, url_name, order, title or name.title())


def panels_for(application) -> list[dict]:
    out = []
    for panel in sorted(_PANELS.values(), key=lambda p: p.order):
        try:
            url = reverse(panel.url_name, args=[application.pk])
        except NoReverseMatch:
            continue
        out.append({"name": panel.name, "title": panel.title, "url": url})
    return out
