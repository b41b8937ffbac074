"""The published site in a real headless Chromium: table, filter, sort, no-script fallback, screenshot."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from declarations.settings import settings_from
from publish.publisher import publish_year
from tests.conftest import ROOT, SAMPLE, load
from tests.rich_data import load_rich

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "docs" / "img" / "published-page.png"
PAGE = "site/2023/administratsiya-goroda-enska.html"

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: install it with `sh scripts/install-browser.sh`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from declarations.store import Store

    tmp = tmp_path_factory.mktemp("browser")
    out = tmp / "out"
    with Store(tmp / "b.duckdb") as store:
        load_rich(store, tmp, years=(2022, 2023))
        publish_year(store, 2022, out, settings_from({"publish": {"sort_by": "surname"}}))
        publish_year(store, 2023, out, settings_from({"publish": {"sort_by": "surname"}}))
    with serve(out) as url:
        yield url


@contextlib.contextmanager
def serve(directory: Path):
    """A local http.server on 127.0.0.1 (a free port) in a thread, serving `directory`."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _visible_names(page) -> list[str]:
    return page.eval_on_selector_all(
        "tbody.block:not([hidden]) tr.first th[scope=row]", "cells => cells.map(c => c.textContent.trim())")


def test_table_filter_and_sort(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/{PAGE}")

    table = page.locator("table#declarations")
    assert table.is_visible()
    assert "Администрация города Энска" in page.locator("caption").inner_text()
    assert _visible_names(page) == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    row_headers = page.eval_on_selector_all("tbody th[scope=row]", "cells => cells.map(c => c.textContent.trim())")
    assert row_headers == ["Петров С.И.", "Супруга", "Несовершеннолетний ребенок", "Абрамов О.П.",
                           "Смирнова О.Н.", "Супруг", "Несовершеннолетний ребенок"]
    assert page.locator("tbody.block").first.locator("td.c12").first.inner_text() == "1 824 895,00"
    assert page.locator("#controls").is_visible()
    assert page.locator("#status").inner_text() == "Всего: 3"

    # filter: words anywhere in a block, case- and ё-insensitive; whole blocks hide, with their sections
    page.fill("#filter", "смирнова")
    assert _visible_names(page) == ["Смирнова О.Н."]
    assert page.locator("tbody.block", has_text="Петров С.И.").is_hidden()
    assert page.locator("tbody.section", has_text="Руководство").is_hidden()
    assert page.locator("#status").inner_text() == "Показано: 1 из 3"
    page.fill("#filter", "TOYOTA")
    assert _visible_names(page) == ["Петров С.И."]
    page.fill("#filter", "мототранспорт ural")
    assert _visible_names(page) == ["Смирнова О.Н."]  # the husband's vehicle keeps the whole block
    page.fill("#filter", "нет такого")
    assert _visible_names(page) == []
    page.fill("#filter", "")
    assert len(_visible_names(page)) == 3

    # sort: by income (ascending, then descending), by name; blocks move whole, within their department
    income = page.locator("thead th[data-sort=income] button")
    income.click()
    assert page.locator("thead th[data-sort=income]").get_attribute("aria-sort") == "ascending"
    assert _visible_names(page) == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    income.click()
    assert page.locator("thead th[data-sort=income]").get_attribute("aria-sort") == "descending"
    assert _visible_names(page) == ["Петров С.И.", "Смирнова О.Н.", "Абрамов О.П."]
    order = page.eval_on_selector_all("tbody", "bodies => bodies.map(b => b.className + ':' + "
                                      "b.querySelector('th').textContent.trim())")
    assert order == ["section:Руководство", "block:Петров С.И.", "section:Финансовое управление",
                     "block:Смирнова О.Н.", "block:Абрамов О.П."]
    smirnova = page.locator("tbody.block", has_text="Смирнова О.Н.")
    assert smirnova.locator("th[scope=row]").all_inner_texts() == ["Смирнова О.Н.", "Супруг",
                                                                  "Несовершеннолетний ребенок"]
    page.locator("thead th[data-sort=name] button").click()
    assert page.locator("thead th[data-sort=income]").get_attribute("aria-sort") is None
    assert _visible_names(page) == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    page.locator("thead th[data-sort=name] button").click()
    assert _visible_names(page) == ["Петров С.И.", "Смирнова О.Н.", "Абрамов О.П."]
    page.locator("thead th[data-sort=number] button").click()
    assert _visible_names(page) == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    # sort and filter together
    page.fill("#filter", "специалист")
    assert _visible_names(page) == ["Абрамов О.П."]
    page.fill("#filter", "")

    assert errors == []
    assert all(url.startswith(server) for url in requests), requests  # no external assets

    # keyboard: the sort buttons are reachable and the filter has a label
    assert page.get_by_label("Поиск по таблице").count() == 1
    page.locator("thead th[data-sort=income] button").focus()
    page.keyboard.press("Enter")
    assert page.locator("thead th[data-sort=income]").get_attribute("aria-sort") == "ascending"
    page.locator("thead th[data-sort=number] button").click()
    assert _visible_names(page) == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    context.close()


def test_plain_table_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{PAGE}")
    assert page.locator("table#declarations").is_visible()
    assert _visible_names(page) == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    assert page.locator("#controls").is_hidden()  # a filter that cannot work is not shown
    assert page.locator("thead button").count() == 0
    assert page.locator("thead th[data-sort=income]").inner_text().startswith("Декларированный")
    assert page.locator("td", has_text="1 824 895,00").first.is_visible()
    context.close()


def test_index_lists_years_and_links_work(server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/site/index.html")
    assert page.locator("h2").all_inner_texts() == ["За 2023 год", "За 2022 год"]
    page.locator("#y2022").get_by_role("link", name="Администрация города Энска").click()
    page.wait_for_load_state()
    assert page.url.endswith("/site/2022/administratsiya-goroda-enska.html")
    assert "2022" in page.locator("h1").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "declarations_2022.csv"
    context.close()


def test_print_stylesheet_hides_controls(server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/{PAGE}")
    page.emulate_media(media="print")
    assert page.locator("#controls").is_hidden()
    assert page.locator("nav").is_hidden()
    assert page.locator("table#declarations").is_visible()
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    context.close()


def test_screenshot_for_the_readme(server, browser, tmp_path):
    """docs/img/published-page.png: the sample organisation's latest year (the hand-made data without the sample)."""
    from declarations.store import Store

    workbooks = sorted(SAMPLE.glob("declarations_*")) if SAMPLE.exists() else []
    if workbooks:
        out = tmp_path / "sample-site"
        with Store(tmp_path / "sample.duckdb") as store:
            load(store, *workbooks)
            year = store.con.execute("SELECT max(year) FROM servants WHERE source = 'workbook'").fetchone()[0]
            publish_year(store, year, out, settings_from({"publish": {"sort_by": "position"}}))
        page_path = next(p for p in (out / "site" / str(year)).glob("*.html") if p.name != "index.html")
        context_manager = serve(out)
        path = f"site/{year}/{page_path.name}"
    else:
        context_manager = contextlib.nullcontext(server)
        path = PAGE
    with context_manager as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
        page = context.new_page()
        page.goto(f"{url}/{path}")
        assert page.locator("table#declarations").is_visible()
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))  # the first screen: titles, filter, header, first blocks
        context.close()
    assert SCREENSHOT.stat().st_size > 10_000
