"""Raw RFC 822 bytes → the fields we store. Never raises: mail is hostile and often broken.

Only text/plain and text/html parts are decoded; attachments are listed (name, type,
estimated size), never kept. Unknown charsets fall back to UTF-8 with replacement characters.
Only the first `max_bytes` are parsed, so a 20 MB attachment costs bounded time and memory;
the stored size is still the whole message's.
"""

import base64
import binascii
import email
import email.header
import email.parser
import email.policy
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from .mailtext import html_to_text

logger = logging.getLogger(__name__)

MAX_PARSE_BYTES = 5_000_000
MAX_PARTS = 200  # a message with thousands of MIME parts is a bomb, not mail
# policy.default parses each part's headers slowly (~0.3 ms): parse no further than this
# many lines that could start a part.
MAX_BOUNDARY_LINES = 1000
MAX_ATTACHMENTS = 100
# CPython's structured header parser is super-linear (25 KB of quotes in a From: 20 s): each
# value is cut before it runs. References are read raw (ids only), so they may be longer.
MAX_HEADER_CHARS = 4_000
MAX_REFERENCES_CHARS = 20_000
_ID = re.compile(r"<([^<>\s]{1,900})>")
_SPACE = re.compile(r"\s+")


class _BoundedPolicy(email.policy.EmailPolicy):
    def header_fetch_parse(self, name, value):
        return super().header_fetch_parse(name, value[:MAX_HEADER_CHARS])


POLICY = _BoundedPolicy()


@dataclass
class ParsedEmail:
    message_id: str = ""
    in_reply_to: str = ""
    references: str = ""
    sender: str = ""
    sender_email: str = ""
    sender_name: str = ""
    recipients: str = ""
    subject: str = ""
    sent_at: datetime | None = None
    text: str = ""
    list_id: str = ""
    is_bulk: bool = False
    size: int = 0
    attachments: list[dict] = field(default_factory=list)


def parse_message(
    raw: bytes,
    max_text_chars: int = 200_000,
    *,
    full_size: int | None = None,
    max_bytes: int = MAX_PARSE_BYTES,
) -> ParsedEmail:
    """`full_size`: the message's size when `raw` is only its first bytes (a capped fetch)."""
    size = max(full_size or 0, len(raw))
    parsed = ParsedEmail(size=size)
    data = _bounded(raw, max_bytes)
    try:
        msg = email.message_from_bytes(data, policy=POLICY)
        _fill_headers(parsed, msg)
        parsed.text, parsed.attachments = _body(msg, max_text_chars, cut=size - len(data))
    except Exception:  # the stdlib parser is lenient, but a bug in it must not stop a sync
        logger.warning("unparsable message size=%s", size, exc_info=True)
        if not (parsed.message_id or parsed.sender):  # at least the headers, parsed alone
            try:
                _fill_headers(
                    parsed, email.parser.BytesHeaderParser(policy=POLICY).parsebytes(data)
                )
            except Exception:
                logger.warning("unparsable headers size=%s", size, exc_info=True)
    return parsed


def _bounded(raw: bytes, max_bytes: int) -> bytes:
    """The first max_bytes, cut before the MAX_BOUNDARY_LINES-th line starting with "--"."""
    data, position = raw[:max_bytes], -1
    for _ in range(MAX_BOUNDARY_LINES):
        position = data.find(b"\n--", position + 1)
        if position < 0:
            return data
    return data[:position]


def _fill_headers(parsed: ParsedEmail, msg: Message) -> None:
    parsed.message_id = _first_id(_header(msg, "Message-ID"))
    parsed.in_reply_to = _first_id(_header(msg, "In-Reply-To"))
    references = _raw_value(msg, "References")[:MAX_REFERENCES_CHARS]
    parsed.references = " ".join(_ID.findall(references))[:10_000]
    parsed.sender = _header(msg, "From")[:500]
    if "@" not in parsed.sender:  # the policy drops what it cannot parse; keep the raw text
        raw_from = _SPACE.sub(" ", _decode_raw_header(msg, "From")).strip()
        parsed.sender = _clean(raw_from)[:500] or parsed.sender
    name, address = parseaddr(parsed.sender)
    parsed.sender_name, parsed.sender_email = name[:300], address.lower()[:320]
    addresses = getaddresses([_header(msg, "To"), _header(msg, "Cc")])
    parsed.recipients = ", ".join(a for _, a in addresses if a)[:5000]
    parsed.subject = _header(msg, "Subject")[:1000]
    parsed.sent_at = _date(_header(msg, "Date"))
    parsed.list_id = _header(msg, "List-Id")[:500]
    parsed.is_bulk = _is_bulk(msg)


def _header(msg: Message, name: str) -> str:
    """Decoded, single-line header value; "" when absent."""
    try:
        value = msg.get(name)
        text = "" if value is None else str(value)
    except Exception:  # a header the policy chokes on: decode the raw value ourselves
        text = "\ufffd"
    if "\ufffd" in text:
        # Raw 8-bit bytes (often Latin-1) or a broken encoded-word: try the raw value.
        text = _decode_raw_header(msg, name) or text
    return _clean(_SPACE.sub(" ", text).strip())


def _raw_value(msg: Message, name: str) -> str:
    raw = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), None)
    return "" if raw is None else str(raw)


def _decode_raw_header(msg: Message, name: str) -> str:
    raw = _raw_value(msg, name)[:MAX_HEADER_CHARS]
    if not raw:
        return ""
    data = raw.encode("ascii", "surrogateescape")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    try:
        words = email.header.decode_header(text)
    except Exception:
        return text
    return "".join(_decode_word(word, charset) for word, charset in words)


def _decode_word(word: bytes | str, charset: str | None) -> str:
    if isinstance(word, str):
        return word
    if charset is None:  # the text between encoded-words, as decode_header hands it back
        return word.decode("raw-unicode-escape", "replace")
    try:
        return word.decode(charset, "replace")
    except (LookupError, ValueError, TypeError):  # unknown or absurd charset: UTF-8 is best
        return word.decode("utf-8", "replace")


def _clean(text: str) -> str:
    """Text the database accepts: no NUL (PostgreSQL refuses it), no lone surrogates."""
    text = text.replace("\x00", "")
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _first_id(value: str) -> str:
    found = _ID.search(value)
    return found.group(1) if found else value.strip("<> ")[:900]


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.year < 1970:  # 1900 and 0001 come from broken clients, never from a real date
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _is_bulk(msg: Message) -> bool:
    precedence = _header(msg, "Precedence").lower()
    auto_submitted = _header(msg, "Auto-Submitted").lower()
    return bool(
        _header(msg, "List-Unsubscribe")
        or _header(msg, "List-Id")
        or precedence in ("bulk", "list", "junk")
        or (auto_submitted and auto_submitted != "no")
    )


def _leaves(msg: Message):
    """Non-multipart parts, depth first, at most MAX_PARTS of them."""
    stack, seen = [msg], 0
    while stack and seen < MAX_PARTS:
        part = stack.pop()
        seen += 1
        if part.is_multipart() and not _is_attachment(part):
            payload = part.get_payload()
            stack.extend(reversed(payload if isinstance(payload, list) else []))
        else:
            yield part


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).lower()
    return disposition.startswith("attachment") or bool(part.get_param("name"))


def _body(msg: Message, max_chars: int, cut: int) -> tuple[str, list[dict]]:
    plain: list[str] = []
    html: list[str] = []
    attachments: list[dict] = []
    plain_chars = html_chars = 0
    last_was_attachment = False
    for part in _leaves(msg):
        kind = part.get_content_type()
        last_was_attachment = kind not in ("text/plain", "text/html") or _is_attachment(part)
        if last_was_attachment:
            if len(attachments) < MAX_ATTACHMENTS:
                attachments.append(_attachment(part, kind))
        elif kind == "text/plain" and plain_chars < max_chars:
            plain.append(_decode(part))
            plain_chars += len(plain[-1])
        elif kind == "text/html" and html_chars < max_chars * 4:
            html.append(_decode(part))
            html_chars += len(html[-1])
    if cut > 0 and attachments and last_was_attachment:
        # The bytes we did not parse are the rest of the last attachment, encoded like
        # the part we did parse.
        last = attachments[-1]
        last["size"] += cut * last["size"] // max(last.pop("_encoded", 1), 1)
    text = "\n\n".join(p for p in plain if p.strip())
    if not text.strip() and html:
        text = html_to_text("\n".join(html)[: max_chars * 4])
    for attachment in attachments:
        attachment.pop("_encoded", None)
    return _clean(text[:max_chars]), attachments


def _attachment(part: Message, kind: str) -> dict:
    try:
        filename = part.get_filename() or ""
    except Exception:
        filename = ""
    try:
        size, encoded = _estimated_size(part)
    except Exception:
        size = encoded = 0
    name = _clean(str(filename))[:255]
    return {"filename": name, "content_type": kind[:100], "size": size, "_encoded": encoded}


def _estimated_size(part: Message) -> tuple[int, int]:
    """(decoded size, encoded length), estimated without decoding megabytes."""
    payload = part.get_payload(decode=False)
    if isinstance(payload, list):  # an attached message (message/rfc822)
        size = sum(len(str(p)) for p in payload if isinstance(p, Message))
        return size, size
    if not isinstance(payload, str):
        return 0, 0
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        whitespace = payload.count("\n") + payload.count("\r") + payload.count(" ")
        padding = payload.rstrip()[-2:].count("=")
        return (len(payload) - whitespace) * 3 // 4 - padding, len(payload)
    return len(payload), len(payload)


def _decode(part: Message) -> str:
    try:
        payload = _payload_bytes(part)
    except Exception:
        return ""
    try:
        charset = part.get_content_charset() or "utf-8"
    except Exception:
        charset = "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except (LookupError, ValueError, TypeError):  # unknown or absurd charset: UTF-8 is best
        return payload.decode("utf-8", errors="replace")


def _payload_bytes(part: Message) -> bytes:
    """The decoded payload. Base64 cut mid-group by the fetch cap loses only the partial
    group (the stdlib would hand back the undecoded text)."""
    if str(part.get("Content-Transfer-Encoding", "")).strip().lower() == "base64":
        encoded = part.get_payload(decode=False)
        if isinstance(encoded, str):
            compact = "".join(encoded.split())
            try:
                return base64.b64decode(compact[: len(compact) - len(compact) % 4])
            except (binascii.Error, ValueError):
                pass
    return part.get_payload(decode=True) or b""
