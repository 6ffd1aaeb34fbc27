"""Shared fixtures: the real site built once, served on loopback, and a real Chromium.

* ``built_site``: ``mkdocs build --strict`` of a copy of the project, once per session. A failed
  build fails every test that needs the site, with the build log.
* ``site_url``: that site served by ``http.server`` on 127.0.0.1 (free port, own thread), under
  the path of the real ``site_url`` (``http://127.0.0.1:PORT/russia-eu-corpus/…``).
* ``browser`` / ``web``: Debian's Chromium driven by Playwright. Browser tests FAIL, never skip,
  when ``/usr/bin/chromium`` is missing (``apt-get install chromium``).
* Screenshots go to ``test-artifacts/`` (gitignored), and a failing browser test leaves one too.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import ROOT, build_site, copy_project

CHROMIUM = Path(os.environ.get("SCHOLION_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "test-artifacts"


# ---------------------------------------------------------------- the built site


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its ``site_url`` path (``/russia-eu-corpus/``), like the real host; 404s use 404.html."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix) and clean + "/" != self.prefix:
            return str(Path(self.directory) / "__outside-the-site__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_path() -> str:
    """The path part of ``site_url`` in mkdocs.yml (``/russia-eu-corpus/``), so tests use the published URLs."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*[\"']?([^\s\"'#]+)", config, re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory: pytest.TempPathFactory):
    """A loopback HTTP server bound on a free port (serving starts once the site is built)."""
    site_dir = tmp_path_factory.mktemp("served") / "site"
    site_dir.mkdir()
    prefix = site_path()
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    server.daemon_threads = True
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield server, site_dir, origin + prefix
    finally:
        server.server_close()


@pytest.fixture(scope="session")
def built_site(_site_server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``mkdocs build --strict`` makes it from the committed inputs.

    Built, as ``mkdocs serve`` does, with ``site_url`` set to the loopback address the tests serve
    it on: Material's instant navigation only takes over links that its sitemap lists.
    """
    _, site_dir, url = _site_server
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    (project / "mkdocs.test.yml").write_text(f"INHERIT: mkdocs.yml\nsite_url: {url}\n", encoding="utf-8")
    result = build_site(project, site_dir, strict=True, config_file="mkdocs.test.yml")
    if not result.ok:
        pytest.fail(
            f"`mkdocs build --strict` failed (exit {result.returncode}); build log:\n{result.output}",
            pytrace=False,
        )
    return result.site_dir


@pytest.fixture(scope="session")
def built_site_url(_site_server, built_site: Path) -> str:
    """The ``site_url`` the site was built with (ends in ``/``); absolute links under it are internal."""
    return _site_server[2]


@pytest.fixture(scope="session")
def site_url(_site_server, built_site: Path):
    """Base URL (no trailing slash) of the built site served on 127.0.0.1: ``http://127.0.0.1:PORT/corpus``."""
    server, _, url = _site_server
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield url.rstrip("/")
    finally:
        server.shutdown()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: browser tests need Debian's Chromium (`apt-get install chromium`); "
            "they fail rather than skip so CI cannot pass without them.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as error:  # noqa: BLE001 - report why the browser would not start, then fail
        playwright.stop()
        pytest.fail(f"Chromium at {CHROMIUM} would not start: {error}", pytrace=False)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


def artifact_path(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")


@dataclass
class Web:
    """One browser page on the served site, with what it logged and requested."""

    page: object  # playwright.sync_api.Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def goto(self, path: str, **kwargs):
        response = self.page.goto(self.base + path, **kwargs)
        assert response is not None and response.ok, f"GET {path} → {response.status if response else 'no response'}"
        return response

    def screenshot(self, name: str, **kwargs) -> Path:
        path = artifact_path(name)
        self.page.screenshot(path=str(path), **kwargs)
        return path

    def foreign_requests(self) -> list[str]:
        """Requests that left the site's loopback host (``data:`` URLs never leave the page)."""
        return [url for url in self.requests
                if not url.startswith("data:") and urlsplit(url.removeprefix("blob:")).hostname != "127.0.0.1"]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def web(browser, site_url: str, request: pytest.FixtureRequest):
    """A fresh browser context and page; console errors, page errors and every request recorded.

    A test that logged a console error fails after it (a test expecting one clears ``console_errors``):
    the site runs under its Content-Security-Policy, and whatever the policy blocks is logged as one."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    state = Web(page, site_url)
    page.on("console", lambda message: message.type == "error" and state.console_errors.append(
        f"{page.url}: console.error: {message.text}"))
    page.on("pageerror", lambda error: state.console_errors.append(f"{page.url}: uncaught: {error}"))
    context.on("request", lambda req: state.requests.append(req.url))
    try:
        yield state
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            try:
                state.screenshot(f"FAILED-{request.node.name}", full_page=False)
            except Exception:  # noqa: BLE001 - a screenshot must not hide the real failure
                pass
        context.close()
    assert state.console_errors == [], "console errors:\n" + "\n".join(state.console_errors)
