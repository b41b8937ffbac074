"""Д — vehicles year over year: a vehicle gone without a sale, one the previous справка left out."""

from __future__ import annotations

from checks.flags import Flag
from checks.history import PAIR_SELECT, gap_note, pair_evidence, pair_identity
from checks.identity.events import gone_without_sale, moved_in_family
from checks.identity.matching import add_other_side, asset_key, match_evidence, row_struct, source_join, unmatched
from checks.rules import Context, Rule, date_ru, describe_vehicle, rule, subject_ru

KIND = "vehicle"


@rule("VEHICLE_DISAPPEARED")
def vehicle_disappeared(ctx: Context, self: Rule) -> list[Flag]:
    return gone_without_sale(ctx, self, KIND, sale_flag="vehicle_sale", sale_words=ctx.settings.checks.vehicle_sale_words,
                             describe=describe_vehicle)


@rule("VEHICLE_APPEARED")
def vehicle_appeared(ctx: Context, self: Rule) -> list[Flag]:
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(KIND, 'src')} AS cur_row, {asset_key(KIND, 'u')} AS asset_key, u.acquired_on
        FROM {unmatched(ctx, KIND, 'cur')} u JOIN chk_pairs pr ON pr.pair_id = u.pair_id
        {source_join(KIND, 'src', 'u.rid')}
        WHERE u.acquired_on IS NOT NULL AND u.acquired_on <= pr.prev_end
          -- declared before by another member of the family: not left out
          AND NOT {moved_in_family(ctx, KIND, 'cur')}
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags, sides = [], []
    for row in found:
        evidence = pair_evidence(row, KIND)
        sides.append((row, evidence))
        evidence.update(match_evidence(KIND, None, None))
        evidence["reason_text"] = f"приобретено {date_ru(row['acquired_on'])}, до конца {row['prev_year']} года"
        flags.append(self.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            object=describe_vehicle(row["cur_row"], full=False), acquired=date_ru(row["acquired_on"]),
            prev_year=row["prev_year"], gap=gap_note(row)))
    add_other_side(ctx, KIND, sides, "previous")
    return flags
