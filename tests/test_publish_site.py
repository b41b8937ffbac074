"""The static site: accessible markup, no external assets, one page per organisation-year, the archive."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from declarations.settings import settings_from
from publish.publisher import publish_year
from tests.rich_data import ORG, load_rich, rich_sheets
from tests.conftest import write_csv_workbook

SETTINGS = settings_from({"publish": {"sort_by": "surname"}})
PAGE = "administratsiya-goroda-enska.html"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of the document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def site(rich_store, tmp_path):
    out = tmp_path / "out"
    publish_year(rich_store, 2023, out, SETTINGS)
    return out / "site"


def test_page_is_an_accessible_table(site):
    path = site / "2023" / PAGE
    html = path.read_text(encoding="utf-8")
    tags = parse(path)
    assert re.search(r'<html lang="ru">', html)
    assert html.count("<table") == 1 and "<caption>" in html and "<thead>" in html
    assert len(tags.find("th", scope="col")) == 13  # 6 single columns + 7 under the two groups
    assert len(tags.find("th", scope="colgroup")) == 2
    row_headers = tags.find("th", scope="row")
    assert len(row_headers) == 7  # three declarants, a wife, a husband, two children
    assert {"rowspan": "6"}.items() <= tags.find("td", **{"class": "c1"})[0].items()  # № over Петров's block
    assert len(tags.find("tbody", **{"class": "block"})) == 3
    text = " ".join(tags.text)
    for value in ("Петров С.И.", "Глава администрации", "1 824 895,00", "64,7", "общая долевая (1/2)",
                  "Супруга", "Несовершеннолетний ребенок", "автомобиль легковой Toyota Camry"):
        assert value in text  # searchable text, not an image
    assert tags.find("input", id="filter") and tags.find("label", **{"for": "filter"})
    assert "hidden" in tags.find("div", id="controls")[0]  # shown by the script only
    assert tags.find("th", **{"data-sort": "name"}) and tags.find("th", **{"data-sort": "income"})
    assert "@media print" in html
    assert "водный транспорт Прогресс 4;<br>мототранспорт Ural" in html  # the lines of one cell


def test_no_external_assets(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        tags = parse(page)
        assert not tags.find("link", rel="stylesheet")
        assert all("src" not in a for t, a in tags.tags if t in ("script", "img", "iframe"))
        assert not re.search(r"(src|href)=\"(https?:)?//", html), page
        assert "@import" not in html and "@font-face" not in html and "url(" not in html


def test_pages_per_organisation_and_index(site):
    assert sorted(p.name for p in (site / "2023").glob("*.html")) == [
        PAGE, "index.html", "kontrolno-schetnaya-palata.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="2023/{PAGE}"' in index and ORG in index
    assert 'href="2023/declarations_2023.xlsx"' in index
    for name in ("declarations_2023.xlsx", "declarations_2023.csv", "declarations_2023.json"):
        assert (site / "2023" / name).exists()  # the site is self-contained
    page = (site / "2023" / PAGE).read_text(encoding="utf-8")
    assert 'href="../index.html"' in page and 'href="declarations_2023.csv"' in page
    manifest = json.loads((site / "2023" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["organisations"][0] == {"name": ORG, "slug": PAGE[:-5], "declarants": 3}


def test_earlier_years_are_kept_in_the_archive(store, tmp_path):
    load_rich(store, tmp_path, years=(2021, 2022, 2023))
    out = tmp_path / "out"
    publish_year(store, 2021, out, SETTINGS)
    publish_year(store, 2022, out, SETTINGS)
    # an earlier year published by hand (or by an older version): no manifest, just pages
    legacy = out / "site" / "2019"
    legacy.mkdir(parents=True)
    (legacy / "duma.html").write_text("<html><title>Городская дума — сведения о доходах за 2019 год</title></html>",
                                      encoding="utf-8")
    publish_year(store, 2023, out, SETTINGS)
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    years = re.findall(r'<h2 id="h(\d{4})">', index)
    assert years == ["2023", "2022", "2021", "2019"]
    assert 'href="2019/duma.html">Городская дума</a>' in index
    assert (out / "site" / "2021" / PAGE).exists()
    # re-publishing a year replaces its pages and keeps the others
    publish_year(store, 2022, out, SETTINGS)
    assert re.findall(r'<h2 id="h(\d{4})">', (out / "site" / "index.html").read_text(encoding="utf-8")) == years


def test_republishing_drops_pages_of_organisations_gone_from_the_year(store, tmp_path):
    load_rich(store, tmp_path)
    out = tmp_path / "out"
    publish_year(store, 2023, out, SETTINGS)
    assert (out / "site" / "2023" / "kontrolno-schetnaya-palata.html").exists()
    sheets = rich_sheets(2023)
    sheets["servants"] = [s for s in sheets["servants"] if s["person_id"] != "5"]
    sheets["declarations"] = [d for d in sheets["declarations"] if d["person_id"] != "5"]
    sheets["incomes"] = [r for r in sheets["incomes"] if r["declaration_id"] != "y2023-8"]
    from tests.conftest import load

    load(store, write_csv_workbook(tmp_path / "only-admin", sheets))
    # the palata's workbook was a part of the same load: it is replaced, so its servant is gone
    publish_year(store, 2023, out, SETTINGS)
    assert not (out / "site" / "2023" / "kontrolno-schetnaya-palata.html").exists()
    assert (out / "site" / "2023" / PAGE).exists()


def test_cli_publish_end_to_end(tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", rich_sheets(2023))
    exe = Path(sys.executable).with_name("declarations")
    env = {**os.environ, "COLUMNS": "200"}
    db = tmp_path / "cli.duckdb"
    run = subprocess.run([str(exe), "load", str(folder), "--db", str(db)], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    config = tmp_path / "declarations.toml"
    config.write_text('[publish]\nsort_by = "position"\n', encoding="utf-8")
    run = subprocess.run([str(exe), "publish", "--year", "2023", "--out", str(tmp_path / "pub"), "--db", str(db),
                          "--config", str(config)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "pub" / "2023" / "declarations_2023.xlsx").exists()
    assert (tmp_path / "pub" / "site" / "2023" / PAGE).exists()
    run = subprocess.run([str(exe), "publish", "--year", "2001", "--out", str(tmp_path / "pub"), "--db", str(db)],
                         capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode != 0 and "Traceback" not in run.stderr + run.stdout
    assert "2001" in run.stderr


def test_large_organisation_is_split_into_pages(rich_store, tmp_path, monkeypatch):
    """Over PAGE_SIZE declarants: pages in table order, the department repeated, numbers kept, a pager."""
    import publish.site

    monkeypatch.setattr(publish.site, "PAGE_SIZE", 2)
    out = tmp_path / "out"
    publish_year(rich_store, 2023, out, SETTINGS)
    year = out / "site" / "2023"
    second = PAGE[:-5] + "_2.html"
    assert sorted(p.name for p in year.glob("administratsiya*.html")) == [PAGE, second]
    first_tags, second_tags = parse(year / PAGE), parse(year / second)
    assert [a["data-number"] for a in first_tags.find("tbody", **{"class": "block"})] == ["1", "2"]
    assert [a["data-number"] for a in second_tags.find("tbody", **{"class": "block"})] == ["3"]
    first_text, second_text = " ".join(first_tags.text), " ".join(second_tags.text)
    assert "Руководство" in first_text and "Финансовое управление" in first_text
    assert "Финансовое управление" in second_text and "Руководство" not in second_text  # the heading goes on
    assert "Смирнова О.Н." in second_text and "Смирнова О.Н." not in first_text
    assert "3 лица; страница 2 из 2, № 3–3" in second_text
    for tags, current in ((first_tags, PAGE), (second_tags, second)):
        links = [a["href"] for a in tags.find("a") if a.get("href", "").startswith("administratsiya")]
        assert links[:2] == [PAGE, second]  # the pager, above and below the table
        assert tags.find("a", href=current, **{"aria-current": "page"})
    # the small organisation keeps one page without a pager; the index links the first page only
    assert not parse(year / "kontrolno-schetnaya-palata.html").find("nav", **{"class": "pager"})
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert f'href="2023/{PAGE}"' in index and second not in index
    # a re-publication with room for everyone drops the second page
    monkeypatch.setattr(publish.site, "PAGE_SIZE", 1000)
    publish_year(rich_store, 2023, out, SETTINGS)
    assert not (year / second).exists()
