"""Text out of an uploaded resume: PDF (pypdf), DOCX (python-docx) or plain text.

PDF and DOCX files are untrusted input that can be built to expand a thousandfold, so they are
never parsed in the web process: ``analysis.parse_child`` reads them in a child process capped
in memory (RLIMIT_AS), CPU time (RLIMIT_CPU), wall-clock time and output size, with page and
XML-element budgets. A DOCX is also measured before any child starts (declared unpacked size,
compression ratio, member count), from the zip's central directory alone.
"""

import dataclasses
import io
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from django.conf import settings

from . import parse_child

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


def max_unpacked_bytes() -> int:
    return getattr(settings, "RESUME_MAX_UNPACKED_BYTES", 30 * 1024 * 1024)


@dataclasses.dataclass(frozen=True)
class ParseLimits:
    """What one child may spend. A real resume needs a few MB and well under a second."""

    memory_bytes: int = 512 * 1024 * 1024  # address space, so imports (~60 MB) count too
    cpu_seconds: int = 5
    wall_seconds: float = 8.0  # a loaded 2-core machine starts the child in about a second
    output_bytes: int = 4 * 1024 * 1024
    max_text_chars: int = 300_000
    max_pages: int = 50
    max_elements: int = 200_000  # opening XML tags over all parts of a DOCX
    max_members: int = 500
    max_ratio: int = 100  # a real document.xml deflates 5-20 to 1
    ratio_floor_bytes: int = 1024 * 1024  # parts smaller than this may compress any amount
    stream_bytes: int = 10 * 1024 * 1024  # one PDF stream, decoded
    unpacked_bytes: int = 30 * 1024 * 1024
    input_bytes: int = 5 * 1024 * 1024


def default_limits() -> ParseLimits:
    return ParseLimits(unpacked_bytes=max_unpacked_bytes(), input_bytes=max_bytes())


@dataclasses.dataclass(frozen=True)
class ChildResult:
    """What the child answered (``text`` or ``code``) and what it cost."""

    text: str | None
    code: str | None
    details: dict
    peak_rss_bytes: int
    seconds: float


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


def extract_text(filename: str, data: bytes, limits: ParseLimits | None = None) -> tuple[str, str]:
    """(kind, text) of an uploaded file; raises ExtractionError with a clear reason."""
    if not data:
        raise ExtractionError("The file is empty.")
    limit = max_bytes()
    if len(data) > limit:
        raise ExtractionError(
            f"The file is {human_size(len(data))}; resumes up to {human_size(limit)} can be "
            "uploaded."
        )
    limits = limits or default_limits()
    kind = kind_of(filename, data[:8])
    if kind == "text":
        text = _plain_text(data)
    else:
        if kind == "docx":
            _check_docx(data, limits)
        result = parse_in_child(kind, data, limits)
        if result.code:
            raise ExtractionError(refusal_message(kind, result.code, result.details, limits))
        text = result.text or ""
    text = "\n".join(line.rstrip() for line in text.replace("\x00", "").splitlines()).strip()
    if len(text) < MIN_TEXT_CHARS:
        if kind == "pdf":
            raise ExtractionError(
                "No text could be read from this PDF. It is probably a scan (an image of "
                "the pages): export it from your editor as a text PDF or upload a DOCX."
            )
        raise ExtractionError("The file holds almost no text.")
    return kind, text


def _check_docx(data: bytes, limits: ParseLimits) -> None:
    """Refuse a zip bomb before any child starts: the central directory is a few KB to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parse_child.check_zip(archive, dataclasses.asdict(limits))
    except parse_child.Refused as exc:
        logger.info("resume docx refused code=%s details=%s", exc.code, exc.details)
        raise ExtractionError(refusal_message("docx", exc.code, exc.details, limits)) from exc
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ExtractionError("The DOCX file could not be read; it may be damaged.") from exc


def refusal_message(kind: str, code: str, details: dict, limits: ParseLimits) -> str:
    """The sentence shown on the upload form for a child's (or a pre-check's) refusal code."""
    label = kind.upper()
    again = f"Save it again from your editor as a plain {label}, or upload it as PDF or DOCX."
    messages = {
        "unpacked": lambda: (
            f"This DOCX expands to {human_size(details.get('size', 0))}; resumes are refused "
            f"above {human_size(limits.unpacked_bytes)} unpacked."
        ),
        "ratio": lambda: (
            f"This DOCX is compressed {details.get('ratio', 0):,.0f} to 1 and expands to "
            f"{human_size(details.get('size', 0))}; resumes compressed more than "
            f"{limits.max_ratio} to 1 are refused."
        ),
        "members": lambda: (
            f"This DOCX holds {details.get('count', 0):,} files; resumes are refused above "
            f"{limits.max_members:,}."
        ),
        "elements": lambda: (
            f"This DOCX holds more than {limits.max_elements:,} XML elements; a resume has far "
            f"fewer. {again}"
        ),
        "pages": lambda: (
            f"This PDF has {details.get('count', 0):,} pages; resumes of up to "
            f"{limits.max_pages} pages are read."
        ),
        "pdf_limit": lambda: (
            f"This PDF holds a stream that expands beyond {human_size(limits.stream_bytes)}; "
            f"it was refused rather than read. {again}"
        ),
        "text": lambda: (
            f"This file holds more than {limits.max_text_chars:,} characters of text; "
            "a resume is far shorter."
        ),
        "memory": lambda: (
            f"Reading this {label} needed more than {human_size(limits.memory_bytes)} of "
            f"memory, so it was stopped. {again}"
        ),
        "time": lambda: (
            f"Reading this {label} took longer than {limits.wall_seconds:g} seconds, so it "
            f"was stopped. {again}"
        ),
        "output": lambda: f"This {label} produced more text than can be stored. {again}",
        "encrypted": lambda: "The PDF is password-protected.",
        "damaged_pdf": lambda: "The PDF could not be read; it may be damaged.",
        "damaged_docx": lambda: "The DOCX file could not be read; it may be damaged.",
        "input": lambda: (
            f"The file is too large; resumes up to {human_size(limits.input_bytes)} can be "
            "uploaded."
        ),
    }
    make = messages.get(code)
    if make is None:
        return f"The {label} could not be read safely; it may be damaged."
    return make()


# --- the child process ------------------------------------------------------------------------

# The directory holding the `analysis` package, so `python -m analysis.parse_child` finds it
# whatever the web server's working directory is.
_PROJECT_DIR = Path(__file__).resolve().parent.parent
_STDERR_TAIL = 2000
# Killed by its CPU cap (SIGXCPU, then SIGKILL) or its output cap (SIGXFSZ).
_SIGNAL_CODES = {signal.SIGXCPU: "time", signal.SIGKILL: "time", signal.SIGXFSZ: "output"}


def _child_env() -> dict[str, str]:
    # Nothing of the server's environment (secret key, database URL) reaches the child.
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


def _wait(proc: subprocess.Popen, seconds: float) -> tuple[int | None, int, bool]:
    """(exit code, peak RSS in bytes, timed out). The RSS from os.wait4 is an upper bound: it
    includes the web worker's memory, inherited by the fork before exec."""
    deadline = time.monotonic() + seconds
    delay = 0.005
    timed_out = False
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() >= deadline:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
    except ChildProcessError:
        # Reaped elsewhere (SIGCHLD ignored): the exit code and usage are lost.
        proc.returncode = -1
        return None, 0, timed_out
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss * 1024, timed_out


def parse_in_child(kind: str, data: bytes, limits: ParseLimits) -> ChildResult:
    """Run analysis.parse_child on ``data``; never raises for anything the file does."""
    header = json.dumps({"kind": kind, "limits": dataclasses.asdict(limits)}).encode()
    started = time.monotonic()
    with (
        tempfile.TemporaryFile() as stdin,
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr,
    ):
        stdin.write(header + b"\n")
        stdin.write(data)
        stdin.seek(0)
        # Files, not pipes: no pipe can fill and block either side, and the child's output
        # cap (RLIMIT_FSIZE) applies to a regular file.
        proc = subprocess.Popen(
            [sys.executable, "-s", "-m", "analysis.parse_child"],
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            cwd=_PROJECT_DIR,
            env=_child_env(),
            close_fds=True,
        )
        returncode, peak, timed_out = _wait(proc, limits.wall_seconds)
        seconds = time.monotonic() - started
        stdout.seek(0)
        raw = stdout.read(limits.output_bytes + 1)
        stderr.seek(0)
        tail = stderr.read()[-_STDERR_TAIL:].decode("utf-8", "replace")

    def failed(code: str, **details) -> ChildResult:
        logger.warning(
            "resume parse failed kind=%s code=%s exit=%s seconds=%.2f peak_rss_kb=%s stderr=%s",
            kind,
            code,
            returncode,
            seconds,
            peak // 1024,
            tail.strip()[-500:],
        )
        return ChildResult(None, code, details, peak, seconds)

    if timed_out:
        return failed("time")
    if returncode != 0:
        if returncode is not None and returncode < 0:
            return failed(_SIGNAL_CODES.get(-returncode, "crashed"))
        # Python exits 1 on an uncaught MemoryError raised where parse() cannot catch it.
        return failed("memory" if "MemoryError" in tail else "crashed")
    if len(raw) > limits.output_bytes:
        return failed("output")
    try:
        answer = json.loads(raw)
    except ValueError:
        return failed("crashed")
    # The child's own high-water mark; wait4's figure also counts the forked web worker.
    peak = int(answer.pop("peak_rss_kb", 0)) * 1024 or peak
    if "text" in answer:
        logger.info(
            "resume parsed kind=%s chars=%s seconds=%.2f peak_rss_kb=%s",
            kind,
            len(answer["text"]),
            seconds,
            peak // 1024,
        )
        return ChildResult(str(answer["text"]), None, {}, peak, seconds)
    code = str(answer.pop("code", "crashed"))
    return failed(code, **answer)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ExtractionError("This does not look like a text file; upload a PDF or DOCX.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
