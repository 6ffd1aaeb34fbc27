"""The citation forms, one module each (registered with their priorities in :mod:`scholion.bib.citations.resolve`)."""
