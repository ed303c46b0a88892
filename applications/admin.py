"""Admin for fixing data by hand: applications with their timeline, tasks and contacts.

Edits here bypass the services (no timeline event, no rescore), which is what a data fix
wants; the help text on each page says so."""

from django.contrib import admin

from .models import Application, CalendarFeed, Contact, Event, Preferences, SheetSync, Task


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ("occurred_at", "kind", "actor", "text", "scheduled_for")
    ordering = ("-occurred_at",)
    show_change_link = True


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ("title", "kind", "due_on", "done_at")
    # A task's owner is its application's; set it from there (see ApplicationAdmin).
    exclude = ("owner",)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "owner", "status", "source", "archived", "updated_at")
    list_filter = ("status", "source", "archived")
    search_fields = ("title", "company", "url", "owner__username")
    raw_id_fields = ("job",)
    readonly_fields = ("created_at", "updated_at", "furthest_stage", "first_response_at")
    date_hierarchy = "created_at"
    inlines = (TaskInline, EventInline)
    list_select_related = ("owner",)

    def save_formset(self, request, form, formset, change):
        for task in formset.save(commit=False):
            if isinstance(task, Task):
                task.owner_id = form.instance.owner_id
            task.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "kind", "application", "actor", "text")
    list_filter = ("kind", "actor")
    search_fields = ("text", "application__title", "application__company")
    raw_id_fields = ("application", "scan_run")
    list_select_related = ("application",)


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "due_on", "done_at", "application", "owner")
    list_filter = ("kind", ("done_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "application__title", "application__company")
    raw_id_fields = ("application",)
    list_select_related = ("application", "owner")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "role", "email", "owner")
    list_filter = ("kind",)
    search_fields = ("name", "email", "role", "owner__username")
    filter_horizontal = ("applications",)


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = ("owner", "task_email", "task_email_sent_on")


@admin.register(SheetSync)
class SheetSyncAdmin(admin.ModelAdmin):
    list_display = ("owner", "spreadsheet_key", "enabled", "last_synced_at", "rows_written")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    # Only the token's hash is stored; showing it would help nobody, so it stays hidden.
    list_display = ("owner", "created_at")
    exclude = ("token_hash",)
