"""Timing shared by the benchmarks (imported as ``timing`` when a script in bench/ runs)."""

from __future__ import annotations

import statistics
import time


def median_seconds(fn, repeat: int = 5) -> float:
    """The median wall time of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
