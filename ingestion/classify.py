"""What kind of recruiting email is this? Rules first, each with a confidence and a reason.

`classify_email(subject, sender, text)` weighs phrase patterns (English and German) found in
the subject and in the new part of the body (quoted replies and signatures cut), what the
sender is (an ATS, a job-alert service) and whether it came as bulk mail. It is pure and fast
(one pre-compiled pattern per phrase list, a bounded slice of text), so it can rerun over
every stored email whenever the rules change.
"""

import html
import re
from dataclasses import dataclass
from email.utils import parseaddr

from .mailtext import strip_quoted
from .models import Label
from .senders import is_ats_domain

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Classification:
    label: str
    confidence: float
    reasons: tuple[str, ...] = ()


def _phrases(weight: float, *patterns: str) -> tuple[float, re.Pattern]:
    return weight, re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


# (weight, pattern) per label; a strong phrase alone is enough, weak ones add up.
RULES: dict[str, list[tuple[float, re.Pattern]]] = {
    Label.REJECTION: [
        _phrases(
            0.95,
            r"regret to inform",
            r"(?<!you )(?<!you have )(?<!you've )(?:decided|chosen|made the decision|elected) "
            r"(?:not to|to not) "
            r"(?:move|proceed|pursue|progress|continue|advance)",
            r"(?:decided|chosen|elected) to (?:move forward|proceed|pursue|go forward) with "
            r"(?:other|another|a different|different)",
            r"(?:will|won't|would) not be (?:moving|proceeding|progressing|advancing|pursuing|"
            r"able to (?:move|offer|proceed))",
            r"not (?:be )?moving forward with your",
            r"no longer (?:being )?(?:considered|under consideration)",
            r"(?:position|role) has (?:now )?been filled",
            r"(?:we|we've|we have) filled",
            r"(?:have|has|were|was|been) not (?:been )?selected",
            r"other (?:candidates|applicants) (?:whose|who|that|better|more)",
            r"(?:consider|pursue|proceed with|move (?:ahead|forward) with|go with) (?:other|another)"  # noqa: E501
            r" (?:applicants?|candidates?)",
            r"(?:not|unable to|not able to) (?:pursue|proceed with|move forward with|consider) "
            r"your (?:application|candidacy)",
            r"(?:don't|do not) see a (?:strong |good )?(?:mutual )?(?:fit|match)",
            r"not (?:be )?a (?:match|fit) for",
            r"decided not to (?:choose|select|invite) you",
            r"unable to offer you",
            r"not a (?:match|fit) (?:for|at) this time",
            r"leider (?:müssen|muss|können|konnten|haben)",
            r"absage",
            r"nicht (?:weiter )?berücksichtig",
            r"für (?:einen )?andere[nr]? (?:Kandidat|Bewerber)",
            r"anderweitig (?:besetzt|entschieden)",
        ),
        _phrases(0.8, r"unfortunately", r"leider"),
        _phrases(
            0.6,
            r"while (?:we were|our team was|I was) (?:very )?impressed",
            r"(?:better|more closely) (?:suited|aligned|match)",
        ),
        _phrases(
            0.55,
            r"after careful (?:consideration|review)",
            r"(?:wish|best of luck) (?:you )?(?:in|with|on) your (?:job )?search",
            r"keep your (?:resume|cv|information) on file",
            r"future (?:opportunities|openings)",
            r"highly competitive",
            r"large number of (?:qualified )?(?:applicants|applications)",
        ),
    ],
    Label.OFFER: [
        _phrases(
            0.95,
            r"(?:pleased|delighted|happy|excited|thrilled) to (?:extend|offer you|make you)",
            r"offer (?:letter|of employment)",
            r"(?:extend|extending) (?:you )?an offer",
            r"verbal offer",
            r"employment contract",
            r"Vertragsangebot",
            r"Arbeitsvertrag",
            r"freuen uns,? Ihnen (?:ein|die Stelle)",
        ),
    ],
    Label.INTERVIEW: [
        _phrases(
            0.9,
            r"invite you (?:to|for) (?:an? |the )?(?:interview|call|chat|conversation|meeting|"
            r"phone|video|onsite|on-site|virtual)",
            r"(?:schedule|book|arrange|set up) (?:an? |the |your )?(?:interview|phone screen|"
            r"screening call|call|chat|video call|time to (?:chat|talk|speak))",
            r"interview (?:invitation|invite|confirmation|scheduled|request)",
            r"(?:phone|video|technical|final|onsite|on-site|first|second|next) (?:round )?"
            r"(?:interview|screen)",
            r"next (?:step|round) (?:in|of) (?:the|our) (?:interview|hiring|recruiting) process",
            r"calendly\.com",
            r"(?:would|'d) (?:love|like) to (?:speak|talk|chat|meet) with you",
            r"Vorstellungsgespräch",
            r"Einladung zu(?:m|r) (?:\w+)?(?:gespräch|Interview|Kennenlernen)",
            r"Kennenlerngespräch",
            r"Telefoninterview",
        ),
        _phrases(0.45, r"interview", r"availability", r"available for a call", r"Termin"),
    ],
    Label.ASSESSMENT: [
        _phrases(
            0.9,
            r"coding (?:challenge|exercise|test|assessment)",
            r"take[- ]home",
            r"hackerrank",
            r"codility",
            r"codesignal",
            r"testgorilla",
            r"coderbyte",
            r"(?:online|technical|skills?|cognitive|personality) (?:assessment|test)",
            r"complete (?:the|this|our|an|your) (?:assessment|test|challenge|exercise)",
            r"Testaufgabe",
            r"Probeaufgabe",
            r"Coding[- ]Challenge",
            r"Fallstudie",
        ),
        _phrases(0.5, r"assessment", r"case study", r"assignment"),
    ],
    Label.RECEIVED: [
        _phrases(
            0.85,
            r"(?:we have|we've|we) (?:successfully )?received your (?:application|resume|cv)",
            r"(?:thank you|thanks)(?: very much| so much)? for (?:applying|submitting|your "
            r"(?:recent |online )?application)",
            r"application (?:has been |was )?(?:received|submitted)",
            r"(?:your )?application (?:has )?reached us",
            r"(?:received|got) your application",
            r"Eingang (?:Ihrer|deiner) Bewerbung",
            r"Bewerbung (?:ist )?(?:bei uns )?eingegangen",
            r"(?:vielen |herzlichen )?Dank für (?:Ihre|deine) Bewerbung",
        ),
        _phrases(
            0.5,
            r"(?:thank you|thanks) for (?:your )?interest in",
            r"will (?:carefully )?review",
            r"under review",
            r"being reviewed",
            r"first step",
        ),
    ],
    Label.ACTION_REQUIRED: [
        _phrases(
            0.75,
            r"please (?:provide|complete|submit|send|fill|confirm|sign|upload|update)",
            r"(?:let us know|send (?:us|me)|share) your availability",
            r"additional (?:information|documents|details)",
            r"action (?:required|needed)",
            r"in order for your application to be considered",
            r"bitte (?:senden|schicken|füllen|bestätigen|laden)",
        ),
    ],
    Label.OUTREACH: [
        _phrases(
            0.8,
            r"came across your (?:profile|resume|background)",
            r"I have an? (?:role|position|opening)",
            r"(?:would|are) you (?:be )?(?:open|interested) (?:to|in)",
            r"interested in (?:hearing|learning) more",
            r"(?:my|our) client",
            r"I(?:'m| am) (?:a|an) (?:\w+ )?recruiter",
            r"reaching out",
            r"(?:great|exciting|perfect) (?:match|fit|opportunity) for you",
            r"staffing (?:company|agency|firm)",
            r"resourcing agency",
            r"dein Profil",
            r"Ihr Profil (?:ist|hat)",
        ),
    ],
    Label.WITHDRAWN: [
        _phrases(
            0.9,
            r"(?:withdrawn|withdrew|withdrawal of) (?:your|the) application",
            r"(?:confirm|confirming|received) your (?:request to )?withdraw",
            r"you(?: have|'ve)? decided (?:not to (?:continue|proceed|pursue)|to withdraw)",
            r"Bewerbung zurückgezogen",
            r"Rückzug (?:Ihrer|deiner) Bewerbung",
        ),
    ],
    Label.OTHER: [
        _phrases(
            0.9,
            r"job alert",
            r"new jobs? (?:for you|matching|near you)",
            r"jobs? (?:you might|recommended)",
            r"recommended (?:jobs|for you)",
            r"jobs matching",
            r"(?:\d+\+? )new jobs",
            r"newsletter",
            r"verification code",
            r"your (?:order|purchase|payment|receipt)",
            r"password (?:reset|expired?)",
            r"(?:account|profile) (?:has been )?created",
            r"resume (?:review|score)",
            r"not actively monitored",
            r"neue Jobs",
            r"Jobangebote für dich",
            r"passende Stellen",
        ),
        _phrases(0.3, r"unsubscribe", r"abmelden", r"view in (?:your )?browser", r"privacy policy"),
    ],
}
# Bulk senders that mail about many jobs at once: what they say is never about one application.
ALERT_SENDERS = re.compile(
    r"(?:jobalerts?|jobs-noreply|alert|alerts|newsletter|digest)@|@(?:[\w-]+\.)*"
    r"(?:indeed\.com|glassdoor\.com|stepstone\.de|ziprecruiter\.com|monster\.com|xing\.com)$",
    re.IGNORECASE,
)
# When several classes fire, the more specific and more final one wins at equal strength.
PRECEDENCE = [
    Label.OFFER, Label.REJECTION, Label.WITHDRAWN, Label.ASSESSMENT, Label.INTERVIEW,
    Label.ACTION_REQUIRED, Label.RECEIVED, Label.OUTREACH, Label.OTHER,
]  # fmt: skip
SUBJECT_BONUS = 0.1
MIN_SCORE = 0.5  # a lone weak hint ("interview" in a newsletter) decides nothing
# "Join our talent community for job alerts" sits in the footer of real confirmations.
BODY_OTHER_FACTOR = 0.6


def classify_email(
    subject: str | None, sender: str | None, text: str | None, *, list_headers: bool = False
) -> Classification:
    subject = (subject or "")[:1000]
    body = strip_quoted(html.unescape((text or "")[:MAX_TEXT]))
    address = parseaddr(sender or "")[1].lower()
    scores, reasons = _score(subject, body)
    if address and ALERT_SENDERS.search(address):
        _add(scores, reasons, Label.OTHER, 0.9, f"sender {address} sends job alerts")
    if list_headers:
        _add(scores, reasons, Label.OTHER, 0.5, "bulk mail headers (List-Unsubscribe/List-Id)")
    ats = is_ats_domain(address.rpartition("@")[2]) if address else False
    return _decide(scores, reasons, ats=ats, address=address)


def _score(subject: str, body: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    for label, rules in RULES.items():
        for weight, pattern in rules:
            for where, text, bonus in (("subject", subject, SUBJECT_BONUS), ("text", body, 0.0)):
                found = pattern.search(text)
                if found:
                    if label == Label.OTHER and where == "text":
                        weight_here = weight * BODY_OTHER_FACTOR
                    else:
                        weight_here = weight + bonus
                    _add(scores, reasons, label, weight_here, f"{where}: '{found.group(0)}'")
    return scores, reasons


def _add(scores: dict, reasons: dict, label: str, weight: float, reason: str) -> None:
    # Independent evidence adds up without passing 0.99: 1 - (1 - a)(1 - b).
    scores[label] = 1 - (1 - scores.get(label, 0.0)) * (1 - min(weight, 0.99))
    reasons.setdefault(label, []).append(reason)


def _decide(scores: dict, reasons: dict, *, ats: bool, address: str) -> Classification:
    if not scores:
        why = ("no recruiting phrase found",)
        return Classification(Label.OTHER, 0.3, why)
    other = scores.get(Label.OTHER, 0.0)
    # A job alert mentions interviews and applications; only strong, specific evidence beats it.
    if other >= 0.85:
        strongest = max((s for k, s in scores.items() if k != Label.OTHER), default=0.0)
        if strongest < 0.93 or not ats:
            return Classification(
                Label.OTHER, round(min(other, 0.99), 2), tuple(reasons[Label.OTHER])
            )
    scores = {k: v for k, v in scores.items() if v >= MIN_SCORE or k == Label.OTHER}
    if not scores:
        return Classification(Label.OTHER, 0.35, ("only weak hints",))
    best = max(scores.values())
    # Within 0.1 of the best, precedence decides: "thank you for applying… unfortunately we
    # will not be moving forward" is a rejection, not a confirmation.
    close = [label for label in PRECEDENCE if scores.get(label, 0.0) >= best - 0.1]
    label = close[0]
    confidence = scores[label]
    rivals = [scores[k] for k in scores if k not in (label, Label.OTHER)]
    if rivals and max(rivals) >= confidence - 0.05:
        confidence -= 0.1  # two classes about equally likely: less sure
    why = list(reasons[label])
    if ats and label != Label.OTHER:
        confidence = min(0.99, confidence + 0.05)
        why.append(f"sent through an ATS ({address.rpartition('@')[2]})")
    return Classification(label, round(max(min(confidence, 0.99), 0.05), 2), tuple(why))
