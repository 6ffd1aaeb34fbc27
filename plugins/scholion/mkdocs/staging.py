"""The site is written to a staging folder and replaces the site folder only when the build succeeds.

MkDocs writes each page straight into ``site_dir`` as it goes, and decides that a strict build
failed only at the very end, after every plugin's ``on_post_build``: a failed build would leave a
half-written site where the last good one was (a text whose ``source.yml`` broke would have lost
its page). So the plugin points ``site_dir`` at a fresh sibling folder (same file system: the swap
is two renames) and, as the last thing the build does, moves it into place, or throws it away if
the build failed. Where the old site cannot be renamed (a mount point, say), its contents are
replaced entry by entry instead. As MkDocs' own cleaning of the site folder does, the old site's
hidden entries (``.git`` of a checkout to deploy from, say) stay, unless the new site has its own.

Whether a strict build will fail is read from the counter of warnings MkDocs itself keeps
(``CountHandler``, on the logger of the tool running: ``mkdocs``, or ``properdocs``, whose
``mkdocs`` modules are its own), so the verdict is MkDocs' own.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import mkdocs
from mkdocs.utils import CountHandler

BUILDING = ".building-"  # in the staging folder's name, after the site folder's
REPLACED = ".replaced-"  # the old site's name while the new one moves in


class StagedSite:
    """A build's output: written to ``staging``, published to ``site_dir`` or discarded."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{BUILDING}", dir=site_dir.parent))

    def publish(self) -> None:
        """The new site takes the old one's place; the old one is deleted."""
        if not self.site_dir.exists():
            os.rename(self.staging, self.site_dir)
            return
        old = self.staging.with_name(self.staging.name.replace(BUILDING, REPLACED, 1))  # as unique as the staging's
        try:
            os.rename(self.site_dir, old)
        except OSError:  # the site folder cannot move (a mount point): its contents are swapped
            self._replace_contents()
            return
        os.rename(self.staging, self.site_dir)
        for entry in old.iterdir():
            if _hidden(entry) and not os.path.lexists(self.site_dir / entry.name):
                os.rename(entry, self.site_dir / entry.name)
        shutil.rmtree(old, ignore_errors=True)

    def _replace_contents(self) -> None:
        new = {entry.name for entry in self.staging.iterdir()}
        for entry in list(self.site_dir.iterdir()):
            if _hidden(entry) and entry.name not in new:
                continue
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        for entry in list(self.staging.iterdir()):
            shutil.move(entry, self.site_dir / entry.name)
        os.rmdir(self.staging)

    def discard(self) -> None:
        """The build failed: what it wrote goes, the site folder stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _hidden(entry: Path) -> bool:
    """An entry MkDocs' cleaning of the site folder leaves (``mkdocs.utils.clean_directory``)."""
    return entry.name.startswith(".")


def strict_build_fails() -> bool:
    """Whether MkDocs will abort the build running for its warnings (it counts them only in strict mode)."""
    counters = [handler for handler in logging.getLogger(mkdocs.__name__).handlers if isinstance(handler, CountHandler)]
    return any(counter.get_counts() for counter in counters)
