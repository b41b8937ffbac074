"""Sheet schema of the input contract and the writers of the generator.

* ``SHEETS``: every sheet of the declaration workbook with its English keys, Russian headers
  and value kinds, in the contract's order (``/work/shared/spec/input.md``).
* ``YearSink``: takes canonical Python rows (``str``, ``int``, ``float``, ``datetime.date``,
  ``bool``, ``None``, enum keys) and writes them as an ``.xlsx`` workbook and/or a folder of
  CSV files, with English keys or Russian headers, ISO values or Russian formats.
* ``XlsxWriter``: a small streaming ``.xlsx`` writer (inline strings, real numeric, boolean
  and date cells, frozen header row).  ``openpyxl``'s write-only mode needs ~170 µs per row
  without ``lxml`` (34 s for 200 000 rows here), which is far too slow for the 100 000-servant
  benchmark; this writer needs ~10 µs.  Its output opens in Excel/LibreOffice and reads with
  ``openpyxl`` and ``fastexcel``; ``engine="openpyxl"`` is still available.  The archive has
  fixed timestamps, so the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

# kinds: t text, d date, a amount (roubles), n number (area, percent), i int, b bool,
#        e:<enum> enum key (Russian label when russian formats are on)

SHEETS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "servants": ("Служащие", [
        ("person_id", "Табельный номер", "t"),
        ("full_name", "ФИО", "t"),
        ("birth_date", "Дата рождения", "d"),
        ("organisation", "Организация", "t"),
        ("department", "Подразделение", "t"),
        ("position", "Должность", "t"),
        ("must_declare", "Обязан представлять", "b"),
        ("procurement_role", "Роль в закупках", "e:procurement_role"),
        ("inn", "ИНН", "t"),
    ]),
    "relatives": ("Родственники", [
        ("person_id", "Табельный номер", "t"),
        ("relative_id", "Код родственника", "t"),
        ("relation", "Степень родства", "e:relation"),
        ("full_name", "ФИО", "t"),
        ("former_names", "Прежние ФИО", "t"),
        ("birth_date", "Дата рождения", "d"),
        ("inn", "ИНН", "t"),
        ("address", "Адрес", "t"),
    ]),
    "declarations": ("Справки", [
        ("declaration_id", "Номер справки", "t"),
        ("person_id", "Табельный номер", "t"),
        ("year", "Отчетный год", "i"),
        ("subject", "Чьи сведения", "e:subject"),
        ("relative_id", "Код родственника", "t"),
        ("subject_name", "ФИО лица", "t"),
        ("subject_birth_date", "Дата рождения лица", "d"),
        ("submitted_on", "Дата представления", "d"),
        ("kind", "Вид", "e:kind"),
        ("corrects", "Уточняет справку", "t"),
    ]),
    "incomes": ("Доходы", [
        ("declaration_id", "Номер справки", "t"),
        ("income_type", "Вид дохода", "e:income_type"),
        ("description", "Описание", "t"),
        ("amount", "Сумма, руб.", "a"),
    ]),
    "expenses": ("Расходы", [
        ("declaration_id", "Номер справки", "t"),
        ("asset_kind", "Вид имущества", "e:asset_kind"),
        ("description", "Описание", "t"),
        ("amount", "Сумма сделки, руб.", "a"),
        ("deal_date", "Дата сделки", "d"),
        ("funds_source", "Источник средств", "t"),
    ]),
    "real_estate": ("Недвижимость", [
        ("declaration_id", "Номер справки", "t"),
        ("holding", "Право", "e:holding"),
        ("object_type", "Вид объекта", "e:object_type"),
        ("ownership", "Вид собственности", "e:ownership"),
        ("share", "Доля", "t"),
        ("area", "Площадь, кв. м", "n"),
        ("country", "Страна", "t"),
        ("address", "Адрес", "t"),
        ("cadastral_number", "Кадастровый номер", "t"),
        ("acquired_on", "Дата приобретения", "d"),
        ("basis", "Основание приобретения", "t"),
    ]),
    "vehicles": ("Транспорт", [
        ("declaration_id", "Номер справки", "t"),
        ("vehicle_type", "Вид", "e:vehicle_type"),
        ("make", "Марка", "t"),
        ("model", "Модель", "t"),
        ("year_made", "Год выпуска", "i"),
        ("registration", "Регистрационный знак", "t"),
        ("acquired_on", "Дата приобретения", "d"),
    ]),
    "accounts": ("Счета", [
        ("declaration_id", "Номер справки", "t"),
        ("bank", "Банк", "t"),
        ("account_number", "Номер счета", "t"),
        ("account_type", "Вид счета", "t"),
        ("currency", "Валюта", "t"),
        ("opened_on", "Дата открытия", "d"),
        ("balance", "Остаток, руб.", "a"),
    ]),
    "securities": ("Ценные бумаги", [
        ("declaration_id", "Номер справки", "t"),
        ("issuer_name", "Наименование организации", "t"),
        ("issuer_inn", "ИНН организации", "t"),
        ("kind", "Вид", "e:securities_kind"),
        ("share_pct", "Доля, %", "n"),
        ("amount", "Стоимость, руб.", "a"),
    ]),
    "liabilities": ("Обязательства", [
        ("declaration_id", "Номер справки", "t"),
        ("kind", "Вид обязательства", "t"),
        ("creditor", "Кредитор", "t"),
        ("amount", "Сумма, руб.", "a"),
        ("incurred_on", "Дата возникновения", "d"),
    ]),
    "payroll": ("Начисления", [
        ("person_id", "Табельный номер", "t"),
        ("year", "Год", "i"),
        ("amount", "Начислено, руб.", "a"),
    ]),
}

ENUM_LABELS: dict[str, dict[str, str]] = {
    "procurement_role": {
        "none": "нет", "customer_head": "руководитель заказчика",
        "commission": "член комиссии по закупкам", "contract_manager": "контрактный управляющий",
    },
    "relation": {
        "spouse": "супруг(а)", "father": "отец", "mother": "мать", "son": "сын",
        "daughter": "дочь", "brother": "брат", "sister": "сестра",
    },
    "subject": {"self": "служащий", "spouse": "супруг(а)", "child": "несовершеннолетний ребенок"},
    "kind": {"original": "первичная", "corrected": "уточненная"},
    "income_type": {
        "main_job": "по основному месту работы",
        "teaching": "от педагогической и научной деятельности",
        "creative": "от иной творческой деятельности",
        "deposits": "от вкладов в банках",
        "securities": "от ценных бумаг и долей участия",
        "other": "иные доходы",
    },
    "asset_kind": {},
    "holding": {"owned": "в собственности", "used": "в пользовании"},
    "object_type": {
        "land": "земельный участок", "house": "жилой дом", "flat": "квартира", "garage": "гараж",
        "dacha": "дача", "parking": "машино-место", "non_residential": "нежилое помещение",
        "other": "иное",
    },
    "ownership": {"individual": "индивидуальная", "shared": "общая долевая", "joint": "общая совместная"},
    "vehicle_type": {
        "car": "автомобиль легковой", "truck": "автомобиль грузовой", "moto": "мототранспорт",
        "agri": "сельскохозяйственная техника", "water": "водный транспорт",
        "air": "воздушный транспорт", "other": "иное",
    },
    "securities_kind": {"shares": "акции", "stake": "доля участия", "other": "иные"},
}

SHEET_ORDER = list(SHEETS)
NBSP = "\u00a0"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
FIXED_TIMESTAMP = dt.datetime(2025, 1, 1, 0, 0, 0)


def iso_date(d: dt.date | None) -> str:
    return "" if d is None else d.isoformat()


def ru_date(d: dt.date | None) -> str:
    return "" if d is None else f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def plain_number(v: float | int | None) -> str:
    if v is None:
        return ""
    if isinstance(v, int):
        return str(v)
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return s or "0"


_TR_NBSP = str.maketrans({",": NBSP, ".": ","})
_TR_SP = str.maketrans({",": " ", ".": ","})


def ru_amount(v: float | None, nbsp: bool = True) -> str:
    if v is None:
        return ""
    return f"{v:,.2f}".translate(_TR_NBSP if nbsp else _TR_SP)


class _Formats:
    """Per-sheet converters from canonical values to the values a sink writes.

    A converter is generated once per sheet as one Python function returning a list, so a
    row costs one call instead of one call per cell.
    """

    def __init__(self, russian: bool, native: bool, seed: int, xlsx: bool = False):
        self.russian = russian
        self.native = native  # xlsx in ISO mode: keep numbers, dates and booleans typed
        self.xlsx = xlsx  # integers (years) stay numeric cells in every xlsx
        self._rng = random.Random(seed)

    def converter(self, sheet: str):
        ns = {"ru_date": ru_date, "ru_amount": ru_amount, "plain_number": plain_number,
              "rnd": self._rng.random, "ENUM_LABELS": ENUM_LABELS}
        exprs = [self._expr(kind, f"v[{i}]", ns) for i, (_k, _h, kind) in enumerate(SHEETS[sheet][1])]
        src = "def conv(v):\n    return [" + ", ".join(exprs) + "]\n"
        exec(src, ns)  # noqa: S102 (generated from the fixed schema above)
        return ns["conv"]

    def _expr(self, kind: str, x: str, ns: dict) -> str:
        empty = f'"" if {x} is None else '
        if kind == "t":
            return f'({empty}{x})'
        if kind == "i":
            return x if (self.native or self.xlsx) else f'({empty}str({x}))'
        if kind == "d":
            if self.russian:
                return f"ru_date({x})"
            return x if self.native else f'({empty}{x}.isoformat())'
        if kind == "a":
            if self.russian:
                return f"ru_amount({x}, rnd() < 0.6)"
            if self.native:
                return f"(None if {x} is None else float({x}))"
            return f'({empty}"%.2f" % {x})'
        if kind == "n":
            if self.russian:
                return f'plain_number({x}).replace(".", ",")'
            return x if self.native else f"plain_number({x})"
        if kind == "b":
            if self.russian:
                return f'({empty}("да" if {x} else "нет"))'
            return x if self.native else f'({empty}("true" if {x} else "false"))'
        if kind.startswith("e:"):
            if self.russian:
                name = "L_" + kind[2:]
                ns[name] = ENUM_LABELS[kind[2:]]
                return f"({empty}{name}.get({x}, {x}))"
            return f"({empty}{x})"
        raise ValueError(kind)


# --------------------------------------------------------------------------------------
# Streaming xlsx
# --------------------------------------------------------------------------------------

def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _esc(x: str) -> str:
    return escape(x) if ("&" in x or "<" in x or ">" in x) else x


_EPOCH_ORD = _EXCEL_EPOCH.toordinal()


def _row_writer(letters: list[str], types: list[str]):
    """Generate a function that turns one row of values of known types into sheet XML."""
    lines = ["def write(v, r, a):", "    p = ['<row r=\"', r, '\">']", "    q = p.append"]
    for i, (col, t) in enumerate(zip(letters, types)):
        lines.append(f"    x = v[{i}]")
        if t == "str":
            lines.append("    if x:")
            lines.append(f"        q('<c r=\"{col}' + r + '\" t=\"inlineStr\"><is><t>' + esc(x) + '</t></is></c>')")
            continue
        lines.append("    if x is not None:")
        if t == "date":
            lines.append(f"        q('<c r=\"{col}' + r + '\" s=\"1\"><v>' + str(x.toordinal() - EPOCH) + '</v></c>')")
        elif t == "bool":
            lines.append(f"        q('<c r=\"{col}' + r + '\" t=\"b\"><v>' + ('1' if x else '0') + '</v></c>')")
        elif t == "amount":
            lines.append(f"        q('<c r=\"{col}' + r + '\" s=\"2\"><v>' + repr(x) + '</v></c>')")
        else:  # int, number
            lines.append(f"        q('<c r=\"{col}' + r + '\"><v>' + repr(x) + '</v></c>')")
    lines += ["    q('</row>')", "    a(''.join(p))"]
    ns = {"esc": _esc, "EPOCH": _EPOCH_ORD}
    exec("\n".join(lines) + "\n", ns)  # noqa: S102 (generated from the fixed schema)
    return ns["write"]


class _XlsxSheet:
    def __init__(self, name: str, header: list[str], kinds: list[str], widths: list[float],
                 types: list[str] | None = None):
        self.name = name
        self.kinds = kinds
        self.widths = widths
        self.letters = [_col_letter(i) for i in range(len(header))]
        self.tmp = tempfile.TemporaryFile()
        self.buf: list[str] = []
        self.size = 0
        self.n = 0
        self._row(header, header=True)
        # one row of values; with `types`, a row writer generated for the sheet's columns
        self.append: Callable[[Sequence[Any]], None] = self._row
        if types is not None:
            self._fast = _row_writer(self.letters, types)
            self.append = self._append_fast

    def _append_fast(self, values) -> None:
        self.n += 1
        self._fast(values, str(self.n), self.buf.append)
        if len(self.buf) >= 2000:
            self.flush()

    def _row(self, values, header: bool = False) -> None:
        self.n += 1
        r = str(self.n)
        parts = [f'<row r="{r}">']
        kinds = self.kinds
        for j, v in enumerate(values):
            if v is None or v == "":
                continue
            ref = self.letters[j] + r
            if header:
                parts.append(f'<c r="{ref}" s="3" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            elif isinstance(v, str):
                sp = ' xml:space="preserve"' if v[0] == " " or v[-1] == " " else ""
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t{sp}>{escape(v)}</t></is></c>')
            elif isinstance(v, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, dt.date):
                parts.append(f'<c r="{ref}" s="1"><v>{(v - _EXCEL_EPOCH).days}</v></c>')
            elif isinstance(v, float):
                s = ' s="2"' if kinds[j] == "a" else ""
                parts.append(f'<c r="{ref}"{s}><v>{v!r}</v></c>')
            else:
                parts.append(f'<c r="{ref}"><v>{v}</v></c>')
        parts.append("</row>")
        self.buf.append("".join(parts))
        if len(self.buf) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            data = "".join(self.buf).encode("utf-8")
            self.tmp.write(data)
            self.size += len(data)
            self.buf = []

    def head(self) -> bytes:
        cols = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{w:.1f}" customWidth="1"/>'
            for i, w in enumerate(self.widths)
        )
        last = self.letters[-1] + str(max(self.n, 1))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<worksheet {_NS}><dimension ref=\"A1:{last}\"/>"
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        ).encode("utf-8")


class XlsxWriter:
    """Minimal streaming xlsx writer; sheets may be appended to in any interleaving."""

    def __init__(self, path: Path, compresslevel: int = 6):
        self.path = Path(path)
        self.sheets: list[_XlsxSheet] = []
        self.compresslevel = compresslevel

    def add_sheet(self, name: str, header: list[str], kinds: list[str], widths: list[float],
                  types: list[str] | None = None) -> _XlsxSheet:
        """``types`` (str, int, number, amount, date, bool per column; None allowed in every
        column) selects a generated row writer; without it cells are typed one by one."""
        sh = _XlsxSheet(name, header, kinds, widths, types)
        self.sheets.append(sh)
        return sh

    def _info(self, name: str, level: int | None = None) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP.timetuple()[:6])
        zi.compress_type = zipfile.ZIP_DEFLATED
        for attr in ("compress_level", "_compresslevel"):  # 3.13+ / 3.11-3.12, honoured by ZipFile.open
            try:
                setattr(zi, attr, self.compresslevel if level is None else level)
                break
            except AttributeError:
                continue
        zi.external_attr = 0o600 << 16
        return zi

    def close(self) -> None:
        n = len(self.sheets)
        ts = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
        ct = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(n)
            )
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            "</Types>"
        )
        rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        )
        core = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:creator>sample_data.generator</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{ts}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{ts}</dcterms:modified>'
            "</cp:coreProperties>"
        )
        app = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>Microsoft Excel</Application></Properties>"
        )
        wb = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<workbook {_NS}><sheets>"
            + "".join(
                f'<sheet name="{escape(s.name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                for i, s in enumerate(self.sheets)
            )
            + "</sheets></workbook>"
        )
        wbrels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                for i in range(n)
            )
            + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp_path = self.path.with_name(self.path.name + ".part")
        with zipfile.ZipFile(tmp_path, "w") as zf:
            for name, data in (
                ("[Content_Types].xml", ct), ("_rels/.rels", rels), ("docProps/core.xml", core),
                ("docProps/app.xml", app), ("xl/workbook.xml", wb),
                ("xl/_rels/workbook.xml.rels", wbrels), ("xl/styles.xml", _STYLES),
            ):
                zf.writestr(self._info(name), data.encode("utf-8"))
            for i, sh in enumerate(self.sheets):
                sh.flush()
                # big sheets are deflated fast: level 1 is ~3× quicker and ~25 % larger
                info = self._info(f"xl/worksheets/sheet{i + 1}.xml", 1 if sh.size > 16 << 20 else None)
                with zf.open(info, "w", force_zip64=sh.size > 1 << 30) as out:
                    out.write(sh.head())
                    sh.tmp.seek(0)
                    while True:
                        chunk = sh.tmp.read(1 << 20)
                        if not chunk:
                            break
                        out.write(chunk)
                    out.write(b"</sheetData></worksheet>")
                sh.tmp.close()
        os.replace(tmp_path, self.path)


class OpenpyxlWriter:
    """The same interface on top of ``openpyxl`` write-only mode (slow without ``lxml``)."""

    def __init__(self, path: Path):
        from openpyxl import Workbook

        self.path = Path(path)
        self.wb = Workbook(write_only=True)
        self.sheets: list[Any] = []

    def add_sheet(self, name, header, kinds, widths):
        ws = self.wb.create_sheet(name)
        for i, w in enumerate(widths):
            ws.column_dimensions[_col_letter(i)].width = w
        ws.freeze_panes = "A2"
        ws.append(header)
        return ws

    def close(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.wb.properties.creator = "sample_data.generator"
        self.wb.save(self.path)


# --------------------------------------------------------------------------------------
# Per-year sink
# --------------------------------------------------------------------------------------

_WIDTH_HINT = {
    "full_name": 34, "former_names": 34, "subject_name": 34, "organisation": 44, "department": 40,
    "position": 36, "address": 52, "description": 30, "bank": 26, "account_number": 24,
    "cadastral_number": 22, "basis": 36, "funds_source": 36, "issuer_name": 32, "creditor": 26,
    "relation": 14, "make": 14, "model": 16, "registration": 14,
}


def _value_type(kind: str, native: bool) -> str:
    """The Python type a converted value of this kind has in an xlsx sink."""
    if kind == "i":
        return "int"
    if not native:
        return "str"
    return {"t": "str", "d": "date", "a": "amount", "n": "number", "b": "bool"}.get(kind, "str")


class YearSink:
    """Writes the sheets of one reporting year as xlsx and/or a CSV folder."""

    def __init__(self, out_dir: Path, year: int, form: str, header_language: str,
                 russian_formats: bool, seed: int, xlsx_engine: str = "fast"):
        if form not in ("xlsx", "csv", "both"):
            raise ValueError(f"form must be xlsx, csv or both, not {form!r}")
        if header_language not in ("en", "ru"):
            raise ValueError(f"header_language must be en or ru, not {header_language!r}")
        self.year = year
        self.files: list[Path] = []
        self._csv: dict[str, tuple] = {}
        self._xlsx_sheets: dict[str, _XlsxSheet | Any] = {}  # Any: openpyxl's write-only sheet
        self._xlsx: XlsxWriter | OpenpyxlWriter | None = None
        ru = header_language == "ru"
        conv_seed = seed * 7919 + year
        if form in ("csv", "both"):
            fmt = _Formats(russian_formats, native=False, seed=conv_seed)
            folder = Path(out_dir) / f"declarations_{year}"
            folder.mkdir(parents=True, exist_ok=True)
            for sheet in SHEET_ORDER:
                ru_name, cols = SHEETS[sheet]
                path = folder / f"{ru_name if ru else sheet}.csv"
                fh = open(path, "w", encoding="utf-8", newline="")
                w = csv.writer(fh, lineterminator="\n")
                w.writerow([c[1] if ru else c[0] for c in cols])
                self._csv[sheet] = (fh, w.writerow, fmt.converter(sheet))
                self.files.append(path)
        if form in ("xlsx", "both"):
            fmt = _Formats(russian_formats, native=not russian_formats, seed=conv_seed, xlsx=True)
            path = Path(out_dir) / f"declarations_{year}.xlsx"
            if xlsx_engine not in ("fast", "openpyxl"):
                raise ValueError(f"xlsx_engine must be fast or openpyxl, not {xlsx_engine!r}")
            xlsx = XlsxWriter(path) if xlsx_engine == "fast" else OpenpyxlWriter(path)
            self._xlsx = xlsx
            self.files.append(path)
            self._xconv = {}
            for sheet in SHEET_ORDER:
                ru_name, cols = SHEETS[sheet]
                header = [c[1] if ru else c[0] for c in cols]
                widths = [max(12.0, min(60.0, _WIDTH_HINT.get(c[0], len(h) + 4))) for c, h in zip(cols, header)]
                kinds = [c[2] for c in cols]
                if isinstance(xlsx, XlsxWriter):  # xlsx_engine == "fast"
                    types = [_value_type(k, native=not russian_formats) for k in kinds]
                    self._xlsx_sheets[sheet] = xlsx.add_sheet(ru_name if ru else sheet, header, kinds, widths, types)
                else:
                    self._xlsx_sheets[sheet] = xlsx.add_sheet(ru_name if ru else sheet, header, kinds, widths)
                self._xconv[sheet] = fmt.converter(sheet)

    def row(self, sheet: str, values: tuple | list) -> None:
        c = self._csv.get(sheet)
        if c is not None:
            c[1](c[2](values))
        x = self._xlsx_sheets.get(sheet)
        if x is not None:
            x.append(self._xconv[sheet](values))

    def close(self) -> None:
        for fh, _w, _c in self._csv.values():
            fh.close()
        if self._xlsx is not None:
            self._xlsx.close()
