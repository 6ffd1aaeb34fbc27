"""Scholion: publish annotated scholarly corpora with MkDocs + Material.

The modules here form a core library that never imports mkdocs (``scholion.site`` makes a build's
pages from the others); ``scholion.mkdocs.plugin`` wires it to MkDocs events, with one module of MkDocs
glue: ``navigation`` (where generated pages go). ``scholion.search`` makes the site's search index.
"""
