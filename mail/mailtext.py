"""Email text helpers: HTML to plain text, and the new part of a reply.

Email is hostile input, so everything here is linear in its input: line-by-line string
checks instead of open-ended regexes, and HTML bounded before it is parsed.
"""

import re

from lxml import etree
from lxml import html as lxml_html

MAX_HTML = 2_000_000
MAX_HEADER_LINE = 400  # attribution lines are short; a longer line is prose
HEADER_LOOKAHEAD = 4  # lines an Outlook/Gmail header block may span after "From:"

_BLOCKS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "ul", "ol", "blockquote", "section", "article", "header", "footer", "hr", "pre", "dt", "dd",
)  # fmt: skip
# Blocks that end a paragraph get a blank line; the rest (li, tr, div, br) a line break.
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol", "hr"}
_PARAGRAPH_MARK = "\ue000"  # private use; removed from the input, so it cannot collide
# lxml refuses control characters in text it is handed back; mail has no use for them.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ufffe\uffff]")
_DROP = ("script", "style", "head", "title", "noscript", "template", "svg", "object", "iframe")
_INVISIBLE = re.compile(r"[\u00ad\u034f\u200b-\u200f\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\n\s*")
_TAG = re.compile(r"<[^<>]*>")  # stops at the next "<": linear even on "<<<<"

_ORIGINAL_MESSAGE = ("original message", "ursprüngliche nachricht", "message d'origine")
_FORWARD_MARKERS = ("forwarded message", "weitergeleitete nachricht", "begin forwarded message")
_FROM_LINES = ("from:", "von:", "de:")
_SENT_LINES = ("sent:", "date:", "gesendet:", "datum:", "envoyé :", "envoyé:")
_HEADER_LINES = (*_FROM_LINES, *_SENT_LINES, "to:", "an:", "cc:", "subject:", "betreff:")
_MOBILE_FOOTERS = (
    "sent from my ", "sent from outlook", "sent from yahoo mail", "sent via ",
    "get outlook for ", "von meinem ", "gesendet von meinem ", "gesendet mit ",
)  # fmt: skip
# Every rule below looks at a line starting with one of these; most mail has none, and one
# search that jumps from newline to newline is far cheaper than looking at each line.
_QUOTE_TRIGGER = re.compile(
    r"\n[^\S\n]*(?:>|--|on |am |le |from:|von|de:|sent |get outlook|gesendet|begin)",
    re.IGNORECASE,
)


# --- HTML ------------------------------------------------------------------------------------
def html_to_text(html: str) -> str:
    """Readable text of an HTML email; nothing is executed or fetched."""
    if not html or not html.strip():
        return ""
    html = _UNSAFE.sub("", html[:MAX_HTML])
    try:
        root = _parse_html(html)
        _drop_hidden(root)
        _mark_layout(root)
        text = root.text_content()
    except (etree.LxmlError, ValueError, TypeError):
        return _tidy(_TAG.sub(" ", html))
    text = _LINE_BREAKS.sub("\n", text)
    return _tidy(text.replace(_PARAGRAPH_MARK, "\n\n"))


def _parse_html(html: str):
    # Bytes with an explicit encoding: a <meta charset> in hostile mail cannot re-decode it.
    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    data = html.encode("utf-8", "replace")
    return lxml_html.document_fromstring(data, parser=parser)


def _drop_hidden(root) -> None:
    doomed = list(root.iter(*_DROP))
    # Preheaders hidden with display:none are marketing copy, not the message.
    doomed += [
        el
        for el in root.iter()
        if "display:none" in (el.get("style") or "").replace(" ", "").lower()
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _mark_layout(root) -> None:
    for element in root.iter(*_BLOCKS):
        mark = _PARAGRAPH_MARK if element.tag in _PARAGRAPHS else "\n"
        element.tail = mark + (element.tail or "")
        if element.tag != "br":
            element.text = mark + (element.text or "")
    for link in root.iter("a"):
        # Posting URLs in links ("View job") are evidence correlation can use.
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")) and href not in link.text_content():
            link.tail = f" ({href[:500]})" + (link.tail or "")


def _tidy(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- Replies ---------------------------------------------------------------------------------
def strip_quoted(text: str) -> str:
    """The new part of a reply: without quoted older mail and without the signature."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    if not _QUOTE_TRIGGER.search("\n" + text):
        return text.strip()
    lines = text.split("\n")
    kept: list[str] = []
    has_content = False  # tracked, not recomputed: 1 MB of blank lines must stay linear
    skipping_forward_header = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            skipping_forward_header = False
            continue
        if skipping_forward_header:
            if stripped.lower().startswith(_HEADER_LINES):
                continue
            skipping_forward_header = False
        if _is_forward_marker(stripped) or (
            not has_content and _is_from_block(lines, index, stripped)
        ):
            # A forward's quoted mail is the message itself; drop only its header lines.
            skipping_forward_header = True
            continue
        if _starts_quote(lines, index, stripped):
            break
        if has_content and _is_signature(line, stripped):
            break
        if not stripped.startswith(">"):
            kept.append(line)
            has_content = has_content or bool(stripped)
    return _trim_separators(kept)


def _starts_quote(lines: list[str], index: int, stripped: str) -> bool:
    if not stripped or len(stripped) > MAX_HEADER_LINE:
        return False
    lower = stripped.lower()
    if lower.startswith("-") and any(m in lower for m in _ORIGINAL_MESSAGE):
        return True
    if lower.startswith(("on ", "am ", "le ")):
        # Mail clients wrap long attributions over two or three lines.
        joined = _join_following(lines, index, lower, 2)
        if lower.startswith("on "):
            return joined.endswith(("wrote:", "wrote :", "writes:"))
        if lower.startswith("am "):
            return "schrieb" in joined and joined.endswith(":")
        return joined.endswith(("a écrit :", "a écrit:"))
    return _is_from_block(lines, index, stripped)


def _is_from_block(lines: list[str], index: int, stripped: str) -> bool:
    """An Outlook-style header: "From: …" followed within a few lines by "Sent: …"."""
    if len(stripped) > MAX_HEADER_LINE or not stripped.lower().startswith(_FROM_LINES):
        return False
    following = lines[index + 1 : index + 1 + HEADER_LOOKAHEAD]
    return any(line.strip().lower().startswith(_SENT_LINES) for line in following)


def _join_following(lines: list[str], index: int, first: str, extra: int) -> str:
    joined = first
    for line in lines[index + 1 : index + 1 + extra]:
        if joined.endswith(":") or len(joined) > MAX_HEADER_LINE:
            break
        joined = f"{joined} {line.strip().lower()}"
    return joined.rstrip()


def _is_forward_marker(stripped: str) -> bool:
    if len(stripped) > MAX_HEADER_LINE:
        return False
    lower = stripped.lower()
    return (lower.startswith("-") or lower.startswith("begin")) and any(
        m in lower for m in _FORWARD_MARKERS
    )


def _is_signature(line: str, stripped: str) -> bool:
    if line.rstrip("\r") in ("-- ", "--"):
        return True
    return len(stripped) < 80 and stripped.lower().startswith(_MOBILE_FOOTERS)


def _trim_separators(kept: list[str]) -> str:
    # Outlook puts a row of underscores above the quoted header; it is not content.
    while kept and not kept[-1].strip(" \t_-=*"):
        kept.pop()
    return "\n".join(kept).strip()
