"""Fingerprint what the toolkit does on the bundled sample, to prove a refactoring changed nothing.

Runs `declarations demo` into a fresh folder, then loads, links, checks and publishes the public
Declarator fixtures, and writes one text file listing every flag (id, code, person, year, severity,
message, evidence), every store table's row count and content hash, and the SHA-256 of every
published and report file. Run it from the project root. Compare two snapshots with `diff`:

    python scripts/behaviour_snapshot.py /tmp/before.txt      # on the old commit
    python scripts/behaviour_snapshot.py /tmp/after.txt       # on the new one
    diff /tmp/before.txt /tmp/after.txt

Timestamps (flag first/last seen, migration and run times, file times inside .xlsx/.zip, the
report's run times) are left out: they change on every run and say nothing about behaviour.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import duckdb
import openpyxl

VOLATILE_COLUMNS = {"first_seen", "last_seen", "resolved_at", "loaded_at", "created_at", "run_at",
                    "started_at", "finished_at", "changed_at", "applied_at", "linked_at"}


RUN_TIME = re.compile(rb"\d\d\.\d\d\.\d{4} \d\d:\d\d")  # «02.12.2026 02:08» in the report's list of runs


def _report_workbook_digest(path: Path) -> str:
    """The report names the time of each check run; every other cell must stay the same."""
    digest = hashlib.sha256()
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            kept = ["<time>" if isinstance(v, datetime.datetime) else v for v in row]
            digest.update(repr((sheet.title, kept)).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    if path.suffix == ".xlsx" and path.parent.name == "report":
        return _report_workbook_digest(path)
    data = path.read_bytes()
    if path.suffix == ".html" and path.parent.name == "report":
        data = RUN_TIME.sub(b"<time>", data)
    if path.suffix in {".xlsx", ".zip", ".docx", ".odt"}:
        # Zip members carry their write time; hash the members' names and contents only.
        digest = hashlib.sha256()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in sorted(archive.namelist()):
                content = archive.read(name)
                if name == "docProps/core.xml":
                    continue  # creation/modification time of the workbook
                digest.update(name.encode() + b"\0" + content)
        return digest.hexdigest()
    return hashlib.sha256(data).hexdigest()


def _table_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    lines = []
    tables = [t for (t,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    for table in tables:
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()]
        kept = [c for c in columns if c not in VOLATILE_COLUMNS]
        select = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in kept)
        # the bundled sample is loaded by its absolute path: a checkout elsewhere must compare equal
        rows = sorted(repr(r).replace(str(Path.cwd()), "<root>")
                      for r in con.execute(f'SELECT {select} FROM "{table}"').fetchall())
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
        lines.append(f"table {table}: {len(rows)} rows, columns {kept}, content {digest}")
    return lines


PUBLIC_FIXTURES = ["tests/fixtures/declarator", "tests/fixtures/gorshkova", "tests/fixtures/link_train"]
PUBLIC_YEAR = 2017


def _cli(*args: str) -> None:
    # `-m` runs the code of the current folder (a worktree of an older commit too)
    command = [sys.executable, "-m", "declarations.cli", *args]
    # Public fixtures hold two deliberately invalid files: load exits 1 and loads the rest.
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _store_lines(db: Path, label: str) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    lines = [f"{label} {line}" for line in _table_lines(con)]
    for row in con.execute("SELECT flag_id, code, person_id, year, severity, status, message, "
                           "CAST(evidence AS VARCHAR) FROM flags ORDER BY flag_id").fetchall():
        lines.append(f"{label} flag " + " | ".join(str(v) for v in row))
    con.close()
    return lines


def _file_lines(folder: Path, label: str) -> list[str]:
    return [f"{label} file {path.relative_to(folder)} {_file_digest(path)}"
            for path in sorted(folder.rglob("*"))
            if path.is_file() and path.suffix not in {".duckdb", ".wal"}]


def snapshot(work: Path) -> list[str]:
    """The sample's whole demo, then public Declarator data loaded, linked, checked and published."""
    demo = work / "demo"
    _cli("demo", "--out", str(demo))
    lines = _store_lines(demo / "declarations.duckdb", "sample") + _file_lines(demo, "sample")
    public_db = work / "public.duckdb"
    _cli("load", "--db", str(public_db), *PUBLIC_FIXTURES)
    _cli("check", "--db", str(public_db))
    _cli("publish", "--db", str(public_db), "--year", str(PUBLIC_YEAR), "--out", str(work / "public"))
    lines += _store_lines(public_db, "public") + _file_lines(work / "public", "public")
    return lines


def main() -> None:
    target = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        lines = snapshot(Path(tmp))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(lines)} lines")


if __name__ == "__main__":
    main()
