"""Hostile mail: the parser and the classifier never raise, stay bounded, and finish.

test_imap_mailparse.py covers random byte flips and 20,000 flat parts; test_classify.py
covers arbitrary text up to 3,000 characters and a megabyte of a few pathological shapes.
Here: arbitrary bytes and generated MIME (broken headers, bogus charsets and transfer
encodings, encoded-words), header injection, deep nesting, 5 MB inputs, and classifier text
built from real phrases, hedges and quote markers.
"""

import multiprocessing
import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mail.classify import MAX_REASONS, classify_email
from mail.mailparse import MAX_ATTACHMENTS, ParsedEmail, parse_message
from mail.models import Label

pytestmark = pytest.mark.slow  # fuzzing: CI runs it once (the PostgreSQL pass)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CPU seconds, not wall time: a busy machine (CI, parallel workers) must not fail these; they
# only catch runaway (super-linear) parsing, which burns CPU however loaded the machine is.
BOUND = 10.0
MB5 = 5_000_000
LABELS = {str(label) for label in Label}

# Field: longest value the database column (or our own cap) takes.
LIMITS = {"message_id": 998, "in_reply_to": 998, "references": 10_000, "sender": 500,
          "sender_email": 320, "sender_name": 300, "recipients": 5000, "subject": 1000,
          "list_id": 500}  # fmt: skip
SINGLE_LINE = ("message_id", "in_reply_to", "sender_email", "subject", "list_id")


def assert_storable(parsed: ParsedEmail, raw: bytes, max_text: int = 200_000) -> None:
    """What the sync stores: bounded, UTF-8 encodable, no NUL (PostgreSQL refuses it)."""
    assert parsed.size == len(raw)
    for name, limit in LIMITS.items():
        value = getattr(parsed, name)
        assert isinstance(value, str) and len(value) <= limit, name
    for name in (*LIMITS, "text"):
        value = getattr(parsed, name)
        assert "\x00" not in value, name
        value.encode("utf-8")  # a lone surrogate raises here, and in the database driver
    for name in SINGLE_LINE:
        assert "\r" not in getattr(parsed, name) and "\n" not in getattr(parsed, name), name
    assert len(parsed.text) <= max_text
    assert parsed.sent_at is None or (
        isinstance(parsed.sent_at, datetime) and parsed.sent_at.tzinfo is not None
    )
    assert len(parsed.attachments) <= MAX_ATTACHMENTS
    for attachment in parsed.attachments:
        assert set(attachment) == {"filename", "content_type", "size"}
        assert len(attachment["filename"]) <= 255 and len(attachment["content_type"]) <= 100
        assert attachment["size"] >= 0


def assert_classification(result) -> None:
    assert result.label in LABELS
    assert 0 <= result.confidence <= 1
    assert len(result.reasons) <= MAX_REASONS
    assert all(isinstance(r, str) and len(r) <= 700 for r in result.reasons)


def _parse_in_child(raw: bytes, seconds: float = BOUND) -> ParsedEmail | None:
    """parse_message in a forked process, killed after `seconds`: None when it ran over."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(parse_message, (raw,))
        try:
            return pending.get(seconds)
        except multiprocessing.TimeoutError:
            return None


# --- Generated mail ----------------------------------------------------------------------------
HOSTILE_CHARS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"])
ATOMS = st.sampled_from([
    "\r\n", "\r\n ", "\n", "\r", "\x00", "=?", "?=", "=?utf-8?q?", "=?utf-8?b?", "=?x-bogus?q?",
    "=0D=0A", "=00", "<", ">", "@", '"', "\\", ";", ",", ":", "(", ")", "--", "boundary=",
    "charset=", "ä", "\u202e", "\ufffd", "\udcff", "name=", "Bcc: evil@example.com",
])  # fmt: skip
HEADER_VALUE = st.lists(st.one_of(ATOMS, st.text(HOSTILE_CHARS, max_size=20)), max_size=12).map(
    "".join
)
HEADER_NAMES = st.sampled_from([
    "From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "Date", "List-Id",
    "List-Unsubscribe", "Precedence", "Auto-Submitted", "Content-Type",
    "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version", "X-Junk",
])  # fmt: skip
CHARSETS = [
    "utf-8", "us-ascii", "latin-1", "x-unknown", "utf-7", "undefined", "idna", "punycode",
    "rot13", "base64", "hex", "zlib", "uu", "utf-16", "utf-32", "unicode_escape", "mbcs", "",
    "\x00", "utf-8\r\nX-Injected: 1", "../../etc/passwd", "a" * 300,
]  # fmt: skip
ENCODINGS = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "bogus", ""]
SUBTYPES = ["plain", "html", "mixed", "alternative", "related", "rfc822", "png", "pdf"]


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@st.composite
def mime_part(draw, depth: int = 0) -> bytes:
    headers = [f"{name}: {value}" for name, value in draw(
        st.lists(st.tuples(HEADER_NAMES, HEADER_VALUE), max_size=6))]  # fmt: skip
    main = "multipart" if depth < 3 and draw(st.booleans()) else draw(
        st.sampled_from(["text", "application", "message", "image"]))  # fmt: skip
    boundary = draw(st.sampled_from(["b", "", "--", "b" * 80, "ä", "b\r\n"]))
    charset = draw(st.sampled_from(CHARSETS))
    headers.append(
        f'Content-Type: {main}/{draw(st.sampled_from(SUBTYPES))}; charset="{charset}"; '
        f'boundary="{boundary}"'
    )
    headers.append(f"Content-Transfer-Encoding: {draw(st.sampled_from(ENCODINGS))}")
    head = _encode("\r\n".join(headers)) + b"\r\n\r\n"
    if main != "multipart":
        return head + draw(st.one_of(st.binary(max_size=300), HEADER_VALUE.map(_encode)))
    children = draw(st.lists(mime_part(depth + 1), max_size=3))
    sep = _encode(f"\r\n--{boundary}\r\n")
    closing = _encode(f"\r\n--{boundary}--\r\n") if draw(st.booleans()) else b""
    return head + b"".join(sep + child for child in children) + closing


@FUZZ
@given(st.binary(max_size=5000))
def test_arbitrary_bytes_parse_into_storable_fields(raw):
    assert_storable(parse_message(raw), raw)


@FUZZ
@given(mime_part(), st.integers(min_value=0, max_value=300))
def test_generated_broken_mime_parses_into_storable_fields(raw, max_text):
    assert_storable(parse_message(raw, max_text), raw, max_text)


@FUZZ
@given(mime_part(), st.integers(min_value=1, max_value=5000))
def test_a_message_cut_anywhere_still_parses(raw, cut):
    """A capped IMAP fetch hands over the first bytes only; the size stays the whole one."""
    parsed = parse_message(raw[:cut], full_size=len(raw) + cut)
    assert parsed.size == len(raw) + cut


@FUZZ
@given(HEADER_VALUE, HEADER_VALUE)
def test_injected_line_breaks_stay_inside_their_header(subject, name):
    raw = _encode(
        f"From: {name} <jobs@acme.example>\r\nSubject: {subject}\r\nMessage-ID: <m@x>\r\n\r\nHi"
    )
    parsed = parse_message(raw)
    assert_storable(parsed, raw)


@pytest.mark.parametrize(
    "header",
    [
        "Subject: =?utf-8?q?Hello=0D=0ABcc:_evil@example.com?=",
        "Subject: =?utf-8?b?SGVsbG8NCkJjYzogZXZpbEBleGFtcGxlLmNvbQ==?=",
        "Subject: Hello\r\n Bcc: evil@example.com",
        "From: =?utf-8?q?Evil=0D=0ABcc:_x?= <evil@example.com>",
        "From: =?utf-8?q?Evil=0D=0ABcc:_x?=",
        "From: Evil\r\n Bcc: x",
    ],
)
def test_encoded_line_breaks_do_not_split_a_header(header):
    raw = _encode(f"{header}\r\nMessage-ID: <m@x>\r\nTo: a@example.com\r\n\r\nbody")
    parsed = parse_message(raw)
    assert_storable(parsed, raw)
    for value in (parsed.subject, parsed.sender, parsed.sender_name):
        assert "\n" not in value and "\r" not in value
    assert parsed.recipients == "a@example.com" and parsed.message_id == "m@x"


BOGUS_CHARSETS = [
    "x-unknown", "undefined", "idna", "rot13", "base64", "hex", "zlib", "uu", "mbcs", "",
    "../../etc/passwd", "a" * 300,
    "\x00",
]  # fmt: skip


@pytest.mark.parametrize("charset", BOGUS_CHARSETS)
def test_a_bogus_charset_costs_only_its_own_part(charset):
    raw = _encode(
        "From: Acme <jobs@acme.example>\r\nMessage-ID: <m@x>\r\n"
        f"Subject: =?{charset}?q?Interview?= invitation\r\n"
        'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        f'--b\r\nContent-Type: text/plain; charset="{charset}"\r\n\r\nPlease pick a time.\r\n'
        "--b--\r\n"
    )
    parsed = parse_message(raw)
    assert_storable(parsed, raw)
    assert parsed.message_id == "m@x" and parsed.sender_email == "jobs@acme.example"
    assert "invitation" in parsed.subject and "pick a time" in parsed.text


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "utf-7", "punycode"])
def test_a_misleading_charset_gives_garbage_text_but_keeps_the_headers(charset):
    raw = _encode(
        f"From: a@example.com\r\nMessage-ID: <m@x>\r\nSubject: =?{charset}?q?Hi?= there\r\n"
        f'Content-Type: text/plain; charset="{charset}"\r\n\r\nPlease pick a time.\r\n'
    )
    parsed = parse_message(raw)
    assert_storable(parsed, raw)
    assert parsed.message_id == "m@x" and "there" in parsed.subject


@pytest.mark.parametrize(
    "depth",
    [
        20,
        200,
        2000,
    ],
)  # fmt: skip
def test_deeply_nested_multipart_is_bounded(depth):
    opening = "".join(
        f'--b{n}\r\nContent-Type: multipart/mixed; boundary="b{n + 1}"\r\n\r\n'
        for n in range(depth)
    )
    closing = "".join(f"\r\n--b{n}--\r\n" for n in reversed(range(depth)))
    raw = _encode(
        'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n'
        f"{opening}--b{depth}\r\nContent-Type: text/plain\r\n\r\ndeep text{closing}"
    )
    started = time.process_time()
    parsed = parse_message(raw)
    assert time.process_time() - started < BOUND
    assert_storable(parsed, raw)
    assert parsed.sender_email == "a@example.com"
    if depth <= 20:
        assert parsed.text.strip() == "deep text"


def test_a_5_mb_base64_attachment_is_measured_not_decoded():
    payload = b"QUJD" * (MB5 // 4)  # "ABC" repeated: 3.75 MB decoded
    lines = b"\r\n".join(payload[i : i + 76] for i in range(0, len(payload), 76))
    raw = (
        b'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nCV attached\r\n"
        b"--b\r\nContent-Type: application/pdf; name=cv.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + lines + b"\r\n--b--\r\n"
    )
    started = time.process_time()
    parsed = parse_message(raw, max_bytes=len(raw))
    assert time.process_time() - started < BOUND
    assert parsed.text.strip() == "CV attached"
    assert parsed.attachments[0]["filename"] == "cv.pdf"
    assert abs(parsed.attachments[0]["size"] - len(payload) * 3 // 4) < 1000


def test_a_5_mb_base64_text_part_is_cut_to_the_text_limit():
    raw = (
        b"From: a@example.com\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + b"w6TDtsO8" * (MB5 // 8)
    )
    started = time.process_time()
    parsed = parse_message(raw, 50_000, max_bytes=len(raw))
    assert time.process_time() - started < BOUND
    assert len(parsed.text) == 50_000 and set(parsed.text) == {"ä", "ö", "ü"}


@pytest.mark.parametrize(
    "tail",
    [
        "",
        "w6",
        "w6T",
        "w",
    ],
)  # fmt: skip
def test_a_base64_text_part_cut_by_the_fetch_cap_is_still_decoded(tail):
    raw = b"From: a@example.com\r\nContent-Transfer-Encoding: base64\r\n\r\n" + (
        b"w6TDtsO8" * 10 + tail.encode()
    )
    parsed = parse_message(raw, full_size=len(raw) + 1000)
    assert parsed.text.startswith("äöü" * 10)


BODY_BOMBS = {
    "one long line": b"a" * MB5,
    "boundary lines": b"--b\r\n" * (MB5 // 5),
    "blank lines": b"\r\n" * (MB5 // 2),
    "bare CRs": b"\r" * MB5,
    "NULs": b"\x00" * MB5,
    "soft line breaks": b"=\r\n" * (MB5 // 3),
    "angle brackets": b"<" * MB5,
    "nested divs": b"<div>" * (MB5 // 5),
}


@pytest.mark.parametrize("body", BODY_BOMBS.values(), ids=BODY_BOMBS.keys())
@pytest.mark.parametrize("kind", ["text/plain", "text/html", 'multipart/mixed; boundary="b"'])
def test_5_mb_pathological_body_finishes(body, kind):
    raw = (
        f"From: a@example.com\r\nSubject: s\r\nContent-Type: {kind}\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode() + body
    started = time.process_time()
    parsed = parse_message(raw)
    assert time.process_time() - started < BOUND
    assert_storable(parsed, raw)


HEADER_BOMBS = {
    "many headers": b"From: a@example.com\r\n" + b"X-A: b\r\n" * (MB5 // 8),
    "long Date": b"From: a@example.com\r\nDate: " + b"1 " * (MB5 // 2) + b"\r\n",
    "long Message-ID": b"From: a@example.com\r\nMessage-ID: " + b"<" * MB5 + b"\r\n",
}
# Each of these took CPython's header parser (email.policy.default) minutes or more, before
# header values were cut ahead of it (mailparse.MAX_HEADER_CHARS).
SLOW_HEADER_BOMBS = {
    "folded Subject": b"From: a@example.com\r\nSubject: x\r\n" + b" a\r\n" * (MB5 // 4),
    "quotes in From": b"From: " + b'"' * MB5 + b"\r\n",
    "Content-Type parameters": b"From: a@example.com\r\nContent-Type: text/plain; "
    + b"a=b; " * (MB5 // 5)
    + b"\r\n",
}


@pytest.mark.parametrize(
    "headers",
    [
        *(pytest.param(v, id=k) for k, v in HEADER_BOMBS.items()),
        *(pytest.param(v, id=k) for k, v in SLOW_HEADER_BOMBS.items()),
    ],
)
def test_5_mb_pathological_headers_finish(headers):
    raw = headers + b"\r\nbody"
    parsed = _parse_in_child(raw)
    assert parsed is not None, f"parsing took more than {BOUND:g} s"
    assert_storable(parsed, raw)


# --- The classifier ----------------------------------------------------------------------------
PHRASE_BITS = st.sampled_from([
    "unfortunately", "we regret to inform you", "we have decided not to move forward",
    "you have decided", "thank you for applying", "we received your application",
    "interview", "schedule a call", "coding challenge", "assessment", "offer letter",
    "we are pleased to offer", "leider", "wir freuen uns", "vorstellungsgespräch", "if", "once",
    "should you", "we will contact", "job alert", "newsletter", "unsubscribe", ".", "!", "?",
    ";", "\n>", "\nOn Mon, Jan 1 wrote:\n", "\n-- \n", "\nFrom: x\nSent: y\n", "&amp;", "&#",
    "\u2019", "İ", "ß", "\u0301", "\u202e", "\ufeff", "\x00",
])  # fmt: skip
CLASSIFIER_TEXT = st.one_of(
    st.text(max_size=5000),
    st.lists(st.one_of(PHRASE_BITS, st.text(max_size=10)), max_size=200).map(" ".join),
)
SENDERS = st.one_of(
    st.none(),
    st.text(max_size=300),
    st.tuples(st.text(max_size=30), st.sampled_from(
        ["greenhouse.io", "linkedin.com", "jobalerts-noreply@linkedin.com", "acme.example",
         "", "<", "@", "glassdoor.com"])).map(lambda t: f"{t[0]} <{t[0]}@{t[1]}>"),
)  # fmt: skip


@FUZZ
@given(CLASSIFIER_TEXT, CLASSIFIER_TEXT, SENDERS, st.booleans())
def test_classifier_answers_a_known_label_on_any_text(subject, text, sender, bulk):
    assert_classification(classify_email(subject, sender, text, list_headers=bulk))


CLASSIFIER_BOMBS = {
    "a space": "a " * 200_000,
    "one letter": "a" * MB5,
    "dotless I": "İ" * 500_000,  # lower-casing makes it longer
    "combining accents": "e" + "\u0301" * 500_000,
    "right-to-left": "\u202e" * 500_000,
    "hedges then a decision": "if " * 200_000 + "we have decided not to move forward",
    "phrase prefixes": "we regret to " * 200_000,
    "sentence ends": ". " * 500_000,
    "quote markers": "\n>" * 500_000,
    "entities": "&amp;" * 500_000,
    "unclosed entity": "&#" * 500_000,
}


@pytest.mark.parametrize("text", CLASSIFIER_BOMBS.values(), ids=CLASSIFIER_BOMBS.keys())
def test_classifier_finishes_pathological_input(text):
    started = time.process_time()
    result = classify_email(text, text, text, list_headers=True)
    result_without = classify_email(text, None, text)
    assert time.process_time() - started < BOUND
    assert_classification(result)
    assert_classification(result_without)
