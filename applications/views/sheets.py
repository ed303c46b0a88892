from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobtracker.text import counted

from ..models import SheetSync
from ..sheets import KEY_TAKEN, SheetSyncError, key_taken, service_account_info, sync


def sheets_page(request):
    sheet = SheetSync.objects.filter(owner=request.user).first()
    try:
        info = service_account_info()
    except SheetSyncError as exc:
        info, messages_error = None, str(exc)
        messages.error(request, messages_error)
    return render(
        request,
        "applications/sheets.html",
        {
            "sheet": sheet,
            "configured": info is not None,
            "client_email": (info or {}).get("client_email", ""),
        },
    )


@require_POST
def sheets_save(request):
    key = (request.POST.get("spreadsheet_key") or "").strip()
    worksheet = (request.POST.get("worksheet") or "").strip()[:100] or "Applications"
    if "/d/" in key:  # a pasted sheet URL: keep the key part
        key = key.split("/d/", 1)[1].split("/", 1)[0]
    if not key or len(key) > 200:
        messages.error(request, "Paste the spreadsheet's key (or its URL).")
        return redirect("applications:sheets")
    if key_taken(request.user, key):
        messages.error(request, KEY_TAKEN)
        return redirect("applications:sheets")
    SheetSync.objects.update_or_create(
        owner=request.user,
        defaults={
            "spreadsheet_key": key,
            "worksheet": worksheet,
            "enabled": request.POST.get("enabled") == "1",
        },
    )
    messages.success(request, "Saved. Sync now to check that the sheet is shared.")
    return redirect("applications:sheets")


@require_POST
def sheets_sync(request):
    sheet = SheetSync.objects.filter(owner=request.user).first()
    if sheet is None:
        messages.error(request, "Set up a spreadsheet first.")
        return redirect("applications:sheets")
    try:
        written = sync(sheet)
    except SheetSyncError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Synced {counted(written, 'application')} to the sheet.")
    return redirect("applications:sheets")
