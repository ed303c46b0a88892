"""One compiled scan for hundreds of phrase patterns (see `compile_phrases`)."""

import re


def compile_phrases(
    table: dict,
) -> tuple[re.Pattern, dict[str, list[tuple[int, re.Pattern]]], list]:
    """One scan for every phrase, shaped for Python's regex engine. Text is normalised to
    " word word …", so the scan jumps from space to space; there the phrases' literal
    prefixes form a trie, so each letter is compared once rather than once per phrase. No
    capture groups: with hundreds the engine copies its marks at every repeat, ten times
    slower; `_identify` names the matched phrase afterwards."""
    trie: dict = {}
    phrases: list[tuple[str, float]] = []
    candidates: dict[str, list[tuple[float, int, re.Pattern]]] = {}
    for label, rules in table.items():
        for weight, pattern in rules:
            for alternative in _expand(pattern):
                if not alternative[0].isalpha():
                    raise ValueError(f"phrase must open with a letter: {alternative!r}")
                prefix = _literal_prefix(alternative)
                node = trie
                for char in prefix:
                    node = node.setdefault(char, {})
                node.setdefault("", []).append(alternative[len(prefix) :])
                entry = (weight, len(phrases), re.compile(alternative))
                candidates.setdefault(alternative[0], []).append(entry)
                phrases.append((label, weight))
    # Identification tries the strongest phrase first.
    ordered = {
        first: [(index, pattern) for _, index, pattern in sorted(entries, key=lambda e: -e[0])]
        for first, entries in candidates.items()
    }
    return re.compile(" " + _trie_regex(trie)), ordered, phrases


def _literal_prefix(pattern: str) -> str:
    """The plain letters a pattern must start with ("regret to (?:…" → "regret to ")."""
    for position, char in enumerate(pattern):
        quantified = pattern[position + 1 : position + 2] in ("?", "*", "+", "{")
        if char in "\\[](){}?*+|.^$" or quantified:
            return pattern[:position]
    return pattern


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in node.items() if char]
    # Longer literal paths first, then what remains of phrases that branch off here.
    branches += sorted(node.get("", ()), key=lambda rest: rest == "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _expand(pattern: str) -> list[str]:
    """Expand leading groups, "(?:a|b)c|d" → ["ac", "bc", "d"], so each opens with a letter."""
    expanded = []
    for alternative in _split_alternatives(pattern):
        if not alternative.startswith("(?:"):
            expanded.append(alternative)
            continue
        end = _closing_paren(alternative)
        inner, rest = alternative[3:end], alternative[end + 1 :]
        heads = _split_alternatives(inner)
        if rest.startswith("?"):
            heads, rest = [*heads, ""], rest[1:]
        expanded += [item for head in heads for item in _expand(head + rest)]
    return expanded


def _split_alternatives(pattern: str) -> list[str]:
    parts, start = [], 0
    for position, depth in _depths(pattern):
        if depth == 0 and pattern[position] == "|":
            parts.append(pattern[start:position])
            start = position + 1
    return [*parts, pattern[start:]]


def _closing_paren(pattern: str) -> int:
    return next(pos for pos, depth in _depths(pattern) if depth == 0 and pattern[pos] == ")")


def _depths(pattern: str):
    """(position, group depth) of each unescaped character outside [classes]."""
    depth, escaped, in_class = 0, False, False
    for position, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            yield position, depth
        else:
            yield position, depth
