"""One row per public declarant section, with what person resolution compares.

A section is one declarant's declaration for one year in one file (`servants.section_id`).
A section that repeats a declaration already stored from another file (`duplicate_of`) is
left out: it follows the declaration it repeats. The group of a section is what is known
to be one person before any scoring: the sections of one file of the sections shape
(`{"sections": [...]}`, Declarator's site data, e.g. its `person-…` files) are one person by the
contract (input.md section 3: «several years of one person»), so they form one group; in a table
of the parser shape every section is its own (two «Петров С.И.» of one table are two people until
scored).
"""

from __future__ import annotations

import duckdb
import polars as pl

from declarations.normalise.vehicles import parse_vehicle

from .assets import vehicle_make

COLUMNS = ("section", "group", "load_id", "name", "year", "organisation", "region", "role", "surname_rank",
           "name_rank", "office_size", "income", "spouse_income", "estates", "makes")

_SQL = """
WITH section AS (
    SELECT s.section_id, s.load_id, s.full_name, s.year, s.organisation_id, s.position, s.extra
    FROM servants s
    WHERE s.source = 'declarator' AND s.section_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM declarations d
                      WHERE d.section_id = s.section_id AND d.subject = 'self' AND d.duplicate_of IS NOT NULL)
), money AS (
    SELECT d.section_id,
           max(i.amount) FILTER (WHERE d.subject = 'self') AS income,
           max(i.amount) FILTER (WHERE d.subject = 'spouse') AS spouse_income
    FROM declarations d JOIN incomes i USING (declaration_id)
    WHERE d.section_id IN (SELECT section_id FROM section)
    GROUP BY d.section_id
), estates AS (
    SELECT d.section_id, list(DISTINCT CAST(round(r.area) AS BIGINT)) AS estates
    FROM declarations d JOIN real_estate r USING (declaration_id)
    WHERE r.area > 0 AND d.section_id IN (SELECT section_id FROM section)
    GROUP BY d.section_id
), cars AS (
    SELECT d.section_id, list(coalesce(v.text, v.make || ' ' || coalesce(v.model, ''))) AS vehicles
    FROM declarations d JOIN vehicles v USING (declaration_id)
    WHERE d.section_id IN (SELECT section_id FROM section)
    GROUP BY d.section_id
)
SELECT s.section_id AS section, s.load_id, s.full_name AS name, s.year, s.organisation_id AS organisation,
       coalesce(json_extract_string(s.extra, '$.file_shape') = 'sections', false) AS one_person_file,
       coalesce(json_extract_string(s.extra, '$.office_region'), '') AS region,
       nullif(s.position, 'не указана') AS role,
       TRY_CAST(json_extract_string(s.extra, '$.surname_rank') AS BIGINT) AS surname_rank,
       TRY_CAST(json_extract_string(s.extra, '$.name_rank') AS BIGINT) AS name_rank,
       TRY_CAST(json_extract_string(s.extra, '$.office_section_count') AS BIGINT) AS office_size,
       m.income, m.spouse_income, coalesce(e.estates, []) AS estates, coalesce(c.vehicles, []) AS vehicles
FROM section s LEFT JOIN money m USING (section_id) LEFT JOIN estates e USING (section_id)
     LEFT JOIN cars c USING (section_id)
"""


def read_sections(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every stored public section (COLUMNS), ready for `pairs.prepare`."""
    frame = con.sql(_SQL).pl()
    cars = frame.select("section", "vehicles").explode("vehicles").drop_nulls()
    texts = cars.get_column("vehicles").unique()
    canonical = pl.DataFrame({"vehicles": texts, "canonical": [parse_vehicle(t).make for t in texts]},
                             schema={"vehicles": pl.Utf8, "canonical": pl.Utf8})
    makes = (cars.join(canonical, on="vehicles", how="left")
             .select("section", pl.coalesce(pl.col("canonical").str.to_lowercase(), vehicle_make(pl.col("vehicles")))
                     .alias("make")).drop_nulls()
             .group_by("section").agg(pl.col("make").unique().alias("makes")))
    frame = frame.drop("vehicles").join(makes, on="section", how="left").with_columns(
        pl.col("makes").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))))
    return with_groups(frame)


def with_groups(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `group`: the load for a file of the sections shape, else the section itself."""
    return frame.with_columns(
        pl.when(pl.col("one_person_file")).then(pl.lit("load:") + pl.col("load_id").cast(pl.Utf8))
        .otherwise(pl.col("section")).alias("group"),
    ).select(COLUMNS)
