"""The glossary: its terms, loading glossary.yml, finding terms in running text, linking them on pages."""
