"""Where an upload waits between its steps (upload, preview, import, summary): the cache,
which is the database in production, so the web process and the workers share it.

Every key holds the owner's id: another user's token finds nothing.
"""

import secrets

from django.core.cache import cache

TEXT_SECONDS = 3600  # an upload is kept an hour for its preview
STATE_SECONDS = 24 * 3600  # an import's progress and summary, a day


def _key(user_id: int, token: str, part: str) -> str:
    return f"csv-import:{user_id}:{token}:{part}"


def save_upload(user_id: int, text: str, encoding: str, name: str) -> str:
    token = secrets.token_urlsafe(16)
    cache.set(
        _key(user_id, token, "text"),
        {"text": text, "encoding": encoding, "name": name[:200]},
        TEXT_SECONDS,
    )
    return token


def load_upload(user_id: int, token: str) -> dict | None:
    return cache.get(_key(user_id, token, "text"))


def drop_upload(user_id: int, token: str) -> None:
    cache.delete(_key(user_id, token, "text"))


def state(user_id: int, token: str) -> dict | None:
    """The import's progress: status queued, running, done or failed, with counts."""
    return cache.get(_key(user_id, token, "state"))


def set_state(user_id: int, token: str, **values) -> dict:
    current = state(user_id, token) or {}
    current.update(values)
    cache.set(_key(user_id, token, "state"), current, STATE_SECONDS)
    return current


def start(user_id: int, token: str, **values) -> bool:
    """Record a new import once: False when this upload's import was already started (a
    second press of Import, a second tab)."""
    return cache.add(_key(user_id, token, "state"), {"status": "queued", **values}, STATE_SECONDS)


def claim(user_id: int, token: str) -> bool:
    """Only one worker runs an import (a retried task finds it claimed)."""
    return cache.add(_key(user_id, token, "claim"), 1, STATE_SECONDS)
