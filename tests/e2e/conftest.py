"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Run with `pytest -m e2e tests/e2e` (`make test` leaves them out). Playwright's
own browser download is not used: CHROMIUM (default /usr/bin/chromium) is launched.
"""

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, sync_playwright

from tests.careers.rome_support import UTF8_FILE as ROME_FILE

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WIDTHS = {"mobile": 375, "desktop": 1280}
# htmx logs a request it cancels as an error: the results form's hx-sync="this:replace"
# drops a stale search when a newer one starts. A failed request still shows
# (htmx:sendError, htmx:responseError, htmx:timeout).
HTMX_CANCELLED = ("htmx:sendAbort", "htmx:afterRequest")
TIMEOUT_MS = 15_000

# Reports every CSP violation to the console, where the page listener collects it.
# An init script runs before the page's own scripts and is not subject to its CSP.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """On SQLite, a test database in a file rather than in memory.

    An in-memory database is one connection, shared by the test and every thread of
    the live server (Django's documentation warns about it). Two requests at once, as
    htmx sends while a reader types, deadlocked there: one held SQLite's lock waiting
    for the GIL to run the search's Python function, the other held the GIL waiting
    for that lock. With a file, each thread has its own connection.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("e2e") / "test.sqlite3")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    # Playwright's sync API runs an asyncio event loop in this thread, so Django
    # believes every ORM call made by a fixture (loading the catalogue, creating
    # an admin) comes from async code and refuses it. Those calls are plain
    # synchronous setup, never concurrent with the loop: allow them, for the browser
    # tests only (set at import, it leaked into the deploy-check subprocess tests).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(catalogue, live_server) -> str:
    """The live server's address, serving the seed catalogue (tests/conftest.py)."""
    return live_server.url


@pytest.fixture
def rome_site(site) -> str:
    """The same, with the four ROME fiches of the importer's test file imported too."""
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("import_rome", str(ROME_FILE), **quiet)
    return site


@dataclass
class Problems:
    """Console errors, uncaught exceptions and CSP violations seen by one page."""

    messages: list[str] = field(default_factory=list)
    ignored_urls: set[str] = field(default_factory=set)

    def console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if message.text.startswith(HTMX_CANCELLED):
            return
        if message.location.get("url") in self.ignored_urls:
            return
        self.messages.append(f"console: {message.text} ({message.location.get('url')})")

    def page_error(self, error) -> None:
        self.messages.append(f"pageerror: {error}")


@pytest.fixture
def open_page(browser, request):
    """`open_page(width=…, height=…, javascript=…, bypass_csp=…, dark=…)` → (page, problems);
    closes after. `dark` asks for the dark colour scheme (prefers-color-scheme)."""
    contexts = []

    def open_(
        *,
        width: int = 1280,
        height: int = 900,
        javascript: bool = True,
        bypass_csp: bool = False,
        dark: bool = False,
    ):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            locale="fr-FR",
            color_scheme="dark" if dark else "light",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page = context.new_page()
        problems = Problems()
        page.on("console", problems.console)
        page.on("pageerror", problems.page_error)
        return page, problems

    yield open_
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    filename = re.sub(r"[^a-z0-9-]+", "-", name.lower())
    page.screenshot(path=RESULTS / f"{filename}.png", full_page=True)


def focused(page: Page) -> str:
    """What has keyboard focus, as "tag: accessible text" (to steer by Tab)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el) return "";
            const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
            return `${el.tagName.toLowerCase()}#${el.id}: ${text}`;
        }"""
    )


def tab_to(page: Page, pattern: str, *, limit: int = 150, backwards: bool = False) -> str:
    """Press Tab until the focused element matches `pattern` (a regular expression)."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        current = focused(page)
        if re.search(pattern, current, re.IGNORECASE):
            return current
        seen.append(current)
    raise AssertionError(f"Tab never reached {pattern!r}; focus went through: {seen[-20:]}")
