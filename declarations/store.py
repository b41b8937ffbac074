"""The DuckDB store: schema migrations, documentation, and all-or-nothing loads.

A load is one transaction. Loading a file whose content (SHA-256) is already the
current load of its scope changes nothing; a file whose scope (organisation-years,
procedures, companies) overlaps earlier loads replaces them. Corrected справки
are kept beside the originals; the `effective_declarations` view picks the latest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from declarations.model import ALL_SHEETS

DEFAULT_DB = "declarations.duckdb"
SCHEMA_VERSION_KEY = "schema_version"


def query_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> pl.DataFrame:
    relation = con.sql(sql, params=params) if params else con.sql(sql)
    return relation.pl()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """The one value of a query that always gives one row (an aggregate without GROUP BY, `nextval`).

    DuckDB's `fetchone` may return None; here no row is a broken query, not an empty answer."""
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    if row is None:
        raise StoreError(f"no row from: {sql}")
    return row[0]


class StoreError(Exception):
    """A problem with the database file itself (not with input data)."""


def _migrations() -> list[tuple[int, str, str]]:
    files = resources.files("declarations.migrations")
    found = []
    for entry in files.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = _migrations()[-1][0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations this store has not seen yet; return the schema version."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TIMESTAMP)")
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    if applied and max(applied) > SCHEMA_VERSION:
        raise StoreError(
            f"база создана более новой версией программы (схема {max(applied)}, эта программа знает {SCHEMA_VERSION})"
        )
    for number, name, sql in _migrations():
        if number in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    if not applied or max(applied) < SCHEMA_VERSION:
        document_store(con)
    return SCHEMA_VERSION


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def document_store(con: duckdb.DuckDBPyConnection) -> None:
    """COMMENT ON every input table and column from the model (title, description, privacy)."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for sheet in ALL_SHEETS:
        if sheet.key not in tables:
            continue
        con.execute(f"COMMENT ON TABLE {sheet.key} IS {_sql_text(column_comment_table(sheet))}")
        for name, column in sheet.columns.items():
            con.execute(f"COMMENT ON COLUMN {sheet.key}.{name} IS {_sql_text(column_comment(column))}")
        present = {c for (c,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [sheet.key]).fetchall()}
        for name, text in STORE_COLUMNS.items():
            if name in present:
                con.execute(f"COMMENT ON COLUMN {sheet.key}.{name} IS {_sql_text(text)}")


STORE_COLUMNS = {
    "load_id": "The load (file) this row came from; see loads",
    "year": "Reporting year of the workbook this row came from",
    "source": "workbook (an HR workbook) or declarator (public Declarator data)",
    "source_row": "Row number in the source file as the user sees it (Excel row or CSV line)",
    "extra": "Columns of the source file that the contract does not define, kept as they were (JSON)",
    "object_type_raw": "The object type as written in public data, where it maps to «иное»",
}


def column_comment_table(sheet) -> str:
    return f"«{sheet.title}» ({sheet.key}): input sheet of shared/spec/input.md"


def column_comment(column) -> str:
    meta = column.metadata
    text = f"«{column.title}»"
    if column.description:
        text += f": {column.description}"
    if meta["enum"]:
        text += "; values: " + ", ".join(f"{k} «{v}»" for k, v in meta["enum"].items())
    if meta["private"]:
        text += " [PRIVATE: never published]"
    return text


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                digest.update(child.relative_to(path).as_posix().encode())
                digest.update(child.read_bytes())
    else:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


@dataclass
class LoadBatch:
    """Typed tables of one source file, ready to insert, with what they replace."""

    kind: str
    source: str
    sha256: str
    scope: list[str]
    tables: dict[str, pl.DataFrame]
    year: int | None = None
    notes: list[str] = field(default_factory=list)  # what the user is told (drafts set aside, empty book, repeats)


@dataclass
class LoadResult:
    source: str
    kind: str
    rows: dict[str, int] = field(default_factory=dict)
    replaced_loads: list[int] = field(default_factory=list)
    unchanged: bool = False
    notes: list[str] = field(default_factory=list)


class Store:
    """An open declarations store (a DuckDB file)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        """`read_only`: the verbs that only read (flags, publish, report, schema) never create a store from
        a mistyped path, and work on a store the user may only read (a copy, a read-only share)."""
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise StoreError(f"базы {self.path} нет (проверьте --db); сначала загрузите сведения: "
                             f"declarations load ФАЙЛЫ --db {self.path}")
        self.con = self._connect(read_only)
        if not read_only:
            migrate(self.con)
        elif self._outdated():
            self._upgrade_then_reopen()

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"не удалось открыть базу {self.path}: {str(error).splitlines()[0]}") from error

    def _outdated(self) -> bool:
        try:
            version = self.con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0]
        except duckdb.CatalogException:
            version = None
        if version is None:
            self.con.close()
            raise StoreError(f"{self.path} — не база сведений о доходах (нет таблиц программы)")
        if version > SCHEMA_VERSION:
            self.con.close()
            raise StoreError(f"база создана более новой версией программы (схема {version}, "
                             f"эта программа знает {SCHEMA_VERSION})")
        return version < SCHEMA_VERSION

    def _upgrade_then_reopen(self) -> None:
        """A store of an older schema is upgraded once (that needs writing), then read as asked."""
        self.con.close()
        self.con = self._connect(False)
        try:
            migrate(self.con)
        finally:
            self.con.close()
        self.con = self._connect(True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def frame(self, sql: str, params: list | None = None) -> pl.DataFrame:
        """A query's result as a polars frame (through Arrow, no copy of the columns)."""
        return query_frame(self.con, sql, params)

    def schema_version(self) -> int:
        return scalar(self.con, "SELECT max(version) FROM schema_migrations")

    def table_columns(self, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]).fetchall()]

    def load(self, batch: LoadBatch) -> LoadResult:
        """Insert one file's tables in one transaction, replacing what its scope covers."""
        return self.load_all([batch])[0]

    def load_all(self, batches: list[LoadBatch]) -> list[LoadResult]:
        """Insert the files of one `load` in one transaction: all of them, or (on any failure) none."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            results = [self._load_one(batch) for batch in batches]
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return results

    def _load_one(self, batch: LoadBatch) -> LoadResult:
        result = LoadResult(batch.source, batch.kind, notes=list(batch.notes))
        con = self.con
        overlapping = con.execute(
            "SELECT load_id, source_sha256 FROM loads WHERE kind = ? AND len(list_intersect(scope, ?)) > 0",
            [batch.kind, batch.scope],
        ).fetchall()
        if overlapping and all(sha == batch.sha256 for _, sha in overlapping):
            result.unchanged = True
            return result
        replaced = [load_id for load_id, _ in overlapping]
        if replaced:
            for table in self._data_tables():
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, load_id)", [replaced])
            con.execute("DELETE FROM loads WHERE list_contains(?, load_id)", [replaced])
        load_id = scalar(con, "SELECT nextval('load_ids')")
        total = 0
        for table, frame in batch.tables.items():
            if frame.height == 0:
                continue
            self._insert(table, frame.with_columns(pl.lit(load_id, dtype=pl.Int32).alias("load_id")))
            result.rows[table] = frame.height
            total += frame.height
        con.execute(
            "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [load_id, batch.kind, batch.source, batch.sha256, batch.scope, batch.year, datetime.now(), total],
        )
        result.replaced_loads = replaced
        return result

    def _data_tables(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            """SELECT DISTINCT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (table_name)
               WHERE c.column_name = 'load_id' AND c.table_name != 'loads'"""
        ).fetchall()]

    def _insert(self, table: str, frame: pl.DataFrame) -> None:
        columns = [c for c in self.table_columns(table) if c in frame.columns]
        arrow = frame.select(columns).to_arrow()
        self.con.register("__incoming", arrow)
        try:
            names = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM __incoming")
        finally:
            self.con.unregister("__incoming")
