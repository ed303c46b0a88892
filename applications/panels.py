"""Slots on this app's pages that apps above it fill: panels on the application page,
fragments on the dashboard, and links from timeline events to the rows that caused them.

applications must not import mail or analysis (nor name their URLs), so they register here
instead, from their AppConfig.ready():

    from applications.panels import register_dashboard_fragment, register_event_link
    from applications.panels import register_panel
    register_panel("emails", "mail:application-emails", order=10, title="Emails")
    register_dashboard_fragment("mail-health", "mail:health", order=10)
    register_event_link("email_id", "mail:email-detail", "Read the email")

The detail page then renders, for each panel, a section that loads
`reverse(url_name, args=[application.pk])` when it appears; the dashboard loads each
fragment's `reverse(url_name)`; an event whose `field` is set links to
`reverse(url_name, args=[<that id>])`. The views behind them must be owner-scoped like any
other.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Panel:
    name: str
    url_name: str
    order: int
    title: str


@dataclass(frozen=True)
class EventLink:
    field: str  # an id field of Event naming a row of an app above, e.g. "email_id"
    url_name: str
    label: str


_PANELS: dict[str, Panel] = {}
_DASHBOARD_FRAGMENTS: dict[str, tuple[str, int]] = {}  # name -> (url_name, order)
_EVENT_LINKS: dict[str, EventLink] = {}


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


def register_dashboard_fragment(name: str, url_name: str, order: int = 50) -> None:
    _DASHBOARD_FRAGMENTS[name] = (url_name, order)


def dashboard_fragments() -> list[str]:
    """The URLs the dashboard loads, in order."""
    out = []
    for url_name, _ in sorted(_DASHBOARD_FRAGMENTS.values(), key=lambda entry: entry[1]):
        try:
            out.append(reverse(url_name))
        except NoReverseMatch:
            continue
    return out


def register_event_link(field: str, url_name: str, label: str) -> None:
    _EVENT_LINKS[field] = EventLink(field, url_name, label)


def link_events(events: Iterable) -> None:
    """Give each event `links`: [{"url", "label"}] to the rows of apps above that caused it."""
    for event in events:
        event.links = []
        for link in _EVENT_LINKS.values():
            pk = getattr(event, link.field, None)
            if pk is None:
                continue
            try:
                event.links.append({"url": reverse(link.url_name, args=[pk]), "label": link.label})
            except NoReverseMatch:
                continue
