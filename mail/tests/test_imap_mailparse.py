"""parse_message: hostile or broken mail never raises, and costs bounded time."""

import random
import time
from email.message import EmailMessage

import pytest

from mail.mailparse import parse_message
from testkit.imap_server import make_message


def headers(*lines: str, body: str = "body") -> bytes:
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


@pytest.mark.parametrize(
    ("header", "bulk"),
    [
        ("List-Unsubscribe: <mailto:u@news.example>", True),
        ("List-Id: Jobs <jobs.example.com>", True),
        ("Precedence: bulk", True),
        ("Precedence: junk", True),
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: auto-replied", True),
        ("Auto-Submitted: no", False),
        ("Precedence: first-class", False),
        ("X-Other: 1", False),
    ],
)
def test_bulk_mail_is_recognised_by_its_headers(header, bulk):
    assert parse_message(headers("From: a@b.c", header)).is_bulk is bulk


def test_ids_addresses_and_subject_are_normalised():
    parsed = parse_message(
        headers(
            "From: =?utf-8?Q?J=C3=B6rg_M=C3=BCller?= <Joerg.Mueller@Example.COM>",
            "To: Alice <alice@example.com>, bob@example.com",
            "Cc: carol@example.com",
            "Message-ID: <abc@mail.example.com>",
            "In-Reply-To: <parent@x>",
            "References: <root@x>\r\n <parent@x>",
            "Subject: A subject\r\n folded over\r\n\tthree lines",
            "List-Id: Jobs <jobs.example.com>",
        )
    )
    assert parsed.message_id == "abc@mail.example.com" and parsed.in_reply_to == "parent@x"
    assert parsed.references == "root@x parent@x"
    assert (
        parsed.sender_email == "joerg.mueller@example.com" and parsed.sender_name == "Jörg Müller"
    )
    assert parsed.recipients == "alice@example.com, bob@example.com, carol@example.com"
    assert parsed.subject == "A subject folded over three lines"
    assert parsed.list_id == "Jobs <jobs.example.com>"


def test_subject_is_cut_to_1000_characters():
    assert len(parse_message(headers("Subject: " + "x" * 5000)).subject) == 1000


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Mon, 3 Mar 2025 10:00:00 +0100", "2025-03-03T10:00:00+01:00"),
        ("Mon, 3 Mar 2025 10:00:00 -0000", "2025-03-03T10:00:00+00:00"),  # zone unknown: UTC
        ("Mon, 3 Mar 2025 10:00:00", "2025-03-03T10:00:00+00:00"),
        ("yesterday", None),
        ("Mon, 1 Jan 1900 00:00:00 +0000", None),
        ("", None),
    ],
)
def test_sent_at_is_aware_or_none(date, expected):
    sent_at = parse_message(headers(f"Date: {date}")).sent_at
    assert (sent_at.isoformat() if sent_at else None) == expected


def test_html_only_mail_is_read_as_text():
    msg = EmailMessage()
    msg["Subject"] = "Interview"
    msg.set_content("<p>Hello <b>Alice</b></p><script>alert(1)</script>", subtype="html")
    text = parse_message(msg.as_bytes()).text
    assert "Hello Alice" in text and "<" not in text and "alert" not in text


def test_plain_text_is_preferred_over_html():
    msg = EmailMessage()
    msg.set_content("plain version")
    msg.add_alternative("<p>html version</p>", subtype="html")
    assert parse_message(msg.as_bytes()).text.strip() == "plain version"


def test_text_is_cut_and_size_is_the_raw_length():
    raw = make_message("Long", "word " * 10_000)
    parsed = parse_message(raw, max_text_chars=500)
    assert len(parsed.text) == 500 and parsed.size == len(raw)


def test_attachments_are_listed_not_kept():
    msg = EmailMessage()
    msg.set_content("see attached")
    msg.add_attachment(b"%PDF" * 1000, maintype="application", subtype="pdf", filename="cv.pdf")
    msg.add_attachment("a,b\n1,2\n", subtype="csv", filename="=?utf-8?Q?d=C3=A4ten.csv?=")
    parsed = parse_message(msg.as_bytes())
    assert parsed.text.strip() == "see attached"
    assert parsed.attachments == [
        {"filename": "cv.pdf", "content_type": "application/pdf", "size": 4000},
        {"filename": "däten.csv", "content_type": "text/csv", "size": 8},
    ]


def test_a_message_with_thousands_of_parts_is_bounded():
    parts = "".join(
        f"--b\r\nContent-Type: image/png; name=p{n}.png\r\n\r\nxx\r\n" for n in range(20_000)
    )
    raw = headers('Content-Type: multipart/mixed; boundary="b"', body=parts + "--b--\r\n")
    started = time.process_time()  # CPU time: a busy machine must not fail it
    parsed = parse_message(raw)
    assert len(parsed.attachments) <= 200 and time.process_time() - started < 5


def test_garbage_never_raises():
    rng = random.Random(1)
    valid = make_message("Valid", "body äöü")
    samples = [b"", b"\x00" * 100, b"\r\n" * 50, b"From: \r\n\r\n", b"Content-Type: multipart/"]
    for _ in range(300):
        mutated = bytearray(valid)
        for _ in range(rng.randint(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        samples.append(bytes(mutated))
        samples.append(bytes(rng.randrange(256) for _ in range(rng.randint(0, 400))))
    for raw in samples:
        parsed = parse_message(raw)
        assert parsed.size == len(raw) and "\x00" not in parsed.text + parsed.subject
