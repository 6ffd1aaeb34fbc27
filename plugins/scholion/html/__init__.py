"""HTML building blocks: escaping with spans, sanitising contributor text, enrichers."""
