"""Dates in the forms spreadsheets and trackers write them, and which order a file uses."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "januar", "jän"), ("feb", "february", "februar"),
            ("mar", "march", "mär", "märz", "maerz"), ("apr", "april"), ("may", "mai"),
            ("jun", "june", "juni"), ("jul", "july", "juli"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october", "okt", "oktober"),
            ("nov", "november"), ("dec", "december", "dez", "dezember"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(.+))?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})\.?(?:[T,\s]+(.+))?$")
_NAMED = re.compile(
    r"^(?:[a-z]+\.?,?\s+)??"  # a weekday: "Fri, "
    r"(?:(?P<d1>\d{1,2})\.?[\s\-/]*(?P<m1>[^\W\d_]{3,9})\.?|(?P<m2>[^\W\d_]{3,9})\.?\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
    r",?[\s\-/]*(?P<y>\d{4})(?:[T,\s]+(?P<t>.+))?$",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"^(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?\s*([ap]\.?m\.?)?\s*"
    r"(z|utc|gmt|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug


@dataclass(frozen=True)
class When:
    day: date
    at: datetime | None = None  # when the cell had a time too (aware when it had a zone)


def parse_when(value: str, order: str = "mdy") -> When:
    """A date (and time, when given) from ISO, 11/20/2026 (`order` mdy), 20/11/2026 and
    20.11.2026 (dmy), "Nov 20, 2026", "20 Nov 2026", Excel serial numbers, each optionally
    with a time. ValueError when it is none of these."""
    text = " ".join(value.strip().split())
    try:
        return _when(text, order)
    except ValueError:
        raise ValueError(f"“{value.strip()[:40]}” is not a date") from None


def _when(text: str, order: str) -> When:
    if m := _ISO.match(text):
        return _make(int(m[1]), int(m[2]), int(m[3]), m[4])
    if m := _NUMERIC.match(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        year += 2000 if year < 100 else 0
        month, day = (second, first) if order == "dmy" else (first, second)
        return _make(year, month, day, m[5])
    if m := _NAMED.match(text):
        month = MONTHS.get((m["m1"] or m["m2"]).lower())
        if month is None:
            raise ValueError(text)
        return _make(int(m["y"]), month, int(m["d1"] or m["d2"]), m["t"])
    if _SERIAL.match(text) and 20_000 <= float(text) <= 80_000:  # 1954–2119
        moment = datetime.combine(EXCEL_EPOCH, time()) + timedelta(days=float(text))
        return When(moment.date(), moment if moment.time() != time() else None)
    raise ValueError(text)


def _make(year: int, month: int, day: int, clock: str | None) -> When:
    if not 1970 <= year <= 2100:
        raise ValueError("year out of range")
    day_ = date(year, month, day)  # ValueError for 31.02. or month 13
    if not clock:
        return When(day_)
    m = _TIME.match(clock.strip())
    if not m:
        raise ValueError(clock)
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    micro = int((m[4] or "0").ljust(6, "0"))
    if m[5]:
        hour = hour % 12 + (12 if m[5].lower().startswith("p") else 0)
    at = datetime.combine(day_, time(hour, minute, second, micro))
    if zone := (m[6] or "").lower():
        if zone in ("z", "utc", "gmt"):
            at = at.replace(tzinfo=UTC)
        else:
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            at = at.replace(tzinfo=timezone(sign * offset))
    return When(day_, at)


@dataclass
class DateOrder:
    order: str  # "mdy" or "dmy"
    detected: bool  # a value showed it (a first part over 12 is a day)
    ambiguous: bool  # numeric dates whose order the file does not show
    numeric: bool  # the file has any 11/20/2026-like dates at all


def detect_date_order(values: list[str], fallback: str = "mdy") -> DateOrder:
    """Day-first when any 20/11/2026-like value has a first part over 12; month-first when a
    second part is; otherwise the fallback (day-first when most use dots, as in 20.11.2026)."""
    day_first = month_first = dotted = numeric = 0
    for value in values:
        m = _NUMERIC.match(value.strip())
        if not m:
            continue
        numeric += 1
        first, second = int(m[1]), int(m[3])
        dotted += m[2] == "."
        day_first += first > 12 >= second
        month_first += second > 12 >= first
    if day_first and not month_first:
        return DateOrder("dmy", True, False, True)
    if month_first and not day_first:
        return DateOrder("mdy", True, False, True)
    guess = "dmy" if numeric and dotted * 2 > numeric else fallback
    guess = guess if guess in ("mdy", "dmy") else "mdy"
    return DateOrder(guess, False, bool(numeric), bool(numeric))
