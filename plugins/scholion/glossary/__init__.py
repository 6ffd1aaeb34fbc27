"""The glossary: terms, loading glossary.yml, finding terms in running text."""
