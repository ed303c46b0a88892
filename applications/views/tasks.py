"""Task routes: add (a form or a one-click preset) on the application page; tick off, edit and
delete from any page. For htmx each answers with the task's row (`_task_row.html`) or the
Tasks panel; a plain POST goes back where it came from (`next`)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from .. import task_list
from ..forms import TaskForm
from ..models import Application, Task
from .applications import render_panel, tasks_context


def _task(request, pk: int) -> Task:
    return get_owned_or_404(Task.objects.select_related("application"), request.user, pk=pk)


def _back(request, task: Task):
    if task.application_id:
        return redirect_back(request, "applications:application-detail", pk=task.application_id)
    return redirect_back(request, "applications:dashboard")


def _row(request, task: Task, status: int = 200):
    show = (request.POST.get("show_application") or request.GET.get("show_application")) == "1"
    context = {"task": task, "show_application": show}
    return render(request, "applications/_task_row.html", context, status=status)


@require_POST
def task_add(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    preset = request.POST.get("preset", "")
    form = TaskForm(request.POST)
    if preset in task_list.PRESETS:
        task_list.add_preset(request.user, application, preset, timezone.localdate())
    elif form.is_valid():
        task_list.add_task(request.user, application=application, **form.cleaned_data)
    else:
        if request.htmx:
            context = tasks_context(application, form=form, adding=True)
            return render_panel(request, "applications/_tasks.html", context, with_timeline=False)
        messages.error(request, "Task not added: check the date.")
        return redirect("applications:application-detail", pk=application.pk)
    if request.htmx:
        return render_panel(request, "applications/_tasks.html", tasks_context(application))
    messages.success(request, "Task added.")
    return redirect("applications:application-detail", pk=application.pk)


@require_GET
def task_row(request, pk: int):
    """One task's row (htmx: "Cancel" on the edit form); a plain visit goes to its page."""
    task = _task(request, pk)
    if request.htmx:
        return _row(request, task)
    return _back(request, task)


@require_POST
def task_done(request, pk: int):
    """Tick a task off (`done=0` opens it again)."""
    task = _task(request, pk)
    task_list.set_done(task, done=request.POST.get("done", "1") != "0")
    if request.htmx:
        return _row(request, task)
    return _back(request, task)


def task_edit(request, pk: int):
    task = _task(request, pk)
    # Not bound to `task`: validating would set its fields before update_task reads them.
    initial = {"title": task.title, "kind": task.kind, "due_on": task.due_on}
    form = TaskForm(request.POST or None, initial=initial, auto_id=f"task{task.pk}_%s")
    if request.method == "POST" and form.is_valid():
        task_list.update_task(task, **form.cleaned_data)
        if request.htmx:
            return _row(request, task)
        messages.success(request, "Task saved.")
        return _back(request, task)
    show = (request.POST.get("show_application") or request.GET.get("show_application")) == "1"
    back = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    context = {"task": task, "form": form, "show_application": show, "next": back if safe else ""}
    template = "applications/_task_form.html" if request.htmx else "applications/task_form.html"
    # htmx swaps only 2xx answers, so the fragment with its errors is a 200.
    status = 422 if form.errors and not request.htmx else 200
    return render(request, template, context, status=status)


@require_POST
def task_delete(request, pk: int):
    task = _task(request, pk)
    task_list.delete_task(task)
    if request.htmx:
        return HttpResponse("")  # the row's outerHTML swap removes it
    messages.success(request, "Task deleted.")
    return _back(request, task)
