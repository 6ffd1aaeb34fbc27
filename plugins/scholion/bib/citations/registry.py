"""A registry of named parts with priorities, read highest priority first (as ``markdown.util.Registry``)."""
from __future__ import annotations

from typing import Generic, Iterator, TypeVar

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Parts by name; iterating gives them highest priority first, parts of equal priority in the order they
    were registered. A part registered under a name already taken replaces it."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[T, float]] = {}
        self._order: list[T] | None = None

    def register(self, part: T, name: str, priority: float) -> None:
        self._parts.pop(name, None)
        self._parts[name] = (part, priority)
        self._order = None

    def deregister(self, name: str) -> None:
        del self._parts[name]
        self._order = None

    def __getitem__(self, name: str) -> T:
        return self._parts[name][0]

    def __contains__(self, name: object) -> bool:
        return name in self._parts

    def __len__(self) -> int:
        return len(self._parts)

    def __iter__(self) -> Iterator[T]:
        if self._order is None:
            self._order = [part for part, _ in sorted(self._parts.values(), key=lambda item: -item[1])]
        return iter(self._order)
