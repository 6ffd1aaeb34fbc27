"""Scholion: publish annotated scholarly corpora with MkDocs + Material.

The modules here form a core library that never imports mkdocs; only
``scholion.plugin`` wires it to MkDocs events.
"""
