"""The plugin's options in ``mkdocs.yml`` (``plugins: - scholion: {…}``); where the corpus is takes its
defaults from the core's :class:`~scholion.site.Settings`."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from scholion.site import Settings


class ScholionConfig(Config):
    """Options of the ``scholion`` plugin."""

    sources_dir: str = c.Type(str, default=Settings.sources_dir)  # type: ignore[assignment]
    """The folder of the texts, one ``<slug>/`` with ``source.txt`` and ``source.yml`` each."""

    glossary: str = c.Type(str, default=Settings.glossary)  # type: ignore[assignment]
    """The glossary file."""

    bib_dir: str = c.Type(str, default=Settings.bib_dir)  # type: ignore[assignment]
    """The folder of the ``.bib`` files."""

    topics_dir: str = c.Type(str, default=Settings.topics_dir)  # type: ignore[assignment]
    """The folder of the comparison topics, one ``<slug>.yml`` each."""

    update_anchor_lock: bool = c.Type(bool, default=Settings.update_anchor_lock)  # type: ignore[assignment]
    """Whether a build writes new and moved paragraph ids to each text's ``anchors.json``."""

    version: str = c.Type(str, default="")  # type: ignore[assignment]
    """The corpus's version, named in every citation (the wording of a paragraph may be corrected
    later). Empty: the release tag of the commit built (``git describe --tags --exact-match``), if any."""

    repo_branch: str = c.Type(str, default="main")  # type: ignore[assignment]
    """The branch that ``repo_url``'s web editor adds a reader's annotation to (the reading page's
    "Annotate" action; offered only when ``repo_url`` is a GitHub repository)."""

    nav_texts_max: int = c.Type(int, default=12)  # type: ignore[assignment]
    """Above this many texts the navigation lists only /texts/, not every text: each page carries the
    whole navigation, so listing every text would make the site grow with the square of it."""

    cache: bool = c.Type(bool, default=True)  # type: ignore[assignment]
    """Whether to keep what the build makes between builds, in ``cache_dir``: what is derived from each
    text (parsed text, citations, topic passages, glossary terms, reading page), the
    pages about the whole corpus, the parsed .bib files (with their formatted references) and the
    glossary, keyed by the contents of every input and by scholion's own code. Entries a build did not
    use are deleted after it."""

    cache_dir: str = c.Type(str, default=".cache/scholion")  # type: ignore[assignment]
    """Where the build cache is kept, from the folder of ``mkdocs.yml``. Safe to delete."""
