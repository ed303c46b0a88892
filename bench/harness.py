"""The benchmark harness behind `manage.py bench`.

Each module in `bench/cases/` registers its cases with @case. A case measures the real code path
and a reference measured in the same run on the same machine, so the ratio is meaningful
where absolute rates are not. Cases run inside a scratch test database, never on user data.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

CASE_DIR = Path(__file__).parent / "cases"


@dataclass
class Result:
    case: str
    size: int
    rate: float  # operations per second of the real path
    reference: float | None = None  # operations per second of the reference
    unit: str = "ops/s"
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if not self.reference:
            return None
        return self.rate / self.reference


@dataclass(frozen=True)
class Case:
    name: str
    default_size: int
    func: Callable[[int], list[Result]]
    description: str


CASES: dict[str, Case] = {}


def case(name: str, default_size: int, description: str = ""):
    def register(func: Callable[[int], list[Result]]):
        CASES[name] = Case(name, default_size, func, description or (func.__doc__ or "").strip())
        return func

    return register


def discover() -> dict[str, Case]:
    for module in sorted(CASE_DIR.glob("*.py")):
        if module.stem != "__init__":
            import_module(f"bench.cases.{module.stem}")
    return CASES


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    """Run `func` `repeat` times; returns each call's duration in seconds."""
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        durations.append(time.perf_counter() - start)
    return durations


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def latency_notes(durations: list[float]) -> dict[str, str]:
    ms = [d * 1000 for d in durations]
    return {"p50": f"{percentile(ms, 50):.2f}ms", "p95": f"{percentile(ms, 95):.2f}ms"}


def format_table(results: list[Result]) -> str:
    header = ("case", "size", "rate", "reference", "ratio", "notes")
    rows = [header]
    for r in results:
        rows.append(
            (
                r.case,
                str(r.size),
                f"{r.rate:,.0f} {r.unit}",
                f"{r.reference:,.0f} {r.unit}" if r.reference else "-",
                f"{r.ratio:.2f}" if r.ratio is not None else "-",
                " ".join(f"{k}={v}" for k, v in r.notes.items()),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
