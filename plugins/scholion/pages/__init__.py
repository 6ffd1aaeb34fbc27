"""The generated pages' HTML: reading pages and the pages about the whole corpus."""
