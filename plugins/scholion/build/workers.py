"""Worker processes for the per-text work of a cold build (parsing, citations, topic passages,
glossary terms, reading pages).

A build with a filled cache has little of that work; a first build of a large corpus has a lot,
and each text's share is independent of the others. The workers are started on first use and
only when there is enough work to repay starting them.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

# Below this many calls, starting worker processes costs more than it saves.
PARALLEL_MIN_ITEMS = 24


def usable_cpus() -> int:
    """The CPUs this process may run on (a container may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Task:
    """The result of one call: made here at once, or by a worker (and here after all if it died)."""

    def __init__(self, function: Callable[..., Any], args: tuple, pool: ProcessPoolExecutor | None) -> None:
        self.future: Future | None = None  # None: made here
        self._call: tuple | None = None
        if pool is not None:
            try:
                self.future = pool.submit(function, *args)
                self._call = (function, args)  # kept only until the worker has answered
                self.future.add_done_callback(self._forget_call)
                return
            except BrokenProcessPool:
                pass
        self._value = function(*args)

    def _forget_call(self, future: Future) -> None:
        if not future.cancelled() and future.exception() is None:
            self._call = None

    def done(self) -> bool:
        return self.future is None or self.future.done()

    def result(self) -> Any:
        if self.future is None:
            return self._value
        try:
            return self.future.result()
        except BrokenProcessPool:
            function, args = self._call
            return function(*args)


class Workers:
    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        self._submitted = 0
        self._in_flight: list[Task] = []

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Forked while this process runs no other thread (`mkdocs build`): a child starts at once, with
            # every module imported. Spawned otherwise (`mkdocs serve`): a forked child can inherit a lock
            # another thread holds.
            method = "fork" if threading.active_count() == 1 else "spawn"
            self._pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context(method))
        return self._pool

    def map(self, function: Callable[..., Any], *iterables: Iterable) -> Iterator:
        """``function(*args)`` for each ``args`` in ``zip(*iterables)``, in order, each as soon as it is
        done (a caller that keeps only what it needs of each result does not hold every result at once);
        in the workers when the batch is big, where the calls start at once: this process can do other
        work before it asks for the first result. ``function`` and its arguments must pickle."""
        calls = list(zip(*iterables))
        results: Iterator = iter(())
        if self.count >= 2 and len(calls) >= PARALLEL_MIN_ITEMS:
            chunk = max(1, min(8, len(calls) // (4 * self.count)))
            try:
                results = self._start().map(function, *zip(*calls), chunksize=chunk)
            except BrokenProcessPool:
                self._give_up()
        return self._in_order(results, function, calls)

    def _in_order(self, results: Iterator, function: Callable[..., Any], calls: list[tuple]) -> Iterator:
        """What the workers answer, then the calls they did not (all of them if they never started) made here."""
        done = 0
        try:
            for result in results:
                yield result
                done += 1
        except BrokenProcessPool:
            self._give_up()
        for args in calls[done:]:
            yield function(*args)

    def _give_up(self) -> None:
        """The workers could not start (e.g. under a build script without a ``__main__`` guard) or died:
        the rest of the build is made here."""
        self.close()
        self.count = 1

    def submit(self, function: Callable[..., Any], *args: Any, throttle: bool = True) -> Task:
        """``function(*args)``, one of a stream of calls whose results are wanted later: made here until
        the stream is long enough to repay the workers, then in them, while this process goes on.
        A call holds its arguments until a worker takes it: with ``throttle`` (for arguments this
        process would otherwise let go), at most a few such calls wait at once."""
        self._submitted += 1
        pool = None
        if self.count >= 2 and (self._pool is not None or self._submitted > PARALLEL_MIN_ITEMS):
            pool = self._start()
            if throttle:
                self._in_flight = [task for task in self._in_flight if not task.done()]
                if len(self._in_flight) >= 4 * self.count:
                    wait([task.future for task in self._in_flight], return_when=FIRST_COMPLETED)
        task = Task(function, args, pool)
        if pool is not None and throttle:
            self._in_flight.append(task)
        return task

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
