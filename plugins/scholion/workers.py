"""Worker processes for the per-text work of a cold build (parsing, citations, topic passages).

A build with a filled cache has little of that work; a first build of a large corpus has a lot,
and each text's share is independent of the others. The workers are started on first use and
only when a batch is big enough to repay starting them (a fresh interpreter each).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_MIN_ITEMS = 24


def usable_cpus() -> int:
    """The CPUs this process may run on (a container may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Workers:
    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[..., Any], *iterables: Iterable) -> Iterator:
        """``function(*args)`` for each ``args`` in ``zip(*iterables)``, in order, each as soon as it is
        done (a caller that keeps only what it needs of each result does not hold every result at once);
        in the workers when the batch is big. ``function`` and its arguments must pickle."""
        calls = list(zip(*iterables))
        done = 0
        if self.count >= 2 and len(calls) >= PARALLEL_MIN_ITEMS:
            try:
                if self._pool is None:
                    # "spawn", not fork: `mkdocs serve` runs threads, and a forked child can inherit a held lock.
                    self._pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"))
                chunk = max(1, len(calls) // (4 * self.count))
                for result in self._pool.map(function, *zip(*calls), chunksize=chunk):
                    yield result
                    done += 1
            except BrokenProcessPool:  # workers could not start, e.g. under a build script without a __main__ guard
                self.close()
                self.count = 1
        for args in calls[done:]:
            yield function(*args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
