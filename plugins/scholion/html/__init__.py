"""HTML building blocks: escaping, spans in running text, sanitising contributor text, enrichers."""
