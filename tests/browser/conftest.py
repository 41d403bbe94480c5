"""Browser tests: a real ``nq-advisor serve`` on a free loopback port, driven by Debian's Chromium.

No browser is downloaded: Playwright launches /usr/bin/chromium (``apt-get install chromium``;
``.ci/install-browser`` does it in CI). Outside CI the tests are skipped when Chromium or
Playwright is missing; in CI (``CI`` set) they fail instead, so they cannot silently not run.
Screenshots go to a temporary folder, or to the folder in ``NQ_ADVISOR_SCREENSHOTS``
(``docs/web`` refreshes the pictures of docs/web.md).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests: .ci/install-browser installs Chromium)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``nq-advisor serve`` in a child process; ``kill()`` sends SIGKILL, ``start()`` starts it again."""

    def __init__(self, data_dir: Path, env: dict | None = None):
        self.data_dir = data_dir
        self.port = free_port()
        self.env = {key: value for key, value in os.environ.items() if key != "NQ_ADVISOR_TOKENS"}
        self.env.update(env or {})
        self.process: subprocess.Popen | None = None
        self.log = data_dir.parent / f"serve-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "nq_advisor", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data", str(self.data_dir)], stdout=log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=1) as answer:
                    if answer.status in (200, 401):
                        return self
            except urllib.error.HTTPError as error:
                if error.code == 401:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"server did not answer in 30 s: {self.log.read_text()}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="session")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[test,web]')")
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "data").start()
    yield running
    running.stop()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1100, "height": 900}, locale="de-DE")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("NQ_ADVISOR_SCREENSHOTS")
    target = (REPO / folder) if folder else tmp_path_factory.mktemp("screenshots")
    target.mkdir(parents=True, exist_ok=True)
    return target


def axe_check(page, what: str) -> None:
    """axe-core on the page as it stands: no serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
           for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{what}: " + "; ".join(bad)


def snap(page, shots: Path, name: str, height: int = 1600) -> None:
    """A screenshot for docs/web.md: the page from the top, at most ``height`` pixels tall."""
    full = page.evaluate("document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": min(full, height)})
