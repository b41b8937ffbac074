"""Tests of the large-scale matching data generator (sample_data/scale.py)."""

from __future__ import annotations

import polars as pl
import pytest

from sample_data import names as N
from sample_data.ids import is_valid_inn
from sample_data.scale import (NOISE_KINDS, OFFICERS_SCHEMA, PERSONS_SCHEMA, TRUTH_SCHEMA, female_forms,
                               generate_scale, main, surname_vocabulary)

FEMININE_ENDINGS = ("ова", "ева", "ёва", "ина", "ына", "ая")


def _read(path):
    return (pl.read_parquet(path / "persons.parquet"), pl.read_parquet(path / "officers.parquet"),
            pl.read_parquet(path / "truth.parquet"))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("scale_small")
    counts = generate_scale(out, persons=2000, officers=10_000, seed=1)
    return out, counts


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    out = tmp_path_factory.mktemp("scale_wide")
    generate_scale(out, persons=2000, officers=200_000, seed=1)
    return out


def _parts(names: pl.Series) -> pl.DataFrame:
    s = names.str.split(" ")
    return pl.DataFrame({"sur": s.list.get(0, null_on_oob=True), "given": s.list.get(1, null_on_oob=True),
                         "patr": s.list.get(2, null_on_oob=True)})


def test_schemas_counts_and_ids(small):
    out, counts = small
    persons, officers, truth = _read(out)
    assert dict(persons.schema) == PERSONS_SCHEMA
    assert dict(officers.schema) == OFFICERS_SCHEMA
    assert dict(truth.schema) == TRUTH_SCHEMA
    assert persons.height == counts["persons"] == 2000
    assert officers.height == counts["officers"] == 10_000
    assert officers["officer_idx"].to_list() == list(range(10_000))
    # ids: one servant row per person_id, relative ids unique and prefixed by their servant's id
    assert persons.filter(pl.col("relation") == "self").select(pl.col("person_id").is_unique().all()).item()
    assert persons.filter(pl.col("relation") == "self")["relative_id"].null_count() == counts["servants"]
    rel = persons.filter(pl.col("relation") != "self")
    assert rel["relative_id"].null_count() == 0 and rel["relative_id"].is_unique().all()
    assert rel.select(pl.col("relative_id").str.starts_with(pl.col("person_id") + "-").all()).item()
    assert set(persons["relation"].unique()) <= {"self", "spouse", "son", "daughter", "father", "mother"}
    assert 2.4 <= persons.height / counts["servants"] <= 3.6  # a servant and about two relatives
    # names: three words, valid INNs, one INN and one name per company
    assert persons["full_name"].str.count_matches(" ").eq(2).all()
    assert all(is_valid_inn(x) for x in persons["inn"].drop_nulls())
    assert persons["inn"].drop_nulls().is_unique().all()
    assert all(is_valid_inn(x) for x in officers["company_inn"].unique())
    assert officers.group_by("company_inn").agg(pl.col("company_name").n_unique())["company_name"].max() == 1
    assert officers["person_inn"].null_count() == officers.height
    assert officers["until"].null_count() == officers.height
    assert 0.6 < officers["birth_date"].is_not_null().mean() < 0.8
    assert set(officers["role"].unique()) == {"director", "founder", "board"}
    founders = officers.filter(pl.col("role") == "founder")
    assert founders["share_pct"].null_count() == 0
    assert officers.filter(pl.col("role") != "founder")["share_pct"].null_count() == officers.height - founders.height


def test_planted_truth(small):
    out, counts = small
    persons, officers, truth = _read(out)
    assert truth.height == counts["planted"] == 100  # 1 % of the officers
    assert set(truth["noise"]) == set(NOISE_KINDS)
    assert truth["officer_idx"].is_unique().all()
    people = persons.with_columns(who=pl.coalesce("relative_id", "person_id"))
    rows = truth.join(officers, on="officer_idx").join(people, on="who", how="left", suffix="_p")
    assert rows["full_name"].null_count() == 0  # every planted row points to an existing person
    assert (rows["birth_date_p"].dt.year() <= 2004).all()  # officers are adults
    assert (rows["since"].dt.year() >= rows["birth_date_p"].dt.year() + 19).all()  # ... when their role begins
    assert rows.filter(pl.col("birth_date").is_not_null()).select(
        (pl.col("birth_date") == pl.col("birth_date_p")).all()).item()
    by_kind = {k: rows.filter(pl.col("noise") == k) for k in NOISE_KINDS}
    ex = by_kind["exact"]
    assert (ex["person_name"] == ex["full_name"]).all()
    yo = by_kind["yo"]
    assert yo["full_name"].str.contains("ё").all() and (yo["person_name"] == yo["full_name"].str.replace_all("ё", "е")
                                                      .str.replace_all("Ё", "Е")).all()
    assert by_kind["translit"]["person_name"].str.contains("^[A-Za-z .'-]+$").all()
    assert by_kind["initials"]["person_name"].str.contains(r"^\S+ \S\. ?\S\.$").all()
    mn = by_kind["maiden_name"]
    assert (mn["person_name"] == mn["former_names"]).all() and (mn["person_name"] != mn["full_name"]).all()
    for r in by_kind["word_order"].iter_rows(named=True):
        sur, given, patr = r["full_name"].split(" ")
        assert r["person_name"] == f"{given} {patr} {sur}"
    for r in by_kind["gender_form"].iter_rows(named=True):
        assert r["person_name"] != r["full_name"] and r["person_name"].split(" ")[1:] == r["full_name"].split(" ")[1:]
    for r in by_kind["typo"].iter_rows(named=True):
        assert r["person_name"] != r["full_name"]


def test_gender_forms_and_families(small):
    out, _ = small
    persons, officers, truth = _read(out)
    female = set(N.FEMALE_NAMES)
    strangers = officers.join(truth, on="officer_idx", how="anti")
    for names in (persons["full_name"], strangers["person_name"]):
        parts = _parts(names).with_columns(female=pl.col("given").is_in(pl.Series(sorted(female)).implode()))
        women, men = parts.filter("female"), parts.filter(~pl.col("female"))
        assert (women["sur"] == female_forms(women["sur"])).all()  # «Иванова», never «Иванов Мария»
        for end in FEMININE_ENDINGS:
            assert not men["sur"].str.ends_with(end).any(), end
        assert women["patr"].str.ends_with("на").all() and men["patr"].str.ends_with("ич").all()
    # children carry the father's surname and a patronymic from his given name
    fam = persons.with_columns(_parts(persons["full_name"]))
    checked = 0
    for (pid,), g in fam.group_by("person_id"):
        men = g.filter(pl.col("relation").is_in(["self", "spouse"]) & pl.col("patr").str.ends_with("ич"))
        kids = g.filter(pl.col("relation").is_in(["son", "daughter"]))
        if men.height != 1 or kids.height == 0:
            continue
        dad = men.row(0, named=True)
        for k in kids.iter_rows(named=True):
            male = k["relation"] == "son"
            assert k["patr"] == N.patronymic(dad["given"], male)
            if male or k["birth_date"].year > 2024 - 23:  # grown-up daughters may have married
                assert k["sur"] == N.surname_form(dad["sur"], male)
                checked += 1
    assert checked > 100


def test_top_surname_share(wide):
    officers = pl.read_parquet(wide / "officers.parquet", columns=["person_name"])
    sur = _parts(officers["person_name"])["sur"]
    share = sur.is_in(["Иванов", "Иванова"]).mean()
    assert 0.009 < share < 0.016, share
    top = sur.value_counts(sort=True)
    assert top["sur"][0] in ("Иванов", "Смирнов")
    # a long tail: thousands of distinct surnames, no absurd namesake blocks
    assert sur.n_unique() > 50_000
    assert officers["person_name"].value_counts()["count"].max() < 40


def test_vocabulary():
    v = surname_vocabulary(300_000, 1)
    assert len(v) == 300_000 and v.is_unique().all()
    assert v[0] == "Иванов" and v.head(len(N.SURNAMES_FAMILY)).to_list() == N.SURNAMES_FAMILY
    assert (female_forms(v).to_list() == [N.female_surname(s) for s in v.to_list()])
    invariant = (female_forms(v) == v).mean()
    assert 0.08 < invariant < 0.25


def test_deterministic_and_cli(small, tmp_path):
    out, _ = small
    surname_vocabulary.cache_clear()  # the vocabulary, too, must come out the same
    main(["--out", str(tmp_path), "--persons", "2000", "--officers", "10000", "--seed", "1"])
    for a, b in zip(_read(out), _read(tmp_path)):
        assert a.equals(b)
