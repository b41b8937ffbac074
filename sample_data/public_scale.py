"""Public declarations at scale for the person-resolution benchmark: a million sections.

People (realistic names from `scale`'s surname vocabulary and `names.py`'s given names, with
the same Zipf law of surnames) declare for one to eight consecutive years in one organisation;
one in ten moves to another organisation, one in five changes role. A section is written with
the full name or with initials (half and half), carries the declarant's income (drifting year
to year), a spouse's income for most, one to three real-estate objects and up to two cars that
persist across years. Organisations have Zipf-like sizes, so common names meet namesakes in the
big ones. Every section knows its person (`truth_person`), so the benchmark counts its errors.

Column operations only (polars + pyarrow random streams), deterministic for a seed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import polars as pl

from .scale import _Names, _Rng, surname_vocabulary

ROLES = ["начальник отдела", "заместитель начальника отдела", "главный специалист-эксперт", "ведущий специалист",
         "консультант", "главный консультант", "советник", "заместитель руководителя", "руководитель",
         "специалист 1 разряда", "заведующий сектором", "главный инспектор", "старший инспектор",
         "директор", "заместитель директора", "главный бухгалтер", "референт", "помощник"]
MAKES = ["Тойота Камри", "Toyota RAV4", "Лада Гранта", "ВАЗ 2107", "Kia Rio", "Хендэ Солярис", "Renault Logan",
         "Volkswagen Polo", "Шкода Октавия", "Nissan Qashqai", "Mitsubishi Outlander", "УАЗ Патриот", "Ford Focus",
         "Chevrolet Niva", "BMW X5", "Мерседес-Бенц E200", "Mazda 6", "Лада Веста", "Audi A6", "Opel Astra"]
ORGANISATIONS = 20_000
FIRST_YEAR, LAST_YEAR = 2011, 2020


def _normal(rng: _Rng, n: int) -> pl.Series:
    """Standard normal by Box–Muller (no numpy)."""
    u1, u2 = rng.u(n).clip(1e-12, 1.0), rng.u(n)
    return pl.select((-2 * u1.log()).sqrt() * (2 * 3.141592653589793 * u2).cos()).to_series()


def generate_public(sections: int, seed: int = 1) -> dict[str, pl.DataFrame]:
    rng = _Rng(seed, "public")
    names = _Names(surname_vocabulary())
    people = int(sections / 4.2) + 1000
    years = rng.ints(people, 1, 8)
    start = rng.ints(people, FIRST_YEAR, LAST_YEAR)
    start = pl.select(pl.min_horizontal(start, LAST_YEAR - years + 1)).to_series()
    female = rng.bern(people, 0.5)
    birth = rng.ints(people, 1955, 1995)
    # organisation sizes: p(rank) ∝ 1/rank (log-uniform ranks)
    org_rank = pl.select((ORGANISATIONS ** rng.u(people)).floor()).to_series().cast(pl.Int64)
    base = names.draw_surname(rng, people)
    person = pl.DataFrame({
        "truth_person": pl.int_range(0, people, eager=True), "years": years, "start": start,
        "name_full": names.full(base, female, names.draw_given(rng, ~female, birth), names.draw_father(rng, birth)),
        "surname_rank": base + 1, "org": org_rank, "move_org": rng.bern(people, 0.1),
        "org2": rng.ints(people, 0, ORGANISATIONS - 1), "role": rng.ints(people, 0, len(ROLES) - 1),
        "role2": rng.ints(people, 0, len(ROLES) - 1), "change_role": rng.bern(people, 0.2),
        "income0": (13.4 + 0.5 * _normal(rng, people)).exp(), "has_spouse": rng.bern(people, 0.65),
        "spouse0": (12.8 + 0.7 * _normal(rng, people)).exp(),
        "flat": rng.ints(people, 28, 130), "land": rng.ints(people, 400, 2500), "has_land": rng.bern(people, 0.35),
        "car": rng.ints(people, 0, len(MAKES) - 1), "cars": rng.ints(people, 0, 2),
    })
    rows = person.with_columns(pl.int_ranges(0, pl.col("years")).alias("k")).explode("k").head(sections)
    n = rows.height
    rows = rows.with_columns(
        (pl.col("start") + pl.col("k")).alias("year"),
        pl.Series("initials", rng.bern(n, 0.5)), pl.Series("drift", 0.85 + 0.4 * rng.u(n)),
        pl.Series("keeps_flat", rng.bern(n, 0.92)),
    ).with_columns(
        pl.when(pl.col("move_org") & (pl.col("k") * 2 >= pl.col("years"))).then(pl.col("org2")).otherwise(pl.col("org"))
        .alias("org"),
        pl.when(pl.col("change_role") & (pl.col("k") * 2 >= pl.col("years"))).then(pl.col("role2"))
        .otherwise(pl.col("role")).alias("role"),
    )
    parts = pl.col("name_full").str.split(" ")
    rows = rows.with_row_index("idx").with_columns(
        pl.format("S{}", pl.col("idx").cast(pl.Utf8).str.zfill(7)).alias("section_id"),
        pl.when(pl.col("initials")).then(pl.format("{} {}.{}.", parts.list.get(0), parts.list.get(1).str.slice(0, 1),
                                                   parts.list.get(2).str.slice(0, 1)))
        .otherwise(pl.col("name_full")).alias("full_name"),
        (pl.col("org") * 100 + pl.col("year") - 2000).cast(pl.Int32).alias("load_id"),
    )
    servants = rows.select(
        "load_id", "year", pl.format("prov-{}", "section_id").alias("person_id"), "full_name",
        pl.format("Организация № {}", "org").alias("organisation"),
        pl.format("office:{}", "org").alias("organisation_id"),
        pl.col("role").replace_strict(list(range(len(ROLES))), ROLES, return_dtype=pl.Utf8).alias("position"),
        pl.lit(True).alias("must_declare"), pl.lit("none").alias("procurement_role"),
        pl.lit("declarator").alias("source"), "section_id",
        pl.concat_str([pl.lit('{"surname_rank": '), pl.col("surname_rank").cast(pl.Utf8), pl.lit("}")]).alias("extra"), "truth_person",
    )
    self_decl = rows.select("load_id", "section_id", "year", "idx", "income0", "drift", "has_spouse", "spouse0",
                            "flat", "land", "has_land", "keeps_flat", "car", "cars")
    declarations = pl.concat([
        self_decl.select("load_id", pl.format("D{}-self", "section_id").alias("declaration_id"),
                         pl.format("prov-{}", "section_id").alias("person_id"), "year", pl.lit("self").alias("subject"),
                         pl.lit(None, pl.Utf8).alias("relative_id"), "section_id"),
        self_decl.filter("has_spouse").select(
            "load_id", pl.format("D{}-spouse", "section_id").alias("declaration_id"),
            pl.format("prov-{}", "section_id").alias("person_id"), "year", pl.lit("spouse").alias("subject"),
            pl.format("prov-{}-spouse-1", "section_id").alias("relative_id"), "section_id"),
    ]).with_columns(pl.lit("original").alias("kind"), pl.lit("declarator").alias("source"))
    incomes = pl.concat([
        self_decl.select("load_id", pl.format("D{}-self", "section_id").alias("declaration_id"),
                         (pl.col("income0") * pl.col("drift")).round(0).alias("amount")),
        self_decl.filter("has_spouse").select("load_id", pl.format("D{}-spouse", "section_id").alias("declaration_id"),
                                              (pl.col("spouse0") * pl.col("drift")).round(0).alias("amount")),
    ]).with_columns(pl.lit("other").alias("income_type"))
    estates = pl.concat([
        self_decl.filter("keeps_flat").select("load_id", pl.format("D{}-self", "section_id").alias("declaration_id"),
                                              pl.lit("flat").alias("object_type"), pl.col("flat").cast(pl.Float64).alias("area")),
        self_decl.filter("has_land").select("load_id", pl.format("D{}-self", "section_id").alias("declaration_id"),
                                            pl.lit("land").alias("object_type"), pl.col("land").cast(pl.Float64).alias("area")),
    ]).with_columns(pl.lit("owned").alias("holding"))
    cars = self_decl.filter(pl.col("cars") > 0).select(
        "load_id", pl.format("D{}-self", "section_id").alias("declaration_id"),
        pl.col("car").replace_strict(list(range(len(MAKES))), MAKES, return_dtype=pl.Utf8).alias("text"))
    vehicles = cars.with_columns(pl.lit("car").alias("vehicle_type"), pl.col("text").str.split(" ").list.first().alias("make"))
    return {"servants": servants, "declarations": declarations, "incomes": incomes, "real_estate": estates,
            "vehicles": vehicles}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--sections", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    tables = generate_public(args.sections, args.seed)
    for name, frame in tables.items():
        frame.write_parquet(args.out / f"{name}.parquet")
    (args.out / "summary.json").write_text(json.dumps({k: v.height for k, v in tables.items()}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
