"""Facts read from an email's words: which company and role, and when an interview is.

Patterns only; each returns "" or None when it cannot tell, so callers never invent a fact.
"""

import re
from datetime import datetime, timedelta

from django.utils import timezone

from jobtracker.text import norm_company, norm_title

from .senders import is_ats_domain, is_shared_domain

# --- Company -----------------------------------------------------------------------------------

_C = r"(?P<c>[A-Z0-9][\w&.'’ -]{1,60}?)"
_C_END = r"(?:[!,:;|()]|\.(?:\s|$)|\s+-|\s+(?:for|in|im|as|als)\b|\s*$)"
# "Your application to Acme", "Thank you for applying to Acme!", "Ihre Bewerbung bei Acme".
_COMPANY_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?:(?:applying|application|applied)\s+(?:to|at|with)|interest\s+(?:to|at|with|in))\s+"
        r"(?:joining\s+|working\s+(?:at|for|with)\s+)?" + _C + _C_END,
        r"\bat\s+" + _C + _C_END,
        r"Bewerbung\b[^.\n]{0,80}?\s(?:bei|an)\s+(?:der\s+|die\s+|dem\s+)?" + _C + _C_END,
        r"\b(?:application|applying|applied)\b[^.\n]{0,80}?\swith\s+" + _C + _C_END,
    )
]
# "Splunk Application Update", "Conor Dewey - Medallia Application": all of it is the name.
_COMPANY_BEFORE_APPLICATION = re.compile(
    r"^" + _C + r"\s*(?:[|:\-–—]\s*)?(?:application|bewerbung)", re.IGNORECASE
)
_SENDER_NOISE = re.compile(
    r"\b(?:recruiting|recruitment|talent(?:\s+acquisition)?|careers?|jobs|hiring|team|hr|"
    r"people|no-?reply|notifications?|via\s+\w+|the)\b",
    re.IGNORECASE,
)
_NOT_A_COMPANY = {
    *("us", "our company", "the company", "this position", "you", "the team", ""),
    *("new", "online", "internship", "thanks", "thank you", "we", "hi", "hello", "dear"),
}
# Words no employer's name holds: what a loose "at ..." catches in "at this time".
_NOT_IN_A_COMPANY = re.compile(
    r"\b(?:positions?|roles?|jobs?|openings?|stelle|application|bewerbung|time|opportunit\w*)\b",
    re.IGNORECASE,
)
# Lower-case words a company name may hold ("Bank of America", "Dr. Oetker & Co").
_NAME_JOINERS = {"of", "and", "&", "und", "de", "von", "der", "la", "du", "y", "e"}


def company_from_email(subject: str, sender_name: str, sender_email: str, text: str) -> str:
    stated = _structured_subject(subject)
    if stated and stated[1]:
        return stated[1]
    title = title_from_email(subject, text)  # a name inside the role is not the company
    for source in (subject or "", (text or "")[:600]):
        for pattern in _COMPANY_PATTERNS:
            for found in pattern.finditer(source):
                if company := _plausible_company(found.group("c"), title):
                    return company
        if found := _COMPANY_BEFORE_APPLICATION.search(source):
            name = _DASH.split(found.group("c"))[-1]
            if company := _plausible_company(name, title, whole=True):
                return company
    name = " ".join(_SENDER_NOISE.sub(" ", sender_name or "").split()).strip(" -|,")
    if name and "@" not in name:
        return name
    domain = (sender_email or "").rpartition("@")[2].lower()
    if domain and not is_ats_domain(domain) and not is_shared_domain(domain):
        label = domain.split(".")[-2] if domain.count(".") >= 1 else domain
        return label.capitalize()
    return ""


def _plausible_company(name: str, title: str = "", *, whole: bool = False) -> str:
    """The name as a company, or "" when it reads as part of a sentence or as the role.
    A sentence's tail is cut ("Mindlance in Chicago"); with `whole`, it rejects the name."""
    name = re.sub(r"^(?:(?:your|ihre|re|aw|fwd?)\b[:\s]*)+", "", name.strip(), flags=re.I)
    words = []
    for word in name.split():
        name_like = word[0].isupper() or word[0].isdigit() or _camel(word)
        if not name_like and (word.lower() not in _NAME_JOINERS or not words):
            if whole:
                return ""
            break  # "Mindlance in Chicago", "this time", "one of our open positions"
        words.append(word)
    while words and words[-1].lower() in _NAME_JOINERS:
        words.pop()
    company = " ".join(words).strip(" .-'’")
    if company.lower() in _NOT_A_COMPANY or _NOT_IN_A_COMPANY.search(company):
        return ""
    if title and (
        norm_company(company) in norm_title(title) or norm_title(title) in norm_company(company)
    ):
        return ""  # "application to Software Engineer, Intern ... at Airbnb": that is the role
    return company


def _camel(word: str) -> bool:
    """Brands written with a small first letter: eBay, iOS, mPower."""
    return len(word) > 1 and word[0].islower() and word[1].isupper()


# --- Role --------------------------------------------------------------------------------------

# A role starts with a capital or a digit ("iOS" too); patterns are case-sensitive outside
# (?i:...) so "for applying to Zeta" is not read as a role that starts at "applying".
_T = r"(?P<t>(?:[A-Z0-9]|[a-z](?=[A-Z]))[^\n!?;]{0,99}?)"
_ABBR = r"(?<!\bSr)(?<!\bJr)(?<!\bSnr)(?<!\bMgr)(?<!\bDr)(?<!\bSt)"
_T_END = (
    r"(?=\s*$|\s*[!?;\n]|" + _ABBR + r"\.(?:\s|$)|,\s+(?![A-Z])|\s+\((?i:id|job\s*id|req)\b"
    r"|\s+(?i:at|with|bei|@)\s|\s+(?i:and|und)\s+(?![A-Z])"
    r"|\s+(?i:ist|wurde|has|have|was|is|will)\b)"
)
_POSITION = r"(?:\s*\((?i:id|job\s*id|req)[^)]*\))?\s+(?i:position|role|opening|vacancy|job|post)\b"
_SENTENCE_CUE = re.compile(
    r"appl|interest|submi|receiv|consider|candida|interview|bewerb|thank|danke", re.I
)


class _Role:
    """One way a role is named; `cued` needs an applying word earlier in its sentence, and
    `noun` a role noun in what it reads (for forms where a company could stand)."""

    def __init__(self, pattern: str, *, cued: bool = False, noun: bool = False):
        self.pattern = re.compile(pattern)
        self.cued, self.noun = cued, noun


_ROLES = [
    # Your application for “Head of Engineering” / Ihre Bewerbung als „Projektmanager IT“
    _Role(
        r"(?i:appl\w*|bewerb\w*|stelle|position|role)\b[^\n\"“„»]{0,40}?[\"“„»]"
        r"\s*(?P<t>[^\"“”„«»\n]{2,80}?)\s*[\"”“«]"
    ),
    # for the Backend Engineer position / applying to our Intern - Software position
    _Role(
        r"\b(?i:for|to|in)\s+(?:(?i:the|our|this|an?)\s+)?"
        r"(?:(?i:open|advertised|posted|current)\s+)?" + _T + _POSITION,
        cued=True,
    ),
    # for the position of Junior Software Engineer / the role of SRE
    _Role(
        r"\b(?i:position|role|post)\s+(?i:of|as)\s+(?:(?i:an?|the)\s+)?" + _T + _T_END, cued=True
    ),
    # Bewerbung auf die Stelle (als) Data Engineer / für die Position Backend Developer
    _Role(
        r"\b(?i:auf|für|um)\s+(?i:die|diese|unsere|eine)\s+(?i:ausgeschriebene\s+)?"
        r"(?i:Stelle|Position|Stellenanzeige|Ausschreibung|Vakanz|Rolle)\s+"
        r"(?:(?i:als)\s+)?(?:(?i:eine?n?)\s+)?" + _T + _T_END
    ),
    # Ihre Bewerbung als Softwareentwickler (m/w/d) bei Muster GmbH
    _Role(
        r"\b(?i:Bewerbung|beworben|bewerben)\b[^.\n]{0,60}?\s(?i:als)\s+"
        r"(?:(?i:eine?n?|der|die)\s+)?" + _T + _T_END
    ),
    # Your application for Senior Data Scientist at Acme
    _Role(
        r"\b(?i:application|applying|applied|apply)\s+(?i:for)\s+(?:(?i:the|our|an?)\s+)?"
        r"(?:(?i:open|advertised)\s+)?" + _T + _T_END
    ),
    # Your application to Software Engineer, Intern 2018 at Airbnb ("to X" alone is a company)
    _Role(
        r"\b(?i:application|applying|applied)\s+(?i:to)\s+(?:(?i:the|our)\s+)?"
        + _T
        + r"(?=\s+(?i:at|with|bei)\s+[A-Z])",
        noun=True,
    ),
    # your application to join Acme as a Junior Data Engineer Trainee
    _Role(
        r"\b(?i:application|applying|applied|apply|bewerbung)\b[^.\n!?]{0,60}?\s(?i:as)\s+"
        r"(?:(?i:an?|the)\s+)?" + _T + _T_END,
        noun=True,
    ),
    # Position Title: Full Stack Web developer
    _Role(
        r"(?m)^[ \t]*(?i:position(?:\s+title)?|job\s+title|title|role|stelle|stellenbezeichnung)"
        r"[ \t]*:[ \t]*" + _T + r"[ \t]*$",
        noun=True,
    ),
    # ... with your Software Developer - entry level application
    _Role(r"\b(?i:your|ihre)\s+" + _T + r"\s+(?i:application|bewerbung)\b", noun=True),
]
# Role nouns (also inside German compounds: "Softwareentwickler"), for the forms above whose
# words could as well be a company ("Your OpenAI application", "Application: Globex – ...").
_ROLE_NOUN = re.compile(
    r"engineer|developer|entwickler|programm|architect|architekt|scientist|analyst|designer|"
    r"manager|lead|head\b|director|chief|officer|consultant|berater|specialist|spezialist|"
    r"admin|coordinator|koordinator|assistant|assistenz|associate|representative|technician|"
    r"techniker|researcher|intern\b|internship|praktik|werkstudent|trainee|apprentice|"
    r"ausbildung|azubi|student|graduate|referent|sachbearbeit|leiter|mitarbeiter|ingenieur|"
    r"informatiker|tester|writer|editor|recruiter|accountant|buchhalter|owner|master|"
    r"executive|strategist|advisor|support|operator|devops|\bsre\b|\bqa\b|\bvp\b|\bcto\b",
    re.IGNORECASE,
)
# What shows a sentence was read, not a role: pronouns, thanks, applying words.
_NOT_IN_A_ROLE = re.compile(
    r"\b(?i:applying|apply|your|you|we|our|thank|thanks|danke|dank|ihre|ihrer|ihr|dein\w*|wir|uns|"
    r"unser\w*|this|that|please|bitte|unfortunately|leider|received|review\w*|interest\w*|"
    r"bewerbung)\b|\bus\b"  # "us", not "(US)"
    r"|\b(?i:application|applied)\s+(?i:to|for|at|with)\b"
    r"|\s(?i:for|to)\s+(?i:the|our|an?|die|der)\s" + "|" + _ABBR + r"\.\s"
)
_NOT_A_ROLE = {"job", "role", "position", "opening", "vacancy", "stelle", "career", "careers"}
_GENDER_MARK = re.compile(
    r"\s*\((?:[mwfdxhi]\s*/\s*)+[mwfdxhi]\)|\s*\b[mwf]/[mwf]/[dx]\b|\s*\((?:all\s+genders?|gn)\)",
    re.IGNORECASE,
)
_REF_WORD = r"(?:job\s*)?(?:id|req(?:uisition)?|ref(?:erence)?|kennziffer)\b"
# "(ID: 2739024)", ", Req ID 169410BR", " - 60740": the posting's number, not its role.
_REFERENCE = re.compile(
    rf"\s*[(\[]\s*{_REF_WORD}[^)\]]*[)\]]?|\s*,\s*{_REF_WORD}.*$|,?\s*#?\d{{5,}}$",
    re.IGNORECASE,
)
_SUBJECT_REPLY = re.compile(r"^(?:(?:re|fwd?|aw|wg)\s*:\s*)+", re.IGNORECASE)
_DASH = re.compile(r"\s+[-–—|]\s+")
# "Application received: Product Designer – Globex", "Bewerbungseingang: Werkstudent ...".
_SUBJECT_FORMS = [
    re.compile(
        r"^(?:(?i:your|ihre)\s+)?(?i:(?:job\s+)?application|bewerbung(?:seingang)?"
        r"|eingangsbestätigung(?:\s+ihrer\s+bewerbung)?)"
        r"(?:\s+(?i:received|submitted|confirmation|confirmed|eingegangen|erhalten))?"
        r"(?:\s*[:\-–—|]\s*|\s+(?i:for|als|auf)\s+)(?P<rest>.+)$"
    ),
    re.compile(
        r"^(?:(?i:your|ihre)\s+)?(?i:application|bewerbung)\s+(?i:to|at|with|bei)\s+"
        r"(?P<c>[^:–—|]+?)\s*(?::|\s[-–—|])\s+(?P<t>.+)$"
    ),
]


def title_from_email(subject: str, text: str) -> str:
    """The role a confirmation names, or "" when its words do not say."""
    stated = _structured_subject(subject)
    if stated and stated[0]:
        return stated[0]
    subject = "" if stated == ("", "") else _SUBJECT_REPLY.sub("", subject or "")
    for source in (subject, (text or "")[:1500]):
        best = None
        for order, role in enumerate(_ROLES):
            found = _first_role(role, source)
            if found and (best is None or (found[0], order) < best[:2]):
                best = (found[0], order, found[1])
        if best:
            return best[2]
    return ""


def _first_role(role: _Role, source: str) -> tuple[int, str] | None:
    """(where, title) of the first reading of this form that is a plausible role."""
    pos = 0
    while found := role.pattern.search(source, pos):
        pos = found.start() + 1
        if role.cued and not _cued(source, found.start()):
            continue
        title = _plausible_title(found.group("t"), noun=role.noun)
        if title:
            return found.start(), title
    return None


def _cued(source: str, at: int) -> bool:
    """An applying word earlier in the same sentence: "Search for Remote jobs" names no role."""
    before = source[max(0, at - 150) : at]
    sentence = re.split(r"[.!?\n]\s", before)[-1]
    return bool(_SENTENCE_CUE.search(sentence))


def _plausible_title(title: str, *, noun: bool = False) -> str:
    title = _REFERENCE.sub("", _GENDER_MARK.sub("", " ".join(title.split())))
    title = title.strip(" .,;:!?-–—|\"'“”„«»")
    title = re.sub(r"\s+(?i:position|role|opening|vacancy|job|post|stelle)$", "", title)
    title = re.sub(r"\s+from\s.*$", "", title)  # "... Internships from Conor Dewey"
    title = re.sub(r"^.*?\b\w+['’]s\s+(?=[A-Z])", "", title)  # "Google's Data Engineer"
    if not 2 <= len(title) <= 80 or len(title.split()) > 12:
        return ""
    if not (title[0].isupper() or title[0].isdigit() or _camel(title)):
        return ""
    if title.lower() in _NOT_A_ROLE or _NOT_IN_A_ROLE.search(title):
        return ""
    if re.search(r"\s(?:the|an?|of|for|and|or|to|in|at|with|und|für|bei|der|die|das)$", title):
        return ""
    if noun and not _ROLE_NOUN.search(title):
        return ""
    return title


def _structured_subject(subject: str) -> tuple[str, str] | None:
    """(title, company) from a subject built as "Application <kind>: <role> – <company>";
    None when the subject is not built so. ("", "") when it is, but which part is the role
    cannot be told: then no other reading of the subject may take "<role> – <company>"."""
    subject = " ".join(_SUBJECT_REPLY.sub("", subject or "").split())
    first, second = _SUBJECT_FORMS
    if found := second.match(subject):
        title = _plausible_title(found.group("t"), noun=True)
        company = _plausible_company(found.group("c"), whole=True)
        return (title, company) if title and company else None
    found = first.match(subject)
    if not found:
        return None
    rest = found.group("rest").rstrip(" .!")
    if at := re.match(r"(?P<t>.+?)\s+(?i:at|with|bei|@)\s+(?P<c>[^–—|]+)$", rest):
        title, company = at.group("t"), at.group("c")
    elif dashes := list(_DASH.finditer(rest)):
        head, tail = rest[: dashes[-1].start()], rest[dashes[-1].end() :]
        head_role, tail_role = bool(_ROLE_NOUN.search(head)), bool(_ROLE_NOUN.search(tail))
        title, company = (head, tail) if head_role else (tail, head)
        title = _plausible_title(title, noun=True)
        company = _plausible_company(company, whole=True)
        return (title, company) if head_role != tail_role and title and company else ("", "")
    else:
        title, company = rest, ""
    title = _plausible_title(title, noun=True)
    company = _plausible_company(company, whole=True) if company else ""
    return (title, company) if title and (company or not at) else None


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
