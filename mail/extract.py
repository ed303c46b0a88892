"""Facts read from an email's words: which company and role, and when an interview is.

Patterns only; each returns "" or None when it cannot tell, so callers never invent a fact.
"""

import re
from datetime import datetime, timedelta

from django.utils import timezone

from .senders import is_ats_domain, is_shared_domain

_SEP = r"[\s:\-–—|,]"
# "Your application to Acme", "Thank you for applying to Acme!", "Ihre Bewerbung bei Acme".
_COMPANY_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?:applying|application|applied|interest)\s+(?:to|at|with)\s+(?P<c>[A-Z0-9][\w&.' -]{1,60}?)(?:[!.,:;|]|\s+-|\s+for\b|\s*$)",  # noqa: E501
        r"\bat\s+(?P<c>[A-Z0-9][\w&.' -]{1,60}?)(?:[!.,:;|]|\s+-|\s*$)",
        r"Bewerbung\s+(?:bei|an)\s+(?:der\s+|die\s+)?(?P<c>[A-Z0-9][\w&.' -]{1,60}?)(?:[!.,:;|]|\s+-|\s*$)",  # noqa: E501
        r"^(?P<c>[A-Z0-9][\w&.' -]{1,60}?)\s*(?:[|:\-–—]\s*)?(?:application|bewerbung)",
    )
]  # fmt: skip
# "for the Senior Engineer position", "application for Senior Engineer at Acme".
_TITLE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bfor\s+(?:the\s+|our\s+)?(?:position\s+of\s+|role\s+of\s+)?(?P<t>[A-Z][\w/&+#.,' ()-]{2,80}?)\s+(?:position|role|opening|job)\b",  # noqa: E501
        r"(?:application|applying)\s+(?:for|to)\s+(?:the\s+)?(?P<t>[A-Z][\w/&+#.' ()-]{2,80}?)\s+(?:at|with|bei)\s+",  # noqa: E501
        r"Bewerbung\s+als\s+(?P<t>[A-Z][\w/&+#.' ()-]{2,80}?)(?:\s+(?:bei|an)\s+|[!.,:;]|\s*$)",
    )
]  # fmt: skip
_SENDER_NOISE = re.compile(
    r"\b(?:recruiting|recruitment|talent(?:\s+acquisition)?|careers?|jobs|hiring|team|hr|"
    r"people|no-?reply|notifications?|via\s+\w+|the)\b",
    re.IGNORECASE,
)
_NOT_A_COMPANY = {"us", "our company", "the company", "this position", "you", "the team", ""}


def company_from_email(subject: str, sender_name: str, sender_email: str, text: str) -> str:
    for source in (subject, text[:600]):
        for pattern in _COMPANY_PATTERNS:
            found = pattern.search(source or "")
            if found and found.group("c").strip().lower() not in _NOT_A_COMPANY:
                return found.group("c").strip(" .-")
    name = " ".join(_SENDER_NOISE.sub(" ", sender_name or "").split()).strip(" -|,")
    if name and "@" not in name:
        return name
    domain = (sender_email or "").rpartition("@")[2].lower()
    if domain and not is_ats_domain(domain) and not is_shared_domain(domain):
        label = domain.split(".")[-2] if domain.count(".") >= 1 else domain
        return label.capitalize()
    return ""


def title_from_email(subject: str, text: str) -> str:
    for source in (subject, text[:1500]):
        for pattern in _TITLE_PATTERNS:
            found = pattern.search(source or "")
            if found:
                return found.group("t").strip(" .,-")
    return ""


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "januar", "jänner"),
            ("february", "feb", "februar"),
            ("march", "mar", "märz", "maerz"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "jun", "juni"),
            ("july", "jul", "juli"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct", "oktober", "okt"),
            ("november", "nov"),
            ("december", "dec", "dezember", "dez"),
        ]
    )
    for m in names
}
_TIME = r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?|uhr)?"
_DATE_FORMS = [
    # 2026-03-12 14:00
    re.compile(r"(?P<y>20\d\d)-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?:T|\s+(?:at\s+|um\s+)?)" + _TIME, re.I),  # noqa: E501
    # 12.03.2026 um 14:00 Uhr
    re.compile(r"(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>20\d\d),?\s+(?:um\s+|at\s+)?" + _TIME, re.I),  # noqa: E501
    # March 12, 2026 at 2:00 PM / Thursday, March 12 at 2pm
    re.compile(r"(?P<mn>[a-zä]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y>20\d\d)?,?\s+(?:at\s+|um\s+|@\s*|from\s+)?" + _TIME, re.I),  # noqa: E501
    # 12 March 2026 at 14:00 / 12. März um 14 Uhr
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?P<mn>[a-zä]{3,9})\.?,?\s*(?P<y>20\d\d)?,?\s+(?:at\s+|um\s+|@\s*)?" + _TIME, re.I),  # noqa: E501
]  # fmt: skip


def interview_time(text: str, *, sent_at: datetime | None = None) -> datetime | None:
    """The first date with a time of day in the text, in the future of the email's date."""
    base = sent_at or timezone.now()
    for form in _DATE_FORMS:
        for found in form.finditer(text[:20_000]):
            when = _to_datetime(found, base)
            if when is not None and base - timedelta(days=1) <= when <= base + timedelta(days=366):
                return when
    return None


def _to_datetime(found: re.Match, base: datetime) -> datetime | None:
    parts = found.groupdict()
    month = int(parts["mo"]) if parts.get("mo") else _MONTHS.get((parts.get("mn") or "").lower())
    if not month:
        return None
    hour, minute = int(parts["h"]), int(parts.get("mi") or 0)
    marker = (parts.get("ap") or "").lower().replace(".", "")
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    elif not marker and not parts.get("mi"):
        return None  # "March 12 2" is not a time of day
    year = int(parts["y"]) if parts.get("y") else base.year
    try:
        when = datetime(year, month, int(parts["d"]), hour, minute)
    except ValueError:
        return None
    when = timezone.make_aware(when, timezone.get_current_timezone())
    if not parts.get("y") and when < base - timedelta(days=1):
        when = when.replace(year=year + 1)  # "March 3" written in December
    return when
