"""A placeholder site_url fails a strict build, naming the config file and line: citations are built on it."""
from __future__ import annotations

from pathlib import Path

import pytest

from scholion.mkdocs.siteurl import inherited_configs, placeholder_reason, site_url_problems
from sitebuild import build_site, copy_project


@pytest.mark.parametrize("url", [None, "", "https://example.org/", "https://example.com/corpus/", "http://www.example.net/x/",
                                 "http://localhost:8000/", "https://EXAMPLE.ORG/corpus/"])
def test_placeholders_cannot_be_cited(url):
    assert placeholder_reason(url)


@pytest.mark.parametrize("url", ["https://scholion.github.io/russia-eu-corpus/", "https://texts.uni-example.de/",
                                 "https://example.org.uk/corpus/", "http://127.0.0.1:8123/corpus/"])
def test_real_addresses_can(url):
    assert placeholder_reason(url) is None


def test_the_problem_names_the_line_that_sets_it_in_the_config_or_what_it_inherits(tmp_path: Path):
    base = tmp_path / "mkdocs.yml"
    base.write_text("site_name: Corpus\n\nsite_url: https://example.org/corpus/\n", encoding="utf-8")
    child = tmp_path / "mkdocs.local.yml"
    child.write_text("INHERIT: mkdocs.yml\ntheme: material\n", encoding="utf-8")
    assert inherited_configs(child) == [child, base]
    (problem,) = site_url_problems("https://example.org/corpus/", inherited_configs(child))
    assert (problem.file, problem.line, problem.code) == (base, 3, "config.site-url")
    assert "https://example.org/corpus/ is a placeholder" in problem.message and "github.io" in problem.message
    (unset,) = site_url_problems(None, [child])
    assert (unset.file, unset.line) == (child, None)
    assert site_url_problems("https://texts.uni-example.de/", [child]) == []


@pytest.mark.slow
def test_a_strict_build_with_a_placeholder_site_url_fails_naming_mkdocs_yml(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    (number,) = [n for n, line in enumerate(lines, start=1) if line.startswith("site_url:")]
    config.write_text(config.read_text(encoding="utf-8").replace(lines[number - 1], "site_url: https://example.org/"),
                      encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert not result.ok
    assert f"mkdocs.yml:{number}: site_url https://example.org/ is a placeholder" in result.output
    assert not (tmp_path / "site").exists()  # nothing published
