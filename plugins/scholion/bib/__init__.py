"""The bibliography: entries, BibTeX loading, citations in notes, references, citing formats."""
