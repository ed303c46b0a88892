"""Total functions that turn the many shapes of ATS data into one. None of them raise."""

import html as htmllib
import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

import nh3
from django.conf import settings
from lxml import html as lxml_html
from price_parser import Price

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "hr",
    "pre", "code",
}  # fmt: skip
MAX_HTML = 2_000_000  # characters of description kept; longer input is cut before parsing


def api_base(kind: str, default: str) -> str:
    """The base URL of an ATS API; tests point it at 127.0.0.1 via settings.ATS_API_BASES."""
    return getattr(settings, "ATS_API_BASES", {}).get(kind, default)


def sanitize_html(value) -> str:
    """Safe HTML for display: entity-escaped HTML (Greenhouse) is unescaped first."""
    if not value or not isinstance(value, str):
        return ""
    value = value[:MAX_HTML]
    if "&lt;" in value and "<" not in value:
        value = htmllib.unescape(value)
    try:
        return nh3.clean(
            value,
            tags=ALLOWED_TAGS,
            attributes={"a": {"href", "title"}},
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        ).strip()
    except Exception:  # nh3 rejects nothing in practice; never let display data break a scan
        return htmllib.escape(value)


_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|br)\s*>|<br\s*/?>", re.I)
_WS = re.compile(r"[ \t\r\f\v]+")
_NL = re.compile(r"\n\s*\n+")


def html_to_text(value) -> str:
    if not value or not isinstance(value, str):
        return ""
    value = value[:MAX_HTML]
    if "&lt;" in value and "<" not in value:
        value = htmllib.unescape(value)
    if "<" not in value:
        return _NL.sub("\n\n", _WS.sub(" ", value)).strip()
    try:
        doc = lxml_html.fromstring(_BLOCK_END.sub(lambda m: m.group(0) + "\n", value))
        text = doc.text_content()
    except Exception:
        text = re.sub(r"<[^>]+>", " ", value)
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.splitlines())
    return _NL.sub("\n\n", text).strip()


def clean_text(value, limit: int = 500) -> str:
    """One line of plain text, trimmed to `limit` characters."""
    if value is None:
        return ""
    text = htmllib.unescape(str(value))
    return _WS.sub(" ", text.replace("\n", " ")).strip()[:limit]


_REMOTE_WORDS = ("remote", "telecommute", "work from home", "wfh", "anywhere", "homeoffice")


def remote_from(*values) -> str:
    """'remote', 'hybrid', 'onsite' or 'unknown' from flags and words (first that tells)."""
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            return "remote" if value else "unknown"
        text = str(value).lower().replace("_", " ").replace("-", " ")
        if "hybrid" in text:
            return "hybrid"
        if any(word in text for word in _REMOTE_WORDS):
            return "remote"
        if text.strip() in ("onsite", "on site", "in office", "office", "in person"):
            return "onsite"
    return "unknown"


_PERIODS = [
    ("hour", ("per hour", "/hour", "/hr", "hourly", "an hour", "pro stunde", "/h ")),
    ("day", ("per day", "/day", "daily", "pro tag")),
    ("week", ("per week", "/week", "weekly", "/wk")),
    ("month", ("per month", "/month", "/mo", "monthly", "pro monat", "monatlich")),
    ("year", ("per year", "/year", "/yr", "annual", "p.a.", "pa.", "per annum", "yearly",
              "pro jahr", "jährlich", " year", "salary")),
]  # fmt: skip
_UNIT_PERIOD = {
    "YEAR": "year", "YEARLY": "year", "ANNUAL": "year", "MONTH": "month", "MONTHLY": "month",
    "WEEK": "week", "WEEKLY": "week", "DAY": "day", "DAILY": "day", "HOUR": "hour",
    "HOURLY": "hour", "1 YEAR": "year", "1 HOUR": "hour",
}  # fmt: skip
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_RANGE_SPLIT = re.compile(r"\s*(?:–|—|-|\bto\b|\bbis\b)\s*", re.I)
_AMOUNT = re.compile(r"\d[\d.,\s]*\s*[kKmM]?")


def period_from(value) -> str:
    if not value:
        return ""
    key = str(value).strip().upper()
    if key in _UNIT_PERIOD:
        return _UNIT_PERIOD[key]
    text = f" {str(value).lower()} "
    for period, words in _PERIODS:
        if any(w in text for w in words):
            return period
    return ""


def _currency(text: str, price: Price | None = None) -> str:
    if price is not None and price.currency:
        cur = price.currency.strip().upper()
        if len(cur) == 3 and cur.isalpha():
            return cur
        if price.currency in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[price.currency]
    for code in re.findall(r"\b([A-Z]{3})\b", text):
        if code in {"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "INR",
                    "JPY", "NZD", "SGD", "ZAR", "BRL", "MXN", "CZK", "HUF"}:  # fmt: skip
            return code
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in text:
            return code
    return ""


def _amount(part: str) -> Decimal | None:
    match = _AMOUNT.search(part)
    if not match:
        return None
    raw = match.group(0).strip()
    multiplier = 1
    if raw[-1:] in "kK":
        multiplier, raw = 1000, raw[:-1]
    elif raw[-1:] in "mM":
        multiplier, raw = 1_000_000, raw[:-1]
    price = Price.fromstring(raw.replace(" ", ""))
    if price.amount is None:
        return None
    try:
        value = Decimal(price.amount) * multiplier
    except (InvalidOperation, TypeError):
        return None
    if value <= 0 or value > Decimal("1e10"):
        return None
    return value.quantize(Decimal("0.01"))


def parse_salary(text) -> tuple[Decimal | None, Decimal | None, str, str]:
    """(min, max, ISO currency, period) from free text like '€70.000 – €85.000 per year'."""
    if not text or not isinstance(text, str):
        return None, None, "", ""
    text = text[:300]
    parts = [p for p in _RANGE_SPLIT.split(text, maxsplit=1) if p.strip()]
    amounts = [a for a in (_amount(p) for p in parts) if a is not None]
    if not amounts:
        return None, None, "", ""
    # "$120k-150k": the k on one side applies to a bare number on the other.
    if len(amounts) == 2 and amounts[1] >= 1000 > amounts[0] and re.search(r"\d\s*[kK]", text):
        amounts[0] *= 1000
    low = min(amounts)
    high = max(amounts) if len(amounts) > 1 else None
    currency = _currency(text, Price.fromstring(text))
    period = period_from(text)
    if not period and low >= 10000:
        period = "year"
    return low, high, currency, period


def to_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number <= 0 or number > Decimal("1e10"):
        return None
    return number.quantize(Decimal("0.01"))


def parse_date(value) -> datetime | None:
    """ISO 8601 strings, 'YYYY-MM-DD HH:MM:SS UTC', and epoch seconds or milliseconds."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            seconds = value / 1000 if value > 10**11 else value
            return datetime.fromtimestamp(seconds, tz=UTC)
        text = str(value).strip()
        if text.isdigit():
            return parse_date(int(text))
        text = text.replace(" UTC", "+00:00").replace("Z", "+00:00")
        parsed = datetime.fromisoformat(text)
    except (ValueError, OverflowError, OSError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def join_location(*parts) -> str:
    seen, out = set(), []
    for part in parts:
        text = clean_text(part, 200)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            out.append(text)
    return ", ".join(out)
