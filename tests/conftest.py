"""Shared fixtures: the real site built once, served on loopback, and a real Chromium.

* ``built_site``: ``mkdocs build --strict`` of a copy of the project, once per session. A failed
  build fails every test that needs the site, with the build log.
* ``site_url``: that site served by ``http.server`` on 127.0.0.1 (free port, own thread).
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

import pytest

from sitebuild import ROOT, build_site, copy_project

CHROMIUM = Path(os.environ.get("SCHOLION_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "test-artifacts"


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``mkdocs build --strict`` makes it from the committed inputs."""
    base = tmp_path_factory.mktemp("built")
    project = copy_project(base / "project")
    result = build_site(project, base / "site", strict=True)
    if not result.ok:
        pytest.fail(
            f"`mkdocs build --strict` failed (exit {result.returncode}); build log:\n{result.output}",
            pytrace=False,
        )
    return result.site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL (no trailing slash) of the built site served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
        return [url for url in self.requests if not url.startswith(self.base + "/") and not url.startswith("data:")
                and not url.startswith("blob:" + self.base)]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def web(browser, site_url: str, request: pytest.FixtureRequest):
    """A fresh browser context and page; console errors, page errors and every request recorded."""
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
