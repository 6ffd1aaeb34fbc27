"""Contributor annotations: loading, validating and anchoring them to quoted words."""
