"""Text keys every app may use to compare names: companies and job titles."""

import re

_GENDER = re.compile(r"\((?:[mwfdxhi]\s*/\s*)+[mwfdxhi]\)|\b[mwf]/[mwf]/[dx]\b", re.I)
_NON_WORD = re.compile(r"[^\w]+")
_LEGAL = re.compile(r"\b(inc|llc|ltd|gmbh|ag|se|sa|bv|plc|corp|corporation|co|company)\b\.?", re.I)


def norm_company(name: str) -> str:
    """'Acme Robotics GmbH' and 'acme robotics' → 'acme robotics'."""
    return " ".join(_NON_WORD.sub(" ", _LEGAL.sub(" ", (name or "").lower())).split())


def norm_title(title: str) -> str:
    """'Backend Engineer (m/w/d)' → 'backend engineer'."""
    return " ".join(_NON_WORD.sub(" ", _GENDER.sub(" ", (title or "").lower())).split())


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 job', '3 jobs', '2 mailboxes': a number with its noun, never 'job(s)'."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
