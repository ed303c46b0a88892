"""API shapes every app's router shares."""

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    """Every error answer: a sentence, or ninja's list of field errors
    ({"loc": [...], "msg": ..., "type": ...})."""

    detail: str | list[dict[str, Any]]
