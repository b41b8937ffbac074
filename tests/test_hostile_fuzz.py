"""Property-based fuzzing of the readers: whatever the bytes, `prepare` returns a batch or raises an
InputError whose every issue names its file — never any other exception (a traceback for the user).

Bounded for `make test` (a fixed number of derandomised examples, about a minute on a shared
machine); `HYPOTHESIS_EXAMPLES=2000 pytest tests/test_hostile_fuzz.py` searches longer.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from declarations.errors import InputError
from declarations.load import prepare
from tests.conftest import write_csv_workbook, write_xlsx_workbook
from tests.workbook_sheets import english_sheets

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HOSTILE = st.sampled_from([
    "", " ", "inf", "-inf", "nan", "1e400", "-1e400", "1e308", "0x10", "1_000", "٣", "１２３", "=1+1", "@SUM(A1)",
    "[/red]", "[bold]x", "\x00", "\t", "\r\n", "\ufeff", "'", '"', ",", ";", "31.02.2024", "0001-01-01",
    "9999-12-31", "29.02.2023", "да", "нет", "true", "1.5", "-0", "1/0", "0/0", "3/2", "да нет", "Ё", "ё" * 40,
    "А" * 5000, "2024-04-01 00:00:00", "01.04.2024", "\u202e", "NULL", "None",
])
CELL = st.one_of(HOSTILE, st.text(max_size=30), st.integers(-10**20, 10**20).map(str),
                 st.floats(allow_nan=True, allow_infinity=True).map(str))


def located(error: InputError) -> None:
    assert error.issues, "an InputError with no issue"
    for issue in error.issues:
        assert issue.file, f"an issue without its file: {issue}"
        assert issue.expected, f"an issue without what was expected: {issue}"


def prepared(path: Path) -> None:
    try:
        prepare(path)
    except InputError as error:
        located(error)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


SHEETS = english_sheets()


@st.composite
def mutated_sheets(draw) -> dict[str, list[dict]]:
    """The valid workbook with some cells, headers or whole sheets replaced by hostile values."""
    sheets = {name: [dict(row) for row in rows] for name, rows in SHEETS.items()}
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[name]
        action = draw(st.sampled_from(["cell", "cell", "cell", "header", "drop", "empty", "dup_row"]))
        if action == "cell" and rows:
            row = draw(st.sampled_from(rows))
            row[draw(st.sampled_from(sorted(row)))] = draw(CELL)
        elif action == "header" and rows:
            old = draw(st.sampled_from(sorted(rows[0])))
            new = draw(st.one_of(CELL, st.sampled_from(sorted(k for r in rows for k in r))))
            sheets[name] = [{(new if k == old else k): v for k, v in r.items()} for r in rows]
        elif action == "drop":
            del sheets[name]
            if not sheets:
                sheets["servants"] = []
        elif action == "empty":
            sheets[name] = []
        elif action == "dup_row" and rows:
            rows.append(dict(draw(st.sampled_from(rows))))
    return sheets


@given(mutated_sheets())
@FUZZ
def test_csv_workbooks(sheets):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "wb"
        folder.mkdir()
        for name, rows in sheets.items():
            header = list(dict.fromkeys(k for row in rows for k in row)) or ["person_id"]
            (folder / f"{name}.csv").write_text(_csv_text(header, [[r.get(h, "") for h in header] for r in rows]),
                                                encoding="utf-8", errors="surrogatepass")
        prepared(folder)


@given(st.binary(max_size=400), st.sampled_from(["servants", "declarations", "incomes"]), st.booleans())
@FUZZ
def test_csv_bytes(data, name, bom):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_csv_workbook(Path(tmp) / "wb", SHEETS)
        original = (folder / f"{name}.csv").read_bytes()
        (folder / f"{name}.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + original[: len(data) % 97] + data)
        prepared(folder)


@given(st.binary(max_size=300), st.sampled_from(["procurement.csv", "commissions.csv", "officers.csv", "x.csv"]))
@FUZZ
def test_registry_csv_bytes(data, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(b"procedure_id,customer,customer_inn,date,participant_inn,participant_name\n" + data)
        prepared(path)


def _xlsx_bytes(sheets) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return write_xlsx_workbook(Path(tmp) / "book.xlsx", sheets).read_bytes()


VALID_XLSX = _xlsx_bytes(SHEETS)


@given(mutated_sheets())
@FUZZ
def test_xlsx_workbooks(sheets):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.xlsx"
        clean = {name: [{k: (v.replace("\x00", "") if isinstance(v, str) else v) for k, v in row.items()}
                        for row in rows] for name, rows in sheets.items()}
        try:
            path.write_bytes(_xlsx_bytes(clean))
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses some characters: not a workbook anyone can have
            return
        prepared(path)


@given(st.data())
@FUZZ
def test_damaged_xlsx_parts(data):
    with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as source:
        names = source.namelist()
        victim = data.draw(st.sampled_from(names))
        original = source.read(victim)
        how = data.draw(st.sampled_from(["truncate", "garbage", "drop", "flip"]))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "book.xlsx"
            with zipfile.ZipFile(path, "w") as target:
                for name in names:
                    content = source.read(name)
                    if name == victim:
                        if how == "drop":
                            continue
                        if how == "truncate":
                            content = original[: data.draw(st.integers(0, max(len(original) - 1, 0)))]
                        elif how == "garbage":
                            content = data.draw(st.binary(max_size=200))
                        else:
                            at = data.draw(st.integers(0, max(len(original) - 1, 0)))
                            content = original[:at] + data.draw(st.binary(min_size=1, max_size=8)) + original[at + 1:]
                    target.writestr(name, content)
            prepared(path)


@given(st.binary(max_size=200), st.integers(0, len(VALID_XLSX)))
@FUZZ
def test_xlsx_bytes(data, at):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.xlsx"
        path.write_bytes(VALID_XLSX[:at] + data + VALID_XLSX[at + len(data):])
        prepared(path)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
RELEASE = {"ocid": "ocds-1", "date": "2024-01-10", "buyer": {"id": "b"},
           "parties": [{"id": "b", "name": "Заказчик", "roles": ["buyer"],
                        "identifier": {"scheme": "RU-INN", "id": "7707083893"}},
                       {"id": "s", "name": "ООО Ромашка", "roles": ["tenderer"],
                        "identifier": {"scheme": "RU-INN", "id": "7736050003"}}],
           "tender": {"value": {"amount": 100}, "tenderers": [{"id": "s"}]},
           "awards": [{"status": "active", "suppliers": [{"id": "s"}]}]}
PATHS = [("releases",), ("records",), ("releases", 0), ("releases", 0, "parties"), ("releases", 0, "parties", 0),
         ("releases", 0, "parties", 0, "identifier"), ("releases", 0, "parties", 0, "roles"),
         ("releases", 0, "tender"), ("releases", 0, "tender", "value"), ("releases", 0, "tender", "value", "amount"),
         ("releases", 0, "tender", "tenderers"), ("releases", 0, "awards"), ("releases", 0, "awards", 0, "suppliers"),
         ("releases", 0, "buyer"), ("releases", 0, "ocid"), ("releases", 0, "date"), ("persons",),
         ("persons", 0), ("persons", 0, "person"), ("persons", 0, "incomes"), ("document",)]


@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON), min_size=1, max_size=4), st.booleans())
@FUZZ
def test_json_packages(replacements, declarator_shape):
    package = ({"persons": [{"person": {"name_raw": "Иванов И.И.", "role": "Начальник"}, "year": 2023,
                             "incomes": [{"size": 100, "relative": None}]}], "document": {"year": 2023}}
               if declarator_shape else {"releases": [json.loads(json.dumps(RELEASE))]})
    for path, value in replacements:
        node = package
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "package.json"
        target.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
        prepared(target)
