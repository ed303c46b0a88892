"""The capture API used by the browser extension and scripts (mounted under /api/)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Status

from applications.models import Application
from applications.services import change_status, update_application
from jobtracker.schemas import ErrorOut

from .capture import CaptureError, capture, lookup
from .schemas import (
    ApplicationOut,
    ApplicationPage,
    ApplicationPatch,
    CaptureIn,
    CaptureOut,
    LookupOut,
    LookupQuery,
    PageQuery,
)

router = Router(tags=["capture"])


def _out(request, app: Application) -> dict:
    return {
        "id": app.pk,
        "url": app.url,
        "page_url": request.build_absolute_uri(
            reverse("applications:application-detail", args=[app.pk])
        ),
        "status": app.status,
        "title": app.title,
        "company": app.company,
        "location": app.location,
    }


@router.post(
    "/capture",
    response={200: CaptureOut, 201: CaptureOut, 422: ErrorOut},
    summary="Track the posting at a URL (idempotent)",
)
def capture_posting(request, payload: CaptureIn):
    try:
        result = capture(
            request.user,
            payload.url,
            title=payload.title,
            company=payload.company,
            location=payload.location,
            status=payload.status,
            notes=payload.notes,
            html=payload.html,
        )
    except CaptureError as exc:
        return Status(422, {"detail": str(exc)})
    body = {**_out(request, result.application), "created": result.created, "job_id": result.job.pk}
    return Status(201 if result.created else 200, body)


@router.get("/lookup", response=LookupOut, summary="Is this posting tracked?")
def lookup_posting(request, query: Query[LookupQuery]):
    app = lookup(request.user, query.url)
    return {"tracked": app is not None, "application": _out(request, app) if app else None}


@router.get("/applications", response=ApplicationPage, summary="Your applications, newest first")
def list_applications(request, page: Query[PageQuery]):
    apps = Application.objects.filter(owner=request.user, archived=False).order_by(
        "-created_at", "-pk"
    )
    items = apps[page.offset : page.offset + page.limit]
    return {"count": apps.count(), "items": [_out(request, app) for app in items]}


@router.patch(
    "/applications/{application_id}",
    response={200: ApplicationOut, 404: ErrorOut},
    summary="Change an application's status or notes",
)
def patch_application(request, application_id: int, payload: ApplicationPatch):
    app = get_object_or_404(Application, owner=request.user, pk=application_id)
    if payload.notes is not None:
        update_application(app, {"notes": payload.notes})
    if payload.status is not None and payload.status != app.status:
        change_status(app, payload.status, by_user=True, cause="changed through the API")
    return _out(request, app)
