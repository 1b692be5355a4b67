"""The monthly HTML report in a real headless browser (Debian's chromium, driven by Playwright).

It must load with no console errors, no table may be wider than an A4-landscape page, and
printing to PDF must work. CI installs chromium and sets SLAC_REQUIRE_BROWSER=1, so there a
missing browser is a failure; elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import golden
from tests.printed import CHROMIUM, CHROMIUM_ARGS

A4_LANDSCAPE_PX = (1123, 794)  # 297 x 210 mm at 96 px per inch
ARGS = CHROMIUM_ARGS


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str], Path]]:
    if CHROMIUM is None:
        if os.environ.get("SLAC_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed, and this run requires the browser check")
        pytest.skip("chromium is not installed (CI installs it: see .ci/run)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    html = tmp_path_factory.mktemp("report") / "monthly.html"
    html.write_text(golden.outputs()["monthly-2012-01.html"], encoding="utf-8")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        width, height = A4_LANDSCAPE_PX
        tab = browser.new_page(viewport={"width": width, "height": height})
        messages: list[str] = []
        tab.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
        tab.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
        tab.goto(html.as_uri())
        tab.emulate_media(media="print")
        yield tab, messages, html.parent
        browser.close()


def test_loads_without_console_errors(page: tuple[Any, list[str], Path]) -> None:
    tab, messages, _ = page
    assert tab.title().startswith("Action Plan in response")
    assert messages == []


def test_nothing_overflows_an_a4_landscape_page(page: tuple[Any, list[str], Path]) -> None:
    tab, _, _ = page
    width = A4_LANDSCAPE_PX[0]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    too_wide = tab.evaluate(
        "[...document.querySelectorAll('table')]"
        ".filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > "
        f"{width}).length"
    )
    assert too_wide == 0
    tables = tab.evaluate("document.querySelectorAll('table').length")
    assert tables > 30


def test_prints_to_pdf(page: tuple[Any, list[str], Path]) -> None:
    tab, _, folder = page
    pdf = folder / "monthly.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 50_000


def test_every_printed_page_is_numbered_and_titled(page: tuple[Any, list[str], Path]) -> None:
    """A board member with a loose printed page knows which report and which page it is."""
    from pypdf import PdfReader

    tab, _, folder = page
    pdf = folder / "numbered.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    pages = PdfReader(str(pdf)).pages
    total = len(pages)
    for number, printed in enumerate(pages, start=1):
        text = " ".join((printed.extract_text() or "").split())
        assert f"Page {number} of {total}" in text, number
        assert "Monthly update: January 2012" in text, number
        box = printed.mediabox
        assert float(box.width) > float(box.height)  # A4 landscape
    assert total <= 30  # the whole update, nothing dropped, on at most 30 A4 landscape pages
