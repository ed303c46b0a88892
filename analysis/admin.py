from django.contrib import admin

from .models import Document, LlmAnalysis, LlmCall, Profile, RescoreRun, Resume, Score


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["owner", "version", "seniority", "monthly_token_budget", "monthly_cost_budget"]
    search_fields = ["owner__username"]
    exclude = ["skill_df"]


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "content_type", "size", "is_active", "uploaded_at"]
    list_filter = ["is_active"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["job", "owner", "total", "band", "profile_version", "computed_at"]
    list_filter = ["band"]
    raw_id_fields = ["job"]


@admin.register(RescoreRun)
class RescoreRunAdmin(admin.ModelAdmin):
    list_display = ["owner", "profile_version", "status", "done", "total", "created_at"]


@admin.register(LlmCall)
class LlmCallAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "owner",
        "provider",
        "model",
        "purpose",
        "input_tokens",
        "output_tokens",
        "cache_read_tokens",
        "cost",
        "ok",
    ]
    list_filter = ["provider", "model", "purpose", "ok"]


@admin.register(LlmAnalysis)
class LlmAnalysisAdmin(admin.ModelAdmin):
    list_display = ["job", "owner", "model", "profile_version", "status", "created_at"]
    raw_id_fields = ["job", "call"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "kind", "model", "created_at"]
    raw_id_fields = ["application", "call"]
