"""Board pages: list with health, add by URL (kind detected live), edit, scan now, history."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobtracker.ownership import get_owned_or_404
from jobtracker.params import datetime_param

from .. import http, services
from ..digest import set_digest
from ..forms import BoardForm, QuickBoardForm
from ..models import Board, CompanyRule, DigestSubscription, ScanRun, SourceKind
from ..queries import boards_with_health, recent_runs
from ..tasks import queue_scan_now


def board_list(request):
    return _board_list(request, QuickBoardForm())


def _board_list(request, quick_form: QuickBoardForm, duplicate: Board | None = None):
    digest = DigestSubscription.objects.filter(owner=request.user, enabled=True).exists()
    context = {
        "boards": boards_with_health(request.user),
        "form": quick_form,
        "duplicate": duplicate,
        "digest_on": digest,
        "company_rules": CompanyRule.objects.filter(owner=request.user).order_by("company"),
    }
    return render(request, "boards/board_list.html", context)


def _with_scheme(url: str) -> str:
    return url if "://" in url or not url else f"https://{url}"


def board_detect(request):
    """htmx: what the pasted URL tells, shown under the field before saving."""
    url = _with_scheme((request.GET.get("url") or "").strip()[:2000])
    guess = services.guess_board(url) if url.startswith(("http://", "https://")) else None
    return render(request, "boards/_detected.html", {"guess": guess, "url": url})


@require_POST
def board_quick_add(request):
    """The boards page's "Add board": a URL alone is enough; problems are shown in place."""
    form = QuickBoardForm(request.POST)
    if not form.is_valid():
        return _board_list(request, form)
    try:
        # A careers page may be fetched while the person waits: a short deadline for it.
        with http.deadline(settings.HTTP_WEB_DEADLINE_SECONDS):
            board = services.add_board_by_url(request.user, form.cleaned_data["url"])
    except services.DuplicateBoard as exc:
        return _board_list(request, form, duplicate=exc.board)
    except services.QuickAddError as exc:
        form.add_error("url", str(exc))
        return _board_list(request, form)
    return _added(request, board)


def _added(request, board: Board):
    messages.success(request, f"Added {board.name}. Its first scan is on its way.")
    queue_scan_now(board.pk)
    return redirect("boards:board-detail", pk=board.pk)


def board_create(request):
    """The full form: keyword filters, interval, kind, CSS selectors."""
    if request.method == "POST":
        form = BoardForm(request.POST, owner=request.user)
        if form.is_valid():
            return _added(request, services.create_board(request.user, **form.cleaned_data))
    else:
        kind = request.GET.get("kind", "")
        initial = {"url": request.GET.get("url", "")[:2000]}
        if kind in SourceKind.values:
            initial["kind"] = kind
        form = BoardForm(initial=initial, owner=request.user)
    return render(request, "boards/board_form.html", {"form": form, "creating": True})


def board_detail(request, pk: int):
    board = get_owned_or_404(Board, request.user, pk=pk)
    open_jobs = board.jobs.filter(closed_at__isnull=True).count()
    runs = recent_runs(board)
    # A board never scanned has its first scan queued: the status waits for it.
    first_scan_after = board.created_at if board.enabled and not runs else None
    context = {
        "board": board,
        "runs": runs,
        "open_jobs": open_jobs,
        "first_scan_after": first_scan_after,
    }
    return render(request, "boards/board_detail.html", context)


def board_edit(request, pk: int):
    board = get_owned_or_404(Board, request.user, pk=pk)
    form = BoardForm(request.POST or None, instance=board, owner=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_board(board, **form.cleaned_data)
        messages.success(request, "Board saved.")
        return redirect("boards:board-detail", pk=board.pk)
    return render(request, "boards/board_form.html", {"form": form, "board": board})


@require_POST
def board_toggle(request, pk: int):
    board = get_owned_or_404(Board, request.user, pk=pk)
    services.set_enabled(board, not board.enabled)
    messages.success(request, f"{board.name} {'enabled' if board.enabled else 'paused'}.")
    return redirect("boards:board-detail", pk=board.pk)


@require_POST
def board_delete(request, pk: int):
    board = get_owned_or_404(Board, request.user, pk=pk)
    name = board.name
    services.delete_board(board)
    messages.success(request, f"Deleted {name}. Its jobs stay in your job list.")
    return redirect("boards:board-list")


@require_POST
def board_scan(request, pk: int):
    board = get_owned_or_404(Board, request.user, pk=pk)
    queued_at = timezone.now()
    queue_scan_now(board.pk)
    if request.htmx:
        return _scan_status(request, board, queued_at)
    messages.info(request, "Scan queued.")
    return redirect("boards:board-detail", pk=board.pk)


def board_scan_status(request, pk: int):
    """htmx fragment: the latest run; it polls itself while a scan is queued or running."""
    board = get_owned_or_404(Board, request.user, pk=pk)
    queued_at = datetime_param(request.GET.get("after"))  # junk: show the latest run, no wait
    return _scan_status(request, board, queued_at)


def _scan_status(request, board: Board, queued_at):
    run = ScanRun.objects.filter(board=board).order_by("-started_at").first()
    waiting = queued_at is not None and (run is None or run.started_at < queued_at)
    context = {"board": board, "run": run, "waiting": waiting, "after": queued_at}
    return render(request, "boards/_scan_status.html", context)


@require_POST
def digest_toggle(request):
    enabled = request.POST.get("enabled") == "1"
    if enabled and not request.user.email:
        messages.error(request, "Add an email address to your account first (Settings).")
        return redirect("boards:board-list")
    set_digest(request.user, enabled)
    messages.success(request, "New-jobs email turned " + ("on." if enabled else "off."))
    return redirect("boards:board-list")


@require_POST
def company_rule_create(request):
    try:
        rule = services.add_company_rule(
            request.user, request.POST.get("company", ""), request.POST.get("kind", "")
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        verb = "hidden from scans" if rule.kind == "block" else "always kept"
        messages.success(request, f"Jobs at {rule.company} are now {verb}.")
    return redirect("boards:board-list")


@require_POST
def company_rule_delete(request, pk: int):
    if not services.delete_company_rule(request.user, pk):
        raise Http404("No such rule.")
    messages.success(request, "Rule removed.")
    return redirect("boards:board-list")
