from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from boards import claims, scanning, tasks
from boards.models import Board, ScanRun
from boards.sources import Listing, SourceError

from .factories import make_board, posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(monkeypatch):
    class Fake:
        result = Listing([posting(1)])

        def list_postings(self, board):
            if isinstance(self.result, Exception):
                raise self.result
            return self.result

    fake = Fake()
    monkeypatch.setattr(scanning, "get_source", lambda kind: fake)
    return fake


def test_the_schedule_is_declared_as_data():
    from boards.schedules import SCHEDULES

    funcs = {s.func: s for s in SCHEDULES}
    assert funcs["boards.tasks.enqueue_due_boards"].minutes == 1
    assert "boards.tasks.send_digests" in funcs


def test_due_boards_are_scanned_and_the_rest_wait(alice, source):
    due = make_board(alice, next_scan_at=timezone.now() - timedelta(minutes=1))
    later = make_board(alice, next_scan_at=timezone.now() + timedelta(hours=1))
    paused = make_board(alice, enabled=False, next_scan_at=timezone.now() - timedelta(minutes=1))
    assert tasks.enqueue_due_boards() == 1  # tasks run inline in tests
    assert ScanRun.objects.filter(board=due).count() == 1
    assert not ScanRun.objects.filter(board__in=[later, paused]).exists()
    assert tasks.enqueue_due_boards() == 0  # rescheduled: not queued again


def test_a_board_being_scanned_is_skipped_by_the_task(alice, source):
    board = make_board(alice)
    claims.claim(board.pk)
    assert tasks.scan_board(board.pk) is None
    assert not ScanRun.objects.exists()


def test_scan_task_for_a_deleted_board_returns_quietly():
    assert tasks.scan_board(424242) is None


def test_scan_boards_command_prints_a_line_per_board_and_a_summary(alice, source, capsys):
    make_board(alice, name="Acme")
    make_board(alice, name="Globex")
    call_command("scan_boards")
    out = capsys.readouterr().out
    assert "[1/2] Acme" in out and "[2/2] Globex" in out
    assert "scanned 2 board(s)" in out and "0 failed" in out


def test_scan_boards_command_fails_when_a_scan_fails(alice, source, capsys):
    make_board(alice, name="Acme")
    source.result = SourceError("acme answered 500")
    with pytest.raises(CommandError, match="1 scan"):
        call_command("scan_boards")
    assert "FAILED: acme answered 500" in capsys.readouterr().out


def test_scan_boards_command_selects_by_id_user_and_due(alice, bob, source, capsys):
    a = make_board(alice, name="Alice board")
    make_board(bob, name="Bob board", next_scan_at=timezone.now() + timedelta(hours=1))
    call_command("scan_boards", "--board", str(a.pk))
    call_command("scan_boards", "--user", "bob", "--due")
    out = capsys.readouterr().out
    assert "Alice board" in out and "Bob board" not in out and "no boards to scan" in out
    with pytest.raises(CommandError, match="no board with id"):
        call_command("scan_boards", "--board", "999")
    with pytest.raises(CommandError, match="no user"):
        call_command("scan_boards", "--user", "nobody")


def test_boards_keep_their_health_on_the_row(alice, source):
    board = make_board(alice)
    source.result = SourceError("down")
    tasks.scan_board(board.pk)
    board = Board.objects.get(pk=board.pk)
    assert board.claimed_at is None and board.last_error == "down"
