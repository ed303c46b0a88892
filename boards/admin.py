from django.contrib import admin

from .models import Board, CompanyRule, DigestSubscription, Job, ScanRun


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "owner",
        "kind",
        "token",
        "enabled",
        "last_success_at",
        "consecutive_failures",
        "next_scan_at",
    )
    list_filter = ("kind", "enabled")
    search_fields = ("name", "token", "url", "owner__username")
    list_select_related = ("owner",)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "company",
        "owner",
        "source_kind",
        "location",
        "remote",
        "first_seen_at",
        "closed_at",
        "hidden",
    )
    list_filter = ("source_kind", "remote", "hidden", "is_new")
    search_fields = ("title", "company", "location", "canonical_url", "external_id")
    raw_id_fields = ("board", "reposted_from")
    list_select_related = ("owner",)
    date_hierarchy = "first_seen_at"


@admin.register(ScanRun)
class ScanRunAdmin(admin.ModelAdmin):
    list_display = (
        "board",
        "started_at",
        "status",
        "found",
        "new",
        "updated",
        "closed",
        "filtered",
        "duration_ms",
    )
    list_filter = ("status",)
    search_fields = ("board__name", "error")
    list_select_related = ("board",)


@admin.register(CompanyRule)
class CompanyRuleAdmin(admin.ModelAdmin):
    list_display = ("company", "kind", "owner")
    list_filter = ("kind",)
    search_fields = ("company", "owner__username")


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("owner", "enabled", "last_sent_at")
    list_filter = ("enabled",)
