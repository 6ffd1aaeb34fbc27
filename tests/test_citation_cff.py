"""CITATION.cff cites the corpus as mkdocs.yml publishes it: same title, address and repository."""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_citation_cff_is_in_step_with_mkdocs_yml():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["authors"] and cff["message"]
    assert (cff["title"], cff["url"], cff["repository-code"]) == (config["site_name"], config["site_url"], config["repo_url"])
    assert cff.get("abstract") == config["site_description"]
