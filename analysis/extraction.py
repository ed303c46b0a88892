"""Text out of an uploaded resume: PDF (pypdf), DOCX (python-docx) or plain text."""

import io
import logging
import zipfile

from django.conf import settings

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 40  # less than this from a PDF means it is scanned or empty


REFUSED_SUFFIXES = (
    ".doc",
    ".rtf",
    ".odt",
    ".pages",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".zip",
    ".exe",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
)
# Old Word (OLE), PNG, JPEG, GIF, RTF.
_BINARY_HEADS = (b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf")


class ExtractionError(ValueError):
    """The file cannot be used; the message says why, for the person who uploaded it."""


def max_bytes() -> int:
    return getattr(settings, "RESUME_MAX_BYTES", 5 * 1024 * 1024)


def human_size(size: int) -> str:
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def kind_of(filename: str, head: bytes) -> str:
    """'pdf', 'docx' or 'text', from the file's first bytes (the name only breaks ties)."""
    name = (filename or "").lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if name.endswith(".docx") or not name.endswith((".zip", ".odt", ".pages")):
            return "docx"
        raise ExtractionError("Only PDF, DOCX and plain-text resumes can be read.")
    if name.endswith(REFUSED_SUFFIXES) or head.startswith(_BINARY_HEADS):
        raise ExtractionError(
            "Only PDF, DOCX and plain-text resumes can be read "
            f"(save {filename or 'the file'} as PDF or DOCX first)."
        )
    return "text"


def extract_text(filename: str, data: bytes) -> tuple[str, str]:
    """(kind, text) of an uploaded file; raises ExtractionError with a clear reason."""
    if not data:
        raise ExtractionError("The file is empty.")
    limit = max_bytes()
    if len(data) > limit:
        raise ExtractionError(
            f"The file is {human_size(len(data))}; resumes up to {human_size(limit)} can be "
            "uploaded."
        )
    kind = kind_of(filename, data[:8])
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind == "docx":
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    text = "\n".join(line.rstrip() for line in text.replace("\x00", "").splitlines()).strip()
    if len(text) < MIN_TEXT_CHARS:
        if kind == "pdf":
            raise ExtractionError(
                "No text could be read from this PDF. It is probably a scan (an image of "
                "the pages): export it from your editor as a text PDF or upload a DOCX."
            )
        raise ExtractionError("The file holds almost no text.")
    return kind, text


def _pdf_text(data: bytes) -> str:
    # Imported here: pypdf is only needed when a PDF resume is uploaded.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise ExtractionError("The PDF is password-protected.") from exc
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        logger.info("resume pdf unreadable error=%s", exc)
        raise ExtractionError("The PDF could not be read; it may be damaged.") from exc


def _docx_text(data: bytes) -> str:
    # Imported here: python-docx (and lxml) only when a .docx resume is uploaded.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError("The DOCX file could not be read; it may be damaged.") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ExtractionError("This does not look like a text file; upload a PDF or DOCX.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
