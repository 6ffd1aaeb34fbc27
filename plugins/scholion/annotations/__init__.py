"""Contributor annotations: loading (front matter checked by the published JSON Schema), anchoring to quoted
words, links in their bodies; ``python -m scholion.annotations`` checks them without a build."""
