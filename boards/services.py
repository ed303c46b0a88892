"""Writes for boards and jobs."""

from urllib.parse import urlsplit

from django.db import transaction

from .models import Board, CompanyRule, Job, SourceKind
from .sources.detect import detect

TOKEN_KINDS = {
    SourceKind.GREENHOUSE, SourceKind.LEVER, SourceKind.ASHBY, SourceKind.SMARTRECRUITERS,
    SourceKind.WORKABLE, SourceKind.RECRUITEE, SourceKind.PERSONIO, SourceKind.TEAMTAILOR,
    SourceKind.BAMBOOHR, SourceKind.WORKDAY,
}  # fmt: skip


def guess_board(url: str) -> dict:
    """What a pasted careers URL tells: kind, token and a name, for the add form."""
    found = detect(url)
    kind = found.kind or SourceKind.JSONLD
    token = found.board_token or ""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    name = (token.split("/")[0] if token else host.split(".")[0]).replace("-", " ").title()
    return {"kind": kind, "token": token, "name": name, "detected": found.known}


def create_board(owner, **fields) -> Board:
    return Board.objects.create(owner=owner, **fields)


def update_board(board: Board, **fields) -> Board:
    for name, value in fields.items():
        setattr(board, name, value)
    board.save()
    return board


def set_enabled(board: Board, enabled: bool) -> None:
    board.enabled = enabled
    board.save(update_fields=["enabled"])


@transaction.atomic
def delete_board(board: Board) -> None:
    """Delete a board; its jobs stay (they may be tracked) but lose the link."""
    board.delete()


def hide_jobs(owner, job_ids, hidden: bool = True) -> int:
    return Job.objects.filter(owner=owner, pk__in=list(job_ids)).update(hidden=hidden)


def mark_seen(owner, job_ids) -> int:
    return Job.objects.filter(owner=owner, pk__in=list(job_ids)).update(seen=True, is_new=False)


def add_company_rule(owner, company: str, kind: str):
    """Block or allow a company for this user (replaces an earlier rule for it)."""
    company = " ".join((company or "").split())[:300]
    if not company:
        raise ValueError("Name the company.")
    if kind not in CompanyRule.Kind.values:
        raise ValueError("Choose block or allow.")
    rule, _ = CompanyRule.objects.update_or_create(
        owner=owner, company=company, defaults={"kind": kind}
    )
    return rule


def delete_company_rule(owner, rule_id: int) -> bool:
    deleted, _ = CompanyRule.objects.filter(owner=owner, pk=rule_id).delete()
    return bool(deleted)
