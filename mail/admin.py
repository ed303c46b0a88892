from django.contrib import admin

from .models import Email, Mailbox, MailFolder, MailRule


class MailFolderInline(admin.TabularInline):
    model = MailFolder
    extra = 0
    readonly_fields = ("name", "uidvalidity", "last_uid", "last_synced_at")


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    # The password is never shown: it is not editable here (set it on the Mailboxes page).
    list_display = (
        "__str__",
        "owner",
        "host",
        "enabled",
        "last_success_at",
        "consecutive_failures",
    )
    list_filter = ("enabled", "security")
    search_fields = ("name", "host", "username", "owner__username")
    exclude = ("password_encrypted",)
    readonly_fields = ("last_attempt_at", "last_success_at", "last_new_count", "last_error",
                       "last_error_at", "consecutive_failures", "claimed_at")  # fmt: skip
    inlines = [MailFolderInline]


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "owner", "sender_email", "sent_at", "label", "review", "stage")
    list_filter = ("label", "review", "stage", "is_bulk")
    search_fields = ("subject", "sender_email", "message_id", "owner__username")
    raw_id_fields = ("application", "mailbox")
    list_select_related = ("owner",)


@admin.register(MailRule)
class MailRuleAdmin(admin.ModelAdmin):
    list_display = ("value", "kind", "company", "owner", "hits", "created_at")
    search_fields = ("value", "company", "owner__username")
