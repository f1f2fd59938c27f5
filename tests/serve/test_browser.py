"""The real server in a real browser: Playwright drives Debian's Chromium over a record of the
seed article and our two test articles, ingested with the real model.

Chromium must be present in CI (``.ci/run`` installs it): there the test fails without
it; on a development machine without /usr/bin/chromium it is skipped, saying why.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
ARTICLES = REPO / "tests" / "data" / "articles"
START_TIMEOUT_S = 30


def _chromium() -> Path:
    """Debian's Chromium, or a failure in CI / a skip elsewhere."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: install it with apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + " (the test runs in CI, where a missing Chromium fails it)")
    return CHROMIUM


def _onrecord(*args: str) -> list[str]:
    return [sys.executable, "-m", "onrecord", *args]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, shared_seed_dir: Path) -> Iterator[str]:
    """``onrecord serve`` on a free port over the seed and test articles; its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    inputs = folder / "articles"
    inputs.mkdir()
    shutil.copy(shared_seed_dir / "hitachi-newton-aycliffe.txt", inputs)
    for article in ARTICLES.glob("*.txt"):
        shutil.copy(article, inputs)
    db = str(folder / "record.db")
    ingest = subprocess.run(_onrecord("ingest", str(inputs), "--db", db), capture_output=True, text=True,
                            timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(_onrecord("serve", "--db", db, "--port", str(port)), stdout=log,
                              stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server, folder / "server.log")
        yield base
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen[bytes], grace_s: float = 10) -> None:
    """Ask the server to stop; kill it when it has not stopped within ``grace_s``."""
    server.terminate()
    try:
        server.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Poll /health until it answers; fail with the server's output if it died or never answered."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"onrecord serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"onrecord serve did not answer within {START_TIMEOUT_S} s:\n{log.read_text()}")


def test_browser_server_deaf_to_terminate_is_killed() -> None:
    deaf = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)")
    server = subprocess.Popen([sys.executable, "-c", deaf], stdout=subprocess.PIPE)
    assert server.stdout is not None and server.stdout.readline() == b"ready\n"
    _stop(server, grace_s=0.2)
    assert server.returncode == -signal.SIGKILL
    server.stdout.close()


def test_browser_search_pledge_evidence_and_person(live_server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    chromium = _chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium))
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(live_server + "/")
        page.get_by_role("searchbox", name="Search what was said").fill("Hitachi")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/?q=Hitachi*")

        # Rachel Reeves' statements about Hitachi that carry a pledge; one has a condition.
        reeves_rows = page.locator("tr.statement").filter(has=page.get_by_role("link", name="Rachel Reeves"))
        pledge_links = reeves_rows.locator("a.pledge-link")
        assert pledge_links.count() >= 1
        hrefs = [pledge_links.nth(index).get_attribute("href") for index in range(pledge_links.count())]
        conditional = None
        for href in hrefs:
            page.goto(live_server + str(href))
            if page.locator("dd.condition").inner_text() != "none stated":
                conditional = href
                break
        assert conditional is not None, f"no conditional pledge among {hrefs}"
        expect(page.locator("dd.condition")).to_contain_text("if")
        mention = page.locator("li.mention").filter(has_text="Rachel Reeves").first

        # Its evidence: the article, scrolled to the highlighted statement.
        mention.locator("a.evidence").click()
        page.wait_for_url("**/articles/*#s*")
        statement_id = page.url.rsplit("#s", 1)[1]
        mark = page.locator(f"mark#s{statement_id}")
        expect(mark).to_be_visible()
        expect(mark).to_be_in_viewport()
        expect(mark).to_have_class(re.compile(r"\bsp-\d\b.*\bactive\b"))  # speaker colour, outlined as the target
        assert mark.get_attribute("data-speaker") == "Rachel Reeves"
        mark.hover()
        expect(page.locator("#tooltip")).to_contain_text("Rachel Reeves")
        page.screenshot(path=str(ARTIFACTS / "article-evidence.png"))

        # Kim McGuinness' person page, from the article's list of statements.
        page.locator("section.legend").get_by_role("link", name="Kim McGuinness").first.click()
        expect(page.locator("h1.person")).to_have_text("Kim McGuinness")
        expect(page.locator("dl.facts")).to_contain_text("mayor")
        expect(page.locator("a.evidence").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "kim-mcguinness.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "article-evidence.png").stat().st_size > 0
