"""Д — vehicles year over year: a vehicle gone without a sale, one the previous справка left out."""

from __future__ import annotations

from checks.flags import Flag
from checks.history import (gone_without_sale, PAIR_SELECT, add_other_side, asset_key, gap_note, pair_evidence, pair_identity, row_struct,
                            source_join, unmatched)
from checks.rules import Context, Rule, date_ru, describe_pair, describe_vehicle, rule, subject_ru

KIND = "vehicle"


@rule("VEHICLE_DISAPPEARED", family="Д", severity="high", title="Транспорт исчез без продажи",
      template=("{subject}: {object} из справки за {prev_year} год нет в справке за {year} год, "
                "доход от продажи не указан{gap}"),
      describe=describe_pair)
def vehicle_disappeared(ctx: Context, self: Rule) -> list[Flag]:
    return gone_without_sale(
        ctx, self, KIND, family_table="chk_vehicle", sale_words_option="vehicle_sale_words", describe=describe_vehicle,
        sold_sql="""EXISTS (SELECT 1 FROM chk_sales s WHERE s.person_id = pr.person_id AND s.vehicle_sale
                                         AND s.year > pr.prev_year AND s.year <= pr.cur_year)""")


@rule("VEHICLE_APPEARED", family="Д", severity="medium", title="Транспорт не указан в прошлой справке",
      template=("{subject}: транспортное средство {object}, приобретенное {acquired}, впервые указано в справке "
                "за {year} год, в справке за {prev_year} год его нет{gap}"),
      describe=describe_pair)
def vehicle_appeared(ctx: Context, self: Rule) -> list[Flag]:
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(KIND, 'src')} AS cur_row, {asset_key(KIND, 'u')} AS asset_key, u.acquired_on
        FROM {unmatched(ctx, KIND, 'cur')} u JOIN chk_pairs pr ON pr.pair_id = u.pair_id
        {source_join(KIND, 'src', 'u.rid')}
        WHERE u.acquired_on IS NOT NULL AND u.acquired_on <= pr.prev_end
          -- declared before by another member of the family (the same registration plate): not left out
          AND NOT (u.ident IS NOT NULL AND EXISTS (
                SELECT 1 FROM chk_vehicle f
                WHERE f.person_id = pr.person_id AND f.year >= pr.prev_year AND f.year < pr.cur_year
                  AND f.ident = u.ident))
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags, sides = [], []
    for row in found:
        evidence = pair_evidence(row, KIND)
        sides.append((row, evidence))
        evidence["reason_text"] = f"приобретено {date_ru(row['acquired_on'])}, до конца {row['prev_year']} года"
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            object=describe_vehicle(row["cur_row"], full=False), acquired=date_ru(row["acquired_on"]),
            prev_year=row["prev_year"], gap=gap_note(row)))
    add_other_side(ctx, KIND, sides, "previous")
    return flags
