"""Write person resolution to the store: `person_links` and the new `person_id`s.

One transaction: the links of the previous run are replaced, every public section takes the
person id of its cluster («decl-p-» and the cluster's smallest section id, so the same files
give the same ids in any store), and `apply_person_ids` carries the id to the declarant row, every
справка of the section and the duplicates that repeat it.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import polars as pl

from declarations.readers import declarator

from . import model
from .pairs import CHUNK, FEATURES


def person_ids(sections: pl.DataFrame, person_of: dict[str, str]) -> pl.DataFrame:
    """section → person_id for every section."""
    groups = pl.DataFrame({"group": list(person_of), "cluster": list(person_of.values())},
                          schema={"group": pl.Utf8, "cluster": pl.Utf8})
    frame = sections.select("section", "group").join(groups, on="group", how="left")
    return frame.with_columns(
        (pl.lit("decl-p-") + pl.col("section").min().over("cluster")).alias("person_id"),
    ).select(pl.col("section").alias("section_id"), "person_id")


def save(con: duckdb.DuckDBPyConnection, sections: pl.DataFrame, person_of: dict[str, str],
         recorded: pl.DataFrame, threshold: float) -> None:
    mapping = person_ids(sections, person_of)
    side = sections.with_row_index("i").select("i", "section", "name", "year", "organisation")
    ids = mapping.rename({"section_id": "section"})
    linked_at = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM person_links")
        for chunk in recorded.iter_slices(CHUNK):   # reasons and JSON for a few million pairs, a chunk at a time
            con.register("__person_links", _link_rows(chunk, side, ids, threshold, linked_at).to_arrow())
            con.execute("INSERT INTO person_links SELECT * FROM __person_links")
            con.unregister("__person_links")
        con.register("__person_ids", mapping.to_arrow())
        declarator.apply_person_ids(con, "__person_ids")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("__person_links", "__person_ids"):
            try:
                con.unregister(name)
            except duckdb.Error:
                pass


def _link_rows(chunk: pl.DataFrame, side: pl.DataFrame, ids: pl.DataFrame, threshold: float,
               linked_at: datetime) -> pl.DataFrame:
    """person_links rows (its columns, in order) for a chunk of scored pairs."""
    return (chunk.with_columns(model.reasons(chunk),
                               pl.struct(list(FEATURES)).struct.json_encode().alias("features"))
            .join(side, on="i").join(side.rename({c: f"{c}_r" for c in side.columns}), left_on="j", right_on="i_r")
            .join(ids, on="section").join(ids.rename({"section": "section_r", "person_id": "person_id_r"}),
                                          on="section_r")
            .select(pl.col("section").alias("section_left"), pl.col("section_r").alias("section_right"),
                    pl.col("person_id").alias("person_left"), pl.col("person_id_r").alias("person_right"),
                    pl.col("name").alias("name_left"), pl.col("name_r").alias("name_right"),
                    pl.col("year").alias("year_left"), pl.col("year_r").alias("year_right"),
                    pl.col("organisation").alias("organisation_left"),
                    pl.col("organisation_r").alias("organisation_right"),
                    pl.col("probability").round(4), "decision", "reasons", "features",
                    pl.lit(threshold).alias("threshold"), pl.lit(linked_at).alias("linked_at")))
