"""`declarations report`: the analysis report to the head of the organisation, in Russian.

«Доклад о результатах анализа сведений о доходах, расходах, об имуществе и обязательствах
имущественного характера» for one reporting year, as

* `report_<year>.html` — one self-contained page (inline CSS and SVG, no script, no external
  asset), `lang="ru"`, headings and tables with captions and scoped header cells, A4 print rules;
* `report_<year>.xlsx` — sheets «Сводка», «Флаги по кодам», «Служащие с флагами», «Динамика»
  (with a chart per servant) and «Настройки»: Russian headers, widths, wrapped text, frozen headers.

One section per organisation of the year. The figures come from `publish/report_data.py`;
this module only renders them. The report is internal (for the head), so servants' names are
shown; relatives' names, addresses and account, cadastral and registration numbers are not.
"""

from __future__ import annotations

from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from declarations import atomic, calendar
from declarations.atomic import atomic_path
from declarations.cell_text import neutralise_workbook
from declarations.settings import Settings
from declarations.store import Store
from publish import site
from publish.charts import bar_list_chart, income_area_chart
from publish.report_data import (NBSP, SECTION_LABELS, SEVERITY_LABELS, STATUS_LABELS, STATUS_ORDER, Report,
                                 area_ru, build_report, date_ru, int_ru, money_ru, pct_ru)

TITLE = ("Доклад о результатах анализа сведений о доходах, расходах, об имуществе и обязательствах "
         "имущественного характера")


def write_report(store: Store, year: int, out_dir: Path, settings: Settings | None,
                 today: date | None = None) -> list[Path]:
    """Write `report_<year>.xlsx` and `report_<year>.html` into `out_dir`; return their paths."""
    report = build_report(store, year, settings, today)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    xlsx = out_dir / f"report_{year}.xlsx"
    html = out_dir / f"report_{year}.html"
    with atomic_path(xlsx) as temp:  # each file whole or the previous one kept
        write_xlsx(report, temp)
    atomic.write_text(html, render_html(report))
    return [xlsx, html]


# --------------------------------------------------------------------------- HTML


def _code_wbr(code: str) -> Markup:
    """A long code that may wrap after its underscores: `PROPERTY_<wbr>DISAPPEARED`."""
    return Markup("_<wbr>").join(escape(part) for part in str(code).split("_"))


def _environment() -> Environment:
    """The site's environment (templates, autoescape, `lines`) with the report's filters."""
    env = site.environment()
    env.filters.update(code_wbr=_code_wbr, int_ru=int_ru, money_ru=money_ru, area_ru=area_ru, pct_ru=pct_ru,
                       date_ru=date_ru, date_long=calendar.format_date_ru)
    return env


def render_html(report: Report) -> str:
    charts = {}
    code_charts = {}
    for i, org in enumerate(report.organisations, start=1):
        for servant in org.dynamics:
            chart_id = f"chart-{i}-{servant.person_id}"
            charts[(i, servant.person_id)] = income_area_chart(
                [(p.year, p.income, p.area) for p in servant.points],
                title=f"{servant.full_name}: доход семьи и площадь недвижимости в собственности по годам",
                chart_id=chart_id)
        if org.flags.by_code:
            code_charts[i] = bar_list_chart([(c.code, c.total) for c in org.flags.by_code],
                                            title="Число признаков по кодам", chart_id=f"codes-{i}")
    return _environment().get_template("report.html.j2").render(
        report=report, title=TITLE, charts=charts, code_charts=code_charts, nbsp=NBSP,
        statuses=[(s, STATUS_LABELS[s]) for s in STATUS_ORDER], severities=SEVERITY_LABELS)


# --------------------------------------------------------------------------- xlsx

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
TITLE_FONT = Font(bold=True, size=14)
ORG_FONT = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="B0B7C3")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY = "#,##0.00"
AREA = "#,##0.0#"
PERCENT = "0.0%"
DATE = "DD.MM.YYYY"


def _header(sheet, row: int, headers: list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER


def _row(sheet, row: int, values: list[Any], formats: dict[int, str] | None = None) -> None:
    """A bordered, wrapped data row. The style of the first cell of each number format is copied to the
    others (setting openpyxl style objects cell by cell costs a hash of each; copying the array does not)."""
    cache = sheet.parent.__dict__.setdefault("_report_styles", {})
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col, value=value)
        fmt = formats.get(col) if formats and value is not None else None
        styled = cache.get(fmt)
        if styled is None:
            cell.alignment, cell.border = WRAP, BORDER
            if fmt:
                cell.number_format = fmt
            cache[fmt] = copy(cell._style)
        else:
            cell._style = copy(styled)


def _widths(sheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _fraction(value: float | None) -> float | None:
    return None if value is None else value / 100.0


def write_xlsx(report: Report, path: Path) -> None:
    book = Workbook()
    _summary_sheet(book.active, report)
    _codes_sheet(book.create_sheet("Флаги по кодам"), report)
    _flagged_sheet(book.create_sheet("Служащие с флагами"), report)
    _dynamics_sheet(book.create_sheet("Динамика"), report)
    _settings_sheet(book.create_sheet("Настройки"), report)
    book.properties.title = f"{TITLE} за {report.year} год"
    book.properties.language = "ru-RU"
    neutralise_workbook(book)  # names, positions and notes are user text: never formulas
    book.save(path)


def _summary_sheet(sheet, report: Report) -> None:
    sheet.title = "Сводка"
    _widths(sheet, [58, 16, 12, 12])
    sheet.cell(row=1, column=1, value=f"{TITLE} за {report.year} год").font = TITLE_FONT
    sheet.cell(row=1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    sheet.row_dimensions[1].height = 38
    head = [("Отчетный год", report.year, None), ("Дата доклада", report.generated_on, DATE),
            ("Срок представления сведений", report.filing_deadline, DATE),
            ("Срок размещения на официальном сайте", report.publication_deadline, DATE)]
    row = 2
    for label, value, fmt in head:
        sheet.cell(row=row, column=1, value=label).font = HEADER_FONT
        cell = sheet.cell(row=row, column=2, value=value)
        if fmt:
            cell.number_format = fmt
        cell.alignment = Alignment(horizontal="left")
        row += 1
    sheet.freeze_panes = "A2"
    for org in report.organisations:
        row += 1
        sheet.cell(row=row, column=1, value=org.organisation).font = ORG_FONT
        row += 1
        _header(sheet, row, ["Показатель", "Количество", "Из", "Доля"])
        row += 1
        for label, count, whole, percent in org.submission.rows():
            _row(sheet, row, [label, count, whole, _fraction(percent)], {4: PERCENT})
            row += 1
        if not org.submission.roster_loaded:
            sheet.cell(row=row, column=1, value="Перечень служащих организации за год не загружен.").alignment = WRAP
            row += 1
        row += 1
        _header(sheet, row, ["Важность признака", "Всего", "Активных", ""])
        row += 1
        for _, label, total, active in org.flags.by_severity:
            _row(sheet, row, [label, total, active])
            row += 1
        row += 1
        _header(sheet, row, ["Статус признака", "Количество", "", ""])
        row += 1
        for _, label, count in org.flags.by_status:
            _row(sheet, row, [label, count])
            row += 1
        row += 1
        for title, people in (("Служащие, не представившие справку о себе", org.submission.missing_people),
                              ("Служащие, представившие справку с нарушением срока", org.submission.late_people)):
            if not people:
                continue
            _header(sheet, row, [title, "Табельный номер", "Дата представления", ""])
            row += 1
            for person in people:
                _row(sheet, row, [f"{person.full_name}, {person.position or ''}".rstrip(", "), person.person_id,
                                  person.submitted_on], {3: DATE})
                row += 1
            row += 1
        sheet.cell(row=row, column=1, value="Вывод").font = HEADER_FONT
        row += 1
        cell = sheet.cell(row=row, column=1, value=org.conclusion)
        cell.alignment = WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = max(45, 15 * (len(org.conclusion) // 90 + 1))
        row += 1


def _codes_sheet(sheet, report: Report) -> None:
    headers = ["Организация", "Код", "Раздел", "Описание", "Важность", *(STATUS_LABELS[s] for s in STATUS_ORDER),
               "Всего", "Активных"]
    _header(sheet, 1, headers)
    _widths(sheet, [30, 30, 24, 60, 11, 9, 11, 10, 12, 11, 8, 10])
    row = 2
    for org in report.organisations:
        for code in org.flags.by_code:
            _row(sheet, row, [org.organisation, code.code, SECTION_LABELS.get(code.section, code.section),
                              code.description, SEVERITY_LABELS.get(code.severity, code.severity),
                              *[code.by_status.get(s, 0) for s in STATUS_ORDER], code.total, code.active])
            row += 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(row - 1, 1)}"


def _flagged_sheet(sheet, report: Report) -> None:
    headers = ["Организация", "ФИО служащего", "Табельный номер", "Должность", "Подразделение", "Код", "Описание",
               "Важность", "Статус", "Требует рассмотрения", "Сообщение", "Сведения (обе справки)", "Пояснение",
               "Номер флага"]
    _header(sheet, 1, headers)
    _widths(sheet, [26, 28, 11, 24, 22, 26, 40, 10, 16, 12, 50, 70, 26, 18])
    row = 2
    for org in report.organisations:
        for servant in org.flagged:
            for flag in servant.flags:
                _row(sheet, row, [org.organisation, servant.full_name, servant.person_id, servant.position,
                                  servant.department, flag.code, flag.description, flag.severity_label,
                                  flag.status_label, "да" if flag.is_open_high else "нет", flag.message,
                                  flag.evidence.text(), flag.status_note, flag.flag_id])
                row += 1
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(row - 1, 1)}"


CHART_ROWS = 16
#: Native charts are slow to write (openpyxl) and unreadable by the thousand: the workbook charts at most
#: this many servants, those with open high-severity flags first; the data rows cover everyone, and the
#: HTML page has a chart for every servant.
MAX_XLSX_CHARTS = 60


def _income_area_chart(sheet, title: str, first: int, last: int) -> BarChart:
    years = Reference(sheet, min_col=4, min_row=first, max_row=last)
    bars = BarChart()
    bars.title = title
    bars.add_data(Reference(sheet, min_col=5, min_row=first, max_row=last), titles_from_data=False)
    bars.set_categories(years)
    bars.series[0].tx = SeriesLabel(v="Доход семьи, руб.")
    bars.y_axis.title = "Доход, руб."
    bars.y_axis.numFmt = "#,##0"
    bars.x_axis.title = "Год"
    line = LineChart()
    line.add_data(Reference(sheet, min_col=6, min_row=first, max_row=last), titles_from_data=False)
    line.set_categories(years)
    line.series[0].tx = SeriesLabel(v="Площадь в собственности, кв. м")
    line.series[0].marker.symbol = "circle"
    line.y_axis.axId = 200
    line.y_axis.title = "Площадь, кв. м"
    line.y_axis.crosses = "max"
    line.y_axis.majorGridlines = None
    for axis in (bars.x_axis, bars.y_axis, line.y_axis):
        axis.delete = False  # openpyxl 3.1 leaves axes to Excel's default, which hides them
    bars += line
    bars.legend.position = "b"
    bars.width, bars.height = 16, 7.5
    return bars


def _dynamics_sheet(sheet, report: Report) -> None:
    headers = ["Организация", "ФИО служащего", "Табельный номер", "Год", "Доход семьи, руб.",
               "Площадь в собственности, кв. м", "Признаки"]
    _header(sheet, 1, headers)
    _widths(sheet, [26, 28, 11, 8, 18, 16, 34])
    row = 2
    blocks: list[tuple[bool, int, str, int, int]] = []  # (priority, order, title, first row, last row)
    for org in report.organisations:
        urgent = {s.person_id for s in org.open_high}
        for servant in org.dynamics:
            first = row
            for point in servant.points:
                _row(sheet, row, [org.organisation, servant.full_name, servant.person_id, point.year, point.income,
                                  point.area, ", ".join(servant.codes)], {5: MONEY, 6: AREA})
                row += 1
            if row > first:
                blocks.append((servant.person_id not in urgent, len(blocks), servant.full_name, first, row - 1))
    chosen = sorted(sorted(blocks)[:MAX_XLSX_CHARTS], key=lambda b: b[1])
    for number, (_, _, name, first, last) in enumerate(chosen):
        chart = _income_area_chart(sheet, f"{name}: доход семьи и площадь в собственности", first, last)
        sheet.add_chart(chart, f"I{2 + number * CHART_ROWS}")
    if len(chosen) < len(blocks):
        note = sheet.cell(row=1, column=9, value=(
            f"Графики — для {len(chosen)} из {len(blocks)} служащих (в первую очередь с нерассмотренными "
            f"признаками высокой важности); графики для всех — в HTML-версии доклада."))
        note.alignment = Alignment(wrap_text=False)
    sheet.freeze_panes = "A2"


def _settings_sheet(sheet, report: Report) -> None:
    _header(sheet, 1, ["Раздел", "Параметр", "Ключ", "Текущее значение", "В последнем запуске"])
    _widths(sheet, [14, 60, 32, 36, 36, 10])
    row = 2
    for item in report.settings.rows:
        _row(sheet, row, [item.section, item.label, item.key, item.current,
                          item.used if item.used is not None else ""])
        row += 1
    sheet.freeze_panes = "A2"
    row += 1
    _header(sheet, row, ["Последний запуск", "Вид", "Номер", "Дата и время", "Отчетный год", "Найдено / устранено"])
    row += 1
    for run in report.settings.runs:
        _row(sheet, row, ["", run.kind_label, run.run_id, run.started_at,
                          run.year if run.year is not None else "все", f"{run.raised} / {run.resolved}"],
             {4: "DD.MM.YYYY HH:MM"})
        row += 1
    if not report.settings.runs:
        _row(sheet, row, ["", "проверки не проводились"])
