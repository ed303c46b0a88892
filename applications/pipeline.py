"""The pipeline board: its columns (one per stage, renamed or hidden by the person) with
counts and cards, read in a fixed number of queries; and the column settings it saves.

Cards carry what a compact card shows without another query: the age since applied (or
added), the next action's due state, and the fit chip's fields when an app above registered
one (applications.card_slots).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from jobtracker.params import clean_text

from .card_slots import registered_card_fit
from .models import ENDINGS, PIPELINE_ORDER, Application, Preferences, Status
from .queries import AppFilters, applications_for

STAGES: list[str] = [*PIPELINE_ORDER, *ENDINGS]
COLUMN_LIMIT = 50  # cards shown per column; the rest are a click away in the list
LABEL_MAX = 40

CARD_FIELDS = (
    "pk", "owner_id", "job_id", "title", "company", "location", "status", "applied_at",
    "created_at", "status_changed_at", "next_action", "next_action_due",
)  # fmt: skip


@dataclass
class Stage:
    status: str
    label: str  # the person's name for the column, else the status's own
    default_label: str
    hidden: bool


@dataclass
class Board:
    stages: list[Stage]  # every stage in order (the card menus list them all)
    columns: list[dict]  # the visible ones: status, label, count, cards, more
    hidden_columns: list[dict] = field(default_factory=list)  # status, label, count
    archived: int = 0

    @property
    def total(self) -> int:
        return sum(c["count"] for c in self.columns) + self.hidden_total

    @property
    def hidden_total(self) -> int:
        return sum(c["count"] for c in self.hidden_columns)


# --- Column settings --------------------------------------------------------------------


def stages_for(user) -> list[Stage]:
    prefs = Preferences.objects.filter(owner=user).only("stage_labels", "hidden_stages").first()
    labels = prefs.stage_labels if prefs and isinstance(prefs.stage_labels, dict) else {}
    hidden = set(prefs.hidden_stages) if prefs and isinstance(prefs.hidden_stages, list) else set()
    return [
        Stage(
            status=status,
            label=clean_label(labels.get(status)) or Status(status).label,
            default_label=Status(status).label,
            hidden=status in hidden,
        )
        for status in STAGES
    ]


def clean_label(value) -> str:
    return clean_text(value, LABEL_MAX, fold=True)


def save_stages(user, labels: Mapping[str, str], hidden: Iterable[str]) -> Preferences:
    """Rename and hide columns: a blank name (or the status's own) keeps the default."""
    kept = {}
    for status in STAGES:
        label = clean_label(labels.get(status))
        if label and label != Status(status).label:
            kept[status] = label
    hidden_set = set(hidden)
    prefs, _ = Preferences.objects.get_or_create(owner=user)
    prefs.stage_labels = kept
    prefs.hidden_stages = [s for s in STAGES if s in hidden_set]
    prefs.save(update_fields=["stage_labels", "hidden_stages"])
    return prefs


# --- Cards ------------------------------------------------------------------------------


def _cards(queryset: QuerySet) -> QuerySet:
    cards = queryset.only(*CARD_FIELDS)
    fit = registered_card_fit()
    if fit is not None:
        cards = cards.annotate(**fit.annotations)
    return cards


def age(since: datetime, today: date) -> str:
    """ "today", "3d", "5w", "4mo": how long ago, short enough for a card."""
    days = (today - timezone.localtime(since).date()).days
    if days < 1:
        return "today"
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def decorate(app: Application, today: date) -> Application:
    """What the card shows beyond the row: its age and whether the next action is late."""
    since = app.applied_at or app.created_at
    app.age = age(since, today)
    app.age_title = (
        f"{'Applied' if app.applied_at else 'Added'} {timezone.localtime(since):%-d %b %Y}"
    )
    due = app.next_action_due
    app.due_state = (
        "" if due is None else "overdue" if due < today else "today" if due == today else ""
    )
    return app


def board_card(user, pk: int) -> Application:
    """One card as the board shows it (after a move), owner-scoped: 404 for anyone else's."""
    app = _cards(Application.objects.filter(owner=user, pk=pk)).first()
    if app is None:
        raise Http404
    return decorate(app, timezone.localdate())


# --- The board --------------------------------------------------------------------------


def board(user, filters: AppFilters) -> Board:
    """Counts per stage, then the newest-moved cards of every visible stage in one query.

    Queries: preferences, counts, archived count, cards — whatever the number of rows.
    """
    stages = stages_for(user)
    base = applications_for(
        user, AppFilters(**{**filters.__dict__, "status": "", "archived": False})
    )
    counts = dict(base.order_by().values_list("status").annotate(n=Count("id")))
    archived = Application.objects.filter(owner=user, archived=True).count()
    shown = [s.status for s in stages if not s.hidden and counts.get(s.status)]
    by_status: dict[str, list[Application]] = {status: [] for status in STAGES}
    if shown:
        ranked = _cards(base.filter(status__in=shown).order_by()).annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F("status_changed_at").desc(), F("id").desc()],
            )
        )
        today = timezone.localdate()
        cards = ranked.filter(rank__lte=COLUMN_LIMIT).order_by("-status_changed_at", "-id")
        for app in cards:
            by_status[app.status].append(decorate(app, today))
    columns, hidden_columns = [], []
    for stage in stages:
        count = counts.get(stage.status, 0)
        if stage.hidden:
            hidden_columns.append({"status": stage.status, "label": stage.label, "count": count})
            continue
        cards = by_status[stage.status]
        columns.append({
            "status": stage.status, "label": stage.label, "count": count, "cards": cards,
            "more": max(0, count - len(cards)),
        })  # fmt: skip
    return Board(stages=stages, columns=columns, hidden_columns=hidden_columns, archived=archived)
