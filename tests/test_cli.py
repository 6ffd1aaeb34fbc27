"""``scholion check`` and ``scholion new``: the build's checks before a commit, and a new text's folder."""
from __future__ import annotations

import io
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from scholion.cli import check, main, new_text
from scholion.glossary.loading import load_glossary
from sitebuild import ROOT, copy_project

EXTRACT = ("Harbour Dues in the Baltic\r\n\r\nHarbour dues rose twice in the decade before the reform. The second "
           "rise came\r\nwithout notice, and shipowners moved their winter berths.\r\n\f")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run(function, *args) -> tuple[int, str]:
    out = io.StringIO()
    code = function(*args, out=out)
    return code, out.getvalue()


def test_a_clean_corpus_passes(project: Path):
    code, output = run(check, project)
    assert code == 0 and output.splitlines()[-1] == "scholion check: 0 warning(s)"


def test_a_problem_is_reported_as_the_build_words_it(project: Path):
    glossary = project / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "- term: QQX\n  expansion: made up\n", encoding="utf-8")
    expected = [str(problem) for problem in load_glossary(glossary)[1]]
    code, output = run(check, project)
    assert code == 1 and expected and all(line in output.splitlines() for line in expected)
    assert "(mkdocs build --strict would fail)" in output


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project, check=True,
                   capture_output=True)


def test_changed_shows_only_the_files_changed_since_the_ref(project: Path):
    topic = next((project / "topics").glob("*.yml"))
    topic.write_text(topic.read_text(encoding="utf-8") + "unknwn_key: 1\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "corpus with a broken topic")
    assert run(check, project)[0] == 1  # the whole corpus: the committed problem counts
    assert run(check, project, "HEAD")[0] == 0  # nothing changed since
    annotation = next((project / "sources").glob("*/annotations/*.md"))
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("kind:", "knd:", 1), encoding="utf-8")
    code, output = run(check, project, "HEAD")
    assert code == 1
    reported = {line.split(":")[0] for line in output.splitlines()[:-1]}
    assert reported == {str(annotation)}


def test_new_makes_the_folder_and_says_what_to_fill_in(project: Path, tmp_path: Path):
    extract = tmp_path / "extract.txt"
    extract.write_bytes(EXTRACT.encode("utf-8"))
    code, output = run(new_text, project, "tamm-2019", extract)
    folder = project / "sources" / "tamm-2019"
    assert code == 0
    assert (folder / "source.txt").read_bytes() == extract.read_bytes()  # form feed and CRLF kept
    assert (folder / "annotations").is_dir() and not any((folder / "annotations").iterdir())
    assert f"{folder / 'source.yml'}:2: 'title' is empty" in output
    assert "3 warning(s) about the new text are left" in output
    meta = (folder / "source.yml").read_text(encoding="utf-8")
    filled = (meta.replace('title: ""', 'title: "Harbour Dues in the Baltic"')
              .replace("authors: []", "authors: [Mira Tamm]").replace("year:  ", "year: 2019"))
    (folder / "source.yml").write_text(filled, encoding="utf-8")
    assert run(check, project)[0] == 0
    # Neither a taken nor a malformed slug is made.
    assert run(new_text, project, "tamm-2019", extract)[0] == 2
    assert run(new_text, project, "Tamm 2019", extract)[0] == 2
    assert not (project / "sources" / "Tamm 2019").exists()


def test_the_pre_commit_hook_runs_the_check_on_changed_files(project: Path, monkeypatch: pytest.MonkeyPatch):
    hook, = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    command = shlex.split(hook["entry"])
    assert command[0].endswith("scholion") and command[1:] == ["check", "--changed", "HEAD"]
    assert hook["pass_filenames"] is False
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "corpus")
    monkeypatch.chdir(project / "sources")  # found from a folder below mkdocs.yml too
    assert main(command[1:]) == 0


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# Each kind of contributor file, broken as a contributor might break it: (file, how, what the message says).
BROKEN = [
    ("sources/romano-2021/source.yml", lambda p: _append(p, "titel: A misspelt key\n"), "unknown field 'titel'"),
    ("sources/romano-2021/source.txt", lambda p: p.write_text("\n", encoding="utf-8"), "source.txt is empty"),
    ("sources/romano-2021/anchors.json",
     lambda p: p.write_text(p.read_text(encoding="utf-8").replace('"next": 66,', '"next": 66, "next": 67,'), encoding="utf-8"),
     "twice"),
    ("sources/romano-2021/annotations/medvedev-european-security-treaty.md",
     lambda p: p.write_text(p.read_text(encoding="utf-8").replace("kind: context", "kind: contxt"), encoding="utf-8"),
     "contxt"),
    ("sources/romano-2021/supplied_notes.yml",
     lambda p: p.write_text('- note: 55\n  text: "x"\n  source: "y"\n  added_by: "z"\n', encoding="utf-8"),
     "the extract has its text"),
    ("glossary.yml", lambda p: _append(p, "- term: QQX\n  expansion: made up\n  definition: Unused.\n  mark: sometimes\n"),
     "mark 'sometimes'"),
    ("bib/corpus.bib", lambda p: _append(p, "\n}\n"), "brace"),
    ("topics/eurasian-integration.yml", lambda p: _append(p, "sumary: misspelt\n"), "sumary"),
]


@pytest.mark.slow  # reads the whole corpus once per kind of file
@pytest.mark.parametrize(("name", "break_it", "says"), BROKEN, ids=[name for name, _, _ in BROKEN])
def test_check_reports_each_kind_of_file_at_its_line(project: Path, name: str, break_it, says: str):
    path = project / name
    break_it(path)
    code, output = run(check, project)
    mine = [line for line in output.splitlines() if line.startswith(f"{path}:")]
    assert code == 1 and any(says in line for line in mine), output
    assert all(re.match(rf"{re.escape(str(path))}:\d+: ", line) for line in mine if says in line)  # with its line
