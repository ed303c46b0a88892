"""Email text helpers: HTML to plain text, and cutting quoted replies and signatures.

Everything here is linear in the input and bounded in size: email is hostile input.
"""

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

MAX_HTML = 2_000_000
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
           "ol", "blockquote", "section", "article", "header", "footer", "hr"}  # fmt: skip
_DROP = ("script", "style", "head", "title", "noscript", "template", "svg")

# A reply's quoted part starts at one of these lines; everything below is older mail.
_QUOTE_HEADERS = re.compile(
    r"^(?:On .{1,300}wrote:\s*$"
    r"|Am .{1,300}schrieb .{0,200}:\s*$"
    r"|-{2,} ?(?:Original Message|Ursprüngliche Nachricht|Forwarded message|Weitergeleitete Nachricht) ?-{2,}"  # noqa: E501
    r"|From: .{1,300}$(?=\n(?:Sent|Date|Gesendet): )"
    r"|Von: .{1,300}$(?=\n(?:Gesendet|Datum): ))",
    re.MULTILINE | re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:-- ?|Sent from my \w+.*|Von meinem \w+ gesendet.*|Get Outlook for \w+.*)$",
    re.MULTILINE,
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Readable text of an HTML email; nothing is executed or fetched."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml_html.fromstring(html[:MAX_HTML])
    except (ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]{0,2000}>", " ", html[:MAX_HTML]))
    for element in root.iter(*_DROP):
        element.drop_tree() if element.getparent() is not None else element.clear()
    chunks: list[str] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            chunks.append("\n")
        if element.text and tag not in _DROP:
            chunks.append(element.text)
        if tag == "a" and element.get("href", "").startswith("http"):
            chunks.append(f" ({element.get('href')[:500]})")
        if element.tail:
            chunks.append(element.tail)
    return _tidy("".join(chunks))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def strip_quoted(text: str) -> str:
    """The new part of a reply: without quoted older mail and without the signature."""
    if not text:
        return ""
    found = _QUOTE_HEADERS.search(text)
    if found:
        text = text[: found.start()]
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    text = "\n".join(lines)
    found = _SIGNATURE.search(text)
    if found and found.start() > 0:
        text = text[: found.start()]
    return text.strip()
