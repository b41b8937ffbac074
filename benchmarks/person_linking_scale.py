"""Person resolution at scale: link a million generated public sections in a fresh store.

The data (`sample_data.public_scale`, parquet in the folder given) are put straight into the
store's tables (a million Declarator files would measure the JSON reader, not the linking);
then `declarations.people.link_people` runs exactly as `declarations load` runs it: reads every
public section from the store, pairs, scores, clusters, writes `person_links` and reassigns
`person_id` in one transaction. The generator knows every section's person, so the run also
reports pairwise precision and recall of the people it made. Results: `<folder>/link-scale.json`.

    python -m benchmarks.person_linking_scale bench-data/public-scale/s1000000
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import polars as pl

from declarations.people import link_people
from declarations.settings import load_settings
from declarations.store import Store

TABLES = ("servants", "declarations", "incomes", "real_estate", "vehicles")


def fill(store: Store, folder: Path) -> None:
    for table in TABLES:
        frame = pl.read_parquet(folder / f"{table}.parquet")
        frame = frame.drop([c for c in frame.columns if c not in store.table_columns(table)])
        store.con.register("__incoming", frame.to_arrow())
        store.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM __incoming")
        store.con.unregister("__incoming")


def pair_quality(store: Store, folder: Path) -> dict[str, float]:
    """Pairwise precision/recall of the people made against the generator's persons."""
    truth = pl.read_parquet(folder / "servants.parquet", columns=["section_id", "truth_person"])
    made = store.frame("SELECT section_id, person_id FROM servants WHERE source = 'declarator'")
    both = made.join(truth, on="section_id")

    def pairs(*keys: str) -> int:
        sizes = both.group_by(list(keys)).len().get_column("len").cast(pl.Int64)
        return int((sizes * (sizes - 1) // 2).sum())

    true_links, made_links, right = pairs("truth_person"), pairs("person_id"), pairs("person_id", "truth_person")
    return {"precision": right / max(1, made_links), "recall": right / max(1, true_links),
            "people_made": both.get_column("person_id").n_unique(),
            "people_true": both.get_column("truth_person").n_unique()}


def main(argv: list[str] | None = None) -> int:
    folder = Path((sys.argv[1:] if argv is None else argv)[0])
    db = folder / "link-scale.duckdb"
    db.unlink(missing_ok=True)
    settings = load_settings()
    seconds = {}
    with Store(db) as store:
        start = time.perf_counter()
        fill(store, folder)
        seconds["store filled"] = time.perf_counter() - start
        start = time.perf_counter()
        summary = link_people(store, settings)
        if summary is None:
            raise RuntimeError(f"{folder}: no public sections to link")
        seconds["linking"] = time.perf_counter() - start
        links = store.con.execute("SELECT count(*) FROM person_links").fetchall()[0][0]
        quality = pair_quality(store, folder)
    db.unlink(missing_ok=True)
    result = {"sections": summary.sections, "people": summary.people, "links": summary.links,
              "refused": summary.refused, "person_links_rows": links, "seconds": seconds, **quality}
    (folder / "link-scale.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
