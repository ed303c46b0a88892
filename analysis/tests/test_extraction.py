"""Resume text from real PDF, DOCX and text files made here; clear errors for the rest."""

import pytest
from django.test import override_settings

from analysis.extraction import ExtractionError, extract_text

from .factories import docx_with_text, pdf_with_text, pdf_without_text


def test_text_is_read_from_a_pdf():
    data = pdf_with_text(["Jane Doe (Backend Engineer)", "Python, Django and k8s at Northwind"])
    kind, text = extract_text("cv.pdf", data)
    assert kind == "pdf"
    assert "Jane Doe (Backend Engineer)" in text and "k8s at Northwind" in text


def test_text_is_read_from_a_docx_including_tables():
    data = docx_with_text(["Jane Doe", "Python developer with Postgres and Go experience"])
    kind, text = extract_text("cv.docx", data)
    assert kind == "docx"
    assert "Python developer with Postgres" in text and "Terraform, Kafka" in text


def test_plain_text_in_utf8_or_windows_1252_is_read():
    line = "Zürich — Python engineer with ten years of backend work"
    assert extract_text("cv.txt", line.encode())[1] == line
    assert extract_text("cv.md", line.encode("cp1252"))[1] == line


def test_a_pdf_without_text_says_it_is_probably_a_scan():
    with pytest.raises(ExtractionError, match="probably a scan"):
        extract_text("scan.pdf", pdf_without_text())


def test_a_damaged_pdf_is_refused_clearly():
    with pytest.raises(ExtractionError, match="could not be read|probably a scan"):
        extract_text("cv.pdf", b"%PDF-1.4\n garbage without objects")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("cv.rtf", b"{\\rtf1 Jane Doe, Python engineer with many years of experience}"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_wrong_file_types_are_refused_with_a_reason(name, data):
    with pytest.raises(ExtractionError, match="Only PDF, DOCX and plain-text"):
        extract_text(name, data)


def test_empty_and_oversize_files_are_refused():
    with pytest.raises(ExtractionError, match="empty"):
        extract_text("cv.txt", b"")
    with (
        override_settings(RESUME_MAX_BYTES=1000),
        pytest.raises(ExtractionError, match="up to 1 KB can be uploaded"),
    ):
        extract_text("cv.txt", b"x" * 1001)
    with pytest.raises(ExtractionError, match="almost no text"):
        extract_text("cv.txt", b"hi")
