"""Core's news for the apps above it.

credentials_changed(sender, user): the user's password was changed or reset (web form, reset
link, admin, `manage.py changepassword`). Sent inside the saving transaction, after core has
revoked the user's API tokens; apps that issue their own secret links (the calendar feed)
should end them here.
"""

from django.dispatch import Signal

credentials_changed = Signal()
