"""CSV export and import of applications.

Export streams every field of the applications a filter selects (formula-like cells
neutralised). Import reads any spreadsheet's or tracker's CSV (`reading`), guesses what its
columns and values mean, with presets for Huntr, Teal, JobSync and our own export
(`mapping`), shows the person what each row becomes and lets them change it, then takes the
rows in through the one intake (`importing`), in the background for large files (`jobs`).
Re-importing the same file adds nothing.
"""

from .dates import parse_when
from .export import EXPORT_FIELDS, export_lines, neutralise, unneutralise
from .importing import Plan, RowPlan, Summary, apply, check_mapping, mark_tracked, plan
from .mapping import (
    AUTO,
    FIELDS,
    IMPORT_FIELDS,
    MULTI_FIELDS,
    PRESETS,
    SKIP,
    Choices,
    guess_choices,
    guess_status,
    preset_named,
)
from .reading import MAX_BYTES, MAX_COLUMNS, MAX_ROWS, CSVImportError, Parsed, decode, parse, read

__all__ = [
    "AUTO", "EXPORT_FIELDS", "FIELDS", "IMPORT_FIELDS", "MAX_BYTES", "MAX_COLUMNS", "MAX_ROWS",
    "MULTI_FIELDS", "PRESETS", "SKIP", "CSVImportError", "Choices", "Parsed", "Plan",
    "RowPlan", "Summary", "apply", "check_mapping", "decode", "export_lines", "guess_choices",
    "guess_status", "import_bytes", "mark_tracked", "neutralise", "parse", "parse_when", "plan",
    "preset_named", "read", "unneutralise",
]  # fmt: skip


def import_bytes(user, raw: bytes, choices: Choices | None = None) -> dict:
    """Read, guess (unless `choices` are given), plan and apply in one go, for the command
    and tests: counts of created, already tracked and skipped rows (with their reasons)."""
    parsed = read(raw)
    rows = plan(parsed, choices or guess_choices(parsed)).rows
    return apply(user, rows).as_dict()
