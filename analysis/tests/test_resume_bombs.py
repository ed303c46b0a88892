"""Hostile resumes built here (zip bombs, shared-stream PDFs, pypdf limit hits, garbage) are
refused with a reason, by a child process that stays inside its caps, in bounded time."""

import dataclasses
import io
import time
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.extraction import (
    ExtractionError,
    ParseLimits,
    default_limits,
    extract_text,
    parse_in_child,
)
from analysis.models import Resume

from .factories import docx_with_text, pdf_with_text

MB = 1024 * 1024
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bomb(unpacked_bytes: int) -> bytes:
    """A real DOCX whose document.xml is `unpacked_bytes` of empty paragraphs, deflated."""
    source = zipfile.ZipFile(io.BytesIO(docx_with_text(["Jane Doe"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, source.read(info))
                continue
            with bomb.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(f"<w:document {_W}><w:body>".encode())
                block = b"<w:p/>" * (MB // 6)
                for _ in range(unpacked_bytes // len(block)):
                    member.write(block)
                member.write(b"</w:body></w:document>")
    return out.getvalue()


def pdf_sharing_one_stream(pages: int, stream_bytes: int) -> bytes:
    """`pages` pages whose /Contents all point at one Flate stream of `stream_bytes`."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Jane Doe) Tj ET " + b" " * stream_bytes, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)
    )
    objects += [page] * pages
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def unbounded(**overrides) -> ParseLimits:
    """Limits with the DOCX pre-checks and budgets off: only the process caps remain."""
    values = {
        "unpacked_bytes": 10**12,
        "max_ratio": 10**9,
        "max_elements": 10**12,
        "max_pages": 10**6,
        "stream_bytes": 10**10,
    }
    values.update(overrides)
    return dataclasses.replace(default_limits(), **values)


# --- DOCX ---------------------------------------------------------------------------------


def test_a_docx_bomb_is_refused_with_its_unpacked_size():
    bomb = docx_bomb(40 * MB)
    assert len(bomb) < MB
    with pytest.raises(ExtractionError, match=r"expands to 40\.\d MB; resumes are refused above"):
        extract_text("cv.docx", bomb)


def test_a_docx_compressed_far_beyond_a_real_document_is_refused():
    limits = dataclasses.replace(default_limits(), unpacked_bytes=100 * MB)
    with pytest.raises(ExtractionError, match="compressed .* to 1"):
        extract_text("cv.docx", docx_bomb(20 * MB), limits)


def test_a_docx_with_thousands_of_members_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(600):
            archive.writestr(f"word/media/{i}.xml", b"<a/>")
    with pytest.raises(ExtractionError, match="holds 600 files"):
        extract_text("cv.docx", out.getvalue())


def test_a_docx_past_the_element_budget_is_refused_by_the_child():
    limits = dataclasses.replace(unbounded(), max_elements=200_000)
    with pytest.raises(ExtractionError, match="more than 200,000 XML elements"):
        extract_text("cv.docx", docx_bomb(4 * MB), limits)


def test_the_upload_page_says_why_a_docx_bomb_was_refused(alice_client):
    upload = SimpleUploadedFile("cv.docx", docx_bomb(40 * MB))
    started = time.monotonic()
    response = alice_client.post(reverse("analysis:resume-upload"), {"file": upload})
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert "This DOCX expands to 40." in response.content.decode()
    assert "unpacked" in response.content.decode()
    assert not Resume.objects.exists()
    assert elapsed < 60  # refused from the zip directory, long before any cap


@pytest.mark.slow
def test_a_300_mb_docx_bomb_read_anyway_stays_under_the_memory_cap():
    """The attacker's file with every pre-check off: only RLIMIT_AS and the clock stand."""
    bomb = docx_bomb(300 * MB)
    limits = unbounded()
    result = parse_in_child("docx", bomb, limits)
    assert result.code in {"memory", "time", "damaged_docx", "unreadable"}
    if result.code != "time":  # a child killed on time reports the parent's pre-exec memory
        assert 0 < result.peak_rss_bytes <= limits.memory_bytes
    assert result.seconds < limits.wall_seconds + 30


# --- PDF ----------------------------------------------------------------------------------


def test_a_pdf_of_3000_pages_sharing_one_stream_is_refused_by_page_count():
    data = pdf_sharing_one_stream(3000, 50 * MB)
    assert len(data) < MB
    with pytest.raises(ExtractionError, match="This PDF has 3,000 pages; resumes of up to 50"):
        extract_text("cv.pdf", data)


def test_a_few_pages_sharing_a_50_mb_stream_are_refused_by_the_stream_budget():
    with pytest.raises(ExtractionError, match="stream that expands beyond 10.0 MB"):
        extract_text("cv.pdf", pdf_sharing_one_stream(20, 50 * MB))


def test_a_pdf_that_hits_a_pypdf_limit_is_refused_with_a_reason_not_a_500():
    # Beyond pypdf's own 75 MB Flate limit, so LimitReachedError with any configuration.
    data = pdf_sharing_one_stream(1, 80 * MB)
    limits = dataclasses.replace(default_limits(), stream_bytes=75_000_000)
    with pytest.raises(ExtractionError, match="refused rather than read"):
        extract_text("cv.pdf", data, limits)


@pytest.mark.slow
def test_a_pdf_read_past_every_budget_is_stopped_by_the_caps():
    limits = unbounded(cpu_seconds=2, wall_seconds=4.0)
    started = time.monotonic()
    result = parse_in_child("pdf", pdf_sharing_one_stream(3000, 50 * MB), limits)
    assert result.code in {"time", "memory"}
    # No RSS check here: a child killed on time reports its peak through wait4, which counts
    # the forked parent's memory from before exec (RLIMIT_AS is what bounds the child).
    assert time.monotonic() - started < 30


# --- garbage and the normal path ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.pdf", pdf_with_text(["Jane Doe, backend engineer with Python"])[:200]),
        ("cv.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40),
        ("cv.docx", docx_with_text(["Jane Doe"])[:500]),
        ("cv.docx", b"PK\x03\x04" + bytes(range(256)) * 40),
    ],
)
def test_truncated_or_garbage_files_are_refused_cleanly(name, data):
    with pytest.raises(ExtractionError, match="could not be read|probably a scan"):
        extract_text(name, data)


def test_a_child_that_runs_out_of_wall_time_is_killed_with_a_clear_error():
    limits = dataclasses.replace(unbounded(), wall_seconds=0.001)
    with pytest.raises(ExtractionError, match="took longer than 0.001 seconds"):
        extract_text("cv.pdf", pdf_with_text(["Jane Doe, backend engineer with Python"]), limits)


def test_a_child_over_its_memory_cap_gives_a_clear_error():
    # 40 MB of address space cannot even hold the interpreter and pypdf.
    limits = dataclasses.replace(default_limits(), memory_bytes=40 * MB)
    with pytest.raises(ExtractionError, match="could not be read|needed more than 40.0 MB"):
        extract_text("cv.pdf", pdf_with_text(["Jane Doe, backend engineer with Python"]), limits)


def test_normal_pdf_and_docx_resumes_are_still_read_in_the_child():
    pdf = parse_in_child("pdf", pdf_with_text(["Jane Doe, Python engineer"]), default_limits())
    docx = parse_in_child("docx", docx_with_text(["Jane Doe, Go engineer"]), default_limits())
    assert "Python engineer" in pdf.text
    assert "Go engineer" in docx.text
    assert pdf.peak_rss_bytes < 200 * MB


def test_a_normal_resume_upload_still_works(alice_client):
    upload = SimpleUploadedFile(
        "cv.docx", docx_with_text(["Jane Doe", "Python developer with Postgres and Go"])
    )
    response = alice_client.post(reverse("analysis:resume-upload"), {"file": upload})
    assert response.status_code == 302
    assert "Python developer" in Resume.objects.get().text
