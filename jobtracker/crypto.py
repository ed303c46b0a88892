"""Secrets at rest (IMAP passwords): Fernet with settings.ENCRYPTION_KEY.

The key lives outside the database, so a stolen backup alone does not reveal passwords.
A system check (jobtracker.checks) refuses to start without a valid key.
"""

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret was written with another key (ENCRYPTION_KEY changed)."""


def _fernet() -> Fernet:
    return Fernet(settings.ENCRYPTION_KEY.encode())


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError) as exc:
        raise SecretUnreadable(
            "The stored password cannot be read with this server's ENCRYPTION_KEY; enter it again."
        ) from exc
