"""What a file's columns and values mean: column guesses from headers, ready presets for the
trackers people move from (Huntr, Teal, JobSync, our own export) and status words (dates are
read by `dates`).

The person can change every guess on the preview page; `Choices` is what they settled on.
The tables below are `fmt: skip`: one line per group reads as a table, one per word does not.
"""

import re
from dataclasses import dataclass, field

from ..models import Status
from .dates import detect_date_order
from .reading import Parsed

# Our fields, in the order the preview lists them, with the words a person reads.
FIELDS = {
    "company": "Company",
    "title": "Job title",
    "url": "Posting URL",
    "status": "Status",
    "applied_at": "Date applied",
    "created_at": "Date added",
    "location": "Location",
    "salary": "Salary",
    "next_action": "Next action",
    "next_action_due": "Next action due",
    "notes": "Notes",
}
IMPORT_FIELDS = list(FIELDS)
DATE_FIELDS = ("applied_at", "created_at", "next_action_due")
MULTI_FIELDS = ("salary", "notes")  # may come from several columns (Teal's min and max salary)
SKIP = "skip"  # a status value whose rows are left out
AUTO = ""  # a status value left to the row: Applied when it has an applied date, else Saved
BLANKS = {"-", "–", "—", "n/a", "na", "#n/a", "null", "none", "nan"}

ALIASES = {
    "company": {"company", "company name", "employer", "organization", "organisation",
                "firma", "unternehmen", "arbeitgeber"},
    "title": {"title", "job title", "position", "job position", "role", "job", "stelle",
              "job name", "position title"},
    "url": {"url", "link", "job url", "posting url", "job link", "posting", "job post url",
            "job posting url", "application link", "job posting"},
    "status": {"status", "stage", "state", "list", "list name", "application status"},
    "applied_at": {"applied at", "date applied", "applied on", "application date",
                   "applied date", "beworben am"},
    "created_at": {"created at", "date added", "added", "added on", "date saved", "saved on",
                   "created", "date created"},
    "location": {"location", "locations", "city", "place", "ort", "job location"},
    "salary": {"salary", "pay", "compensation", "gehalt", "salary range"},
    "next_action": {"next action", "next step", "todo", "to do"},
    "next_action_due": {"next action due", "due", "due date", "follow up", "follow up date",
                        "next action date"},
    "notes": {"notes", "note", "comments", "comment", "notizen"},
}  # fmt: skip


def norm_header(header: str) -> str:
    """'companyName', 'Company_Name' and ' company  name ' → 'company name'."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header.strip())
    return " ".join(re.sub(r"[_\-.:#()]+", " ", spaced.lower()).split())


def norm_value(value: str) -> str:
    """A status value as a key: case, emoji, punctuation and spacing folded."""
    return " ".join(re.sub(r"[^\w]+", " ", value.lower()).split())


# --- status words ---------------------------------------------------------------------------

STATUS_WORDS = {
    Status.SAVED: ["wishlist", "wish list", "bookmarked", "bookmark", "saved", "draft",
                   "interested", "to apply", "not applied", "lead", "prospect", "researching",
                   "new", "planned", "favorite", "favourite", "gemerkt", "merkliste"],
    Status.APPLIED: ["applied", "applying", "submitted", "application sent", "sent", "pending",
                     "waiting", "under review", "in review", "beworben", "gesendet"],
    Status.SCREENING: ["screening", "phone screen", "phone screening", "recruiter call",
                       "recruiter screen", "hr call", "phone call", "phone interview",
                       "initial call", "intro call", "first call"],
    Status.ASSESSMENT: ["assessment", "take home", "coding test", "coding challenge", "test",
                        "challenge", "assignment", "online assessment", "oa", "case study"],
    Status.INTERVIEWING: ["interview", "interviews", "interviewing", "onsite", "on site",
                          "final round", "technical interview", "second interview",
                          "2nd interview", "final interview", "vorstellungsgespräch",
                          "gespräch"],
    Status.OFFER: ["offer", "offered", "offer received", "negotiating", "negotiation",
                   "angebot"],
    Status.ACCEPTED: ["accepted", "hired", "signed", "offer accepted", "zusage"],
    Status.REJECTED: ["rejected", "declined", "not selected", "rejection", "turned down",
                      "no offer", "unsuccessful", "absage", "abgelehnt"],
    Status.WITHDRAWN: ["withdrawn", "withdrew", "i withdrew", "withdraw", "not interested",
                       "cancelled", "canceled", "expired", "archived", "zurückgezogen"],
    Status.GHOSTED: ["ghosted", "no response", "no reply", "no answer", "unresponsive",
                     "keine antwort"],
}  # fmt: skip
_EXACT = {word: status for status, words in STATUS_WORDS.items() for word in words} | {
    norm_value(s.label): s for s in Status
}
# A word inside a longer value ("2nd round interview", "Rejected after onsite"): first wins.
_CONTAINS = [
    ("withdr", Status.WITHDRAWN), ("reject", Status.REJECTED), ("declin", Status.REJECTED),
    ("ghost", Status.GHOSTED), ("no response", Status.GHOSTED), ("accept", Status.ACCEPTED),
    ("offer", Status.OFFER), ("screen", Status.SCREENING), ("phone", Status.SCREENING),
    ("assess", Status.ASSESSMENT), ("take home", Status.ASSESSMENT),
    ("interview", Status.INTERVIEWING), ("applied", Status.APPLIED), ("apply", Status.APPLIED),
    ("wish", Status.SAVED), ("bookmark", Status.SAVED), ("saved", Status.SAVED),
]  # fmt: skip


def guess_status(value: str, extra: dict[str, str] | None = None) -> str | None:
    """Our status for a tracker's status word, or None when there is no sensible guess."""
    key = norm_value(value)
    if not key:
        return None
    if extra and key in extra:
        return extra[key]
    if key in _EXACT:
        return _EXACT[key]
    return next((status for word, status in _CONTAINS if word in key), None)


# --- presets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    columns: dict[str, str]  # normalized header -> field
    signature: frozenset[str]  # normalized headers that, all present, name the tracker
    statuses: dict[str, str] = field(default_factory=dict)  # normalized value -> Status
    date_order: str = "mdy"


PRESETS = [
    # Huntr's board export (one row per job, columns from its API objects). This layout is the
    # one real exports have (e.g. the sample files of github.com/keenlychuang/huntr-to-notion):
    # id, createdAt, title, salary, location, url, rootDomain, htmlDescription, deadline,
    # color, lastMovedAt, boardId, boardName, listId, listName, companyId, companyName,
    # companyDomain, creatorUser…; "-" for an empty cell; listName is the column the card is
    # in (Wishlist, Applied, Interview, Offer, Rejected by default); dates "2022-02-26 19:17:05".
    Preset(
        "huntr",
        "Huntr",
        columns={
            "title": "title",
            "company name": "company",
            "url": "url",
            "list name": "status",
            "location": "location",
            "salary": "salary",
            "created at": "created_at",
        },
        signature=frozenset({"list name", "company name", "board name"}),
        statuses={"wishlist": Status.SAVED, "interview": Status.INTERVIEWING},
    ),  # fmt: skip
    # Teal's Job Tracker export. Teal publishes no layout; these are the columns its tracker
    # table shows and its CSV is known to carry (Company, Job Position, Location, Min./Max.
    # Salary, Status, Excitement, Date Saved, Deadline, Date Applied, Follow Up, Job URL,
    # Notes), US month-first dates. Statuses are Teal's stages: Bookmarked, Applying, Applied,
    # Interviewing, Negotiating, Accepted, I Withdrew, Not Selected, No Response, Archived.
    Preset(
        "teal",
        "Teal",
        columns={
            "job position": "title",
            "company": "company",
            "job url": "url",
            "url": "url",
            "location": "location",
            "min salary": "salary",
            "max salary": "salary",
            "status": "status",
            "date saved": "created_at",
            "date applied": "applied_at",
            "follow up": "next_action_due",
            "notes": "notes",
        },
        signature=frozenset({"job position", "company", "date saved"}),
        statuses={
            "applying": Status.APPLIED,
            "negotiating": Status.OFFER,
            "not selected": Status.REJECTED,
            "i withdrew": Status.WITHDRAWN,
            "no response": Status.GHOSTED,
            "archived": Status.WITHDRAWN,
        },
    ),  # fmt: skip
    # JobSync (github.com/Gsync/jobsync) writes this from its "Export" (api/jobs/export):
    # index, createdAt, applied (Yes/No), appliedDate, Company, JobTitle, jobType,
    # Location(s), JobSource, Status; ISO dates, "N/A" when empty; statuses are its seeded
    # Draft, Applied, Interview, Offer, Rejected, Expired, Archived. It exports no URL.
    Preset(
        "jobsync",
        "JobSync",
        columns={
            "job title": "title",
            "company": "company",
            "location": "location",
            "locations": "location",
            "status": "status",
            "applied date": "applied_at",
            "created at": "created_at",
        },
        signature=frozenset({"job title", "job source", "applied date"}),
        statuses={
            "draft": Status.SAVED,
            "interview": Status.INTERVIEWING,
            "expired": Status.WITHDRAWN,
            "archived": Status.WITHDRAWN,
        },
        date_order="ymd",
    ),  # fmt: skip
    # Our own export (export.EXPORT_FIELDS): importing it into another account gives the same
    # applications.
    Preset(
        "jobtracker",
        "jobtracker",
        columns={
            "company": "company",
            "title": "title",
            "url": "url",
            "status": "status",
            "applied at": "applied_at",
            "created at": "created_at",
            "location": "location",
            "salary": "salary",
            "next action": "next_action",
            "next action due": "next_action_due",
            "notes": "notes",
        },
        signature=frozenset(
            {
                "id",
                "company",
                "title",
                "url",
                "status",
                "source",
                "applied at",
                "next action due",
                "archived",
                "created at",
            }
        ),
        date_order="ymd",
    ),  # fmt: skip
]


def detect_preset(headers: list[str]) -> Preset | None:
    names = {norm_header(h) for h in headers}
    return next((p for p in PRESETS if p.signature <= names), None)


def preset_named(key: str) -> Preset | None:
    return next((p for p in PRESETS if p.key == key), None)


def guess_mapping(headers: list[str], preset: Preset | None = None) -> dict[int, str]:
    """Column index -> field, from the preset's layout, else from common header names."""
    mapping, used = {}, set()
    for index, header in enumerate(headers):
        name = norm_header(header)
        if preset is not None:
            target = preset.columns.get(name)
        else:
            target = next((f for f, names in ALIASES.items() if name in names), None)
            if target is None and name.replace(" ", "_") in FIELDS:
                target = name.replace(" ", "_")
        if target and (target not in used or target in MULTI_FIELDS):
            mapping[index] = target
            used.add(target)
    return mapping


# --- the person's choices -------------------------------------------------------------------


@dataclass
class Choices:
    mapping: dict[int, str]  # column index -> field
    statuses: dict[str, str] = field(default_factory=dict)  # norm_value -> Status, AUTO, SKIP
    date_order: str = "mdy"
    preset: str = ""  # the preset recognised, for the page and the status guesses

    def to_dict(self) -> dict:
        return {
            "mapping": {str(k): v for k, v in self.mapping.items()},
            "statuses": self.statuses,
            "date_order": self.date_order,
            "preset": self.preset,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Choices":
        return cls(
            {int(k): v for k, v in data["mapping"].items()},
            dict(data["statuses"]),
            data["date_order"],
            data.get("preset", ""),
        )


def column_values(parsed: Parsed, mapping: dict[int, str], name: str) -> list[str]:
    columns = [i for i, f in mapping.items() if f == name]
    return [r.cells[i] for r in parsed.rows for i in columns if i < len(r.cells) and r.cells[i]]


def guess_choices(parsed: Parsed) -> Choices:
    """What the file most likely means, before the person changes anything."""
    preset = detect_preset(parsed.headers)
    mapping = guess_mapping(parsed.headers, preset)
    dates = [v for name in DATE_FIELDS for v in column_values(parsed, mapping, name)]
    order = detect_date_order(dates, preset.date_order if preset else "mdy").order
    return Choices(mapping, {}, order, preset.key if preset else "")
