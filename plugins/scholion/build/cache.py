"""A build cache on disk: results pickled under the hash of every byte they were computed from.

A key covers the input files' contents (not their times), the folder they were read from (problems
name files by path) and the code of this package (which keys go with which values: ``plan``), so an edit to a source, its metadata, its anchor
lock or to scholion itself makes a new key and the old entry is never read again. Entries are
written atomically; an unreadable entry is a miss, never an error, so deleting the folder (or any
file in it) is always safe.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

if TYPE_CHECKING:
    from scholion.build.workers import Workers

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the scholion package


def _code_fingerprint() -> bytes:
    """The package's code, schema and page templates: what makes the values. Its CSS and JavaScript
    are copied into each site as they are, never into a value."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".html"):
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


CODE_FINGERPRINT = _code_fingerprint()


def file_key(*paths: Path) -> bytes:
    """The contents of ``paths`` (a missing file counts as such), with their paths."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.resolve()).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"\0missing\0")
        digest.update(b"\0")
    return digest.digest()


class BuildCache:
    """Pickled values under ``directory/<kind>/<hash>``; with ``directory=None`` it stores nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.used: set[Path] = set()  # entries read or written by this build

    def _path(self, kind: str, parts: Iterable[bytes]) -> Path:
        digest = hashlib.sha256(CODE_FINGERPRINT)
        for part in parts:
            digest.update(hashlib.sha256(part).digest())
        return self.directory / kind / f"{digest.hexdigest()}.pickle"

    def get(self, kind: str, parts: Iterable[bytes]) -> Any | None:
        if self.directory is None:
            return None
        path = self._path(kind, parts)
        try:
            with open(path, "rb") as stream:
                value = pickle.load(stream)
        except Exception:  # missing, truncated or from another Python: recompute
            return None
        self.used.add(path)
        return value

    def keep(self, kind: str, parts: Iterable[bytes]) -> bool:
        """Whether an entry is stored under ``parts``; if it is, it counts as used by this build (not
        pruned) although it was not read: for values a build reads only if it needs them."""
        if self.directory is None:
            return False
        path = self._path(kind, parts)
        if not path.is_file():
            return False
        self.used.add(path)
        return True

    def holds(self, kind: str, parts: Iterable[bytes]) -> bool:
        """Whether an entry is stored under ``parts`` (without reading it)."""
        return self.directory is not None and self._path(kind, parts).is_file()

    def put(self, kind: str, parts: Iterable[bytes], value: Any) -> bool:
        """Store ``value``; return whether it was stored."""
        if self.directory is None:
            return False
        path = self._path(kind, parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:  # a read-only checkout still builds, only slower
            return False
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
            self.used.add(path)
            return True
        except OSError:
            return False
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def get_or_make(self, kind: str, parts: Sequence[bytes], make: Callable[[], Any]) -> Any:
        """The value under ``parts``; if the cache lacks it, ``make()``, stored."""
        value = self.get(kind, parts)
        if value is None:
            value = make()
            self.put(kind, parts, value)
        return value

    def sendable(self, kind: str, parts: Sequence[bytes], value: Any, derive: Callable[[Any], Any] | None = None) -> Any:
        """``value`` as an argument of :func:`compute_and_store`: a :class:`FromCache` when the entry under
        ``parts`` is stored (``value`` is ``derive`` of it), so that a worker reads it rather than be sent it."""
        return FromCache(self.directory, kind, parts, value, derive) if self.holds(kind, parts) else value

    def fill(self, kind: str, keys: Sequence[Sequence[bytes]], workers: Workers, function: Callable[..., Any],
             args: Callable[[int], tuple], meanwhile: Callable[[], object] | None = None) -> list:
        """The value under each of ``keys``, in order. The ones the cache lacks are computed in one
        batch by ``workers``, as ``function(*args(i))`` for key ``i``, and stored; if there are any,
        ``meanwhile()`` is called while the workers compute them (this process would only wait)."""
        values = [self.get(kind, key) for key in keys]
        missing = [index for index, value in enumerate(values) if value is None]
        calls = [(self.directory, kind, keys[index], function, *args(index)) for index in missing]
        results = workers.map(compute_and_store, *zip(*calls))
        if missing and meanwhile is not None:
            meanwhile()
        for index, result in zip(missing, results):
            value = self.read_back(kind, keys[index], result)
            if value is None:  # the file went away since: made here (compute_and_store resolves the arguments)
                value = compute_and_store(None, kind, keys[index], function, *args(index))
            values[index] = value
        return values

    def read_back(self, kind: str, parts: Sequence[bytes], result: Any) -> Any | None:
        """The value of a :func:`compute_and_store` call that gave ``result``: read from the cache
        if it was stored there (None if the entry has gone since), else ``result`` itself."""
        return self.get(kind, parts) if isinstance(result, Stored) else result

    def prune(self) -> None:
        """After a complete build: delete the entries it did not use (older versions of changed
        inputs, texts since removed), so the folder does not grow with every edit."""
        if self.directory is None or not self.directory.is_dir():
            return
        for path in self.directory.glob("*/*.pickle"):
            if path not in self.used:
                path.unlink(missing_ok=True)


class Stored:
    """What :func:`compute_and_store` returns in place of a value it stored."""


def changed(directory: Path | None) -> RuntimeError:
    """An entry this build stored is gone: something else deleted or replaced the cache folder."""
    return RuntimeError(f"{directory} changed during the build: build again")


class Sent:
    """An argument of :func:`compute_and_store` that a worker process is sent as less than its value
    and makes into it there (:meth:`load`); in this process, :meth:`load` gives the value itself."""

    def load(self) -> Any:
        raise NotImplementedError


class FromCache(Sent):
    """An argument of :func:`compute_and_store` that is also in the build cache (an entry, or what
    ``derive`` makes of it): used as it is when the call is made here; pickled for a worker process,
    it is only the entry's key, and the worker reads the entry. Pickling a ``str`` makes CPython keep
    a UTF-8 copy of it for as long as the string lives: sending the texts themselves to the workers
    made a cold build's main process larger by about the size of the corpus."""

    def __init__(self, directory: Path, kind: str, parts: Sequence[bytes], value: Any,
                 derive: Callable[[Any], Any] | None = None) -> None:
        self.directory, self.kind, self.parts, self.derive = directory, kind, tuple(parts), derive
        self.value = value

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name != "value"}

    def load(self) -> Any:
        if "value" in self.__dict__:
            return self.value
        entry = BuildCache(self.directory).get(self.kind, self.parts)
        if entry is None:
            raise changed(self.directory)
        return self.derive(entry) if self.derive else entry


def compute_and_store(directory: Path | None, kind: str, parts: Sequence[bytes], function: Callable[..., Any],
                      *args: Any) -> Any:
    """``function(*args)``, stored under ``parts`` in the cache at ``directory``; :class:`Stored` if it
    was. A worker process answers so, not with the value: the main process reads the value from the
    cache file, as a warm build does, rather than receive it and pickle it again to store it, which
    took it more time and memory."""
    value = function(*(arg.load() if isinstance(arg, Sent) else arg for arg in args))
    return Stored() if BuildCache(directory).put(kind, parts, value) else value
