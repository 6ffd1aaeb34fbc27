"""Comparison topics: selecting passages across texts, excerpts, the corpus overview."""
