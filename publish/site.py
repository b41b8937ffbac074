"""The static site: one accessible page per organisation-year and an index of years (the archive).

Layout under `<out>/site/`:

* `index.html` — every year found under `site/` (newest first) with its organisations; the
  pages of earlier years already there are kept, so re-publishing builds up an archive;
* `<year>/index.html` — the organisations of the year and the downloads;
* `<year>/<organisation-slug>.html` — the table (Jinja2): `<table>` with `<caption>`, a two-row
  `<thead>` of `<th scope="col">` / `scope="colgroup"`, the name of each person-subject as
  `<th scope="row">`, `rowspan` for the merged cells, one `<tbody>` per declarant (so that
  filtering and sorting move whole blocks), a small inline script for the filter and the sort
  buttons (added by the script: with scripts off the page is the plain table) and an inline
  stylesheet with print rules. No external assets: no CDN, no web fonts. The rows of a block
  are rendered here in Python (`block_rows`), once per distinct cell: a template loop over
  millions of cells is the slow part of a big organisation;
* an organisation of more than `PAGE_SIZE` declarants is split, as large official sites do, into
  pages of `PAGE_SIZE` in the order of the table: `<slug>.html` is the first, `<slug>_2.html`…
  the next (`_` never occurs in a slug), each with the links to all pages, the department heading
  repeated where a department goes on from the page before, and the numbers of the whole table.
  One page of 100 000 declarants would be over 100 MB, which no browser shows usably;
* `<year>/declarations_<year>.xlsx|csv|json` — copies of the open-data files, so that the
  `site/` folder is self-contained and can be copied to the web server as it is;
* `<year>/manifest.json` — what the index needs to list the year again later.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from declarations import atomic
from declarations.russian import plural

from publish.public_rows import COLUMNS, GROUPS, Block, Cell, OrganisationTable, PublicYear, block_grid, title_lines

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
NUMERIC = {5, 8, 11}  # 0-based columns right-aligned: areas and income
PAGE_SIZE = 1000  # declarants on one page of an organisation's table
MANIFEST = "manifest.json"
FORMATS = (("xlsx", "Excel (.xlsx)"), ("csv", "CSV"), ("json", "JSON (формат Декларатора)"))


def _lines(text: str) -> Markup:
    return Markup("<br>").join(escape(part) for part in str(text).split("\n"))


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["lines"] = _lines
    env.filters["plural"] = plural
    env.globals["css"] = (STATIC / "site.css").read_text(encoding="utf-8")
    env.globals["js"] = (STATIC / "site.js").read_text(encoding="utf-8")
    return env


def _downloads(year: int, site: Path, from_index: bool = False, staged: Path | None = None) -> list[dict]:
    """Links to the year's open-data files copied into `site/<year>/` (the site is self-contained);
    `staged`: the folder the year is being built in."""
    links = []
    for ext, label in FORMATS:
        name = f"declarations_{year}.{ext}"
        if ((staged or site / str(year)) / name).exists():
            links.append({"href": f"{year}/{name}" if from_index else name, "label": label})
    return links


def _page_title(path: Path) -> str:
    match = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8", errors="replace"), re.S)
    if not match:
        return path.stem
    return re.sub(r"\s+—\s+сведения о доходах.*$", "", match.group(1)).strip()


def _year_entry(year_dir: Path, out_dir: Path) -> dict | None:
    year = int(year_dir.name)
    manifest = year_dir / MANIFEST
    organisations: list[dict] = []
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            organisations = [o for o in data.get("organisations", []) if (year_dir / f"{o['slug']}.html").exists()]
        except (json.JSONDecodeError, KeyError, TypeError):
            organisations = []
    if not organisations:  # a year published by hand or by an older version: list its pages
        organisations = [{"name": _page_title(p), "slug": p.stem, "declarants": None}
                         for p in sorted(year_dir.glob("*.html")) if p.name != "index.html"]
    extra = []
    if (year_dir / "generalised.html").exists():
        extra.append({"href": f"{year}/generalised.html", "label": "Обобщенная информация (депутаты)"})
        organisations = [o for o in organisations if o["slug"] != "generalised"]
    if not organisations and not extra:
        return None
    downloads = _downloads(year, out_dir / "site", from_index=True)
    return {"year": year, "organisations": organisations, "downloads": downloads, "extra": extra}


def write_index(out_dir: Path) -> Path:
    """`site/index.html` over every year present under `site/` (the archive)."""
    site = out_dir / "site"
    site.mkdir(parents=True, exist_ok=True)
    years = []
    for year_dir in sorted((p for p in site.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)),
                           key=lambda p: p.name, reverse=True):
        entry = _year_entry(year_dir, out_dir)
        if entry:
            years.append(entry)
    return atomic.write_text(site / "index.html", environment().get_template("index.html.j2").render(years=years))


class RowRenderer:
    """The `<tr>` rows of a block as HTML; each distinct cell is rendered once."""

    def __init__(self) -> None:
        self.cells: dict[tuple[Cell, int], str] = {}

    def render(self, cell: Cell, col: int) -> str:
        """A cell's HTML, remembered for the next cell like it (same text, span and column)."""
        span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
        if cell.header:
            html = f'<th scope="row"{span} class="name">{escape(cell.text)}</th>'
        else:
            num = " num" if col in NUMERIC else ""
            text = str(escape(cell.text)).replace("\n", "<br>")  # the lines of a cell (vehicles, deals)
            html = f'<td{span} class="c{col + 1}{num}">{text}</td>'
        self.cells[(cell, col)] = html
        return html

    def block_rows(self, block: Block) -> Markup:
        rows = []
        known = self.cells
        for i, row in enumerate(block_grid(block)):
            cells = []
            for col, cell in enumerate(row):
                if cell is not None:
                    cells.append(known.get((cell, col)) or self.render(cell, col))
            rows.append(("<tr class=\"first\">\n" if i == 0 else "<tr>\n") + "".join(cells) + "</tr>\n")
        return Markup("".join(rows))


def page_name(slug: str, page: int) -> str:
    return f"{slug}.html" if page == 1 else f"{slug}_{page}.html"


def paginate(table: OrganisationTable, size: int) -> list[list[tuple[str | None, list[Block]]]]:
    """The table's (department, blocks) sections cut into pages of at most `size` declarants."""
    pages: list[list[tuple[str | None, list[Block]]]] = [[]]
    room = size
    for section in table.sections:
        blocks = section.blocks
        while blocks:
            if room == 0:
                pages.append([])
                room = size
            part, blocks = blocks[:room], blocks[room:]
            pages[-1].append((section.department, part))
            room -= len(part)
    return pages


def _organisation_pages(env: Environment, public: PublicYear, table: OrganisationTable, downloads: list[dict],
                        rows: RowRenderer) -> list[tuple[str, str]]:
    """(file name, html) of each page of one organisation's table."""
    template = env.get_template("organisation.html.j2")
    pages = paginate(table, PAGE_SIZE)
    total = len(table.blocks)
    pager = [{"number": n, "href": page_name(table.slug, n)} for n in range(1, len(pages) + 1)] if len(pages) > 1 else []
    out = []
    for number, page in enumerate(pages, start=1):
        sections = [{"department": department,
                     "blocks": [{"block": b, "rows": rows.block_rows(b)} for b in blocks]}
                    for department, blocks in page]
        shown = [b for _, blocks in page for b in blocks]
        html = template.render(
            year=public.year, table=table, sections=sections, titles=title_lines(public.year, table.name),
            columns=COLUMNS, groups=GROUPS, downloads=downloads, total=total, shown=len(shown),
            pager=pager, page=number, page_size=PAGE_SIZE,
            first=shown[0].number if shown else 0, last=shown[-1].number if shown else 0,
        )
        out.append((page_name(table.slug, number), html))
    return out


def _kept_from_before(year_dir: Path, staged: Path) -> None:
    """What a re-publication does not make and keeps: the generalised information (deputies) of the year."""
    if not year_dir.is_dir():
        return
    for old in year_dir.iterdir():
        if old.is_file() and (old.name == "generalised.html" or old.name.startswith("generalised_")):
            shutil.copyfile(old, staged / old.name)


def write_site(public: PublicYear, out_dir: Path, files: Sequence[Path] = ()) -> list[Path]:
    """The pages of the year and the index; `files` (xlsx, csv, json) are copied beside the pages.

    The year is built in a folder beside `site/<year>` and swapped in whole (`declarations.atomic`):
    a run that fails or is killed leaves the year as it was, never an index of missing pages."""
    env = environment()
    site = out_dir / "site"
    year_dir = site / str(public.year)
    staged = atomic.staging_folder(year_dir)
    try:
        _kept_from_before(year_dir, staged)
        names: list[str] = []
        for file in files:
            shutil.copyfile(file, staged / file.name)
            names.append(file.name)
        downloads = _downloads(public.year, site, staged=staged)
        rows = RowRenderer()
        organisations = []
        for table in public.organisations:
            for name, html in _organisation_pages(env, public, table, downloads, rows):
                (staged / name).write_text(html, encoding="utf-8")
                names.append(name)
            organisations.append({"name": table.name, "slug": table.slug, "declarants": len(table.blocks)})
        (staged / "index.html").write_text(env.get_template("year.html.j2").render(
            year=public.year, titles=title_lines(public.year), organisations=organisations,
            downloads=downloads), encoding="utf-8")
        (staged / MANIFEST).write_text(json.dumps({"year": public.year, "organisations": organisations},
                                                  ensure_ascii=False, indent=2), encoding="utf-8")
        names.append("index.html")
        atomic.swap_in(staged, year_dir)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return [year_dir / name for name in names] + [write_index(out_dir)]
