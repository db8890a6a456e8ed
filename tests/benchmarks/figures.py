"""The benchmark table: every figure with its target, its measured median and 95th
percentile, and its ratio to its reference. Each benchmark records its figures with
``record``; the table is printed at the end of the run and written to
``tests/benchmarks/last-run.txt`` (ignored by git), so a run without ``-s`` still shows it."""

import statistics
from dataclasses import dataclass
from pathlib import Path

LAST_RUN = Path(__file__).with_name("last-run.txt")
HEADER = ("figure", "target", "median", "p95", "reference", "ratio", "met")


@dataclass(frozen=True)
class Figure:
    name: str
    target: str
    median: float
    p95: float
    unit: str = "ms"
    #: What the figure is compared with (a raw query, a hello-world app), and its median.
    reference: str = ""
    reference_median: float | None = None
    met: bool = True

    @property
    def ratio(self) -> float | None:
        if not self.reference_median:
            return None
        return self.median / self.reference_median

    def cells(self) -> tuple[str, ...]:
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else ""
        reference = self.reference
        if self.reference_median is not None:
            reference += f" {self.reference_median:.2f} {self.unit}"
        return (
            self.name,
            self.target,
            f"{self.median:.2f} {self.unit}",
            f"{self.p95:.2f} {self.unit}",
            reference.strip(),
            ratio,
            "yes" if self.met else "NO",
        )


RECORDED: list[Figure] = []


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(values: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    return statistics.median(values), percentile(values, 0.95)


def record(figure: Figure) -> Figure:
    RECORDED.append(figure)
    return figure


def table(figures: list[Figure]) -> str:
    lines = [HEADER, *(f.cells() for f in figures)]
    widths = [max(len(row[i]) for row in lines) for i in range(len(HEADER))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in lines
    )
