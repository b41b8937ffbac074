"""The generator's labelled match benchmark (`python -m sample_data.generator --match-benchmark`), read back.

`labelled_frames` gives its persons (one row per name they go by), register rows and truth, as the
name-matching benchmark compares them; `measure` writes it as the contract's input files of
organisations, runs `declarations load` and `match`, and scores the findings the law asks for against
those raised. The benchmarks (`benchmarks/match_quality.py`, `affiliation_quality.py`) report these
figures; the tests hold the matcher to them on a small benchmark. It lives beside the generator that
writes the benchmark, so that neither the tests nor the benchmarks import each other.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import polars as pl

from declarations.settings import load_settings
from sample_data.ids import inn10_check

ROOT = Path(__file__).resolve().parent.parent
DECLARATIONS = Path(sys.executable).parent / "declarations"
PROCEDURE_DATE = "2024-06-01"
BIDDERS = 3


def _org_of(person_id: str, servants_per_org: int) -> int:
    return (int(person_id[1:]) - 1) // servants_per_org


def _write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_benchmark(source: Path) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """persons.csv, officers.csv and truth.csv of the name benchmark, as text."""
    persons, officers, truth = (pl.read_csv(source / f"{name}.csv", infer_schema=False)
                                for name in ("persons", "officers", "truth"))
    return persons, officers, truth


def write_inputs(persons: pl.DataFrame, officers: pl.DataFrame, truth: pl.DataFrame, folder: Path,
                 servants_per_org: int) -> dict[str, tuple[str, str]]:
    """The contract's input files for the benchmark; returns company INN -> (procedure, noise kind)."""
    organisations = -(-persons.filter(pl.col("relation") == "self").height // servants_per_org)
    org_name = [f"Администрация муниципального образования № {k + 1}" for k in range(organisations)]
    org_inn = [inn10_check(f"{6900000 + k:07d}01") for k in range(organisations)]
    workbook = folder / "declarations_2024"
    workbook.mkdir(parents=True, exist_ok=True)
    servants = persons.filter(pl.col("relation") == "self")
    _write_csv(workbook / "servants.csv", ["person_id", "full_name", "former_names", "birth_date", "organisation",
                                           "department", "position", "must_declare", "procurement_role", "inn"],
               ([r["person_id"], r["full_name"], r["former_names"], r["birth_date"],
                 org_name[_org_of(r["person_id"], servants_per_org)], "Отдел", "Специалист", "да", "commission", r["inn"]]
                for r in servants.iter_rows(named=True)))
    _write_csv(workbook / "relatives.csv", ["person_id", "relative_id", "relation", "full_name", "former_names",
                                            "birth_date", "inn"],
               persons.filter(pl.col("relation") != "self").select(
                   "person_id", "relative_id", "relation", "full_name", "former_names", "birth_date", "inn").rows())
    _write_csv(workbook / "declarations.csv", ["declaration_id", "person_id", "year", "subject", "submitted_on", "kind"],
               ([f"D{r['person_id']}", r["person_id"], 2024, "self", "2025-04-01", "original"]
                for r in servants.iter_rows(named=True)))
    rows = officers.join(truth, on="row_id").with_columns(pl.col("row_id").cast(pl.Int64)).sort("row_id")
    by_org = defaultdict(list)
    for row in rows.iter_rows(named=True):
        like = row["like_person_id"]
        by_org[_org_of(like, servants_per_org) if like else row["row_id"] % organisations].append(row)
    bids, where = [], {}
    for org, members in sorted(by_org.items()):
        for start in range(0, len(members), BIDDERS):
            procedure = f"{org + 1:03d}-{start // BIDDERS + 1:05d}"
            for place, row in enumerate(members[start:start + BIDDERS]):
                bids.append([procedure, org_name[org], org_inn[org], PROCEDURE_DATE, "1000000", row["company_inn"],
                             row["company_name"], "да" if place == 0 else "нет"])
                where[row["company_inn"]] = (procedure, row["noise"])
    _write_csv(folder / "procurement.csv", ["procedure_id", "customer", "customer_inn", "date", "amount",
                                            "participant_inn", "participant_name", "is_winner"], bids)
    officers.drop("row_id").write_csv(folder / "officers.csv")
    return where


def expected_findings(persons: pl.DataFrame, officers: pl.DataFrame, truth: pl.DataFrame,
                      where: dict[str, tuple[str, str]]) -> dict[tuple, str]:
    """(servant, procedure, company, relative or "self") -> noise kind, for every finding the law asks for."""
    options = load_settings(None).match
    counted = set(options.kin_relations) | {"self"}
    relation = dict(persons.select(pl.coalesce("relative_id", "person_id"), "relation").iter_rows())
    expected = {}
    true_links = truth.filter(pl.col("person_id").is_not_null())
    for row in officers.join(true_links, on="row_id").iter_rows(named=True):
        who = row["relative_id"] or row["person_id"]
        share = float(row["share_pct"]) if row["share_pct"] else None
        role_counts = row["role"] in ("director", "board") or (
            row["role"] == "founder" and (share is None or share > options.founder_share_pct))
        if relation[who] in counted and role_counts:
            procedure, noise = where[row["company_inn"]]
            expected[(row["person_id"], procedure, row["company_inn"], row["relative_id"] or "self")] = noise
    return expected


def found_findings(db: Path) -> list[tuple[tuple, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT severity, evidence FROM flags WHERE code = 'PROCUREMENT_AFFILIATION'").fetchall()
    found = []
    for severity, text in rows:
        evidence = json.loads(text)
        relative = (evidence["relative"] or {}).get("relative_id") or "self"
        found.append(((evidence["servant"]["person_id"], evidence["procedure"]["id"], evidence["company"]["inn"],
                       relative), severity))
    return found


def measure(source: Path, folder: Path, servants_per_org: int) -> dict[str, list[int]]:
    """Load and match the benchmark in `source` as organisations of `servants_per_org`, working in `folder`."""
    benchmark = read_benchmark(source)
    where = write_inputs(*benchmark, folder, servants_per_org)
    db = folder / "store.duckdb"
    db.unlink(missing_ok=True)
    for command in (["load", str(folder / "declarations_2024"), str(folder / "procurement.csv"),
                     str(folder / "officers.csv")], ["match"]):
        subprocess.run([str(DECLARATIONS), "--quiet", command[0], "--db", str(db), *command[1:]], check=True, cwd=ROOT)
    expected = expected_findings(*benchmark, where)
    by_noise: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for noise in expected.values():
        by_noise[noise][0] += 1
    for key, severity in found_findings(db):
        column = (1 if key in expected else 3) + (severity != "high")
        by_noise[where[key[2]][1]][column] += 1
    return dict(by_noise)  # noise -> expected, right high, right medium, wrong high, wrong medium


def aliases(persons: pl.DataFrame) -> pl.DataFrame:
    """One row per name a person goes by (current and former), as `declarations match` compares them."""
    names = persons.with_columns(pl.col("former_names").str.split(";")).select(
        "person_id", "relative_id", "birth_date", "inn",
        pl.concat_list(pl.col("full_name"), pl.col("former_names").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))))
        .alias("name")).explode("name").with_columns(pl.col("name").str.strip_chars()).filter(pl.col("name") != "")
    return names.with_row_index("alias_idx").with_columns(
        pl.col("alias_idx").cast(pl.Int64), pl.coalesce("relative_id", "person_id").alias("who"))


def labelled_frames(folder: Path) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    persons = pl.read_csv(folder / "persons.csv", infer_schema=False).with_columns(
        pl.col("birth_date").str.to_date(strict=False))
    officers = pl.read_csv(folder / "officers.csv", infer_schema=False).with_columns(
        pl.col("row_id").cast(pl.Int64).alias("officer_idx"), pl.col("birth_date").str.to_date(strict=False),
        pl.col("since").str.to_date(strict=False))
    truth = pl.read_csv(folder / "truth.csv", infer_schema=False).with_columns(
        pl.col("row_id").cast(pl.Int64), pl.coalesce("relative_id", "person_id").alias("who"))
    return aliases(persons), officers, truth
