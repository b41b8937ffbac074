"""Generalised information for deputies (2023 rules): counts only, no table of persons."""

from __future__ import annotations

import openpyxl

from declarations.settings import settings_from
from publish.publisher import GENERALISED_COLUMNS, generalised_rows, publish_generalised, publish_year
from tests.rich_data import ORG, ORG2


def test_counts_per_organisation(rich_store):
    rows = {r[0]: r[1:] for r in generalised_rows(rich_store, 2023)}
    # Администрация: 4 obliged; Петров filed with a deal; Смирнова and Абрамов filed without deals;
    # Яковлев filed nothing.  Палата: Зуева filed without deals.
    assert rows[ORG] == (4, 1, 2, 1)
    assert rows[ORG2] == (1, 0, 1, 0)


def test_writes_xlsx_and_page_linked_from_index(rich_store, tmp_path):
    out = tmp_path / "out"
    publish_year(rich_store, 2023, out, settings_from({"publish": {"sort_by": "surname"}}))
    paths = publish_generalised(rich_store, 2023, out)
    xlsx, _, page, index = paths
    ws = openpyxl.load_workbook(xlsx).active
    assert [c.value for c in ws[3]] == list(GENERALISED_COLUMNS)
    assert [c.value for c in ws[4]] == [ORG, 4, 1, 2, 1]
    assert [c.value for c in ws[6]] == ["Итого", 5, 1, 3, 1]
    html = page.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html and "<caption>" in html and 'scope="col"' in html
    assert "Петров" not in html and "Смирнова" not in html  # counts only
    text = index.read_text(encoding="utf-8")
    assert 'href="2023/generalised.html"' in text and 'href="2023/administratsiya-goroda-enska.html"' in text
    # publishing the year again keeps the generalised page
    publish_year(rich_store, 2023, out, settings_from({"publish": {"sort_by": "surname"}}))
    assert page.exists() and 'href="2023/generalised.html"' in index.read_text(encoding="utf-8")
    assert "generalised" not in (out / "site" / "2023" / "manifest.json").read_text(encoding="utf-8")


def test_generalised_only_year_is_listed(rich_store, tmp_path):
    out = tmp_path / "only"
    publish_generalised(rich_store, 2023, out)
    text = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="2023/generalised.html"' in text
