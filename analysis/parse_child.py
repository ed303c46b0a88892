"""Reads one untrusted resume inside a bounded child process: ``python -m analysis.parse_child``.

Standard input: one JSON line of limits, then the file's bytes. Standard output: one JSON
object, ``{"text": ...}`` or ``{"code": ..., ...numbers}``, plus ``peak_rss_kb``. The parent
(``analysis.extraction``) turns codes into messages for people. This module imports nothing
from Django or the project, so the child starts quickly and holds no secrets; it caps its own
memory, CPU time and output before it reads a byte of the file.
"""

import io
import json
import resource
import sys
import time
import zipfile

XML_SUFFIXES = (".xml", ".rels")
CHUNK = 1 << 20


class Refused(Exception):
    """The file breaks a budget; ``code`` and ``details`` say which, for the parent."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details


def apply_limits(limits: dict) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))
    cpu = int(limits["cpu_seconds"])
    # SIGXCPU at the soft limit, SIGKILL a second later if it is ignored.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    # Standard output is a regular file: writing past this is refused by the kernel.
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["output_bytes"], limits["output_bytes"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def check_zip(archive: zipfile.ZipFile, limits: dict) -> None:
    """Budgets from the central directory alone (zipfile never inflates past a declared size)."""
    infos = archive.infolist()
    if len(infos) > limits["max_members"]:
        raise Refused("members", count=len(infos), limit=limits["max_members"])
    total = sum(info.file_size for info in infos)
    if total > limits["unpacked_bytes"]:
        raise Refused("unpacked", size=total, limit=limits["unpacked_bytes"])
    for info in infos:
        if info.file_size > limits["ratio_floor_bytes"]:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits["max_ratio"]:
                raise Refused("ratio", ratio=ratio, limit=limits["max_ratio"], size=total)


def count_elements(archive: zipfile.ZipFile, limits: dict) -> int:
    """Opening XML tags in every part python-docx may parse, inflated a chunk at a time."""
    count = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith(XML_SUFFIXES):
            continue
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                count += chunk.count(b"<") - chunk.count(b"</")
                if count > limits["max_elements"]:
                    raise Refused("elements", limit=limits["max_elements"])
    return count


def docx_text(data: bytes, limits: dict) -> str:
    # Imported here: only a DOCX needs python-docx (and lxml).
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_zip(archive, limits)
        count_elements(archive, limits)
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise Refused("damaged_docx") from exc
    lines = []
    size = 0
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    for block in blocks:
        size += len(block) + 1
        if size > limits["max_text_chars"]:
            raise Refused("text", limit=limits["max_text_chars"])
        lines.append(block)
    return "\n".join(lines)


def pdf_text(data: bytes, limits: dict) -> str:
    # Imported here: only a PDF needs pypdf.
    from pypdf import PdfReader, overwrite_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    stream = limits["stream_bytes"]
    overwrite_configuration(
        zlib_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        array_based_stream_maximum_output_length=stream,
        maximum_declared_stream_length=stream,
        stream_decoding_work_maximum_length=stream,
        disable_legacy_handling=True,
    )
    started = time.monotonic()
    parts = []
    size = 0
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise Refused("encrypted") from exc
        pages = len(reader.pages)
        if pages > limits["max_pages"]:
            raise Refused("pages", count=pages, limit=limits["max_pages"])
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text) + 1
            if size > limits["max_text_chars"]:
                raise Refused("text", limit=limits["max_text_chars"])
            # Stop on our own a little before the parent's wall clock would kill us.
            if time.monotonic() - started > limits["wall_seconds"] * 0.75:
                raise Refused("time")
            parts.append(text)
    except LimitReachedError as exc:
        raise Refused("pdf_limit", limit=stream) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise Refused("damaged_pdf") from exc
    except RecursionError as exc:
        raise Refused("damaged_pdf") from exc
    return "\n".join(parts)


def parse(kind: str, data: bytes, limits: dict) -> dict:
    try:
        if kind == "pdf":
            return {"text": pdf_text(data, limits)}
        if kind == "docx":
            return {"text": docx_text(data, limits)}
        return {"code": "kind"}
    except Refused as exc:
        return {"code": exc.code, **exc.details}
    except MemoryError:
        return {"code": "memory"}
    except Exception as exc:  # anything else an unknown file provokes: unreadable, not a crash
        return {"code": "unreadable", "error": type(exc).__name__}


def peak_rss_kb() -> int:
    """This process's own high-water RSS. ru_maxrss would count the web worker's memory too:
    Linux carries it over from the forked copy through exec."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    stdin = sys.stdin.buffer
    header = json.loads(stdin.readline(64 * 1024))
    limits = header["limits"]
    apply_limits(limits)
    data = stdin.read(limits["input_bytes"] + 1)
    if len(data) > limits["input_bytes"]:
        result = {"code": "input"}
    else:
        result = parse(header["kind"], data, limits)
    del data
    result["peak_rss_kb"] = peak_rss_kb()
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode())
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
