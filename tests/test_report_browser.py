"""The report page in a real headless Chromium: headings and tables visible, charts drawn, nothing fetched
from outside, a screenshot for the docs, and it prints on A4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from declarations.store import Store
from publish.report import write_report
from tests.conftest import ROOT
from tests.report_books import ORG, ORG2, TODAY, build, settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "docs" / "img" / "report.png"
A4_POINTS = (595.92, 842.88)  # 210 × 297 mm

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: install it with `sh scripts/install-browser.sh`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report-browser")
    with Store(tmp / "r.duckdb") as store:
        build(store, tmp)
        paths = write_report(store, 2023, tmp / "out", settings(), today=TODAY)
    return paths[1]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, report_page):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ru-RU")
    opened = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(report_page.as_uri())
    opened.requests, opened.errors = requests, errors
    try:
        yield opened
    finally:
        context.close()


def test_headings_tables_and_charts_are_visible(page):
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().startswith("Доклад о результатах анализа сведений о доходах")
    orgs = page.locator("section.organisation > h2")
    assert orgs.all_inner_texts() == [ORG, ORG2]
    first = page.locator("section.organisation").first
    for title in ("1. Представление сведений", "2. Выявленные признаки",
                  "3. Служащие с нерассмотренными признаками высокой важности",
                  "4. Динамика доходов и имущества служащих с признаками", "5. Вывод"):
        heading = first.get_by_role("heading", name=title, exact=True)
        assert heading.is_visible(), title
    # the tables are real tables with captions, their figures visible
    submission = first.get_by_role("table", name="Показатели представления сведений за 2023 год")
    assert submission.is_visible()
    row = submission.get_by_role("row", name=re.compile("^Представили справку о себе"))
    assert row.inner_text().replace("\u00a0", " ").split("\t")[1:] == ["3", "4", "75 %"]
    by_code = first.get_by_role("table", name="Признаки по кодам и статусам")
    assert by_code.is_visible() and by_code.locator("tbody tr").count() == 10
    assert first.get_by_role("table", name="По статусу").is_visible()
    # every table has a caption and header cells with a scope
    assert page.evaluate("[...document.querySelectorAll('table')].every(t => t.caption && t.caption.textContent.trim())")
    assert page.evaluate("[...document.querySelectorAll('th')].every(th => th.hasAttribute('scope'))")
    # charts: drawn with a real size, one point per year
    charts = first.locator("svg.chart.income-area")
    assert charts.count() == 4
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50
    petrov = first.locator("figure.dynamics[data-person='1'] svg")
    assert petrov.locator("circle.area-point").count() == 3
    bars = petrov.locator("rect.income-bar")
    assert bars.count() == 3 and all(bars.nth(i).bounding_box()["height"] > 0 for i in range(3))
    # the tallest bar is the 2023 income
    heights = [bars.nth(i).bounding_box()["height"] for i in range(3)]
    assert heights[2] == max(heights) and heights[0] < heights[1] < heights[2]
    # self-contained: nothing but the file itself was requested, no script errors
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
    assert page.errors == []


def test_screenshot_for_the_docs(page):
    """docs/img/report.png: the page from its heading to the first servant's chart."""
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1000, "height": 900})
    bottom = page.evaluate("(() => { const r = document.querySelector('figure.dynamics').getBoundingClientRect();"
                           " return r.bottom + window.scrollY; })()")
    page.screenshot(path=str(SCREENSHOT), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1000, "height": min(bottom + 16, 6000)})
    assert SCREENSHOT.stat().st_size > 20_000
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_it_prints_on_a4(page, tmp_path):
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()  # the contents is for the screen only
    # each organisation starts on a new page
    assert page.evaluate("getComputedStyle(document.querySelectorAll('section.organisation')[1]).breakBefore") == "page"
    pdf = page.pdf(path=str(tmp_path / "report.pdf"), prefer_css_page_size=True, print_background=True)
    assert pdf[:5] == b"%PDF-"
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages >= 2 and boxes
    for width, height in boxes:
        assert float(width) == pytest.approx(A4_POINTS[0], abs=1.5)
        assert float(height) == pytest.approx(A4_POINTS[1], abs=1.5)
