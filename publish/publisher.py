"""`declarations publish`: the website-ready tables of a reporting year.

Writes into `out_dir`:

* `<year>/declarations_<year>.xlsx` — the Указ № 613 form, one sheet per organisation;
* `<year>/declarations_<year>.csv` — the same table, one row per property, UTF-8 with BOM;
* `<year>/declarations_<year>.json` — the same content in the Declarator format;
* `site/index.html`, `site/<year>/index.html`, `site/<year>/<organisation-slug>.html` — the static
  site; pages of other years already in `out_dir/site` are kept (the archive).

Every format is written from the same public rows (`publish.public_rows`), which are built
from an allow-list of columns: nothing private is ever read into them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from declarations.settings import Settings
from declarations.store import Store
from publish.open_data import write_csv, write_declarator_json
from publish.public_rows import build_public_year
from publish.site import write_site
from publish.table_xlsx import write_xlsx


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while.

    The public rows of a big year are millions of small objects (cells, rows, dicts) with no
    reference cycles; the collector would walk all of them again and again as they are made and
    free nothing (a third of the time for 100 000 servants). Memory is still freed as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def publish_year(store: Store, year: int, out_dir: Path, settings: Settings) -> list[Path]:
    out_dir = Path(out_dir)
    with cycle_collection_paused():
        public = build_public_year(store, year, settings.publish.sort_by)
        folder = out_dir / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        paths = [
            write_xlsx(public, folder / f"declarations_{year}.xlsx"),
            write_csv(public, folder / f"declarations_{year}.csv"),
            write_declarator_json(public, folder / f"declarations_{year}.json"),
        ]
        paths += write_site(public, out_dir, files=list(paths))
    return paths


GENERALISED_COLUMNS = (
    "Представительный орган (организация)",
    "Число лиц, замещающих должности депутата, обязанных представить сведения",
    "Представили сведения о доходах, расходах, об имуществе и обязательствах имущественного характера",
    "Сообщили о несовершении сделок (сведения о доходах не представляются)",
    "Не исполнили обязанность (ненадлежащее исполнение)",
)


def generalised_rows(store: Store, year: int) -> list[tuple]:
    """Per organisation: obliged, filed (with deals), reported no deals, did not fulfil (2023 rules).

    Since the 2023 amendments (Федеральный закон от 06.02.2023 № 12-ФЗ) a deputy of a municipal
    representative body serving without pay files a справка only for a year with deals
    (230-ФЗ, ч. 1 ст. 3); otherwise he or she reports that there were none, and the site carries
    only generalised information. In the store: a servant with an effective справка of the year
    that lists a deal (`expenses`) «filed»; a справка without deals is read as the report of no
    deals; a servant who must declare and has no справка did not fulfil the duty.
    """
    return store.con.execute("""
        WITH roster AS (
            SELECT DISTINCT organisation, person_id, must_declare FROM servants
            WHERE year = ? AND source = 'workbook'),
        filed AS (
            SELECT DISTINCT person_id FROM effective_declarations
            WHERE year = ? AND source = 'workbook'),
        deals AS (
            SELECT DISTINCT d.person_id FROM effective_declarations d JOIN expenses e USING (declaration_id)
            WHERE d.year = ? AND d.source = 'workbook')
        SELECT r.organisation,
               count(*) FILTER (WHERE r.must_declare OR f.person_id IS NOT NULL) AS obliged,
               count(x.person_id) AS with_deals,
               count(f.person_id) - count(x.person_id) AS no_deals,
               count(*) FILTER (WHERE r.must_declare AND f.person_id IS NULL) AS not_fulfilled
        FROM roster r LEFT JOIN filed f USING (person_id) LEFT JOIN deals x USING (person_id)
        GROUP BY r.organisation ORDER BY r.organisation""", [year, year, year]).fetchall()


def publish_generalised(store: Store, year: int, out_dir: Path) -> list[Path]:
    """Generalised information (deputies, 2023 rules): a small xlsx and a page of the site."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    from declarations.errors import InputError, Issue
    from publish.site import environment, write_index
    from publish.table_xlsx import BORDER, HEADER_FILL, WRAP_CENTER, WRAP_TOP

    out_dir = Path(out_dir)
    rows = generalised_rows(store, year)
    if not rows:
        raise InputError([Issue(str(store.path), "", None, "", f"список лиц за {year} год в базе", "нет")])
    totals = ("Итого", *(sum(r[i] for r in rows) for i in range(1, 5)))
    table = [*rows, totals] if len(rows) > 1 else rows
    title = (f"Обобщенная информация об исполнении (ненадлежащем исполнении) лицами, замещающими должности "
             f"депутата представительного органа муниципального образования, обязанности представить сведения "
             f"о доходах, расходах, об имуществе и обязательствах имущественного характера за {year} год")
    note = ("Депутат, осуществляющий полномочия на непостоянной основе, представляет сведения только за год, "
            "в котором совершены сделки, предусмотренные частью 1 статьи 3 Федерального закона № 230-ФЗ; "
            "в ином случае он сообщает об их несовершении.")

    folder = out_dir / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    ws = workbook.active
    assert isinstance(ws, Worksheet)  # a new Workbook() has one sheet, active
    ws.title = "Обобщенная информация"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(GENERALISED_COLUMNS))
    ws["A1"].alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    ws["A1"].font = Font(bold=True)
    ws.row_dimensions[1].height = 48
    ws.append([])
    ws.append(list(GENERALISED_COLUMNS))
    for row in table:
        ws.append(list(row))
    for r, cells in enumerate(ws.iter_rows(min_row=3, max_row=ws.max_row), start=3):
        for cell in cells:
            cell.border = BORDER
            cell.alignment = WRAP_CENTER if r == 3 else WRAP_TOP
            if r == 3:
                cell.fill = HEADER_FILL
                cell.font = Font(bold=True)
    for col, width in zip("ABCDE", (40, 22, 28, 28, 24)):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    xlsx = folder / f"generalised_{year}.xlsx"
    from declarations.cell_text import neutralise_workbook

    neutralise_workbook(workbook)
    from declarations import atomic

    with atomic.atomic_path(xlsx) as temp:
        workbook.save(temp)

    site_year = out_dir / "site" / str(year)
    copy = atomic.copy_file(xlsx, site_year / xlsx.name)
    page = atomic.write_text(site_year / "generalised.html", environment().get_template("generalised.html.j2").render(
        year=year, title=title, caption=f"Обобщенная информация за {year} год", columns=GENERALISED_COLUMNS,
        rows=table, note=note))
    return [xlsx, copy, page, write_index(out_dir)]
