"""Values read from a request at the edge: text, bounded numbers, dates.

Bad input gives a plain value (text without NUL, cut to its length) or None (a filter to
ignore), never an exception that surfaces as a 500: PostgreSQL refuses NUL in text, and
`timedelta`, `Decimal` columns and dates all have ranges that SQLite never checks.
"""

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

NUL = "\x00"
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value: str) -> str:
    """The text with what no database column can hold taken out: NUL removed, and a lone
    surrogate (JSON's "\\ud800", which UTF-8 cannot encode) replaced by U+FFFD."""
    text = value.replace(NUL, "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
    return text


def clean_text(value, limit: int, *, fold: bool = False) -> str:
    """Text from a request: storable, trimmed (or all whitespace folded), cut to `limit`."""
    text = storable(value) if isinstance(value, str) else ""
    text = " ".join(text.split()) if fold else text.strip()
    return text[:limit]


def bounded_int(value, *, low: int, high: int) -> int | None:
    """A whole number within [low, high], else None ('3000000', '1e309', 'NaN', 'x')."""
    text = clean_text(value, 40)
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def bounded_decimal(value, *, low: Decimal, high: Decimal) -> Decimal | None:
    """A finite decimal within [low, high], else None ('NaN', 'Infinity', '1e309')."""
    try:
        number = Decimal(clean_text(value, 40))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or not low <= number <= high:
        return None
    return number


def date_param(value) -> date | None:
    """A calendar date ('2026-02-28'); None for one that does not exist or is not a date."""
    try:
        return parse_date(clean_text(value, 40))
    except ValueError:  # well formed but impossible: 2026-02-30
        return None


def datetime_param(value) -> datetime | None:
    """An aware datetime (naive ones are read in the current time zone); None for junk, an
    impossible date (2026-02-30T10:00) or one that cannot be compared in UTC (year 1 or 9999
    with an offset)."""
    try:
        moment = parse_datetime(clean_text(value, 64))
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(UTC)  # raises OverflowError at the edges of the calendar
    except (ValueError, OverflowError):
        return None
    return moment
