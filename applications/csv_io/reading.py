"""Reading an uploaded file into a header and rows, within limits, whatever wrote it.

Spreadsheets and trackers write CSV in many ways: UTF-8 with or without a BOM, Windows-1252
(Excel's "CSV" on Windows), UTF-16 (Excel's "Unicode text", tab-separated), commas,
semicolons (Excel in most of Europe), tabs, a `sep=;` first line. All are read; what cannot be
a CSV (a workbook, a PDF, binary) is refused with a reason. Every limit is checked while
reading, so a hostile file costs at most the size cap.
"""

import csv
import io
import re
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_CELL = 100_000  # characters; csv's own default limit is 131,072
DELIMITERS = (",", ";", "\t", "|")


class CSVImportError(ValueError):
    """The file cannot be imported; the message says why, and nothing was written."""


@dataclass
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: list[str]


@dataclass
class Parsed:
    headers: list[str]
    rows: list[Row]
    delimiter: str = ","
    encoding: str = "UTF-8"


# --- bytes to text --------------------------------------------------------------------------

_NOT_CSV = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
    b"%PDF": "a PDF",
}


def decode(raw: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding; CSVImportError when it is not text."""
    if len(raw) > MAX_BYTES:
        raise CSVImportError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller "
            "files and import each (a row imported twice is still one application)."
        )
    for magic, what in _NOT_CSV.items():
        if raw.startswith(magic):
            raise CSVImportError(
                f"This is {what}, not a CSV file. In your spreadsheet choose "
                "File → Save as (or Download) → CSV, and upload that."
            )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", "UTF-16")
    head = raw[:4096]
    if head and head.count(0) > len(head) // 4:
        # UTF-16 without its BOM has every other byte NUL; anything else this NUL is binary.
        if raw[1::2].count(0) > len(raw) // 3:
            return _strict(raw, "utf-16-le", "UTF-16")
        if raw[0::2].count(0) > len(raw) // 3:
            return _strict(raw, "utf-16-be", "UTF-16")
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    if control > max(8, len(head) // 50):
        raise CSVImportError("This is not a CSV text file (it looks binary; export it as CSV).")
    raw = raw.replace(b"\x00", b"")  # a stray NUL is noise, and the csv module refuses it
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:  # Excel's "CSV" on Windows; its few undefined bytes fall back to Latin-1
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


def _strict(raw: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return raw.decode(codec).lstrip("\ufeff").replace("\x00", ""), name
    except UnicodeDecodeError as exc:
        raise CSVImportError(f"The file says it is {name} but is not valid {name} text.") from exc


# --- text to rows ---------------------------------------------------------------------------

_QUOTED = re.compile(r'"[^"]*"')
_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate it holds most of (outside quotes)."""
    first = _QUOTED.sub("", text[:65536].split("\n", 1)[0])
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the earlier (comma first)
    return best if counts[best] else ","


def parse(text: str, encoding: str = "UTF-8") -> Parsed:
    """Header and rows; CSVImportError for an empty, too long, too wide or broken file."""
    delimiter = None
    if match := _SEP_LINE.match(text):  # Excel's hint line: sep=;
        delimiter, text = match.group(1), text[match.end() :]
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    headers: list[str] | None = None
    rows: list[Row] = []
    number = 0
    try:
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if headers is None:
                headers = _header(cells)
                number = 1
                continue
            if len(rows) >= MAX_ROWS:
                raise CSVImportError(
                    f"The file has more than {MAX_ROWS:,} rows. Split it into files of up to "
                    f"{MAX_ROWS:,} rows and import each; importing a row twice adds nothing."
                )
            if max(len(c) for c in cells) > MAX_CELL:
                raise CSVImportError(
                    f"Row {number} has a cell longer than {MAX_CELL:,} characters."
                )
            rows.append(Row(number, [c.strip() for c in cells[: len(headers)]]))
    except csv.Error as exc:
        raise CSVImportError(f"The CSV could not be read near row {number + 1}: {exc}.") from exc
    if headers is None:
        raise CSVImportError("The file is empty.")
    if not rows:
        raise CSVImportError("The file has a header row but no applications.")
    return Parsed(headers, rows, delimiter, encoding)


def _header(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        raise CSVImportError(
            f"The header row has {len(cells):,} columns; at most {MAX_COLUMNS} can be read. "
            "Is the first row the header?"
        )
    if max(len(c) for c in cells) > 500:
        raise CSVImportError("The first row does not look like a header (a cell is very long).")
    return [c.strip().lstrip("\ufeff") for c in cells]


def read(raw: bytes) -> Parsed:
    text, encoding = decode(raw)
    return parse(text, encoding)
