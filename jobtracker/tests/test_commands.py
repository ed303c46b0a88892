"""Commands that take --user say which name they could not find."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command",
    [["scan_boards"], ["ingest_email"], ["reclassify"], ["export_csv"], ["import_csv", "x.csv"]],
)
def test_a_command_names_the_user_it_could_not_find(command, alice):
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command(*command, "--user", "nobody")
