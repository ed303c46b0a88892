"""Backups round-trip: a snapshot restored brings back exactly what was there."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from jobtracker.backups import BackupError, restore

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_brings_back_the_rows(tmp_path, alice):
    from jobtracker.services import issue_token

    issue_token(alice, "laptop")
    target = tmp_path / "snap.bak"
    call_command("backup", str(target))
    assert target.stat().st_size > 0

    # Change everything after the snapshot…
    get_user_model().objects.create_user("mallory", password="x-long-password")
    alice.delete()
    assert not get_user_model().objects.filter(username="alice").exists()

    # …and the restore puts the snapshot back, related rows included.
    call_command("restore", str(target), "--yes")
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert users == {"alice"}
    assert get_user_model().objects.get(username="alice").api_tokens.get().name == "laptop"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, alice):
    junk = tmp_path / "junk.bak"
    junk.write_bytes(b"definitely not a database")
    with pytest.raises((BackupError, CommandError)):
        restore(junk)
    assert get_user_model().objects.filter(username="alice").exists()


def test_restore_refuses_without_confirmation_when_not_interactive(tmp_path, alice):
    target = tmp_path / "snap.bak"
    call_command("backup", str(target))
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(target))


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "nope.bak"), "--yes")
