"""Lists what a generated text claims that the resume and profile do not show.

Looked for: skills (the vocabulary), numbers, and names — runs of capitalized words, which
cover employers, job titles, degrees, schools and certificates. Each is checked against the
resume and profile text (and against what the text may name without it being a claim about
the candidate: the employer and title being applied to, the questions asked). It is a
highlighter for a person, not a proof: it errs towards flagging.
"""

import re
from dataclasses import dataclass

from .skills import skills_in

# Capitalized words that start sentences or letters without being claims.
_STOP_WORDS = """
    i i'm i've i'd i'll me my dear hello hi greetings sincerely regards best kind warm thank
    thanks yours truly respectfully cordially the a an this that these those there here it its
    in at as on with for from to of by and or but so if when while during over since after
    before having currently recently previously additionally furthermore moreover however also
    finally looking please we our your you he she they their what why how where which who
    whom my as such both each every all any many most some several one two three four five
    six seven eight nine ten first second third next then today tomorrow yes no not
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december re subject cover letter answer
    question questions resume cv experience skills summary education objective profile
    note notes led built designed developed managed worked helped created improved delivered
    implemented launched owned drove supported reduced increased wrote ran taught mentored
    collaborated partnered contributed maintained migrated automated shipped"""
_STOP = frozenset(_STOP_WORDS.split())
_STOP_PHRASES = (
    "hiring manager",
    "hiring team",
    "recruiting team",
    "talent team",
    "to whom it may concern",
    "dear sir or madam",
    "best regards",
    "kind regards",
    "yours sincerely",
    "thank you",
)
_CONNECTORS = frozenset({"of", "and", "&", "for", "de", "la", "van", "von", "der", "in"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’&+#.\-]*|\d[\d,.]*%?")
_DEGREE = re.compile(
    r"\b(bachelor|master|ph\.?d|doctor|b\.?sc|m\.?sc|b\.?a|m\.?a|mba|b\.?eng|"
    r"m\.?eng|diploma|degree|certificate|certified|certification)\b",
    re.I,
)
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|manager|lead|director|analyst|designer|"
    r"scientist|architect|consultant|specialist|intern|head|officer|"
    r"administrator|coordinator|owner)\b",
    re.I,
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Finding:
    text: str
    kind: str  # skill | number | degree | title | name

    def as_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind}


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.lower().replace("’", "'")).strip()


def _digits(text: str) -> str:
    return re.sub(r"[^\d]", "", text)


def _number_set(text: str) -> set[str]:
    return {_digits(m.group()) for m in re.finditer(r"\d[\d,.]*", text)}


def _phrases(text: str):
    """(phrase, is_sentence_start) for each run of capitalized words, and ("#n", ...) for
    each number, in order."""
    current: list[str] = []
    current_start = False
    sentence_start = True
    last_end = 0
    line_start = True

    def flush():
        nonlocal current
        while current and current[-1].lower() in _CONNECTORS:
            current.pop()
        if current:
            yield " ".join(current), current_start
        current = []

    for match in _TOKEN.finditer(text):
        gap = text[last_end : match.start()]
        if "\n" in gap:
            line_start = True
        if any(c in gap for c in ".!?:\n") or not last_end:
            sentence_start = True
        raw = match.group()
        word = raw.rstrip(".,;:")
        ends_sentence = raw.endswith((".", ":")) and not re.fullmatch(r"(?:[A-Za-z]\.)+", raw)
        if word[:1].isdigit():
            yield from flush()
            numbered_item = line_start and raw.endswith(".") and word.isdigit()
            if not numbered_item:
                yield "#" + word, sentence_start
        elif word[:1].isupper() and word.lower() in _STOP:
            yield from flush()  # "At", "I", "Dear": never part of a name
        elif word[:1].isupper() and word.lower() not in _CONNECTORS:
            if current and (gap.strip() not in ("", "&")):
                yield from flush()
            if not current:
                current_start = sentence_start
            current.append(word)
        elif current and word.lower() in _CONNECTORS and gap.strip() == "":
            current.append(word)
        else:
            yield from flush()
        if ends_sentence:
            yield from flush()
        sentence_start = ends_sentence
        line_start = False
        last_end = match.end()
    yield from flush()


def unverified(output: str, facts: str, allowed: str = "") -> list[Finding]:
    """Every skill, number and name in `output` absent from `facts` (resume and profile).
    `allowed` holds text the output may repeat freely (the job's title, the employer's
    name, the questions asked)."""
    facts_norm = _norm(facts)
    allowed_norm = _norm(allowed)
    known = f"{facts_norm}\n{allowed_norm}"
    known_words = set(re.findall(r"[\w'+#.\-]+", known))
    known_numbers = _number_set(facts) | _number_set(allowed)
    known_skills = {s.lower() for s in skills_in(f"{facts}\n{allowed}")}
    findings: dict[str, Finding] = {}

    for skill in sorted(skills_in(output)):
        if skill.lower() not in known_skills:
            findings.setdefault(skill.lower(), Finding(skill, "skill"))

    for phrase, at_start in _phrases(output):
        if phrase.startswith("#"):
            number = phrase[1:]
            if _digits(number) and _digits(number) not in known_numbers:
                findings.setdefault(number, Finding(number, "number"))
            continue
        lowered = _norm(phrase)
        if lowered in known or any(stop in lowered for stop in _STOP_PHRASES):
            continue
        words = [w for w in lowered.split() if w not in _STOP]
        if not words:
            continue
        if at_start and len(phrase.split()) == 1:
            continue  # one capitalized word opening a sentence: ordinary prose
        if len(words) == 1 and (words[0] in known_words or words[0].rstrip("'s") in known_words):
            continue
        if " ".join(words) in known:
            continue
        if lowered in {f.text.lower() for f in findings.values()}:
            continue
        if _DEGREE.search(phrase):
            kind = "degree"
        elif _TITLE_WORDS.search(phrase):
            kind = "title"
        else:
            kind = "name"
        findings.setdefault(lowered, Finding(phrase, kind))
    return list(findings.values())


def highlight(text: str, findings: list[dict]) -> list[tuple[str, bool]]:
    """The text cut into (piece, flagged) parts for the page to mark."""
    terms = sorted({f["text"] for f in findings if f.get("text")}, key=len, reverse=True)
    if not terms:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    parts, last = [], 0
    for match in pattern.finditer(text):
        if match.start() > last:
            parts.append((text[last : match.start()], False))
        parts.append((match.group(), True))
        last = match.end()
    if last < len(text):
        parts.append((text[last:], False))
    return parts
