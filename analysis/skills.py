"""Text normalization and skill matching, shared by the fast scorer and resume parsing.

Built for speed (the scorer reads every job's ~3 KB text): text is encoded once, lowered
and stripped of punctuation by C-level bytes operations (one translate table), and every
alias of every skill is found in one Aho-Corasick pass (see Matcher).
"""

import hashlib
from functools import cached_property, lru_cache

import ahocorasick

from .skills_data import VOCABULARY

# Lowercase ASCII letters, keep digits and non-ASCII bytes (UTF-8 letters), everything else
# separates words.
_TABLE = bytes(
    (b + 32 if 65 <= b <= 90 else b)
    if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128)
    else 32
    for b in range(256)
)
# Skill names whose punctuation carries the meaning, rewritten before punctuation goes,
# only where the name starts a word ("abc#" is not C#, "example.net" is not .NET). Found by
# their last byte ("#", "+") or, for ".net", by a substring test.
_SPECIALS = {b"c#": b" csharp ", b"f#": b" fsharp ", b"c++": b" cplusplus ", b".net": b" dotnet "}
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")


def _rewrite(raw: bytes, marker: bytes, needles: tuple[bytes, ...]) -> bytes:
    """Replace each needle (which starts a word) whose text contains `marker` at its end,
    or anywhere for ".net"."""
    out, start = [], 0
    at = raw.find(marker)
    while at != -1:
        for needle in needles:
            begin = at - needle.index(marker)
            end = begin + len(needle)
            if begin < 0 or raw[begin:end] != needle:
                continue
            before = raw[begin - 1] if begin else 32
            after = raw[end] if end < len(raw) else 32
            if before in _WORD_BYTES or (needle[0] == 46 and before == 46):
                continue
            if needle[-1] not in b"+#" and after in _WORD_BYTES:
                continue
            if begin >= start:
                out.append(raw[start:begin])
                out.append(_SPECIALS[needle])
                start = end
            break
        at = raw.find(marker, at + 1)
    if not out:
        return raw
    out.append(raw[start:])
    return b"".join(out)


def normalize(text: str) -> bytes:
    """Lowercased bytes with word separators as single-byte spaces (not collapsed)."""
    return normalize_lowered(text.encode("utf-8", "ignore").lower())


def normalize_lowered(raw: bytes) -> bytes:
    """normalize() for text already encoded as UTF-8 and lowered (bytes.lower())."""
    # One-byte tests (memchr) first: most texts have no "#" or "+" at all.
    if b"#" in raw:
        raw = _rewrite(raw, b"#", (b"c#", b"f#"))
    if b"+" in raw:
        raw = _rewrite(raw, b"++", (b"c++",))
    if b".net" in raw:
        raw = _rewrite(raw, b".net", (b".net",))
    if not raw.isascii():
        if b"\xc2" in raw:  # no-break space
            raw = raw.replace(b"\xc2\xa0", b" ")
        if b"\xe2\x80" in raw:
            # U+2000..U+203F (general punctuation: dashes, quotes, bullets, odd spaces) is
            # \xe2\x80 plus one byte: drop each such character's bytes, leaving a space.
            pieces = raw.split(b"\xe2\x80")
            raw = pieces[0] + b"".join(b" " + piece[1:] for piece in pieces[1:])
    return raw.translate(_TABLE)


def tokens(text: str) -> list[bytes]:
    return normalize(text).split()


def phrase_key(text: str) -> bytes:
    """The normalized form of a short phrase: its words joined by single spaces."""
    return b" ".join(tokens(text))


def padded(text: str) -> str:
    """A phrase as the matcher looks for it: normalized words between single spaces, as
    latin-1 text (each byte one character, so UTF-8 round-trips unchanged)."""
    return " " + phrase_key(text).decode("latin-1") + " "


def searchable(normalized: bytes) -> str:
    """A normalized text as the matcher searches it."""
    return " " + normalized.decode("latin-1") + " "


class Matcher:
    """Finds canonical names (skills, keywords) in normalized text in one pass.

    An Aho-Corasick automaton (pyahocorasick, C) over every alias as " words ", searched in
    the normalized text padded with spaces: matches are whole words, and a phrase matches
    only with its words in order. Each pattern carries the tuple of names it stands for.
    """

    def __init__(self, entries: dict[str, tuple[str, ...]] | None = None):
        self.entries: dict[str, tuple[str, ...]] = dict(entries or {})
        self._automaton = None

    def add(self, alias: str, name: str) -> None:
        key = padded(alias)
        if key.strip():
            names = self.entries.get(key, ())
            if name not in names:
                self.entries[key] = (*names, name)
                self._automaton = None
                self.__dict__.pop("fingerprint", None)

    def canonical_for(self, alias: str) -> str | None:
        names = self.entries.get(padded(alias))
        return names[0] if names else None

    def extended(self, extra: dict[str, str]) -> "Matcher":
        """A copy that also finds `extra` ({alias: name})."""
        copy = Matcher(self.entries)
        for alias, name in extra.items():
            copy.add(alias, name)
        return copy

    @cached_property
    def fingerprint(self) -> str:
        """A short digest of every pattern and its names: equal for matchers that find the
        same things."""
        digest = hashlib.blake2b(digest_size=10)
        for key in sorted(self.entries):
            line = "\x1f".join((key, *self.entries[key])) + "\x1e"
            digest.update(line.encode("utf-8", "replace"))
        return digest.hexdigest()

    @property
    def automaton(self):
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for key, names in self.entries.items():
                automaton.add_word(key, names)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def find_searchable(self, text: str) -> set[str]:
        """Names found in `searchable(normalize(...))` text."""
        found: set[str] = set()
        for _, names in self.automaton.iter(text):
            found.update(names)
        return found

    def find_in(self, text: str) -> set[str]:
        return self.find_searchable(searchable(normalize(text)))


def _parse_vocabulary(source: str) -> tuple[Matcher, dict[str, str]]:
    matcher = Matcher()
    names: dict[str, str] = {}
    for line in source.strip().splitlines():
        parts = [p.strip() for p in line.split("|") if p.strip()]
        if not parts:
            continue
        # "~Name": the name alone is an ordinary word; only the listed aliases count.
        plain_word = parts[0].startswith("~")
        canonical = parts[0].lstrip("~").strip()
        names[canonical.lower()] = canonical
        for alias in parts[1:] if plain_word else [canonical, *parts[1:]]:
            matcher.add(alias, canonical)
    return matcher, names


VOCAB, _CANONICAL_NAMES = _parse_vocabulary(VOCABULARY)


@lru_cache(maxsize=4096)
def canonical_skill(name: str) -> str:
    """The vocabulary's name for a skill a person typed ("k8s" -> "Kubernetes"); unknown
    skills keep the person's spelling (trimmed)."""
    name = " ".join((name or "").split())[:100]
    if not tokens(name):
        return ""
    return VOCAB.canonical_for(name) or _CANONICAL_NAMES.get(name.lower(), name)


def canonical_skills(names) -> list[str]:
    """Canonical, de-duplicated (case-insensitively), in the given order."""
    seen, out = set(), []
    for name in names:
        skill = canonical_skill(name)
        if skill and skill.lower() not in seen:
            seen.add(skill.lower())
            out.append(skill)
    return out


def skills_in(text: str) -> set[str]:
    """Vocabulary skills mentioned in a text (resume or posting)."""
    return VOCAB.find_in(text)
