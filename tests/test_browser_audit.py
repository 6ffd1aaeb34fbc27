"""The audit page of a text, as a reviewer opens it from "About this edition" (real Chromium)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ARTIFACTS
from sitebuild import ROOT, served_build

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "extracts" / "water-allocation-2022"  # endnotes and Policy Brief footers


@pytest.fixture(scope="module")
def audit_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("audit-project")
    for name in ("mkdocs.yml", "glossary.yml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "overrides", "bib"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(FIXTURE, project / "sources" / FIXTURE.name, ignore=shutil.ignore_patterns("truth.yml"))
    # Not strict: the fixture's notes cite works this project's bib/ does not hold.
    with served_build(project, tmp_path_factory.mktemp("audit-site") / "site", strict=False) as url:
        yield url


def test_the_audit_shows_every_line_beside_what_became_of_it(browser, audit_site):
    page = browser.new_page(viewport={"width": 1366, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{audit_site}{FIXTURE.name}/")
    page.click("details.edition-note summary")
    page.click("text=Every line of the extract beside what became of it")
    page.wait_for_url(f"{audit_site}{FIXTURE.name}/audit.html")
    rows = page.locator("table.audit tbody tr")
    lines = (FIXTURE / "source.txt").read_text(encoding="utf-8").split("\n")
    assert rows.count() == len(lines)
    role = {number: page.locator(f"#l{number} td").nth(1).inner_text() for number in (94, 95, 96, 103, 105)}
    assert role == {94: "running head or footer", 95: "heading of the notes", 96: "note 1", 103: "note 7",
                    105: "running head or footer"}
    assert page.locator("tr.role-unread").count() == 0
    assert "notes: endnotes" in page.inner_text("main")
    page.locator("#l85").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "audit-view.png"))
    assert errors == []
    page.close()
