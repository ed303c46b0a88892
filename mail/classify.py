"""What kind of job-search email is this? Weighed phrase rules, English and German.

`classify_email(subject, sender, text)` finds known phrases in the subject and in the new
part of the body (quoted replies and signatures cut), weighs them per class, adds what the
sender is (an ATS, a job-alert service) and whether the mail came in bulk, and explains
itself in `reasons`. Pure and fast — no models, no I/O, one pre-compiled scan over a
bounded slice of text — so it can rerun over every stored email when the rules change.
"""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from .mailtext import strip_quoted
from .phrase_scan import compile_phrases
from .phrases import PHRASES, STRONG, Label
from .senders import is_ats_domain

__all__ = ["Classification", "Label", "classify_email"]

MAX_TEXT = 20_000
MAX_SUBJECT = 1_000


@dataclass(frozen=True)
class Classification:
    label: str
    confidence: float
    reasons: tuple[str, ...] = ()


# When several classes fire about equally, the more final, more specific one wins.
PRECEDENCE = (
    Label.OFFER, Label.REJECTION, Label.WITHDRAWN, Label.ASSESSMENT, Label.INTERVIEW,
    Label.ACTION_REQUIRED, Label.RECEIVED, Label.OUTREACH, Label.OTHER,
)  # fmt: skip
# A later-stage email routinely says what an earlier one does ("thank you for applying",
# "please send your availability"); those are not rival readings.
SUBSUMES: dict[Label, frozenset[Label]] = {
    Label.OFFER: frozenset({Label.RECEIVED, Label.INTERVIEW, Label.ASSESSMENT,
                            Label.ACTION_REQUIRED}),
    Label.REJECTION: frozenset({Label.RECEIVED, Label.INTERVIEW, Label.ASSESSMENT,
                                Label.ACTION_REQUIRED}),
    Label.WITHDRAWN: frozenset({Label.RECEIVED, Label.REJECTION, Label.ACTION_REQUIRED}),
    Label.ASSESSMENT: frozenset({Label.RECEIVED, Label.INTERVIEW, Label.ACTION_REQUIRED}),
    Label.INTERVIEW: frozenset({Label.RECEIVED, Label.ACTION_REQUIRED, Label.ASSESSMENT}),
    Label.ACTION_REQUIRED: frozenset({Label.RECEIVED}),
    Label.RECEIVED: frozenset(),
    Label.OUTREACH: frozenset(),
    Label.OTHER: frozenset(),
}  # fmt: skip
APPLICATION_LABELS = frozenset(PRECEDENCE) - {Label.OUTREACH, Label.OTHER}
# "If we decide to move forward, we will schedule an interview": a condition, not an event.
HEDGED_LABELS = frozenset({Label.REJECTION, Label.OFFER, Label.INTERVIEW, Label.ASSESSMENT})
HEDGE = re.compile(
    r"\b(?:if|once|whether|unless|until|in case|in the event|falls|wenn|sobald|ob|bis)\b"
    r"|\b(?:should|sollten?) (?:you|we|your|there|sie|wir|du|ihre|deine)\b"
    r"|\b(?:may|might|could|will) (?:contact|reach|be in touch|get in touch|notify|invite|"
    r"follow up|let you know|be contacting)"
)
DECISION_VERBS = ("decided", "chosen", "elected", "made the decision", "determined")
HEDGE_FACTOR = 0.35
HEDGE_WINDOW = 80
SUBJECT_BONUS = 0.07
BODY_OTHER_FACTOR = 0.6  # "sign up for job alerts" sits in the footer of real confirmations
MIN_SCORE = 0.5  # a lone weak hint ("interview" in a newsletter) decides nothing
CLOSE = 0.12  # scores this close are a tie that precedence breaks
OUTRANK_MIN = 0.65  # a final stage at least this sure beats an earlier one it subsumes
# Only decisive news outranks: "please send your documents" does not undo "we received it".
OUTRANKING = frozenset(
    {Label.OFFER, Label.REJECTION, Label.WITHDRAWN, Label.ASSESSMENT, Label.INTERVIEW}
)
BULK_MIN = 0.8  # with List-* headers only strong application phrases still count
ATS_EVIDENCE = 0.25
MAX_REASONS = 8

# Senders of job alerts and newsletters: what they say is never about one application.
ALERT_LOCAL_PART = re.compile(
    r"(?:job ?alerts?|jobalerts?-noreply|jobs-listings|alerts?|newsletters?|news|digest|"
    r"jobagent|jobmail|recommendations?|marketing)(?:[+.-].*)?"
)
BULK_DOMAINS = ("glassdoor.com", "ziprecruiter.com", "monster.com", "jobleads.com")
# Job platforms send both alerts and application receipts; only alert mailboxes count.
PLATFORM_DOMAINS = ("linkedin.com", "indeed.com", "stepstone.de", "stepstone.com", "xing.com")
PLATFORM_ALERT_WORDS = ("alert", "newsletter", "jobagent", "digest")


MASTER, CANDIDATES, PHRASE_LABELS = compile_phrases(PHRASES)
_IDENTIFIED: dict[str, int] = {}  # matched text → phrase; the same few phrases recur
MAX_IDENTIFIED = 50_000


def classify_email(
    subject: str | None, sender: str | None, text: str | None, *, list_headers: bool = False
) -> Classification:
    subject_text = _normalise((subject or "")[:MAX_SUBJECT])
    body = (text or "")[:MAX_TEXT]
    if "&" in body:
        body = html.unescape(body)
    body_text = _normalise(strip_quoted(body))
    address = _address(sender or "")
    evidence = Evidence()
    _scan(evidence, subject_text, "subject")
    _scan(evidence, body_text, "text")
    _weigh_sender(evidence, address, list_headers)
    return _decide(evidence)


def _address(sender: str) -> str:
    # email.utils.parseaddr costs more than the whole phrase scan; the address is all we need.
    sender = sender[:500]
    if "<" in sender:
        sender = sender.rpartition("<")[2].partition(">")[0]
    return sender.strip().strip("\"'").lower()


@lru_cache(maxsize=4096)
def _is_ats(domain: str) -> bool:
    return is_ats_domain(domain)


def _normalise(text: str) -> str:
    """Lower-case words, single-spaced, after a leading space (the scan starts at spaces)."""
    text = text.lower()
    if "\u2019" in text:  # free on ASCII text: a wider character cannot be in it
        text = text.replace("\u2019", "'")
    return " " + " ".join(text.split())


class Evidence:
    """Scores per label (independent hits add up as 1 - Π(1 - w)) and why."""

    def __init__(self) -> None:
        self.scores: dict[Label, float] = {}
        self.reasons: dict[Label, list[tuple[float, str]]] = {}
        self.seen: set[tuple[int, Label, bool]] = set()
        self.context: list[str] = []
        self.alert = False
        self.bulk = False
        self.ats = False

    def add(self, label: Label, weight: float, reason: str) -> None:
        weight = min(weight, 0.99)
        self.scores[label] = 1 - (1 - self.scores.get(label, 0.0)) * (1 - weight)
        self.reasons.setdefault(label, []).append((weight, reason))


def _scan(evidence: Evidence, text: str, where: str) -> None:
    for match in MASTER.finditer(text):
        start, phrase = match.start() + 1, match.group()[1:]
        index = _identify(text, start, phrase)
        label, weight = PHRASE_LABELS[index]
        if label == Label.REJECTION and _decided_by_candidate(text, start, phrase):
            label = Label.WITHDRAWN  # "you have decided not to continue" is the candidate
        hedged = label in HEDGED_LABELS and _hedged(text, start)
        if (index, label, hedged) in evidence.seen:
            continue  # the same phrase twice, even in subject and body, is one piece of evidence
        evidence.seen.add((index, label, hedged))
        kind = "subject phrase" if where == "subject" else "phrase"
        if hedged:
            weight *= HEDGE_FACTOR
            kind = f"conditional {kind}"
        if where == "subject":
            weight += SUBJECT_BONUS
            if label == Label.OTHER and weight >= STRONG:
                evidence.alert = True
        elif label == Label.OTHER:
            weight *= BODY_OTHER_FACTOR
        evidence.add(label, weight, f"{kind} '{phrase[:60]}'")


def _identify(text: str, start: int, phrase: str) -> int:
    index = _IDENTIFIED.get(phrase)
    if index is None:
        # The strongest phrase that matches here; the scan only said that one does.
        index = next(i for i, p in CANDIDATES[phrase[0]] if p.match(text, start))
        if len(_IDENTIFIED) >= MAX_IDENTIFIED:
            _IDENTIFIED.clear()
        _IDENTIFIED[phrase] = index
    return index


def _decided_by_candidate(text: str, start: int, phrase: str) -> bool:
    if not phrase.startswith(DECISION_VERBS):
        return False
    return text[max(0, start - 12) : start].endswith(("you ", "you have ", "you've "))


def _hedged(text: str, start: int) -> bool:
    before = text[max(0, start - HEDGE_WINDOW) : start]
    clause_start = max(before.rfind(mark) for mark in ".!?;")
    return HEDGE.search(before, clause_start + 1) is not None


def _weigh_sender(evidence: Evidence, address: str, list_headers: bool) -> None:
    domain = address.rpartition("@")[2]
    if address and _is_alert_sender(address):
        evidence.alert = True
        evidence.add(Label.OTHER, 0.95, f"sender {address} (job alerts / newsletter)")
        evidence.context.append(f"sender {address} (job alerts / newsletter)")
    if list_headers:
        evidence.bulk = True
        evidence.add(Label.OTHER, 0.6, "bulk mail header")
        evidence.context.append("bulk mail header")
    if domain and _is_ats(domain):
        evidence.ats = True
        evidence.context.append(f"sender {domain} (ATS)")
        _lean_towards_application(evidence)


def _is_alert_sender(address: str) -> bool:
    local, _, domain = address.rpartition("@")
    if ALERT_LOCAL_PART.fullmatch(local) or _on_domain(domain, BULK_DOMAINS):
        return True
    return _on_domain(domain, PLATFORM_DOMAINS) and any(w in local for w in PLATFORM_ALERT_WORDS)


def _on_domain(domain: str, known: tuple[str, ...]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in known)


def _lean_towards_application(evidence: Evidence) -> None:
    # An ATS writes about an application: neither recruiter outreach nor a newsletter.
    for label in list(evidence.scores):
        if label in APPLICATION_LABELS:
            evidence.scores[label] = 1 - (1 - evidence.scores[label]) * (1 - ATS_EVIDENCE)
        elif not evidence.alert:
            evidence.scores[label] *= 0.5


def _decide(evidence: Evidence) -> Classification:
    scores = evidence.scores
    if evidence.alert:
        strongest = max((scores.get(label, 0.0) for label in APPLICATION_LABELS), default=0.0)
        if not (evidence.ats and strongest >= 0.95):
            return _result(evidence, Label.OTHER, scores.get(Label.OTHER, STRONG))
    candidates = {
        label: score
        for label, score in scores.items()
        if score >= (BULK_MIN if evidence.bulk and label != Label.OTHER else MIN_SCORE)
    }
    if not candidates:
        why = "only weak hints" if scores else "no recruiting phrase matched"
        return Classification(str(Label.OTHER), 0.3, (why, *evidence.context)[:MAX_REASONS])
    label = _winner(candidates)
    confidence = candidates[label]
    rivals = [
        other
        for other, score in candidates.items()
        if other not in (label, Label.OTHER)
        and other not in SUBSUMES[label]
        and score >= confidence - 0.1
    ]
    if rivals:
        confidence = min(confidence * 0.5 + 0.1, 0.45)  # two readings about equally likely
        evidence.context.append("also looks like " + ", ".join(sorted(rivals)))
    return _result(evidence, label, confidence)


def _winner(candidates: dict[Label, float]) -> Label:
    best = max(candidates.values())
    for label in PRECEDENCE:
        score = candidates.get(label)
        if score is None:
            continue
        if score >= best - CLOSE:
            return label
        stronger = [other for other, s in candidates.items() if s > score]
        outranks = label in OUTRANKING and score >= OUTRANK_MIN
        if outranks and all(other in SUBSUMES[label] for other in stronger):
            return label
    return Label.OTHER


def _result(evidence: Evidence, label: Label, confidence: float) -> Classification:
    hits = sorted(evidence.reasons.get(label, []), key=lambda hit: -hit[0])
    reasons = list(dict.fromkeys([*(reason for _, reason in hits), *evidence.context]))
    reasons = reasons[:MAX_REASONS]
    return Classification(str(label), round(min(max(confidence, 0.05), 0.99), 2), tuple(reasons))
