"""The build cache: parsed texts and their citations kept on disk between builds, keyed by content."""
from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import scholion.build.plan as plan_module
import scholion.build.workers as workers_module
from scholion.build.cache import BuildCache, FromCache, Stored, compute_and_store, file_key
from scholion.annotations.anchoring import Anchoring
from scholion.bib.citing import Publication
from scholion.build.plan import Plan, SentGlossary
from scholion.build.workers import Workers
from scholion.glossary.loading import load_glossary
from scholion.text.corpus import load_text, source_dirs
from sitebuild import build_site, copy_project, search_records

ROOT = Path(__file__).resolve().parents[1]


def test_values_round_trip_under_their_inputs(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one")
    b.write_text("two")
    cache.put("kind", (file_key(a, b),), {"value": 1})
    assert cache.get("kind", (file_key(a, b),)) == {"value": 1}
    assert cache.get("other", (file_key(a, b),)) is None
    assert cache.get("kind", (file_key(b, a),)) is None  # which file holds what matters
    a.write_text("One")
    assert cache.get("kind", (file_key(a, b),)) is None
    (tmp_path / "empty").write_text("")
    assert file_key(tmp_path / "missing") != file_key(tmp_path / "empty")


def test_a_damaged_entry_is_a_miss_and_nothing_is_left_half_written(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    cache.put("kind", (b"key",), [1, 2, 3])
    [entry] = (tmp_path / "cache" / "kind").iterdir()
    entry.write_bytes(entry.read_bytes()[:5])
    assert cache.get("kind", (b"key",)) is None
    with pytest.raises(Exception):
        cache.put("kind", (b"other",), lambda: None)  # cannot be pickled
    assert [p.name for p in (tmp_path / "cache" / "kind").iterdir()] == [entry.name]


def test_prune_keeps_only_what_the_last_build_used(tmp_path):
    first = BuildCache(tmp_path / "cache")
    first.put("texts", (b"old version",), 1)
    first.put("texts", (b"unchanged",), 2)
    second = BuildCache(tmp_path / "cache")  # the next build
    assert second.get("texts", (b"unchanged",)) == 2
    second.put("texts", (b"new version",), 3)
    second.prune()
    third = BuildCache(tmp_path / "cache")
    assert [third.get("texts", (key,)) for key in (b"old version", b"unchanged", b"new version")] == [None, 2, 3]
    assert third.keep("texts", (b"unchanged",)) and not third.keep("texts", (b"never stored",))
    third.prune()  # kept, though not read
    assert BuildCache(tmp_path / "cache").get("texts", (b"unchanged",)) == 2
    fourth = BuildCache(tmp_path / "cache")
    fourth.get("texts", (b"new version",))
    fourth.prune()
    assert BuildCache(tmp_path / "cache").get("texts", (b"unchanged",)) is None


def test_a_value_in_the_cache_goes_to_a_worker_as_its_key(tmp_path):
    """FromCache: used as it is here; pickled (for a worker) it holds only the key, and the worker
    reads the entry and derives the argument from it. Entries gone make a clear error."""
    import pickle

    cache = BuildCache(tmp_path / "cache")
    text = {"body": "Multilateralism’s champion " * 200}
    cache.put("texts", (b"key",), text)
    assert cache.sendable("texts", (b"other",), text) is text  # not stored: sent as it is
    argument = cache.sendable("texts", (b"key",), len(text["body"]), derive=lambda entry: len(entry["body"]))
    assert argument.load() == len(text["body"])  # here: the value given
    sent = pickle.dumps(FromCache(cache.directory, "texts", (b"key",), text))
    assert len(sent) < 500 and "champion".encode() not in sent
    assert pickle.loads(sent).load() == text  # in a worker: read from the cache
    assert compute_and_store(None, "sizes", (b"k",), len, pickle.loads(sent)) == 1  # compute_and_store loads it
    (cache._path("texts", (b"key",))).unlink()
    with pytest.raises(RuntimeError, match="changed during the build"):
        pickle.loads(sent).load()


def test_the_glossary_goes_to_a_worker_as_its_entries_and_is_made_there_once(monkeypatch):
    """Not with its compiled matchers, nor as a Glossary that would compile them again for each task:
    its entries, made into a Glossary by the first task in each worker, which the next ones use."""
    import pickle

    import scholion.glossary.matching as glossary_module

    def no_regex_now(form: str) -> str:
        raise AssertionError(f"matcher built for {form!r}")

    monkeypatch.setattr(plan_module, "_worker_glossaries", {})  # a new worker process
    glossary, _ = load_glossary(ROOT / "glossary.yml")
    assert list(glossary.find("the EAEU and the CSTO"))  # its matchers compiled here
    sent = SentGlossary(b"key", glossary)
    assert sent.load() is glossary  # here: the glossary itself
    pickled = pickle.dumps(sent)
    assert b"_matchers" not in pickled and b"_owner" not in pickled
    first = pickle.loads(pickled).load()  # the first task in a worker
    assert first is not glossary and list(first) == list(glossary)
    assert [match.slug for match in first.find("The CSTO, the EAEU and the JCPOA")] == ["csto", "eaeu", "jcpoa"]
    monkeypatch.setattr(glossary_module, "form_pattern", no_regex_now)
    second = pickle.loads(pickled).load()  # the next task in that worker
    assert second is first
    assert [match.slug for match in second.find("The CSTO, the EAEU and the JCPOA")] == ["csto", "eaeu", "jcpoa"]
    assert compute_and_store(None, "terms", (b"k",), len, pickle.loads(pickled)) == len(glossary)  # loaded for the call


def test_a_value_stored_by_a_worker_and_gone_before_it_is_read_is_made_here(tmp_path, monkeypatch):
    cache = BuildCache(tmp_path / "cache")
    cache.put("texts", (b"t",), "Russia–EU relations")
    monkeypatch.setattr(BuildCache, "read_back", lambda self, kind, parts, result: None)  # the entry went away
    values = cache.fill("sizes", [(b"k",)], Workers(1), len, lambda i: (cache.sendable("texts", (b"t",), "Russia–EU relations"),))
    assert values == [len("Russia–EU relations")]


def test_no_directory_stores_nothing(tmp_path):
    cache = BuildCache(None)
    cache.put("kind", (b"key",), 1)
    assert cache.get("kind", (b"key",)) is None


def load_through(store: BuildCache, text_dir: Path, update_lock: bool = False):
    """The text as a build reads it, through the cache."""
    [text] = Plan(store, Workers(1)).texts([text_dir], update_lock=update_lock)
    return text


@pytest.fixture
def text_dir(tmp_path) -> Path:
    target = tmp_path / "sources" / "romano-2021"
    shutil.copytree(ROOT / "sources" / "romano-2021", target, ignore=shutil.ignore_patterns("annotations"))
    for path in target.iterdir():
        path.chmod(0o644)
    return target


def test_a_cached_text_equals_a_parsed_one_and_is_not_parsed_again(text_dir, tmp_path, monkeypatch):
    store = BuildCache(tmp_path / "cache")
    first = load_through(store, text_dir)

    def no_parsing(source_dir):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(plan_module, "parse_text", no_parsing)
    again = load_through(store, text_dir)  # a new build
    assert again.document == first.document and again.assignment.ids == first.assignment.ids
    monkeypatch.undo()

    (text_dir / "source.txt").write_text((text_dir / "source.txt").read_text().replace(" the ", " a ", 1))
    edited = load_through(store, text_dir)
    assert edited.document != first.document
    assert edited.document == load_text(text_dir, update_lock=False).document


def test_problems_come_back_from_the_cache(text_dir, tmp_path):
    store = BuildCache(tmp_path / "cache")
    meta = text_dir / "source.yml"
    meta.write_text(meta.read_text().replace("defects:\n", "defects:\n  not_a_defect: 1\n", 1))
    first = load_through(store, text_dir)
    assert first.problems
    again = load_through(store, text_dir)
    assert again is not first and [str(p) for p in again.problems] == [str(p) for p in first.problems]


def test_a_text_from_the_cache_still_writes_its_anchor_lock(text_dir, tmp_path):
    store = BuildCache(tmp_path / "cache")
    lock = text_dir / "anchors.json"
    published = lock.read_text()
    lock.unlink()
    load_through(store, text_dir)
    assert not lock.exists()
    load_through(store, text_dir, update_lock=True)  # the same inputs: served from the cache
    assert lock.read_text() == published


@pytest.mark.slow
def test_a_second_build_uses_the_cache_and_still_fails_on_bad_input(tmp_path):
    """A broken text, .bib entry and glossary entry: the warm build warns as the cold one did, though
    the cold one named its config by its absolute path and the warm one relative to the project; both
    name the files relative to the project."""
    project = copy_project(tmp_path / "project")
    meta = project / "sources" / "kapoor-2021" / "source.yml"
    meta.write_text(meta.read_text().replace("defects:\n", "defects:\n  not_a_defect: 1\n", 1))
    bib = project / "bib" / "romano-2021.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@book{broken-2020,\n  title = {Unclosed,\n", encoding="utf-8")
    glossary = project / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n- term: Navalny\n", encoding="utf-8")
    runs = [build_site(project, tmp_path / f"site{n}", config_file=config)
            for n, config in ((1, str(project / "mkdocs.yml")), (2, "mkdocs.yml"))]
    entries = {kind: len(list((project / ".cache" / "scholion" / kind).iterdir()))
               for kind in ("texts", "citations", "bibliography", "glossary")}
    assert entries == {"texts": 2, "citations": 1, "bibliography": 1, "glossary": 1}  # the broken text has no page, so nothing to cite
    warnings = [[line for line in run.output.splitlines() if "WARNING" in line] for run in runs]
    for run, warned in zip(runs, warnings):
        assert not run.ok and any("kapoor-2021/source.yml" in line and "not_a_defect" in line for line in warned)
        assert any("bib/romano-2021.bib" in line for line in warned)
        assert any("glossary.yml:" in line and "missing expansion" in line for line in warned)
    assert warnings[0] == warnings[1]
    assert not any(str(project) in line for line in warnings[0])
    assert [run.output for run in runs if "Traceback" in run.output] == []  # pages were made, and only warned


def test_workers_map_in_order_in_worker_processes_or_here(monkeypatch):
    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 3)
    pools = []

    class Pool(workers_module.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", Pool)
    with closing(Workers(2)) as workers:
        assert list(workers.map(pow, [2, 3], [3, 2])) == [8, 9] and pools == []  # too few to start processes for
        assert list(workers.map(pow, range(6), [2] * 6)) == [0, 1, 4, 9, 16, 25] and pools == [(2,)]
        assert list(workers.map(pow, range(4), [3] * 4)) == [0, 1, 8, 27] and pools == [(2,)]  # started once
    assert list(Workers(1).map(pow, range(6), [2] * 6)) == [0, 1, 4, 9, 16, 25] and pools == [(2,)]


def _wait_for(path: str) -> bool:
    """In a worker: whether ``path`` appears within a few seconds."""
    import time

    for _ in range(100):
        if Path(path).exists():
            return True
        time.sleep(0.05)
    return False


def test_fill_gives_this_process_other_work_while_the_workers_compute(tmp_path, monkeypatch):
    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 2)
    signal = tmp_path / "made meanwhile"
    keys = [(bytes([n]),) for n in range(4)]
    for workers in (Workers(2), Workers(1)):  # in worker processes, or here after meanwhile()
        with closing(workers):
            signal.unlink(missing_ok=True)
            assert BuildCache(None).fill("kind", keys, workers, _wait_for, lambda i: (str(signal),),
                                         meanwhile=signal.touch) == [True] * 4
    called = []
    store = BuildCache(tmp_path / "cache")
    store.fill("kind", keys, Workers(1), _wait_for, lambda i: (str(signal),))
    store.fill("kind", keys, Workers(1), _wait_for, lambda i: (str(signal),), meanwhile=lambda: called.append(1))
    assert called == []  # nothing to compute: nothing to do meanwhile


def test_worker_processes_are_forked_unless_another_thread_runs(monkeypatch):
    import threading

    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 2)
    methods = []

    class Pool(workers_module.ProcessPoolExecutor):
        def __init__(self, *args, mp_context, **kwargs):
            methods.append(mp_context.get_start_method())
            super().__init__(*args, mp_context=mp_context, **kwargs)

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", Pool)
    with monkeypatch.context() as alone:  # as in `mkdocs build` (this test process may run other threads)
        alone.setattr(workers_module.threading, "active_count", lambda: 1)
        with closing(Workers(2)) as workers:
            assert list(workers.map(pow, range(3), [2] * 3)) == [0, 1, 4]
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as `mkdocs serve` runs its server while it builds
    server.start()
    try:
        with closing(Workers(2)) as workers:
            assert list(workers.map(pow, range(3), [2] * 3)) == [0, 1, 4]
    finally:
        stop.set()
        server.join()
    assert methods == ["fork", "spawn"]


def test_work_is_done_here_when_worker_processes_fail(monkeypatch):
    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 2)

    class BrokenPool(workers_module.ProcessPoolExecutor):
        def map(self, *args, **kwargs):
            raise workers_module.BrokenProcessPool("a worker died while starting")

    class DiesMidway(workers_module.ProcessPoolExecutor):
        def map(self, function, *iterables, **kwargs):
            yield function(*next(zip(*iterables)))
            raise workers_module.BrokenProcessPool("a worker was killed")

    class RefusesWork(workers_module.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            raise workers_module.BrokenProcessPool("a worker died while starting")

    class DiesWhileWorking(workers_module.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            future = workers_module.Future()
            future.set_exception(workers_module.BrokenProcessPool("a worker was killed"))
            return future

    for pool in (BrokenPool, DiesMidway):
        monkeypatch.setattr(workers_module, "ProcessPoolExecutor", pool)
        with closing(Workers(2)) as workers:
            assert list(workers.map(pow, range(4), [2] * 4)) == [0, 1, 4, 9]
            assert workers.count == 1  # and the rest of the build works here too
    for pool in (RefusesWork, DiesWhileWorking):
        monkeypatch.setattr(workers_module, "ProcessPoolExecutor", pool)
        with closing(Workers(2)) as workers:
            tasks = [workers.submit(pow, n, 2) for n in range(5)]  # the third and later go to the pool
            assert workers._pool is not None and [task.result() for task in tasks] == [0, 1, 4, 9, 16]


def _workers_that_never_answer(monkeypatch) -> list[tuple]:
    """Every call goes to worker processes (stand-ins) that take it and never answer; the list of the calls taken."""
    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 0)
    submitted: list[tuple] = []

    class Busy(workers_module.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            submitted.append(args)
            return workers_module.Future()

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", Busy)
    return submitted


def test_throttled_calls_wait_for_a_worker_and_others_never_do(monkeypatch):
    import threading

    submitted = _workers_that_never_answer(monkeypatch)

    def submit_all(throttle: bool) -> int:
        workers = Workers(2)
        done = threading.Event()
        thread = threading.Thread(target=lambda: [workers.submit(pow, n, 2, throttle=throttle) for n in range(50)]
                                  and done.set(), daemon=True)
        thread.start()
        thread.join(2)
        return done.is_set()

    assert submit_all(throttle=False) and len(submitted) == 50
    assert not submit_all(throttle=True) and len(submitted) == 50 + 4 * 2  # the next one waits


def test_texts_parsed_by_worker_processes_are_the_texts_parsed_here(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    for n in range(2):
        for original in ("romano-2021", "kapoor-2021"):
            shutil.copytree(ROOT / "sources" / original, sources / f"{original}-{n}", ignore=shutil.ignore_patterns("annotations"))
    dirs = source_dirs(sources)
    here = [load_text(source_dir, update_lock=False) for source_dir in dirs]
    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 2)
    store = BuildCache(tmp_path / "cache")
    with closing(Workers(2)) as workers:
        parsed = Plan(store, workers).texts(dirs, update_lock=False)
        assert workers._pool is not None, "parsed in worker processes"
    assert [t.slug for t in parsed] == [d.name for d in dirs]
    assert parsed == here
    # What the workers parsed is in the store, under each text's own key.
    assert Plan(store, Workers(1)).texts(dirs, update_lock=False) == here


def test_fill_computes_only_what_the_cache_lacks_and_stores_it(tmp_path):
    store = BuildCache(tmp_path / "cache")
    store.put("kind", (b"b",), "B (cached)")
    made = []

    def make(index):
        made.append(index)
        return f"made {index}"

    keys = [(b"a",), (b"b",), (b"c",)]
    assert store.fill("kind", keys, Workers(1), make, lambda i: (i,)) == ["made 0", "B (cached)", "made 2"]
    assert made == [0, 2]
    assert store.fill("kind", [(b"a",), (b"c",)], Workers(1), make, lambda i: (i,)) == ["made 0", "made 2"]
    assert made == [0, 2]  # stored by the first fill
    assert BuildCache(None).fill("kind", [(b"a",)], Workers(1), make, lambda i: (i,)) == ["made 0"]


def test_worker_processes_store_what_they_make_and_the_build_reads_it_back(tmp_path, monkeypatch):
    monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", 2)
    keys = [(bytes([n]),) for n in range(5)]
    for store in (BuildCache(tmp_path / "cache"), BuildCache(None)):
        with closing(Workers(2)) as workers:
            assert store.fill("kind", keys, workers, pow, lambda i: (i, 2)) == [0, 1, 4, 9, 16]
            assert workers._pool is not None
    assert len(list((tmp_path / "cache" / "kind").glob("*.pickle"))) == 5
    assert compute_and_store(None, "kind", keys[0], pow, 3, 2) == 9  # nowhere to store it: the value itself
    assert isinstance(compute_and_store(tmp_path / "cache", "kind", keys[0], pow, 3, 2), Stored)
    (tmp_path / "cache" / "kind").rename(tmp_path / "gone")  # entries lost after a worker wrote them:
    monkeypatch.setattr(Workers, "map", lambda self, function, *calls: (Stored() for _ in zip(*calls)))
    assert BuildCache(tmp_path / "cache").fill("kind", keys[:1], Workers(1), pow, lambda i: (7, 2)) == [49]  # made here


@pytest.mark.slow
def test_a_site_built_with_worker_processes_is_the_site_built_here(tmp_path, monkeypatch):
    """Parsing, citations, topic passages and reading pages made in worker processes change no byte (the search index neither)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "project")
    sites = {}
    for label, threshold in (("here", 10**9), ("workers", 2)):
        monkeypatch.setattr(workers_module, "PARALLEL_MIN_ITEMS", threshold)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        monkeypatch.chdir(project)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / label)))
        sites[label] = {path.relative_to(tmp_path / label): path.read_bytes()
                        for path in sorted((tmp_path / label).rglob("*")) if path.is_file()}
    assert sites["workers"].keys() == sites["here"].keys()
    different = [str(path) for path in sites["here"] if sites["here"][path] != sites["workers"][path]]
    assert different == [], [(sites["here"][Path(p)][:300], sites["workers"][Path(p)][:300]) for p in different[:2]]
    assert any(record["url"] == "/romano-2021/" and record["anchors"] for record in search_records(tmp_path / "workers"))


@pytest.mark.slow
def test_glossary_terms_of_each_text_are_kept_until_the_glossary_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    first = build_site(project, tmp_path / "site1")
    assert first.ok, first.output
    assert len(list((project / ".cache" / "scholion" / "terms").iterdir())) == 2
    glossary = project / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + """
- term: Navalny
  expansion: Alexei Navalny, Russian opposition politician
  definition: A Russian opposition politician and anti-corruption campaigner.
""", encoding="utf-8")
    second = build_site(project, tmp_path / "site2")  # the texts come from the cache, their terms do not
    assert second.ok, second.output
    entry = BeautifulSoup((second.site_dir / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser").find(id="navalny")
    assert [a["href"] for a in entry.select(".glossary-occurrences a")][:2] == ["../kapoor-2021/", "../kapoor-2021/#p2"]
    overviews = [BeautifulSoup((run.site_dir / "compare" / "overview" / "index.html").read_text(encoding="utf-8"), "html.parser")
                 for run in (first, second)]
    assert [len(page.select('a[href$="glossary/#navalny"]')) for page in overviews] == [0, 1]  # a row in its terms table


@pytest.mark.slow
def test_a_cached_reading_page_is_made_again_when_any_of_its_inputs_changes(tmp_path):
    """Reading pages are kept in the build cache under their inputs (see scholion.build.plan):
    an edit to any of them must reach the page of the next build, as it would without the cache."""
    project = copy_project(tmp_path / "project")
    page = project / "site" / "romano-2021" / "index.html"

    def build() -> str:
        run = build_site(project, project / "site")
        assert run.ok, run.output
        return page.read_text(encoding="utf-8")

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    assert "Alexei Navalny" in build()
    assert len(list((project / ".cache" / "scholion" / "page").iterdir())) == 2
    edit(project / "sources" / "romano-2021" / "annotations" / "borrell-visit-in-kapoor.md", "Alexei Navalny", "A. Navalny")
    assert "A. Navalny" in build()
    edit(project / "glossary.yml", "expansion: North Atlantic Treaty Organization", "expansion: North Atlantic Alliance")
    assert 'title="North Atlantic Alliance"' in build()
    edit(project / "bib" / "romano-2021.bib", "author     = {Sakwa},\n  year       = {2014},",
         "author     = {Sakwa},\n  title      = {Frontline Ukraine},\n  year       = {2014},")
    assert "Frontline Ukraine" in build()
    edit(project / "mkdocs.yml", "site_url: https://scholion.github.io/russia-eu-corpus/", "site_url: https://texts.scholion.org/corpus/")
    cite_box = BeautifulSoup(build(), "html.parser").find(id="cite-this-text").get_text()
    assert "https://texts.scholion.org/corpus/romano-2021/" in cite_box and "github.io" not in cite_box
    assert len(list((project / ".cache" / "scholion" / "page").iterdir())) == 2  # older versions pruned


@pytest.mark.slow
def test_pages_about_the_corpus_come_from_the_cache_until_any_of_their_inputs_changes(tmp_path):
    """The indexes, glossary, bibliography and comparison pages are kept under every input of the
    corpus: a build with nothing changed writes none of them again, and an edit to a text, an
    annotation, the bibliography or a topic reaches them on the next build (the glossary: see
    test_glossary_terms_of_each_text_are_kept_until_the_glossary_changes)."""
    project = copy_project(tmp_path / "project")
    entries = project / ".cache" / "scholion" / "corpus-page"

    def build() -> Path:
        run = build_site(project, project / "site")
        assert run.ok, run.output
        return run.site_dir

    def page(site: Path, path: str) -> str:
        """The page's own content, without the navigation (which lists the texts and topics too)."""
        html = (site / path / "index.html").read_text(encoding="utf-8")
        return str(BeautifulSoup(html, "html.parser").select_one("article.md-content__inner"))

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    site = build()
    written = {path.name: path.stat().st_mtime_ns for path in entries.iterdir()}
    assert len(written) == 15  # texts, annotations, bibliography, glossary, compare index, overview, 9 topics
    before = {path: page(site, path) for path in ("texts", "bibliography", "compare/sanctions")}
    site = build()
    assert {path.name: path.stat().st_mtime_ns for path in entries.iterdir()} == written
    assert {path: page(site, path) for path in before} == before

    edit(project / "sources" / "kapoor-2021" / "source.yml", "The End of a Strategic Partnership", "The End of a Partnership")
    assert "The End of a Partnership" in page(build(), "texts")
    edit(project / "sources" / "romano-2021" / "annotations" / "borrell-visit-in-kapoor.md", "Alexei Navalny", "A. Navalny")
    assert "A. Navalny" in page(build(), "annotations")
    edit(project / "bib" / "romano-2021.bib", "author     = {Sakwa},\n  year       = {2012},",
         "author     = {Sakwa},\n  title      = {Putin and the Oligarch},\n  year       = {2012},")
    assert "Putin and the Oligarch" in page(build(), "bibliography")
    edit(project / "topics" / "sanctions.yml", "title: Sanctions", "title: Sanctions and countersanctions")
    site = build()
    assert "<h1>Sanctions and countersanctions" in page(site, "compare/sanctions")
    assert "Sanctions and countersanctions" in page(site, "compare")
    assert len(list(entries.iterdir())) == 15  # older versions pruned


@pytest.mark.slow
def test_the_topic_passages_are_read_only_when_a_page_showing_them_is_rendered_again(tmp_path):
    """A build whose comparison pages come from the cache does not read the passages (large), nor lets
    pruning delete them; a build that renders those pages again reads them (an unreadable one is made again)."""
    project = copy_project(tmp_path / "project")
    passages = project / ".cache" / "scholion" / "passages"

    def topic_page() -> str:
        run = build_site(project, project / "site")
        assert run.ok, run.output
        html = (run.site_dir / "compare" / "sanctions" / "index.html").read_text(encoding="utf-8")
        return str(BeautifulSoup(html, "html.parser").select_one("article.md-content__inner"))

    expected = topic_page()
    entries = sorted(passages.iterdir())
    assert len(entries) == 2  # one per text
    for entry in entries:
        entry.write_bytes(b"not a pickle")  # what reading them would find: a miss, made again
    assert topic_page() == expected
    assert sorted(passages.iterdir()) == entries and {entry.read_bytes() for entry in entries} == {b"not a pickle"}
    annotation = project / "sources" / "romano-2021" / "annotations" / "borrell-visit-in-kapoor.md"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("Alexei Navalny", "A. Navalny"), encoding="utf-8")
    assert topic_page() == expected  # rendered again (an annotation is an input of every corpus page), same passages
    assert sorted(passages.iterdir()) == entries and b"not a pickle" not in {entry.read_bytes() for entry in entries}


@pytest.mark.slow
def test_a_reading_page_rendered_ahead_but_not_stored_is_not_rendered_again(tmp_path, monkeypatch):
    """A cache folder that takes no entries (full disk, read-only): the page made ahead is used as it is."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "project")
    rendered = []
    real = plan_module.render_reading_page
    monkeypatch.setattr(plan_module, "render_reading_page", lambda text, *args: rendered.append(text.slug) or real(text, *args))
    monkeypatch.setattr(BuildCache, "put", lambda self, kind, parts, value: False)
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert sorted(rendered) == ["kapoor-2021", "romano-2021"]
    assert "Alexei Navalny" in (tmp_path / "site" / "romano-2021" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_warm_build_has_the_same_search_index_as_a_cold_one(tmp_path):
    project = copy_project(tmp_path / "project")
    indexes = []
    for n in (1, 2):
        run = build_site(project, tmp_path / f"site{n}")
        assert run.ok, run.output
        indexes.append({path.relative_to(run.site_dir): path.read_bytes() for path in (run.site_dir / "pagefind").rglob("*") if path.is_file()})
    assert indexes[0] == indexes[1]
    assert any(record["url"] == "/romano-2021/" and record["anchors"] for record in search_records(tmp_path / "site2"))


def test_a_texts_files_come_from_the_cache_until_the_text_or_the_publication_changes(tmp_path, text_dir, monkeypatch):
    """The audit page, citation files and TEI beside a reading page: made once, then read from the cache."""
    made: list[str] = []
    real = plan_module.render_text_files
    monkeypatch.setattr(plan_module, "render_text_files", lambda text, *args: made.append(args[3].version) or real(text, *args))
    store = BuildCache(tmp_path / "cache")

    def files(publication: Publication) -> dict[str, bytes]:
        plan = Plan(store, Workers(1))
        [text] = plan.texts([text_dir], update_lock=False)
        bibliography, _ = plan.bibliography([])
        [citations] = plan.citations([text], bibliography)
        return plan.text_files(text, citations, bibliography, Anchoring(), publication, [])()

    first = files(Publication(None, "C", "v1"))
    assert sorted(first) == ["romano-2021/audit.html", "romano-2021/romano-2021.bib", "romano-2021/romano-2021.json",
                             "romano-2021/romano-2021.ris", "romano-2021/romano-2021.tei.xml"]
    assert b"running head or footer" in first["romano-2021/audit.html"] and b"v1" in first["romano-2021/romano-2021.bib"]
    assert made == ["v1"]
    assert files(Publication(None, "C", "v1")) == first and made == ["v1"]  # a warm build reads them
    assert b"v2" in files(Publication(None, "C", "v2"))["romano-2021/romano-2021.tei.xml"] and made == ["v1", "v2"]
    source = text_dir / "source.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nA line added at the end.\n", encoding="utf-8")
    assert b"A line added at the end." in files(Publication(None, "C", "v2"))["romano-2021/audit.html"]
    assert made == ["v1", "v2", "v2"]
